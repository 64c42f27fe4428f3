import type { LogTemplate, TemplateList } from '../../../../shared/model';
import type { Db } from '../open';

/** Group text, falling back to the atom's own shape while an import has not regrouped yet. */
const GROUPS = `SELECT a.group_id AS id, coalesce(t.template, g.shape) AS template, sum(a.events) AS events
  FROM template_atoms a JOIN template_atoms g ON g.id = a.group_id LEFT JOIN templates t ON t.id = a.group_id`;

/** Reading the log templates assigned at import (see detect/templates/case-templates). */
export function templatesRepo(db: Db) {
  return {
    list(order: 'common' | 'rare', limit: number): TemplateList {
      const dir = order === 'rare' ? 'ASC' : 'DESC';
      const templates = db.prepare(`${GROUPS} GROUP BY a.group_id HAVING sum(a.events) > 0 ORDER BY events ${dir}, id LIMIT ?`).all(limit) as LogTemplate[];
      const totals = db
        .prepare('SELECT count(*) AS total, ifnull(sum(n), 0) AS assigned FROM (SELECT sum(events) AS n FROM template_atoms GROUP BY group_id HAVING n > 0)')
        .get() as { total: number; assigned: number };
      const all = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
      return { templates, total: totals.total, assigned: totals.assigned, unassigned: Math.max(0, all - totals.assigned) };
    },
    get(id: number): LogTemplate | null {
      return (db.prepare(`${GROUPS} WHERE a.group_id = ? GROUP BY a.group_id`).get(id) as LogTemplate | undefined) ?? null;
    },
    /** The template of one event, or null when it has none. */
    ofEvent(eventId: number): LogTemplate | null {
      const group = db.prepare('SELECT a.group_id FROM event_atoms e JOIN template_atoms a ON a.id = e.atom WHERE e.event_id = ?').pluck().get(eventId) as number | undefined;
      return group === undefined ? null : this.get(group);
    },
  };
}

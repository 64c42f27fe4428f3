import type { LogTemplate, TemplateList } from '../../../../shared/model';
import { countPlan } from '../../search/count';
import { matchingRows, planSearch, type Plan } from '../../search/plan';
import { stmt } from '../../search/stmt-cache';
import type { Db } from '../open';

/** A group's text (`g` the group's atom), or the atom's own shape while an import has not regrouped yet. */
const TEXT = 'coalesce(t.template, g.shape)';
const GROUPS = `SELECT a.group_id AS id, ${TEXT} AS template, sum(a.events) AS events
  FROM template_atoms a JOIN template_atoms g ON g.id = a.group_id LEFT JOIN templates t ON t.id = a.group_id`;

/** Events per template among the events a plan matches. */
function matchedGroups(db: Db, p: Plan): Map<number, number> {
  if (p.empty) return new Map();
  const counts = (fts: string | null): [number, number][] => {
    const m = matchingRows(fts, p.where);
    const sql = `SELECT ta.group_id, count(*) FROM ${m.from} JOIN event_atoms ea ON ea.event_id = e.id JOIN template_atoms ta ON ta.id = ea.atom WHERE ${m.where} GROUP BY ta.group_id`;
    return stmt(db, sql, 'raw').all(...m.params) as [number, number][];
  };
  const out = new Map(counts(p.fts));
  // Exclusion as a difference, as the count and the histogram do.
  if (p.fts === null && p.notFts !== null) for (const [g, n] of counts(p.notFts)) out.set(g, (out.get(g) ?? 0) - n);
  return out;
}

/** Reading the log templates assigned at import (see detect/templates/case-templates). */
export function templatesRepo(db: Db) {
  return {
    /** The templates of the events matching a query and time range, counted among those events. */
    listMatching(filter: { query?: string; from?: string; to?: string }, order: 'common' | 'rare', limit: number): TemplateList {
      const p = planSearch(db, filter);
      const groups = [...matchedGroups(db, p)].filter(([, n]) => n > 0);
      groups.sort((a, b) => (order === 'rare' ? a[1] - b[1] : b[1] - a[1]) || a[0] - b[0]);
      const text = stmt(db, `SELECT ${TEXT} FROM template_atoms g LEFT JOIN templates t ON t.id = g.id WHERE g.id = ?`, 'pluck');
      const templates = groups.slice(0, limit).map(([id, events]) => ({ id, template: text.get(id) as string, events }));
      const assigned = groups.reduce((a, [, n]) => a + n, 0);
      return { templates, total: groups.length, assigned, unassigned: Math.max(0, countPlan(db, p).total - assigned) };
    },
    list(order: 'common' | 'rare', limit: number): TemplateList {
      const dir = order === 'rare' ? 'ASC' : 'DESC';
      const templates = stmt(db, `${GROUPS} GROUP BY a.group_id HAVING sum(a.events) > 0 ORDER BY events ${dir}, id LIMIT ?`).all(limit) as LogTemplate[];
      const totals = stmt(
        db,
        'SELECT count(*) AS total, ifnull(sum(n), 0) AS assigned FROM (SELECT sum(events) AS n FROM template_atoms GROUP BY group_id HAVING n > 0)',
      ).get() as { total: number; assigned: number };
      const all = stmt(db, 'SELECT count(*) FROM events', 'pluck').get() as number;
      return { templates, total: totals.total, assigned: totals.assigned, unassigned: Math.max(0, all - totals.assigned) };
    },
    get(id: number): LogTemplate | null {
      return (stmt(db, `${GROUPS} WHERE a.group_id = ? GROUP BY a.group_id`).get(id) as LogTemplate | undefined) ?? null;
    },
    /** The template of one event, or null when it has none. */
    ofEvent(eventId: number): LogTemplate | null {
      const group = stmt(db, 'SELECT a.group_id FROM event_atoms e JOIN template_atoms a ON a.id = e.atom WHERE e.event_id = ?', 'pluck').get(eventId) as
        | number
        | undefined;
      return group === undefined ? null : this.get(group);
    },
  };
}

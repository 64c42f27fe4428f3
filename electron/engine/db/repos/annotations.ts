import { createHash } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import { writeTransaction, type Db } from '../open';
import { ledgerRepo } from './ledger';

export interface Annotation {
  eventId: number;
  starred: boolean;
  tags: { name: string; color: string }[];
  notes: { id: number; text: string; at: string; actor: string }[];
}

/** Colours given to new tags in turn; readable on light and dark backgrounds. */
const TAG_PALETTE = ['#d9480f', '#1971c2', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#e03131', '#5c940d', '#6741d9', '#c2255c'];

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Stars, tags, notes and the notebook. Each change is made in one transaction with the
 * custody ledger entry that records it, so the ledger always says who did what to which event.
 */
export function annotationsRepo(db: Db, actor: string) {
  const ledger = ledgerRepo(db);
  const eventExists = db.prepare('SELECT 1 FROM events WHERE id = ?').pluck();
  const requireEvent = (id: number) => {
    if (!eventExists.get(id)) throw new AppError('not_found', `There is no event ${id} in this case.`, { eventId: id });
  };

  const get = (eventId: number): Annotation => ({
    eventId,
    starred: db.prepare('SELECT 1 FROM stars WHERE event_id = ?').pluck().get(eventId) !== undefined,
    tags: db
      .prepare('SELECT t.name, t.color FROM event_tags et JOIN tags t ON t.name = et.tag WHERE et.event_id = ? ORDER BY et.at, t.name')
      .all(eventId) as Annotation['tags'],
    notes: db.prepare('SELECT id, text, at, actor FROM notes WHERE event_id = ? ORDER BY id').all(eventId) as Annotation['notes'],
  });

  const now = () => new Date().toISOString();

  return {
    get(eventId: number): Annotation {
      requireEvent(eventId);
      return get(eventId);
    },

    star(eventId: number, starred: boolean): Annotation {
      requireEvent(eventId);
      writeTransaction(db, () => {
        const changed = starred
          ? db.prepare('INSERT OR IGNORE INTO stars (event_id, at) VALUES (?, ?)').run(eventId, now()).changes
          : db.prepare('DELETE FROM stars WHERE event_id = ?').run(eventId).changes;
        if (changed) ledger.append({ actor, action: starred ? 'event.star' : 'event.unstar', subject: String(eventId) });
      })();
      return get(eventId);
    },

    tag(eventId: number, name: string, remove = false): Annotation {
      requireEvent(eventId);
      const tag = name.trim();
      if (!tag) throw new AppError('invalid_input', 'A tag needs a name.');
      // It reads (is the tag known?) before it writes: take the write lock first, or an import
      // committing in between makes it fail at once (see import.job's receive).
      writeTransaction(db, () => {
        if (remove) {
          const n = db.prepare('DELETE FROM event_tags WHERE event_id = ? AND tag = ?').run(eventId, tag).changes;
          if (n) ledger.append({ actor, action: 'event.untag', subject: String(eventId), details: { tag } });
          return;
        }
        const known = db.prepare('SELECT name FROM tags WHERE name = ?').pluck().get(tag) as string | undefined;
        if (known === undefined) {
          const count = db.prepare('SELECT count(*) FROM tags').pluck().get() as number;
          db.prepare('INSERT INTO tags (name, color) VALUES (?, ?)').run(tag, TAG_PALETTE[count % TAG_PALETTE.length]);
        }
        const stored = known ?? tag;
        const n = db.prepare('INSERT OR IGNORE INTO event_tags (event_id, tag, at) VALUES (?, ?, ?)').run(eventId, stored, now()).changes;
        if (n) ledger.append({ actor, action: 'event.tag', subject: String(eventId), details: { tag: stored } });
      })();
      return get(eventId);
    },

    note(eventId: number, text: string): Annotation {
      requireEvent(eventId);
      if (!text.trim()) throw new AppError('invalid_input', 'The note is empty.');
      writeTransaction(db, () => {
        const at = now();
        const id = Number(db.prepare('INSERT INTO notes (event_id, text, at, actor) VALUES (?, ?, ?, ?)').run(eventId, text, at, actor).lastInsertRowid);
        // The ledger holds the note's digest, so the note is bound into the tree without copying it.
        ledger.append({ actor, action: 'event.note', subject: String(eventId), details: { noteId: id, sha256: sha256(text), length: text.length } });
      })();
      return get(eventId);
    },

    starred(offset: number, limit: number): { eventIds: number[]; total: number } {
      const total = db.prepare('SELECT count(*) FROM stars').pluck().get() as number;
      const eventIds = db.prepare('SELECT event_id FROM stars ORDER BY event_id LIMIT ? OFFSET ?').pluck().all(limit, offset) as number[];
      return { eventIds, total };
    },

    tags(): { name: string; color: string; count: number }[] {
      return db
        .prepare('SELECT t.name, t.color, count(et.event_id) AS count FROM tags t LEFT JOIN event_tags et ON et.tag = t.name GROUP BY t.name ORDER BY t.name')
        .all() as { name: string; color: string; count: number }[];
    },

    tagColor(name: string, color: string): { name: string; color: string } {
      const stored = db.prepare('SELECT name FROM tags WHERE name = ?').pluck().get(name.trim()) as string | undefined;
      if (stored === undefined) throw new AppError('not_found', `There is no tag "${name}".`);
      db.prepare('UPDATE tags SET color = ? WHERE name = ?').run(color.toLowerCase(), stored);
      return { name: stored, color: color.toLowerCase() };
    },

    notebook(): { text: string; updatedAt: string | null } {
      const row = db.prepare('SELECT text, at FROM notebook_revisions ORDER BY id DESC LIMIT 1').get() as { text: string; at: string } | undefined;
      return { text: row?.text ?? '', updatedAt: row?.at ?? null };
    },

    saveNotebook(text: string): { text: string; updatedAt: string } {
      const at = now();
      writeTransaction(db, () => {
        const id = Number(db.prepare('INSERT INTO notebook_revisions (text, at, actor) VALUES (?, ?, ?)').run(text, at, actor).lastInsertRowid);
        ledger.append({ actor, action: 'notebook.save', subject: String(id), details: { sha256: sha256(text), length: text.length } });
      })();
      return { text, updatedAt: at };
    },
  };
}

/** Saved searches and the search history: the analyst's working memory, not evidence. */
export function searchesRepo(db: Db) {
  return {
    list(): { id: number; name: string; query: string; createdAt: string }[] {
      return db.prepare('SELECT id, name, query, created_at AS createdAt FROM saved_searches ORDER BY name').all() as {
        id: number;
        name: string;
        query: string;
        createdAt: string;
      }[];
    },
    save(name: string, query: string): { id: number; name: string; query: string; createdAt: string } {
      const createdAt = new Date().toISOString();
      const row = db
        .prepare(
          `INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)
           ON CONFLICT(name) DO UPDATE SET query = excluded.query RETURNING id, name, query, created_at AS createdAt`,
        )
        .get(name.trim(), query, createdAt) as { id: number; name: string; query: string; createdAt: string };
      return row;
    },
    remove(id: number): boolean {
      return db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id).changes > 0;
    },
    addHistory(query: string): void {
      if (!query.trim()) return;
      db.prepare('INSERT INTO search_history (query, at) VALUES (?, ?)').run(query, new Date().toISOString());
    },
    history(limit: number): { query: string; at: string }[] {
      return db
        .prepare('SELECT query, max(at) AS at FROM search_history GROUP BY query ORDER BY max(id) DESC LIMIT ?')
        .all(limit) as { query: string; at: string }[];
    },
  };
}

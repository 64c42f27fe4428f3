/**
 * Log templates of a case, assigned as events are written. The miner's state is rebuilt
 * from the stored shapes (replayed in the order first seen, which rebuilds the same
 * groups), each new event links to its shape's atom, and when the import ends the groups
 * are written back: atom -> group, and each group's current template text.
 */
import type { Db } from '../../db/open';
import { createMiner, type Miner } from './miner';
import { tokenize } from './tokenize';

/** Characters of a message the miner reads: the event's shape is in its beginning. */
export const MINE_CHARS = 2000;
/**
 * Distinct message shapes a case keeps. The miner's memory grows with them; past this,
 * events with a shape never seen before are left without a template and counted.
 */
export const MAX_ATOMS = 200_000;

const WATERMARK = 'assigned_through';

export interface TemplateAssigner {
  /** Link one newly written event to its template; call in the event's transaction. */
  assign(eventId: number, message: string): void;
  /** Write the counts gathered since the last flush; call at the end of each batch's transaction. */
  flush(): void;
  /** Events left without a template because the case had MAX_ATOMS shapes already. */
  unassigned(): number;
}

function tokensOf(shape: string): string[] {
  return shape === '' ? [] : shape.split(' ');
}

/** A miner holding every shape of the case, and each miner atom's row id. */
function replay(db: Db): { miner: Miner; rowIds: number[] } {
  const miner = createMiner();
  const rowIds: number[] = [];
  for (const [id, shape] of db.prepare('SELECT id, shape FROM template_atoms ORDER BY id').raw().iterate() as IterableIterator<[number, string]>) {
    miner.observe(tokensOf(shape));
    rowIds.push(id);
  }
  return { miner, rowIds };
}

export function templateAssigner(db: Db): TemplateAssigner {
  const { miner, rowIds } = replay(db);
  const insertAtom = db.prepare('INSERT INTO template_atoms (shape, group_id) VALUES (?, 0) ON CONFLICT (shape) DO NOTHING');
  const atomByShape = db.prepare('SELECT id FROM template_atoms WHERE shape = ?').pluck();
  const setGroup = db.prepare('UPDATE template_atoms SET group_id = ? WHERE id = ?');
  const link = db.prepare('INSERT OR REPLACE INTO event_atoms (event_id, atom) VALUES (?, ?)');
  const addCount = db.prepare('UPDATE template_atoms SET events = events + ? WHERE id = ?');
  const pending = new Map<number, number>();
  let unassigned = 0;

  return {
    assign(eventId, message) {
      const toks = tokenize(message.length > MINE_CHARS ? message.slice(0, MINE_CHARS) : message);
      const atom = miner.observe(toks, miner.atoms() < MAX_ATOMS);
      if (atom < 0) {
        unassigned++;
        return;
      }
      if (atom === rowIds.length) {
        // A shape first seen now. Another import running at the same time may have stored
        // it already: then its row is the one to use.
        const shape = toks.join(' ');
        insertAtom.run(shape);
        const id = atomByShape.get(shape) as number;
        rowIds.push(id);
        // Until the import ends and regroups, the group is the one the miner has now.
        setGroup.run(rowIds[miner.resolve(atom)] as number, id);
      }
      const row = rowIds[atom] as number;
      link.run(eventId, row);
      pending.set(row, (pending.get(row) ?? 0) + 1);
    },
    flush() {
      for (const [row, n] of pending) addCount.run(n, row);
      pending.clear();
    },
    unassigned: () => unassigned,
  };
}

/**
 * Link the events written without a template (a case from before templates existed) to
 * theirs, oldest first. Returns how many were read.
 */
export function assignMissing(db: Db, assigner: TemplateAssigner, signal?: AbortSignal, onProgress?: (done: number) => void): number {
  const through = (db.prepare('SELECT value FROM template_meta WHERE key = ?').pluck().get(WATERMARK) as number | undefined) ?? 0;
  const last = (db.prepare('SELECT max(id) FROM events').pluck().get() as number | null) ?? 0;
  if (last <= through) return 0;
  const next = db.prepare(
    'SELECT e.id, e.message FROM events e WHERE e.id > ? AND NOT EXISTS (SELECT 1 FROM event_atoms a WHERE a.event_id = e.id) ORDER BY e.id LIMIT 10000',
  );
  const write = db.transaction((batch: [number, string][]) => {
    for (const [id, message] of batch) assigner.assign(id, message);
    assigner.flush();
  });
  let done = 0;
  let after = through;
  for (;;) {
    const batch = next.raw().all(after) as [number, string][];
    if (batch.length === 0 || signal?.aborted) break;
    write(batch);
    done += batch.length;
    onProgress?.(done);
    after = (batch[batch.length - 1] as [number, string])[0];
  }
  return done;
}

/**
 * Write the case's groups back after an import: rebuild the miner from every stored shape
 * in order, point each atom at its group, and rewrite the template texts. Costs one pass
 * over the distinct shapes, not the events.
 */
export function regroup(db: Db): { templates: number } {
  const { miner, rowIds } = replay(db);
  const setGroup = db.prepare('UPDATE template_atoms SET group_id = ? WHERE id = ? AND group_id <> ?');
  const putText = db.prepare('INSERT INTO templates (id, template) VALUES (?, ?)');
  let templates = 0;
  db.transaction(() => {
    for (let atom = 0; atom < rowIds.length; atom++) {
      const group = rowIds[miner.resolve(atom)] as number;
      setGroup.run(group, rowIds[atom] as number, group);
    }
    db.prepare('DELETE FROM templates').run();
    for (const t of miner.templates()) {
      putText.run(rowIds[t.id] as number, t.template);
      templates++;
    }
    const last = (db.prepare('SELECT max(id) FROM events').pluck().get() as number | null) ?? 0;
    db.prepare('INSERT INTO template_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(WATERMARK, last);
  })();
  return { templates };
}

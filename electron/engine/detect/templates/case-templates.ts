/**
 * Log templates of a case, assigned as events are written. The miner's state is rebuilt
 * from the stored shapes (replayed in the order first seen, which rebuilds the same
 * groups), each new event links to its shape's atom, and when the import ends the groups
 * are written back: atom -> group, and each group's current template text.
 */
import { writeTransaction, type Db } from '../../db/open';
import { createMiner, type Miner } from './miner';
import { templateShape } from './tokenize';

/**
 * Distinct message shapes a case keeps. The miner's memory grows with them; past this,
 * events with a shape never seen before are left without a template and counted.
 */
export const MAX_ATOMS = 200_000;

/** Links held in memory before they are written (about 16 MB of numbers). */
const LINK_BATCH = 1_000_000;

export interface TemplateAssigner {
  /** Give one newly written event its template; call in the event's transaction. */
  assign(eventId: number, message: string): void;
  /** The same with the message's shape computed beforehand (templateShape). */
  assignShape(eventId: number, shape: string): void;
  /**
   * Write the links gathered so far and their counts. Links are kept until then and written
   * template by template: one index position at a time instead of a scattered write per
   * event (that took an import of 300k lines from 12 s to 20 s). An import killed before
   * this leaves its events without templates; the next import gives them theirs.
   */
  commit(): void;
  /** At the end of an import: commit, then write the case's groups back (regroup). */
  finish(): void;
  /** Events left without a template because the case had MAX_ATOMS shapes already. */
  unassigned(): number;
}

/** A miner holding every shape of the case, and each miner atom's row id. */
function replay(db: Db): { miner: Miner; rowIds: number[] } {
  const miner = createMiner();
  const rowIds: number[] = [];
  for (const [id, shape] of db.prepare('SELECT id, shape FROM template_atoms ORDER BY id').raw().iterate() as IterableIterator<[number, string]>) {
    miner.observeShape(shape);
    rowIds.push(id);
  }
  return { miner, rowIds };
}

export function templateAssigner(db: Db): TemplateAssigner {
  const { miner, rowIds } = replay(db);
  const insertAtom = db.prepare('INSERT INTO template_atoms (shape, group_id) VALUES (?, 0) ON CONFLICT (shape) DO NOTHING');
  const atomByShape = db.prepare('SELECT id FROM template_atoms WHERE shape = ?').pluck();
  const setGroup = db.prepare('UPDATE template_atoms SET group_id = ? WHERE id = ?');
  // An import running at the same time may have linked some of these events already (as
  // events without a template, before this import wrote its links): the first link stays.
  const link = db.prepare('INSERT OR IGNORE INTO event_atoms (event_id, atom) VALUES (?, ?)');
  const addCount = db.prepare('UPDATE template_atoms SET events = events + ? WHERE id = ?');
  // Per atom row: the events given it since the last commit, in the order written.
  let pending = new Map<number, number[]>();
  let held = 0;
  let unassigned = 0;

  const commit = writeTransaction(db, () => {
    const atoms = [...pending.keys()].sort((a, b) => a - b);
    for (const row of atoms) {
      let linked = 0;
      for (const id of pending.get(row) as number[]) linked += link.run(id, row).changes;
      if (linked > 0) addCount.run(linked, row);
    }
    pending = new Map();
    held = 0;
  });

  const assignShape = (eventId: number, shape: string): void => {
    const atom = miner.observeShape(shape, miner.atoms() < MAX_ATOMS);
    if (atom < 0) {
      unassigned++;
      return;
    }
    if (atom === rowIds.length) {
      // A shape first seen now. Another import running at the same time may have stored
      // it already: then its row is the one to use.
      insertAtom.run(shape);
      const id = atomByShape.get(shape) as number;
      rowIds.push(id);
      // Until the import ends and regroups, the group is the one the miner has now.
      setGroup.run(rowIds[miner.resolve(atom)] as number, id);
    }
    const row = rowIds[atom] as number;
    let list = pending.get(row);
    if (!list) pending.set(row, (list = []));
    list.push(eventId);
    if (++held >= LINK_BATCH) commit();
  };

  return {
    assign: (eventId, message) => assignShape(eventId, templateShape(message)),
    assignShape,
    commit: () => commit(),
    finish() {
      commit();
      regroup(db);
    },
    unassigned: () => unassigned,
  };
}

/**
 * Give the events that have no template theirs, oldest first: those of a case from before
 * templates existed, and those of an import killed before it wrote its links. Returns how
 * many were read. Every import starts with this: when each event has its link (two counts
 * agree, read from indexes) the events are not read at all.
 */
export function assignMissing(db: Db, assigner: TemplateAssigner, signal?: AbortSignal, onProgress?: (done: number) => void): number {
  const unlinked = db.prepare('SELECT (SELECT count(*) FROM events) - (SELECT count(*) FROM event_atoms)').pluck().get() as number;
  if (unlinked === 0) return 0;
  const next = db.prepare(
    'SELECT e.id, e.message FROM events e WHERE e.id > ? AND NOT EXISTS (SELECT 1 FROM event_atoms a WHERE a.event_id = e.id) ORDER BY e.id LIMIT 10000',
  );
  let done = 0;
  let after = 0;
  for (;;) {
    const batch = next.raw().all(after) as [number, string][];
    if (batch.length === 0 || signal?.aborted) break;
    for (const [id, message] of batch) assigner.assign(id, message);
    done += batch.length;
    onProgress?.(done);
    after = (batch[batch.length - 1] as [number, string])[0];
  }
  assigner.commit();
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
  writeTransaction(db, () => {
    for (let atom = 0; atom < rowIds.length; atom++) {
      const group = rowIds[miner.resolve(atom)] as number;
      setGroup.run(group, rowIds[atom] as number, group);
    }
    db.prepare('DELETE FROM templates').run();
    for (const t of miner.templates()) {
      putText.run(rowIds[t.id] as number, t.template);
      templates++;
    }
  })();
  return { templates };
}

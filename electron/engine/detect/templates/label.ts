/**
 * Two-phase labelling: mine every message in one pass, then give each line the final
 * id of the group it ended up in (groups can merge after a line was first seen).
 */
import { createMiner, type Miner, type MinerOptions } from './miner';

/** The final group id of each message, in input order. */
export function mineLabels(contents: readonly string[], opts?: MinerOptions): number[] {
  const miner: Miner = createMiner(opts);
  const ids = contents.map((c) => miner.add(c).templateId);
  return ids.map((id) => miner.resolve(id));
}

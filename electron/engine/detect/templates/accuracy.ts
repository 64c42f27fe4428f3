/**
 * Grouping accuracy (GA) as defined by the loghub benchmark: a line counts as correct
 * iff the set of lines in its predicted group is exactly the set of lines in its
 * ground-truth group. Labels are opaque; only the partition they induce matters.
 */
export function groupingAccuracy(truth: readonly string[], predicted: readonly (string | number)[]): number {
  if (truth.length !== predicted.length) throw new Error('truth and predicted differ in length');
  if (truth.length === 0) return 1;
  const truthSize = new Map<string, number>();
  for (const t of truth) truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
  // For each predicted group: its size and the single truth label it holds (null = mixed).
  const groups = new Map<string | number, { size: number; label: string | null }>();
  for (let i = 0; i < truth.length; i++) {
    const p = predicted[i] as string | number;
    const t = truth[i] as string;
    const g = groups.get(p);
    if (!g) groups.set(p, { size: 1, label: t });
    else {
      g.size++;
      if (g.label !== t) g.label = null;
    }
  }
  let correct = 0;
  for (const g of groups.values()) if (g.label !== null && truthSize.get(g.label) === g.size) correct += g.size;
  return correct / truth.length;
}

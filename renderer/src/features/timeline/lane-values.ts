import type { Stats } from '../../../../shared/model';
import { baseName } from '../events/columns';
import { useTemplates } from '../templates/use-templates';
import { MAX_LANES, type LaneField, type LaneValue } from './use-histograms';

/** Lane labels are short; the full value is in the lane's tooltip. */
function short(text: string): string {
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

/**
 * The values the timeline draws a lane for: the top hosts, users or sources of the case's
 * stats, or its most common log templates (asked for only while lanes are by template).
 */
export function useLaneValues(stats: Stats | null, field: LaneField, epoch: number): LaneValue[] {
  const templates = useTemplates('common', MAX_LANES, epoch, field === 'template').list;
  const plain = (value: string) => ({ value, label: short(value), title: value });
  if (field === 'template') return (templates?.templates ?? []).map((t) => ({ value: String(t.id), label: short(`#${t.id} ${t.template}`), title: `template:${t.id} ${t.template}` }));
  if (!stats || field === 'none') return [];
  if (field === 'host') return stats.byHost.map((r) => plain(r.value));
  if (field === 'user') return stats.byUser.map((r) => plain(r.value));
  return stats.bySource.map((r) => ({ value: r.file, label: short(baseName(r.file)), title: r.file }));
}

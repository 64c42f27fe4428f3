import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createMiner } from '../../electron/engine/detect/templates/miner';
const [file, ev] = process.argv.slice(2);
const rows = parse(readFileSync(file!), { columns: true }) as { Content: string; EventId: string }[];
const m = createMiner();
const ids = rows.map((r) => m.add(r.Content).templateId);
const target = new Set(rows.map((r, i) => (r.EventId === ev ? m.resolve(ids[i]!) : -1)));
for (const g of target) if (g >= 0) {
  console.log('group', g, m.template(g));
  const evs = new Map<string, number>();
  rows.forEach((r, i) => { if (m.resolve(ids[i]!) === g) evs.set(r.EventId, (evs.get(r.EventId) ?? 0) + 1); });
  console.log('  ', [...evs].map(([e, n]) => `${e}:${n}`).join(' '));
}

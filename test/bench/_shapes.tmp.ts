import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { tokenize } from '/work/main/electron/engine/detect/templates/tokenize';
const [file, ev] = process.argv.slice(2);
const rows = parse(readFileSync(file!), { columns: true }) as { Content: string; EventId: string }[];
const m = new Map<string, number>();
for (const r of rows) if (r.EventId === ev) { const s = tokenize(r.Content).join(' '); m.set(s, (m.get(s) ?? 0) + 1); }
for (const [s, n] of m) console.log(n, s);

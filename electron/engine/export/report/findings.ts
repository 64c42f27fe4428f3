import { CONTENT_W, MUTED, type Pager } from './layout';
import { fmtInt } from './sanitize';
import { Table, type CellPart } from './table';
import type { ReportInput } from './types';

/** Findings in the selection, or a plain line saying there are none. */
export function drawFindings(p: Pager, findings: ReportInput['findings']): void {
  p.heading('Findings', 50);
  const list = Array.isArray(findings) ? findings : [];
  if (list.length === 0) {
    p.paragraph('No findings were recorded for this selection.', { color: MUTED });
    return;
  }
  const fixed = 52 + 120 + 46 + 62;
  const table = new Table(p, [
    { title: 'Severity', width: 52, face: 'bold' },
    { title: 'Finding', width: CONTENT_W - fixed },
    { title: 'Rule', width: 120, face: 'mono', maxLines: 2 },
    { title: 'Events', width: 46, align: 'right' },
    { title: 'Status', width: 62 },
  ], { size: 8 });
  table.begin(2);
  for (const f of list) {
    const title: CellPart[] = [{ text: f.title, face: 'bold', maxLines: 2 }];
    if (f.note) title.push({ text: f.note, color: MUTED, maxLines: 4 });
    table.row([f.severity, title, f.rule, fmtInt(Number(f.eventCount)), f.status]);
  }
  table.end();
}

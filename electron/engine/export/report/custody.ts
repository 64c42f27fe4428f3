import { CONTENT_W, MUTED, type Pager } from './layout';
import { fmtInt, fmtTime } from './sanitize';
import { Table, type CellPart } from './table';
import type { ReportInput } from './types';

/** Every custody ledger entry given, in order; a long summary is cut after a few lines. */
export function drawCustody(p: Pager, custody: ReportInput['custody']): void {
  p.heading('Custody log', 50);
  const list = Array.isArray(custody) ? custody : [];
  p.paragraph(
    `${fmtInt(list.length)} ledger ${list.length === 1 ? 'entry' : 'entries'}, in ledger order. Each is a leaf of the signed Merkle tree; ledger.jsonl and proofs/ in the bundle hold the full entries and their inclusion proofs.`,
    { size: 8, color: MUTED, gap: 6 },
  );
  if (list.length === 0) return;
  const timeW = p.width('0000-00-00 00:00:00.000000', { size: 7.5 }) + 6;
  const fixed = 34 + timeW + 74 + 84;
  const table = new Table(p, [
    { title: 'Seq', width: 34, align: 'right' },
    { title: 'Time (UTC)', width: timeW },
    { title: 'Actor', width: 74, maxLines: 2 },
    { title: 'Action', width: 84, face: 'bold', maxLines: 2 },
    { title: 'Subject and details', width: CONTENT_W - fixed },
  ], { size: 7.5 });
  table.begin(3);
  for (const e of list) {
    const detail: CellPart[] = [];
    if (e.subject) detail.push({ text: e.subject, maxLines: 2 });
    if (e.summary) detail.push({ text: e.summary, color: MUTED, maxLines: 4 });
    table.row([fmtInt(Number(e.seq)), fmtTime(e.at), e.actor, e.action, detail]);
  }
  table.end();
}

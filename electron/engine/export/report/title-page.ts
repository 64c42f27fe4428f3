import { ACCENT, CONTENT_W, HEADER_FILL, INK, MARGIN_X, MUTED, PAGE_H, PAGE_W, type FaceName, type Pager } from './layout';
import { fmtInt, fmtTime, safeText } from './sanitize';
import { wrap } from './text';
import type { ReportInput } from './types';

const LABEL_W = 128;

/** One labelled value; long values wrap (up to `maxLines`) in the value column. */
function field(p: Pager, label: string, value: string, opts: { face?: FaceName; maxLines?: number; color?: typeof INK } = {}): void {
  const size = 9.5;
  const lead = 13;
  const face = opts.face ?? 'regular';
  const lines = wrap(safeText(value), p.faces[face], face === 'mono' ? 8.5 : size, CONTENT_W - LABEL_W, opts.maxLines ?? 3);
  p.ensure(lines.length * lead + 2);
  p.text(label, MARGIN_X, p.y - size, { face: 'bold', size: 8.5, color: MUTED });
  for (const line of lines) {
    p.y -= lead;
    p.text(line, MARGIN_X + LABEL_W, p.y + lead - size, { face, size: face === 'mono' ? 8.5 : size, color: opts.color ?? INK });
  }
  p.y -= 3;
}

function group(p: Pager, name: string): void {
  p.y -= 10;
  p.text(name.toUpperCase(), MARGIN_X, p.y - 8, { face: 'bold', size: 8, color: ACCENT });
  p.y -= 12;
  p.hline(MARGIN_X, MARGIN_X + CONTENT_W, p.y, 0.4, HEADER_FILL);
  p.y -= 5;
}

/** The cover: who exported what, from which sealed state, with which selection. */
export function drawTitlePage(p: Pager, input: ReportInput): void {
  p.newPage();
  p.rect(0, PAGE_H - 10, PAGE_W, 10, ACCENT);
  p.y = PAGE_H - 70;
  p.text('SEALDESK EVIDENCE REPORT', MARGIN_X, p.y, { face: 'bold', size: 9, color: ACCENT });
  p.y -= 14;
  for (const line of wrap(safeText(input.title), p.faces.bold, 22, CONTENT_W, 3)) {
    p.y -= 26;
    p.text(line, MARGIN_X, p.y, { face: 'bold', size: 22 });
  }
  p.y -= 8;

  group(p, 'Case');
  field(p, 'Case name', input.caseName, { maxLines: 2 });
  field(p, 'Case ID', input.caseId, { face: 'mono', maxLines: 2 });

  group(p, 'Analyst');
  field(p, 'Name', input.analyst.name, { maxLines: 2 });
  field(p, 'Key fingerprint', input.analyst.fingerprintDisplay, { face: 'mono', maxLines: 2 });

  group(p, 'Export');
  field(p, 'Exported at (UTC)', fmtTime(input.createdAt));
  const { from, to } = input.range;
  field(p, 'Event time range', from || to ? `${fmtTime(from) || 'unknown'}  to  ${fmtTime(to) || 'unknown'} (UTC)` : 'no timed events in the selection');
  field(p, 'Tool', `${input.tool.name} ${input.tool.version}`, { maxLines: 1 });

  group(p, 'Sealed state (signed tree head)');
  field(p, 'Tree size', `${fmtInt(input.treeHead.size)} leaves (ledger entries and events)`);
  field(p, 'Root hash', input.treeHead.rootHash, { face: 'mono', maxLines: 2 });
  field(p, 'Signed at (UTC)', fmtTime(input.treeHead.timestamp));

  group(p, 'Selection');
  const sel = input.selection;
  field(p, 'Query', sel.query ? sel.query : '(none: all events)', { face: sel.query ? 'mono' : 'regular', maxLines: 6 });
  field(p, 'Starred only', sel.starredOnly ? 'yes' : 'no');
  field(p, 'Masking', sel.masked ? `masked: ${sel.maskSummary ?? 'policy applied'}` : 'none: values are shown as recorded', { maxLines: 5 });
  field(p, 'Events selected', `${fmtInt(input.stats.selectedEvents)} of ${fmtInt(input.stats.totalEvents)} in the case`);

  drawDigestBox(p, input.contentDigest);
}

function drawDigestBox(p: Pager, digest: string): void {
  const h = 66;
  const y = Math.min(p.y - 18, 150);
  p.rect(MARGIN_X, y - h, CONTENT_W, h, [0.94, 0.95, 0.97]);
  p.rect(MARGIN_X, y - h, 3, h, ACCENT);
  p.text('Content digest', MARGIN_X + 12, y - 16, { face: 'bold', size: 9, color: ACCENT });
  p.text(wrap(safeText(digest), p.faces.mono, 9, CONTENT_W - 24, 1)[0] ?? '', MARGIN_X + 12, y - 30, { face: 'mono', size: 9 });
  const note = 'This digest, printed on every page, identifies the bundle files this report describes. VERIFY.md in the bundle shows how to recompute it and check the signed statement.';
  let ly = y - 44;
  for (const line of wrap(note, p.faces.regular, 7.5, CONTENT_W - 24, 2)) {
    p.text(line, MARGIN_X + 12, ly, { size: 7.5, color: MUTED });
    ly -= 10;
  }
  p.y = y - h - 6;
}

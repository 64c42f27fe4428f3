import { MARGIN_X, MUTED, PAGE_W, RULE, type Pager } from './layout';
import { fmtInt, safeText } from './sanitize';
import { fitLine } from './text';

const SIZE = 7;

/** The same footer on every page, drawn last when the page count is known. */
export function drawFooters(p: Pager, digest: string): void {
  const total = p.pages.length;
  const head = 'Sealdesk evidence report \u00b7 content digest ';
  for (let i = 0; i < total; i++) {
    const tail = ` \u00b7 page ${fmtInt(i + 1)} of ${fmtInt(total)}`;
    // Only a malformed digest can be too long; cutting it keeps the page number visible.
    const room = PAGE_W - 2 * MARGIN_X - p.width(head + tail, { size: SIZE });
    const line = head + fitLine(safeText(digest), p.faces.regular, SIZE, room) + tail;
    p.hline(MARGIN_X, PAGE_W - MARGIN_X, 36, 0.5, RULE, i);
    p.textCenter(line, PAGE_W / 2, 25, { size: SIZE, color: MUTED }, i);
  }
}

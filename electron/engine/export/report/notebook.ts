import { CONTENT_W, INK, MARGIN_X, MUTED, RULE, type FaceName, type Pager, type Rgb } from './layout';
import { parseMarkdown, type Inline } from './markdown';
import { safeText } from './sanitize';
import { wrap } from './text';

const BODY = 9.5;
const CODE = 8;
const CODE_FILL: Rgb = [0.95, 0.955, 0.96];

interface Token {
  text: string;
  face: FaceName;
  space: boolean;
  brk?: boolean;
}
interface Segment {
  x: number;
  text: string;
  face: FaceName;
}

/** The analyst's markdown narrative as plain text blocks; nothing in it is followed or run. */
export function drawNotebook(p: Pager, notebook: string | null): void {
  p.heading('Analyst notebook', 60);
  if (notebook === null || notebook === undefined || String(notebook).trim() === '') {
    p.paragraph('No notebook narrative was written for this case.', { color: MUTED });
    return;
  }
  for (const block of parseMarkdown(String(notebook))) {
    switch (block.kind) {
      case 'heading': {
        const size = block.level === 1 ? 13 : block.level === 2 ? 11.5 : 10.5;
        p.y -= block.level <= 2 ? 8 : 4;
        p.ensure(size * 4);
        rich(p, block.inline, { size, indent: 0, color: INK, bold: true });
        p.y -= 2;
        break;
      }
      case 'paragraph':
        rich(p, block.inline, { size: BODY, indent: 0, color: INK });
        p.y -= 5;
        break;
      case 'item': {
        const indent = 12 + block.depth * 14;
        const first = rich(p, block.inline, { size: BODY, indent: indent + 10, color: INK });
        if (first) p.text(safeText(block.marker), MARGIN_X + indent, first.y, { size: BODY }, first.page);
        p.y -= 2;
        break;
      }
      case 'quote': {
        const top = p.y;
        const page = p.pages.length;
        rich(p, block.inline, { size: BODY, indent: 14, color: MUTED });
        if (p.pages.length === page) p.vline(MARGIN_X + 4, p.y, top, 2, RULE);
        p.y -= 5;
        break;
      }
      case 'code':
        code(p, block.lines);
        p.y -= 5;
        break;
      case 'rule':
        p.ensure(12);
        p.y -= 6;
        p.hline(MARGIN_X, MARGIN_X + CONTENT_W, p.y, 0.6, RULE);
        p.y -= 6;
        break;
    }
  }
}

function code(p: Pager, lines: string[]): void {
  const lead = CODE * 1.3;
  for (const raw of lines.length ? lines : ['']) {
    // Long lines wrap by character so nothing is cut; each wrapped part is one shaded line.
    for (const line of wrap(safeText(raw), p.faces.mono, CODE, CONTENT_W - 16)) {
      p.ensure(lead);
      p.rect(MARGIN_X, p.y - lead, CONTENT_W, lead, CODE_FILL);
      p.text(line, MARGIN_X + 8, p.y - lead + 2.6, { face: 'mono', size: CODE });
      p.y -= lead;
    }
  }
}

function tokens(inline: Inline[], bold: boolean): Token[] {
  const out: Token[] = [];
  let space = false;
  for (const run of inline) {
    if (run.text === '\n') {
      out.push({ text: '', face: 'regular', space: false, brk: true });
      space = false;
      continue;
    }
    const face: FaceName = run.style === 'code' ? 'mono' : run.style === 'bold' || bold ? 'bold' : 'regular';
    safeText(run.text)
      .split(' ')
      .forEach((part, k) => {
        if (k > 0) space = true;
        if (part === '') return;
        out.push({ text: part, face, space });
        space = false;
      });
  }
  return out;
}

/** Lays out mixed-font text at the cursor; returns where its first line went (for list bullets). */
function rich(p: Pager, inline: Inline[], o: { size: number; indent: number; color: Rgb; bold?: boolean }): { page: number; y: number } | null {
  const width = CONTENT_W - o.indent;
  const lead = o.size * 1.4;
  const sizeOf = (f: FaceName) => (f === 'mono' ? o.size * 0.9 : o.size);
  const spaceW = p.width(' ', { size: o.size });
  let first: { page: number; y: number } | null = null;
  let line: Segment[] = [];
  let x = 0;
  const emit = () => {
    p.ensure(lead);
    p.y -= lead;
    const base = p.y + lead * 0.28;
    first ??= { page: p.pages.length - 1, y: base };
    for (const s of line) p.text(s.text, MARGIN_X + o.indent + s.x, base, { face: s.face, size: sizeOf(s.face), color: o.color });
    line = [];
    x = 0;
  };
  const place = (text: string, face: FaceName, space: boolean) => {
    const w = p.width(text, { face, size: sizeOf(face) });
    const gap = line.length && space ? spaceW : 0;
    const lastSeg = line[line.length - 1];
    if (lastSeg && lastSeg.face === face) lastSeg.text += (gap ? ' ' : '') + text;
    else line.push({ x: x + gap, text, face });
    x += gap + w;
  };
  for (const t of tokens(inline, o.bold ?? false)) {
    if (t.brk) {
      emit();
      continue;
    }
    const w = p.width(t.text, { face: t.face, size: sizeOf(t.face) });
    const gap = line.length && t.space ? spaceW : 0;
    if (line.length && x + gap + w > width) emit();
    if (w > width) {
      // A token longer than a line is broken between characters (escapes are kept whole).
      const parts = wrap(t.text, p.faces[t.face], sizeOf(t.face), width);
      parts.slice(0, -1).forEach((part) => {
        place(part, t.face, false);
        emit();
      });
      place(parts[parts.length - 1] ?? '', t.face, false);
      continue;
    }
    place(t.text, t.face, t.space);
  }
  if (line.length || !first) emit();
  return first;
}

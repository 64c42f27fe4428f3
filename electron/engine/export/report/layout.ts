import { deflateSync } from 'node:zlib';
import { PageSizes, type PDFDocument, type PDFPage } from 'pdf-lib';
import { fitLine, wrap, type Face } from './text';

/** An RGB colour with components in 0..1. */
export type Rgb = readonly [number, number, number];

export const INK: Rgb = [0.11, 0.12, 0.14];
export const MUTED: Rgb = [0.4, 0.42, 0.46];
export const ACCENT: Rgb = [0.1, 0.24, 0.42];
export const RULE: Rgb = [0.78, 0.8, 0.83];
export const ZEBRA: Rgb = [0.955, 0.96, 0.968];
export const HEADER_FILL: Rgb = [0.88, 0.9, 0.93];

export interface Faces {
  regular: Face;
  bold: Face;
  mono: Face;
}
export type FaceName = keyof Faces;

export const PAGE_W = PageSizes.A4[0];
export const PAGE_H = PageSizes.A4[1];
export const MARGIN_X = 42;
export const TOP = PAGE_H - 54; // below the running header
export const BOTTOM = 52; // above the footer
export const CONTENT_W = PAGE_W - 2 * MARGIN_X;

interface PageState {
  page: PDFPage;
  /** Content operators not yet sealed into a stream of this page. */
  ops: string[];
  keys: Map<Face, string>;
  // Text state and fill colour persist between BT/ET blocks, so each is set only when it changes.
  face: Face | null;
  size: number;
  color: string;
}

export interface TextStyle {
  face?: FaceName;
  size?: number;
  color?: Rgb;
}

export interface TextItem {
  s: string;
  x: number;
  y: number;
  style: TextStyle;
}

/**
 * Pages and a cursor. Content is written as PDF operator text per page and compressed with
 * node:zlib when the page is sealed. pdf-lib still builds the document (pages, fonts, metadata,
 * object streams), but building its operator objects one by one and deflating with its
 * JavaScript zlib was most of the cost of a thousand-page events table. All text reaching
 * here is safeText output, so each character has a WinAnsi code (Face.encode).
 */
export class Pager {
  readonly pages: PDFPage[] = [];
  y = TOP;
  private readonly states: PageState[] = [];
  private state: PageState | null = null;

  constructor(
    readonly doc: PDFDocument,
    readonly faces: Faces,
    private readonly runningHeader: string,
  ) {}

  get page(): PDFPage {
    if (!this.state) this.newPage();
    return this.state!.page;
  }

  /** Starts a page; every page but the first carries the running header. */
  newPage(): void {
    if (this.state) this.seal(this.state);
    const page = this.doc.addPage(PageSizes.A4);
    this.pages.push(page);
    const keys = new Map<Face, string>();
    for (const face of [this.faces.regular, this.faces.bold, this.faces.mono]) keys.set(face, page.node.newFontDictionary(face.pdf.name, face.pdf.ref).toString());
    this.state = { page, ops: [], keys, face: null, size: 0, color: '' };
    this.states.push(this.state);
    this.y = TOP;
    if (this.pages.length > 1) {
      const size = 7.5;
      const line = fitLine(this.runningHeader, this.faces.regular, size, CONTENT_W);
      this.text(line, MARGIN_X, PAGE_H - 34, { size, color: MUTED });
      this.hline(MARGIN_X, PAGE_W - MARGIN_X, PAGE_H - 40, 0.5, RULE);
    }
  }

  /** Attaches what is still pending on every page; call once, after the last drawing. */
  finish(): void {
    for (const st of this.states) this.seal(st);
  }

  /**
   * Compresses a page's pending operators into a content stream appended to the page. A page
   * is sealed when the next one starts, so a long table holds compressed bytes, not text;
   * drawing later on a past page (footers) adds a further stream, which PDF concatenates.
   */
  private seal(st: PageState): void {
    if (st.ops.length === 0) return;
    const bytes = deflateSync(Buffer.from(st.ops.join(''), 'latin1'));
    st.ops = [];
    const stream = this.doc.context.stream(bytes, { Filter: 'FlateDecode' });
    st.page.node.addContentStream(this.doc.context.register(stream));
  }

  /** Makes room for `height` below the cursor; returns true when that took a new page. */
  ensure(height: number): boolean {
    if (this.state && this.y - height >= BOTTOM) return false;
    this.newPage();
    return true;
  }

  /** Draws one line of safe text with its baseline at y, on the current page or page `pageIndex`. */
  text(s: string, x: number, y: number, style: TextStyle = {}, pageIndex?: number): void {
    if (s !== '') this.texts([{ s, x, y, style }], pageIndex);
  }

  /** Draws several lines in one text object (one BT/ET, relative moves), as a table row does. */
  texts(items: TextItem[], pageIndex?: number): void {
    const st = pageIndex !== undefined ? this.states[pageIndex]! : (this.state ?? (this.newPage(), this.state!));
    let out = 'BT\n';
    let lx = 0;
    let ly = 0;
    for (const { s, x, y, style } of items) {
      if (s === '') continue;
      const face = this.faces[style.face ?? 'regular'];
      const size = style.size ?? 9;
      const color = rgbOp(style.color ?? INK, 'rg');
      if (st.face !== face || st.size !== size) {
        out += `${st.keys.get(face)} ${num(size)} Tf\n`;
        st.face = face;
        st.size = size;
      }
      if (st.color !== color) {
        out += color;
        st.color = color;
      }
      const rx = Math.round(x * 100) / 100;
      const ry = Math.round(y * 100) / 100;
      out += `${num(rx - lx)} ${num(ry - ly)} Td (${face.encode(s)}) Tj\n`;
      lx = rx;
      ly = ry;
    }
    if (out.length > 3) st.ops.push(out + 'ET\n');
  }

  /** Text right-aligned so it ends at x. */
  textRight(s: string, x: number, y: number, style: TextStyle = {}, pageIndex?: number): void {
    this.text(s, x - this.width(s, style), y, style, pageIndex);
  }

  /** Text centred on x. */
  textCenter(s: string, x: number, y: number, style: TextStyle = {}, pageIndex?: number): void {
    this.text(s, x - this.width(s, style) / 2, y, style, pageIndex);
  }

  width(s: string, style: TextStyle = {}): number {
    return this.faces[style.face ?? 'regular'].width(s, style.size ?? 9);
  }

  /** A filled rectangle, no border. */
  rect(x: number, y: number, w: number, h: number, color: Rgb): void {
    this.current().ops.push(`q ${rgbOp(color, 'rg')}${num(x)} ${num(y)} ${num(w)} ${num(h)} re f Q\n`);
  }

  /** A straight line. */
  line(x1: number, y1: number, x2: number, y2: number, thickness: number, color: Rgb, pageIndex?: number): void {
    const st = pageIndex !== undefined ? this.states[pageIndex]! : this.current();
    st.ops.push(`q ${rgbOp(color, 'RG')}${num(thickness)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q\n`);
  }

  private current(): PageState {
    if (!this.state) this.newPage();
    return this.state!;
  }

  hline(x1: number, x2: number, y: number, thickness: number, color: Rgb, pageIndex?: number): void {
    this.line(x1, y, x2, y, thickness, color, pageIndex);
  }

  vline(x: number, y1: number, y2: number, thickness: number, color: Rgb): void {
    this.line(x, y1, x, y2, thickness, color);
  }

  /** A wrapped paragraph at the cursor, breaking pages between lines. */
  paragraph(s: string, style: TextStyle & { indent?: number; gap?: number; maxLines?: number } = {}): void {
    const size = style.size ?? 9;
    const lead = size * 1.35;
    const x = MARGIN_X + (style.indent ?? 0);
    for (const line of wrap(s, this.faces[style.face ?? 'regular'], size, CONTENT_W - (style.indent ?? 0), style.maxLines)) {
      this.ensure(lead);
      this.y -= lead;
      this.text(line, x, this.y + lead * 0.25, style);
    }
    this.y -= style.gap ?? 4;
  }

  /** A section heading, kept together with at least `keep` points of what follows. */
  heading(s: string, keep = 60): void {
    if (this.y < TOP) this.y -= 10;
    this.ensure(34 + keep);
    this.y -= 18;
    this.text(s, MARGIN_X, this.y, { face: 'bold', size: 14, color: ACCENT });
    this.y -= 7;
    this.hline(MARGIN_X, PAGE_W - MARGIN_X, this.y, 0.8, ACCENT);
    this.y -= 10;
  }
}

/** Two decimals keep content streams short and output identical across runs. */
export function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Number.isFinite(r) ? String(r === 0 ? 0 : r) : '0';
}

const colorOps = new WeakMap<Rgb, string>();

/** The colour operator, cached per colour tuple (colours are module constants). */
function rgbOp(c: Rgb, op: 'rg' | 'RG'): string {
  let rgb = colorOps.get(c);
  if (rgb === undefined) {
    rgb = c.map((v) => String(Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000)).join(' ');
    colorOps.set(c, rgb);
  }
  return `${rgb} ${op}\n`;
}

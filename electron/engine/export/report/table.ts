import { HEADER_FILL, INK, MARGIN_X, RULE, ZEBRA, type FaceName, type Pager, type Rgb, type TextItem } from './layout';
import { safeText } from './sanitize';
import { wrap } from './text';

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
  face?: FaceName;
  /** Lines a cell may wrap to before it is cut with an ellipsis (default 1). */
  maxLines?: number;
}

/** A styled run of a cell; a cell may stack several (a title, then a note under it). */
export interface CellPart {
  text: string;
  face?: FaceName;
  color?: Rgb;
  maxLines?: number;
}
export type Cell = string | null | undefined | CellPart | CellPart[];

export interface TableOptions {
  size?: number;
  padX?: number;
  padY?: number;
  zebra?: boolean;
}

interface Line {
  s: string;
  face: FaceName;
  color: Rgb;
}

/** A table that flows over pages, repeating its header row at the top of each. */
export class Table {
  private readonly size: number;
  private readonly lead: number;
  private readonly padX: number;
  private readonly padY: number;
  private headerPage = -1;
  private rows = 0;

  constructor(
    private readonly pager: Pager,
    private readonly columns: Column[],
    private readonly opts: TableOptions = {},
  ) {
    this.size = opts.size ?? 8;
    this.lead = this.size * 1.25;
    this.padX = opts.padX ?? 3;
    this.padY = opts.padY ?? 2.5;
  }

  get width(): number {
    return this.columns.reduce((sum, c) => sum + c.width, 0);
  }

  private headerHeight(): number {
    return this.lead + 2 * this.padY + 1;
  }

  private drawHeader(): void {
    const p = this.pager;
    const h = this.headerHeight();
    p.rect(MARGIN_X, p.y - h, this.width, h, HEADER_FILL);
    let x = MARGIN_X;
    const base = p.y - this.padY - this.size;
    for (const c of this.columns) {
      const title = wrap(safeText(c.title), p.faces.bold, this.size, c.width - 2 * this.padX, 1)[0] ?? '';
      if (c.align === 'right') p.textRight(title, x + c.width - this.padX, base, { face: 'bold', size: this.size });
      else p.text(title, x + this.padX, base, { face: 'bold', size: this.size });
      x += c.width;
    }
    p.y -= h;
    this.headerPage = p.pages.length;
  }

  /** Starts the table, moving to a new page unless the header and `minRows` rows fit. */
  begin(minRows = 3): void {
    this.pager.ensure(this.headerHeight() + minRows * (this.lead + 2 * this.padY));
    this.drawHeader();
  }

  row(cells: Cell[], fill?: Rgb): void {
    const p = this.pager;
    const cols: Line[][] = this.columns.map((c, i) => this.lines(c, cells[i]));
    const n = Math.max(1, ...cols.map((l) => l.length));
    const h = n * this.lead + 2 * this.padY;
    if (p.ensure(h) || this.headerPage !== p.pages.length) this.drawHeader();
    const shade = fill ?? (this.opts.zebra !== false && this.rows % 2 === 1 ? ZEBRA : null);
    if (shade) p.rect(MARGIN_X, p.y - h, this.width, h, shade);
    const items: TextItem[] = [];
    let x = MARGIN_X;
    this.columns.forEach((c, i) => {
      let base = p.y - this.padY - this.size;
      for (const line of cols[i]!) {
        const style = { face: line.face, size: this.size, color: line.color };
        const lx = c.align === 'right' ? x + c.width - this.padX - p.width(line.s, style) : x + this.padX;
        items.push({ s: line.s, x: lx, y: base, style });
        base -= this.lead;
      }
      x += c.width;
    });
    p.texts(items);
    p.y -= h;
    this.rows++;
  }

  /** A thin rule under the last row. */
  end(): void {
    this.pager.hline(MARGIN_X, MARGIN_X + this.width, this.pager.y, 0.5, RULE);
    this.pager.y -= 6;
  }

  private lines(c: Column, cell: Cell): Line[] {
    if (cell === null || cell === undefined) return [];
    const parts: CellPart[] = typeof cell === 'string' ? [{ text: cell }] : Array.isArray(cell) ? cell : [cell];
    const out: Line[] = [];
    const room = c.width - 2 * this.padX;
    for (const part of parts) {
      const face = part.face ?? c.face ?? 'regular';
      const color = part.color ?? INK;
      for (const s of wrap(safeText(part.text), this.pager.faces[face], this.size, room, part.maxLines ?? c.maxLines ?? 1)) out.push({ s, face, color });
    }
    return out;
  }
}

import { attrKey, NUMERIC_SYSTEM } from './map-event';
import type { TElem, TNode } from './nodes';

/**
 * Compiling a mapping plan (plan.ts): a template's nodes, with the kinds of its values
 * known, rendered as TreeRenderer (instantiate.ts) would render them, and walked as
 * mapFields (map-event.ts) walks the tree, giving the steps (Op) mapFields would take,
 * with the value texts they read (Expr) left to the run.
 */

/** Value kinds: what a value renders to (nothing, text, a list, or a binary XML fragment's nodes). */
export const K_NULL = 0;
export const K_TEXT = 1;
export const K_LIST = 2;
export const K_FRAGMENT = 3;

/**
 * Text at run time: a constant, a value as it is (text or list), a list joined with
 * spaces, or parts concatenated. `f` is the instance holding the value: 0 the record's,
 * 1... the instances in its binary XML values.
 */
export type Expr =
  | { k: 'const'; s: string }
  | { k: 'val'; f: number; i: number }
  | { k: 'join'; f: number; i: number }
  | { k: 'cat'; parts: Expr[] };

/** A flattened field (flattenElement): key suffix, value, and whether it is kept only when its text is not empty. */
export interface FlatEntry {
  suffix: string;
  expr: Expr;
  ifText: boolean;
}

/** One step of mapFields, in its order. */
export type Op =
  /** A System child's text, stored when not empty. */
  | { k: 'sysText'; key: string; expr: Expr; num: boolean }
  /** A System child's attribute. */
  | { k: 'sysAttr'; key: string; expr: Expr; num: boolean }
  /** Text directly in EventData, stored trimmed when not empty. */
  | { k: 'edText'; expr: Expr }
  /** An EventData element without element children, under its (Data) name. */
  | { k: 'edLeaf'; base: Expr; expr: Expr }
  /** An EventData element with element children, flattened under its (Data) name. */
  | { k: 'edNested'; base: Expr; entries: FlatEntry[] }
  /** UserData (with leaf names) or another element, flattened under constant paths. */
  | { k: 'flat'; entries: FlatEntry[]; leaves: boolean };

/** Value kinds of one instance while compiling, and the instances its binary XML values hold. */
export class Ctx {
  readonly kinds = new Map<number, number>();
  readonly frags = new Map<number, { tmpl: TNode[]; ctx: Ctx }>();

  constructor(shape: Uint8Array, subs: number[], readonly f: number) {
    subs.forEach((index, i) => this.kinds.set(index, shape[i]!));
  }
}

/** A node as rendered: text, a value's text or list, or an element (of the instance `ctx`); null values left out. */
type Rendered = { k: 'const'; s: string } | { k: 'text'; f: number; i: number } | { k: 'list'; f: number; i: number } | { k: 'el'; el: TElem; ctx: Ctx };

function rendered(nodes: TNode[], ctx: Ctx, out: Rendered[] = []): Rendered[] {
  for (const n of nodes) {
    if (typeof n === 'string') out.push({ k: 'const', s: n });
    else if (n.k === 'el') out.push({ k: 'el', el: n, ctx });
    else if (n.k === 'sub') {
      const kind = ctx.kinds.get(n.index);
      if (kind === K_TEXT) out.push({ k: 'text', f: ctx.f, i: n.index });
      else if (kind === K_LIST) out.push({ k: 'list', f: ctx.f, i: n.index });
      else if (kind === K_FRAGMENT) {
        const fr = ctx.frags.get(n.index)!;
        rendered(fr.tmpl, fr.ctx, out);
      }
    }
  }
  return out;
}

/** Parts joined into one text expression ('' for none). */
function cat(parts: Expr[]): Expr {
  if (parts.length === 0) return { k: 'const', s: '' };
  if (parts.length === 1) return parts[0]!;
  return { k: 'cat', parts };
}

/** textOf: the text children joined, or the list when it is the only child. */
function textExpr(kids: Rendered[]): Expr {
  if (kids.length === 1 && kids[0]!.k === 'list') return { k: 'val', f: kids[0]!.f, i: kids[0]!.i };
  const parts: Expr[] = [];
  for (const r of kids) {
    if (r.k === 'const') parts.push({ k: 'const', s: r.s });
    else if (r.k === 'text') parts.push({ k: 'val', f: r.f, i: r.i });
    else if (r.k === 'list') parts.push({ k: 'join', f: r.f, i: r.i });
  }
  return cat(parts);
}

/** The attributes as TreeRenderer.instantiateElement (instantiate.ts) renders them (null and binary XML parts out, a lone list kept). */
function attrExprs(el: TElem, ctx: Ctx): [string, Expr, boolean][] {
  if (el.fixedAttrs) return el.fixedAttrs.map(([name, value]): [string, Expr, boolean] => [name, { k: 'const', s: value }, false]);
  const out: [string, Expr, boolean][] = [];
  for (const a of el.attrs) {
    const parts: Expr[] = [];
    let list: Expr | null = null;
    for (const p of a.parts) {
      if (typeof p === 'string') {
        parts.push({ k: 'const', s: p });
        continue;
      }
      const kind = ctx.kinds.get(p.index);
      if (kind === K_TEXT) parts.push({ k: 'val', f: ctx.f, i: p.index });
      else if (kind === K_LIST) {
        if (a.parts.length === 1) list = { k: 'val', f: ctx.f, i: p.index };
        else parts.push({ k: 'join', f: ctx.f, i: p.index });
      }
    }
    if (list) out.push([a.name, list, true]);
    else if (parts.length > 0) out.push([a.name, cat(parts), false]);
  }
  return out;
}

const elementsOf = (kids: Rendered[]): { el: TElem; ctx: Ctx }[] => kids.filter((r): r is Extract<Rendered, { k: 'el' }> => r.k === 'el');

/** flattenElement's entries, with paths relative to the element's own. */
function flatEntries(el: TElem, ctx: Ctx, suffix: string, out: FlatEntry[]): void {
  const attrs = attrExprs(el, ctx);
  for (const [name, expr] of attrs) if (name !== 'xmlns' && !name.startsWith('xmlns:')) out.push({ suffix: `${suffix}.${name}`, expr, ifText: false });
  const kids = rendered(el.children, ctx);
  const elements = elementsOf(kids);
  if (elements.length === 0) {
    out.push({ suffix, expr: textExpr(kids), ifText: attrs.length > 0 });
    return;
  }
  for (const k of elements) flatEntries(k.el, k.ctx, `${suffix}.${k.el.name}`, out);
}

/** The steps mapFields takes over the event element `root`. */
function compileRoot(root: TElem, rootCtx: Ctx): Op[] {
  const ops: Op[] = [];
  for (const { el: c, ctx } of elementsOf(rendered(root.children, rootCtx))) {
    if (c.name === 'System') {
      for (const { el: cc, ctx: cctx } of elementsOf(rendered(c.children, ctx))) {
        ops.push({ k: 'sysText', key: cc.name, expr: textExpr(rendered(cc.children, cctx)), num: NUMERIC_SYSTEM.has(cc.name) });
        for (const [name, expr] of attrExprs(cc, cctx)) {
          const key = attrKey(cc.name, name);
          ops.push({ k: 'sysAttr', key, expr, num: NUMERIC_SYSTEM.has(key) });
        }
      }
    } else if (c.name === 'EventData') {
      for (const r of rendered(c.children, ctx)) {
        if (r.k === 'const') ops.push({ k: 'edText', expr: { k: 'const', s: r.s } });
        else if (r.k === 'text' || r.k === 'list') ops.push({ k: 'edText', expr: { k: 'val', f: r.f, i: r.i } });
        else ops.push(dataElement(r.el, r.ctx));
      }
    } else {
      const entries: FlatEntry[] = [];
      if (c.name === 'UserData') for (const k of elementsOf(rendered(c.children, ctx))) flatEntries(k.el, k.ctx, k.el.name, entries);
      else flatEntries(c, ctx, c.name, entries);
      ops.push({ k: 'flat', entries, leaves: c.name === 'UserData' });
    }
  }
  return ops;
}

/** An element in EventData: its name is its Name attribute for `<Data>` (dataName), else its own. */
function dataElement(el: TElem, ctx: Ctx): Op {
  let base: Expr = { k: 'const', s: el.name };
  if (el.name === 'Data') {
    const name = attrExprs(el, ctx).find(([n]) => n === 'Name');
    // dataName joins a list with spaces.
    if (name) base = name[2] && name[1].k === 'val' ? { k: 'join', f: name[1].f, i: name[1].i } : name[1];
  }
  const kids = rendered(el.children, ctx);
  if (elementsOf(kids).length > 0) {
    const entries: FlatEntry[] = [];
    flatEntries(el, ctx, '', entries);
    return { k: 'edNested', base, entries };
  }
  return { k: 'edLeaf', base, expr: textExpr(kids) };
}

/**
 * The steps for a template instance rendered with the kinds in `root` (and the fragments it
 * holds), or null when it renders no event element: the tree says what then.
 */
export function compileOps(tmpl: TNode[], root: Ctx): Op[] | null {
  const top = rendered(tmpl, root).find((r) => r.k === 'el');
  return top?.k === 'el' ? compileRoot(top.el, top.ctx) : null;
}

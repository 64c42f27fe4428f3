import { setAttr } from '../common';
import { NODE_BUDGET, type Instance, type TElem, type TNode, type Values } from './nodes';
import { attrKey, freeKey, NUMERIC_SYSTEM, numeric, storeEventDataText, storeFlat, type EventFields } from './map-event';
import { decodeValue, VT_ANSI, VT_ARRAY, VT_BINXML, VT_NULL, VT_STRING, type Scalar } from './values';

/**
 * Compiled mapping plans: what mapFields (map-event.ts) does to a template instance,
 * worked out once per template and then run on each record's values, so a record no longer
 * builds an element tree only to walk it. The tree an instance renders to depends on its
 * values only through their kinds (left out when null, a list, text or a binary XML
 * fragment), so a plan is compiled per template and kinds ("shape"); everything that
 * depends on the values themselves (empty text, numbers, free keys) is still decided when
 * the plan runs, by the same rules mapFields applies. A binary XML value (EventData or
 * UserData, often) that is one template instance with plain values is planned through too,
 * with the kinds of its values; any other (which may render anything) is left to the tree.
 */

const K_NULL = 0;
const K_TEXT = 1;
const K_LIST = 2;
const K_FRAGMENT = 3;

/** The kind of value `i` of an instance, from its descriptor alone (as TreeRenderer.value in instantiate.ts and decodeValue decide). */
function kindOf(v: Values, i: number): number {
  if (i >= v.types.length) return K_NULL;
  const type = v.types[i]!;
  if (type === VT_BINXML) return K_FRAGMENT;
  if (v.sizes[i] === 0 || type === VT_NULL) return type === VT_STRING || type === VT_ANSI ? K_TEXT : K_NULL;
  return type & VT_ARRAY ? K_LIST : K_TEXT;
}

/**
 * Text at run time: a constant, a value as it is (text or list), a list joined with
 * spaces, or parts concatenated. `f` is the instance holding the value: 0 the record's,
 * 1... the instances in its binary XML values.
 */
type Expr =
  | { k: 'const'; s: string }
  | { k: 'val'; f: number; i: number }
  | { k: 'join'; f: number; i: number }
  | { k: 'cat'; parts: Expr[] };

/** A flattened field (flattenElement): key suffix, value, and whether it is kept only when its text is not empty. */
interface FlatEntry {
  suffix: string;
  expr: Expr;
  ifText: boolean;
}

/** One step of mapFields, in its order. */
type Op =
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

/** What a template refers to: its value indexes (in the order rendering first reads them), how often each, its node count. */
interface TemplateInfo {
  subs: number[];
  refs: Map<number, number>;
  nodes: number;
  variants: Variant[];
}

/** A compiled plan for one shape: the kinds of the record instance's values, and the instances in its binary XML values with theirs. */
interface Variant {
  shape: Uint8Array;
  frags: { tmpl: TNode[]; shape: Uint8Array }[];
  /** Null when this shape renders no event element: the tree says what then. */
  ops: Op[] | null;
}

/** A plan bound to one record: its steps and the values of its instances (the record's first). */
export interface Plan {
  ops: Op[];
  vs: Values[];
}

/** Reads the template instance a binary XML value is made of (ChunkBinXml.fragmentInstance). */
export interface FragmentReader {
  fragmentInstance(v: Values, index: number): Instance | null;
}

/** Shapes kept per template; a template whose values vary more goes through the tree. */
const MAX_VARIANTS = 8;

/** Information by compiled template (templates are shared across chunks, and so are their plans). */
const infoOf = new WeakMap<TNode[], TemplateInfo>();

function scan(nodes: TNode[], info: TemplateInfo, seen: Set<number>): void {
  info.nodes += nodes.length;
  const ref = (i: number): void => {
    if (!seen.has(i)) {
      seen.add(i);
      info.subs.push(i);
    }
    info.refs.set(i, (info.refs.get(i) ?? 0) + 1);
  };
  for (const n of nodes) {
    if (typeof n === 'string') continue;
    if (n.k === 'sub') ref(n.index);
    else if (n.k === 'el') {
      for (const a of n.attrs) for (const p of a.parts) if (typeof p !== 'string') ref(p.index);
      scan(n.children, info, seen);
    }
  }
}

function templateInfo(tmpl: TNode[]): TemplateInfo {
  let info = infoOf.get(tmpl);
  if (!info) {
    info = { subs: [], refs: new Map(), nodes: 0, variants: [] };
    scan(tmpl, info, new Set());
    infoOf.set(tmpl, info);
  }
  return info;
}

/** The kinds of an instance's values, or null when one is binary XML. */
function shapeOf(info: TemplateInfo, v: Values): Uint8Array | null {
  const shape = new Uint8Array(info.subs.length);
  for (let i = 0; i < shape.length; i++) {
    shape[i] = kindOf(v, info.subs[i]!);
    if (shape[i] === K_FRAGMENT) return null;
  }
  return shape;
}

function sameShape(shape: Uint8Array, info: TemplateInfo, v: Values): boolean {
  const subs = info.subs;
  for (let i = 0; i < subs.length; i++) if (shape[i] !== kindOf(v, subs[i]!)) return false;
  return true;
}

/**
 * The plan for the record instance `tmpl` with values `v`, or null when the record is to be
 * rendered as a tree. Binary XML values are read (by `reader`, in the order rendering
 * would read them, so a broken one fails just as it would there) when each is one template
 * instance whose own values are plain; the nodes rendering could spend stay well inside its
 * budget, so it could not have failed on that either.
 */
export function planFor(tmpl: TNode[], v: Values, reader: FragmentReader): Plan | null {
  const info = templateInfo(tmpl);
  const subs = info.subs;
  const vs: Values[] = [v];
  const frags: TNode[][] = [];
  // Upper bound of the nodes rendering spends before each value (the record's own list included).
  let spent = 2 * info.nodes + 1;
  for (let i = 0; i < subs.length; i++) {
    if (kindOf(v, subs[i]!) !== K_FRAGMENT) continue;
    if (spent >= NODE_BUDGET) return null;
    const inst = reader.fragmentInstance(v, subs[i]!);
    if (!inst) return null;
    const fi = templateInfo(inst.tmpl);
    spent += (info.refs.get(subs[i]!) ?? 0) * (2 * fi.nodes + 2);
    frags.push(inst.tmpl);
    vs.push(inst.v);
  }
  if (spent >= NODE_BUDGET) return null;
  found: for (const variant of info.variants) {
    if (variant.frags.length !== frags.length || !sameShape(variant.shape, info, v)) continue;
    for (let f = 0; f < frags.length; f++) {
      const vf = variant.frags[f]!;
      if (vf.tmpl !== frags[f] || !sameShape(vf.shape, templateInfo(vf.tmpl), vs[f + 1]!)) continue found;
    }
    return variant.ops ? { ops: variant.ops, vs } : null;
  }
  if (info.variants.length >= MAX_VARIANTS) return null;
  return compileVariant(tmpl, info, vs, frags);
}

/** A new variant for the shape of `vs` (the record instance's values, then its fragments'), kept with the template. */
function compileVariant(tmpl: TNode[], info: TemplateInfo, vs: Values[], frags: TNode[][]): Plan | null {
  const shape = new Uint8Array(info.subs.length);
  for (let i = 0; i < shape.length; i++) shape[i] = kindOf(vs[0]!, info.subs[i]!);
  const variant: Variant = { shape, frags: [], ops: null };
  const root = new Ctx(shape, info.subs, 0);
  let f = 0;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] !== K_FRAGMENT) continue;
    const fi = templateInfo(frags[f]!);
    const fshape = shapeOf(fi, vs[f + 1]!);
    // A value in the fragment that is binary XML again: the tree renders it (the variant says so).
    if (!fshape) return null;
    variant.frags.push({ tmpl: frags[f]!, shape: fshape });
    root.frags.set(info.subs[i]!, { tmpl: frags[f]!, ctx: new Ctx(fshape, fi.subs, f + 1) });
    f++;
  }
  const top = rendered(tmpl, root).find((r) => r.k === 'el');
  variant.ops = top?.k === 'el' ? compileRoot(top.el, top.ctx) : null;
  info.variants.push(variant);
  return variant.ops ? { ops: variant.ops, vs } : null;
}

/** Value kinds of one instance while compiling, and the instances its binary XML values hold. */
class Ctx {
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
  if (el.fixedAttrs) return el.fixedAttrs.map(([name, value]): [string, Expr, boolean] => [name, { k: 'const', s: typeof value === 'string' ? value : value.join(' ') }, false]);
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

/** Runs plans over the values of one chunk's instances. */
export class PlanRunner {
  private vs: Values[] = [];

  constructor(private readonly buf: Buffer) {}

  private value(f: number, i: number): string | string[] {
    const v = this.vs[f]!;
    let d: Scalar | undefined = v.decoded[i];
    if (d === undefined) {
      d = decodeValue(this.buf, v.starts[i]!, v.sizes[i]!, v.types[i]!);
      v.decoded[i] = d;
    }
    // A plan refers only to values of text and list kinds, which never decode to null.
    return d!;
  }

  private text(e: Expr): string | string[] {
    switch (e.k) {
      case 'const':
        return e.s;
      case 'val':
        return this.value(e.f, e.i);
      case 'join':
        return (this.value(e.f, e.i) as string[]).join(' ');
      case 'cat': {
        let s = '';
        for (const p of e.parts) {
          const x = this.text(p);
          s += typeof x === 'string' ? x : x.join(' ');
        }
        return s;
      }
    }
  }

  private flat(entries: FlatEntry[], prefix: string): [string, unknown][] {
    const out: [string, unknown][] = [];
    for (const e of entries) {
      const value = this.text(e.expr);
      if (!e.ifText || value !== '') out.push([prefix + e.suffix, value]);
    }
    return out;
  }

  /** The fields mapFields would give for the record's rendered event element. */
  run({ ops, vs }: Plan): EventFields {
    this.vs = vs;
    const attrs: Record<string, unknown> = {};
    const data: string[] = [];
    for (const op of ops) {
      switch (op.k) {
        case 'sysText': {
          const text = this.text(op.expr);
          if (text !== '') setAttr(attrs, op.key, op.num ? numeric(text) : text);
          break;
        }
        case 'sysAttr': {
          const value = this.text(op.expr);
          setAttr(attrs, op.key, op.num ? numeric(value) : value);
          break;
        }
        case 'edText':
          storeEventDataText(this.text(op.expr), attrs, data);
          break;
        case 'edLeaf': {
          const key = freeKey(attrs, this.text(op.base) as string);
          setAttr(attrs, key, this.text(op.expr));
          data.push(key);
          break;
        }
        case 'edNested': {
          for (const [k, value] of this.flat(op.entries, freeKey(attrs, this.text(op.base) as string))) {
            setAttr(attrs, k, value);
            data.push(k);
          }
          break;
        }
        case 'flat':
          storeFlat(this.flat(op.entries, ''), attrs, data, op.leaves);
          break;
      }
    }
    this.vs = [];
    return { attrs, data };
  }
}

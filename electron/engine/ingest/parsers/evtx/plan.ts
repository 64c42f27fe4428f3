import { NODE_BUDGET, type Instance, type TNode, type Values } from './nodes';
import { freeKey, storeData, storeEventDataText, storeFlat, storeNested, storeSystem, type EventFields } from './map-event';
import { compileOps, Ctx, K_FRAGMENT, K_LIST, K_NULL, K_TEXT, type Expr, type FlatEntry, type Op } from './plan-compile';
import { valueAt, VT_ANSI, VT_ARRAY, VT_BINXML, VT_NULL, VT_STRING } from './values';

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

/** The kind of value `i` of an instance, from its descriptor alone (as TreeRenderer.value in instantiate.ts and decodeValue decide). */
function kindOf(v: Values, i: number): number {
  if (i >= v.types.length) return K_NULL;
  const type = v.types[i]!;
  if (type === VT_BINXML) return K_FRAGMENT;
  if (v.sizes[i] === 0 || type === VT_NULL) return type === VT_STRING || type === VT_ANSI ? K_TEXT : K_NULL;
  return type & VT_ARRAY ? K_LIST : K_TEXT;
}

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

/** The kinds of an instance's values, in the order of the template's `subs`. */
function shapeOf(info: TemplateInfo, v: Values): Uint8Array {
  const shape = new Uint8Array(info.subs.length);
  for (let i = 0; i < shape.length; i++) shape[i] = kindOf(v, info.subs[i]!);
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
  const shape = shapeOf(info, vs[0]!);
  const variant: Variant = { shape, frags: [], ops: null };
  const root = new Ctx(shape, info.subs, 0);
  let f = 0;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] !== K_FRAGMENT) continue;
    const fi = templateInfo(frags[f]!);
    const fshape = shapeOf(fi, vs[f + 1]!);
    // A value in the fragment that is binary XML again: the tree renders it.
    if (fshape.includes(K_FRAGMENT)) return null;
    variant.frags.push({ tmpl: frags[f]!, shape: fshape });
    root.frags.set(info.subs[i]!, { tmpl: frags[f]!, ctx: new Ctx(fshape, fi.subs, f + 1) });
    f++;
  }
  variant.ops = compileOps(tmpl, root);
  info.variants.push(variant);
  return variant.ops ? { ops: variant.ops, vs } : null;
}


/** Runs plans over the values of one chunk's instances. */
export class PlanRunner {
  private vs: Values[] = [];

  constructor(private readonly buf: Buffer) {}

  private value(f: number, i: number): string | string[] {
    // A plan refers only to values of text and list kinds, which never decode to null.
    return valueAt(this.buf, this.vs[f]!, i)!;
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
          if (text !== '') storeSystem(attrs, op.key, text, op.num);
          break;
        }
        case 'sysAttr':
          storeSystem(attrs, op.key, this.text(op.expr), op.num);
          break;
        case 'edText':
          storeEventDataText(this.text(op.expr), attrs, data);
          break;
        case 'edLeaf':
          storeData(attrs, data, this.text(op.base) as string, this.text(op.expr));
          break;
        case 'edNested':
          storeNested(this.flat(op.entries, freeKey(attrs, this.text(op.base) as string)), attrs, data);
          break;
        case 'flat':
          storeFlat(this.flat(op.entries, ''), attrs, data, op.leaves);
          break;
      }
    }
    this.vs = [];
    return { attrs, data };
  }
}

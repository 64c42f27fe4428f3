import { EvtxFormatError, NODE_BUDGET, type TAttr, type TElem, type TNode, type Values, type XmlElement, type XmlNode, type XmlValue } from './nodes';
import { valueAt, VT_BINXML, type Scalar } from './values';

/**
 * Rendering of compiled binary XML (binxml.ts) into element trees: a template's nodes
 * filled in with one instance's substitution values. This is the record path of record()
 * and of records that have no plan (plan.ts); it reads no tokens itself, except that a
 * binary XML value is read by the chunk's reader (ValueReader) and rendered in turn.
 *
 * The values come from an untrusted file too: binary XML values nested in values are
 * capped, and every record has a node budget, so a small hostile record cannot expand
 * into a huge tree or recurse without end.
 */

/** What rendering needs of the chunk's reader: the nodes of a binary XML value, read where it lies. */
export interface ValueReader {
  /** The compiled nodes of the binary XML value `buf[start, end)`, read `sub` values deep. */
  valueContent(start: number, end: number, sub: number): TNode[];
}

/** The nodes of a binary XML substitution value (type 0x21). */
class Fragment {
  constructor(readonly nodes: XmlNode[]) {}
}

/** Shared empty lists for elements without attributes or content (never mutated). */
const NO_NODES: XmlNode[] = [];
const NO_ATTRS: [string, XmlValue][] = [];
const NO_VALUES: Values = { starts: [], sizes: [], types: [], decoded: [] };

/**
 * Binary XML values nested in binary XML values (real events: one or two). Each level may
 * hold a template MAX_DEPTH (binxml.ts) deep, so this also bounds the recursion: 8 x 64 levels.
 */
const MAX_SUB_DEPTH = 8;

/**
 * Attributes rendered once when they are all plain text (as instantiateElement renders
 * them: parts joined, an attribute without parts left out), or null when one holds a
 * substitution and so differs from record to record. The reader calls this when it
 * compiles an element, so the rule lives next to the rendering it stands in for.
 */
export function fixedAttrs(attrs: TAttr[]): [string, string][] | null {
  const out: [string, string][] = [];
  for (const a of attrs) {
    if (a.parts.some((p) => typeof p !== 'string')) return null;
    if (a.parts.length > 0) out.push([a.name, a.parts.join('')]);
  }
  return out;
}

/** Renders the records of one chunk (`buf` is the whole chunk, as the reader sees it). */
export class TreeRenderer {
  /** Nodes the record being rendered may still produce. */
  private budget = 0;

  constructor(
    private readonly buf: Buffer,
    private readonly reader: ValueReader,
  ) {}

  /** Start a record: it gets the whole node budget. */
  startRecord(): void {
    this.budget = NODE_BUDGET;
  }

  /** The first element of a record's rendered nodes. */
  root(nodes: TNode[], start: number): XmlElement {
    for (const n of this.instantiate(nodes, NO_VALUES, 0)) if (typeof n === 'object' && !Array.isArray(n)) return n;
    throw new EvtxFormatError(`record at chunk offset ${start} holds no XML element`);
  }

  /** `nodes` filled in with the values `v`, inside `depth` binary XML values. */
  instantiate(nodes: TNode[], v: Values, depth: number): XmlNode[] {
    if (nodes.length === 0) return NO_NODES;
    const out: XmlNode[] = [];
    this.budget -= nodes.length;
    if (this.budget < 0) throw new EvtxFormatError('record expands to too many XML nodes');
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (typeof n === 'string') out.push(n);
      else if (n.k === 'done') out.push(n.node);
      else if (n.k === 'sub') {
        const val = this.value(v, n.index, depth);
        if (val === null) continue;
        if (val instanceof Fragment) for (const x of val.nodes) out.push(x);
        else out.push(val);
      } else out.push(this.instantiateElement(n, v, depth));
    }
    return out;
  }

  /** A substitution value: decoded text, or the nodes of a nested binary XML fragment. */
  private value(v: Values, index: number, depth: number): Scalar | Fragment {
    if (index < 0 || index >= v.types.length) return null;
    if (v.types[index] === VT_BINXML) {
      const start = v.starts[index]!;
      if (depth >= MAX_SUB_DEPTH) throw new EvtxFormatError(`binary XML values nested too deeply at chunk offset ${start}`);
      const sub = this.reader.valueContent(start, start + v.sizes[index]!, depth + 1);
      return new Fragment(this.instantiate(sub, NO_VALUES, depth + 1));
    }
    return valueAt(this.buf, v, index);
  }

  private instantiateElement(el: TElem, v: Values, depth: number): XmlElement {
    if (el.attrs.length === 0) return { name: el.name, attrs: NO_ATTRS, children: this.instantiate(el.children, v, depth) };
    if (el.fixedAttrs) return { name: el.name, attrs: el.fixedAttrs, children: this.instantiate(el.children, v, depth) };
    const attrs: [string, XmlValue][] = [];
    for (const a of el.attrs) {
      let text: string | null = null;
      let list: string[] | null = null;
      for (const p of a.parts) {
        const val = typeof p === 'string' ? p : this.value(v, p.index, depth);
        // A fragment has no text form inside an attribute; it is left out.
        if (val === null || val instanceof Fragment) continue;
        if (typeof val === 'string') text = (text ?? '') + val;
        else if (a.parts.length === 1) list = val;
        else text = (text ?? '') + val.join(' ');
      }
      // An attribute whose every part is a null substitution is not rendered (as Windows does).
      if (list) attrs.push([a.name, list]);
      else if (text !== null) attrs.push([a.name, text]);
    }
    return { name: el.name, attrs, children: this.instantiate(el.children, v, depth) };
  }
}

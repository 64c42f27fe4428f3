import type { ChunkRest } from './chunk-source';
import { mapFields, type EventFields } from './map-event';
import { planFor, PlanRunner, type Plan } from './plan';
import { sameText, TextInterner } from './strings';
import { plausibleStart, TemplateCache, TemplateTrace, type ChunkNames } from './template-cache';
import { fixedAttrs, TreeRenderer, type ValueReader } from './instantiate';
import { EvtxFormatError, type Instance, type TElem, type TNode, type TSub, type Values, type XmlElement } from './nodes';

/**
 * Binary XML as stored in EVTX chunks ([MS-EVEN6], libevtx "Binary XML"): tokens, names
 * and template definitions referenced by chunk-relative offsets, template instances with
 * typed substitution values. Template definitions are compiled once per chunk and then
 * filled in per record, which is what makes parsing fast: a record is mostly its values.
 * This file reads and compiles; instantiate.ts renders compiled nodes into element trees,
 * and plan.ts maps the usual record to event fields without a tree.
 *
 * Everything read here comes from an untrusted file. Every read is bounds-checked, every
 * loop consumes input, nesting is capped and each record has a node budget, so a hostile
 * chunk ends in an EvtxFormatError, never in a hang or a stack overflow.
 */

interface Cursor { pos: number; end: number }
/** Where tokens are read: in a template definition or a substitution value; element depth; value nesting. */
interface Mode { inTemplate: boolean; inSub: boolean; depth: number; sub: number }
/** Whether tokens are read in the record's own content (not an element's, a value's or a template's). */
const atRecordTop = (mode: Mode): boolean => !mode.inTemplate && !mode.inSub && mode.depth === 0 && mode.sub === 0;

/** A template instance held back for its compiled plan (see ChunkBinXml.recordFields). */
interface Pending {
  tmpl: TNode[];
  v: Values;
  plan: Plan;
}

/**
 * Element nesting beyond this is refused (real events nest about five deep). Binary XML
 * values nested in values are capped at MAX_SUB_DEPTH (instantiate.ts), 8 x 64 levels in all.
 */
const MAX_DEPTH = 64;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const hex = (n: number): string => `0x${n.toString(16)}`;

/** Names decoded in earlier chunks: every chunk repeats the same few hundred names. */
const knownNames = new TextInterner(8192);

/** Template compilations of earlier chunks (see template-cache.ts for when one is reused). */
const sharedTemplates = new TemplateCache();

/** Binary XML reader for one 64 KiB chunk (all offsets are relative to the chunk start). */
export class ChunkBinXml implements ChunkNames, ValueReader {
  private readonly names = new Map<number, string>();
  private readonly templates = new Map<number, TNode[] | EvtxFormatError>();
  /** Renders this chunk's records into element trees (and holds each record's node budget). */
  private readonly tree: TreeRenderer;
  /** What the template being compiled reads besides its bytes, or null outside compilation. */
  private trace: TemplateTrace | null = null;

  /** Whether the record being read may hold its template instance back for a plan (see recordFields). */
  private planning = false;
  /** The record's template instance held back for its plan, until anything else turns up in the record. */
  private pending: Pending | null = null;
  private runner: PlanRunner | null = null;

  /**
   * `buf` is the whole chunk, of which only the first `loaded` bytes may be read yet (all
   * the records are); `rest` reads the rest, for names and templates referred to past
   * them (see chunk-source.ts).
   */
  constructor(
    private readonly buf: Buffer,
    private loaded = buf.length,
    private readonly rest: ChunkRest | null = null,
  ) {
    this.tree = new TreeRenderer(buf, this);
  }

  /** Make sure the chunk's bytes below `end` are read. */
  private reach(end: number): void {
    if (end <= this.loaded) return;
    this.rest?.loadRest();
    this.loaded = this.buf.length;
  }

  /** The event element of the record whose binary XML is `buf[start, end)`. */
  record(start: number, end: number): XmlElement {
    this.tree.startRecord();
    return this.tree.root(this.recordContent(start, end), start);
  }

  /** The compiled nodes of the record whose binary XML is `buf[start, end)`. */
  private recordContent(start: number, end: number): TNode[] {
    return this.content({ pos: start, end }, { inTemplate: false, inSub: false, depth: 0, sub: 0 }, false);
  }

  /**
   * The event fields (map-event.ts) of the record whose binary XML is `buf[start, end)`.
   * A record that is one template instance, as nearly all are, goes through the template's
   * compiled plan (plan.ts) with no element tree built; any other through record().
   */
  recordFields(start: number, end: number): EventFields {
    this.tree.startRecord();
    this.pending = null;
    this.planning = true;
    let nodes: TNode[];
    try {
      nodes = this.recordContent(start, end);
    } finally {
      this.planning = false;
    }
    // (Set while reading the content: read through a cast, which TypeScript's narrowing misses.)
    const p = this.pending as Pending | null;
    if (p) {
      // Nothing followed the instance (else it would have been rendered): it is the record.
      this.pending = null;
      this.runner ??= new PlanRunner(this.buf);
      return this.runner.run(p.plan);
    }
    return mapFields(this.tree.root(nodes, start));
  }

  /**
   * Render the held back instance where it stood, before anything after it in the record.
   * Rendering an instance without binary XML values cannot fail (its template has fewer
   * nodes than the budget), so doing it this late gives the very same nodes and errors.
   */
  private flushPending(out: TNode[]): void {
    const p = this.pending!;
    this.pending = null;
    for (const node of this.tree.instantiate(p.tmpl, p.v, 0)) out.push({ k: 'done', node });
  }

  private fail(what: string, at: number): never {
    throw new EvtxFormatError(`${what} at chunk offset ${at}`);
  }

  private need(c: Cursor, n: number): void {
    if (c.pos + n > c.end) this.fail(`binary XML ends early (${n} bytes needed)`, c.pos);
  }

  private u8(c: Cursor): number {
    this.need(c, 1);
    return this.buf[c.pos++]!;
  }

  private u16(c: Cursor): number {
    this.need(c, 2);
    const v = this.buf.readUInt16LE(c.pos);
    c.pos += 2;
    return v;
  }

  private u32(c: Cursor): number {
    this.need(c, 4);
    const v = this.buf.readUInt32LE(c.pos);
    c.pos += 4;
    return v;
  }

  /** A name by offset; a name defined right here (offset = position) is stepped over. */
  private name(c: Cursor, off: number): string {
    const buf = this.buf;
    if (off + 8 > buf.length) this.fail(`name offset ${off} outside the chunk`, c.pos);
    this.reach(off + 8);
    const count = buf.readUInt16LE(off + 6);
    const bytes = 8 + count * 2 + 2;
    if (off + bytes > buf.length) this.fail(`name at ${off} runs past the chunk`, c.pos);
    this.reach(off + bytes);
    const inline = off === c.pos;
    if (inline) {
      this.need(c, bytes);
      c.pos += bytes;
    }
    let name = this.names.get(off);
    if (name === undefined) {
      name = knownNames.text(buf, off + 8, count);
      this.names.set(off, name);
    }
    this.trace?.name(inline ? c.pos - bytes - 4 : c.pos - 4, inline, name);
    return name;
  }

  /**
   * Whether the name structure at `off` holds `name`, for the template cache: false unless
   * it lies within the bytes read and fits the chunk (see ChunkNames).
   */
  nameIs(off: number, name: string): boolean {
    const known = this.names.get(off);
    if (known !== undefined) return known === name;
    if (off + 8 > this.loaded) return false;
    const count = this.buf.readUInt16LE(off + 6);
    return off + 8 + count * 2 + 2 <= this.loaded && sameText(this.buf, off + 8, count, name);
  }

  /** Whether an element start's layout at `p` looks real; recorded while compiling a template. */
  private plausibleStart(p: number, end: number): boolean {
    const ok = plausibleStart(this.buf, p, end);
    this.trace?.probe(p, ok);
    return ok;
  }

  /**
   * An element start carries a 2-byte dependency id, except (per [MS-EVEN6]) inside binary
   * XML substitution values; writers do not always follow that, so the layout that gives a
   * sane size and a name offset that is not ahead of us wins, the expected one on a tie.
   */
  private elementStart(c: Cursor, mode: Mode): void {
    const p = c.pos;
    const skipDep = mode.inSub
      ? !this.plausibleStart(p, c.end) && this.plausibleStart(p + 2, c.end)
      : this.plausibleStart(p + 2, c.end) || !this.plausibleStart(p, c.end);
    if (skipDep) c.pos += 2;
  }

  private element(c: Cursor, token: number, mode: Mode): TElem {
    const at = c.pos - 1;
    if (mode.depth >= MAX_DEPTH) this.fail('elements nested too deeply', at);
    this.elementStart(c, mode);
    this.u32(c); // data size: not needed, the tokens delimit the element
    const name = this.name(c, this.u32(c));
    const el: TElem = { k: 'el', name, attrs: [], fixedAttrs: null, children: [] };
    if (token & 0x40) {
      const listEnd = c.pos + 4 + this.u32(c);
      while (c.pos < Math.min(listEnd, c.end) && (this.buf[c.pos]! & 0xbf) === 0x06) {
        c.pos++;
        const attrName = this.name(c, this.u32(c));
        el.attrs.push({ name: attrName, parts: this.attrValue(c, mode) });
      }
      el.fixedAttrs = fixedAttrs(el.attrs);
    }
    const close = this.u8(c);
    if (close === 0x02) el.children = this.content(c, { ...mode, depth: mode.depth + 1 }, true);
    else if (close !== 0x03) this.fail(`expected end of start tag, found token ${hex(close)}`, c.pos - 1);
    return el;
  }

  /** An attribute's value: text, character and entity references and substitutions. */
  private attrValue(c: Cursor, mode: Mode): (string | TSub)[] {
    const parts: (string | TSub)[] = [];
    while (c.pos < c.end) {
      const t = this.buf[c.pos]! & 0xbf;
      if (t === 0x05 || t === 0x08 || t === 0x09) parts.push(this.textToken(c));
      else if (t === 0x0d || t === 0x0e) parts.push(this.substitution(c, mode));
      else break;
    }
    return parts;
  }

  private utf16Text(c: Cursor): string {
    const n = this.u16(c);
    this.need(c, n * 2);
    const s = this.buf.toString('utf16le', c.pos, c.pos + n * 2);
    c.pos += n * 2;
    return s;
  }

  /** Value text (0x05), CDATA (0x07), character (0x08) and entity (0x09) references. */
  private textToken(c: Cursor): string {
    const at = c.pos;
    const t = this.u8(c) & 0xbf;
    if (t === 0x05) {
      const type = this.u8(c);
      if (type !== 0x01) this.fail(`value text of type ${hex(type)} (only strings are defined)`, at);
      return this.utf16Text(c);
    }
    if (t === 0x07) return this.utf16Text(c);
    if (t === 0x08) return String.fromCharCode(this.u16(c));
    const name = this.name(c, this.u32(c));
    return ENTITIES[name] ?? `&${name};`;
  }

  private substitution(c: Cursor, mode: Mode): TSub {
    const optional = (this.u8(c) & 0xbf) === 0x0e;
    const index = this.u16(c);
    this.u8(c); // declared type: the instance's value descriptor is authoritative
    if (!mode.inTemplate) return { k: 'sub', index: -1, optional };
    return { k: 'sub', index, optional };
  }

  /** Content up to the end tag (`inElement`) or the end of the fragment. */
  private content(c: Cursor, mode: Mode, inElement: boolean): TNode[] {
    const out: TNode[] = [];
    while (c.pos < c.end) {
      const at = c.pos;
      const token = this.buf[at]!;
      // Only the record's own content holds one back.
      if (this.pending && (token & 0xbf) !== 0x00 && atRecordTop(mode)) this.flushPending(out);
      switch (token & 0xbf) {
        case 0x00:
          if (inElement) this.fail('end of binary XML inside an element', at);
          c.pos++;
          return out;
        case 0x01:
          c.pos++;
          out.push(this.element(c, token, mode));
          break;
        case 0x04:
          if (!inElement) this.fail('end tag without an element', at);
          c.pos++;
          return out;
        case 0x05:
        case 0x07:
        case 0x08:
        case 0x09:
          out.push(this.textToken(c));
          break;
        case 0x0a:
          c.pos++;
          this.name(c, this.u32(c));
          break;
        case 0x0b:
          c.pos++;
          this.utf16Text(c);
          break;
        case 0x0c:
          if (mode.inTemplate) this.fail('template instance inside a template definition', at);
          c.pos++;
          this.templateInstance(c, mode, out);
          break;
        case 0x0d:
        case 0x0e:
          out.push(this.substitution(c, mode));
          break;
        case 0x0f:
          this.need(c, 4);
          c.pos += 4;
          break;
        default:
          this.fail(`unknown binary XML token ${hex(token)}`, at);
      }
    }
    if (inElement) this.fail('element not closed before the end of its data', c.pos);
    return out;
  }

  /**
   * A template definition by offset, compiled once per chunk (failures are cached too) and
   * taken from an earlier chunk's compilation when that one provably gives the same nodes.
   */
  private template(off: number): TNode[] {
    const cached = this.templates.get(off);
    if (cached instanceof EvtxFormatError) throw cached;
    if (cached) return cached;
    try {
      if (off < 0 || off + 24 > this.buf.length) this.fail(`template definition offset ${off} outside the chunk`, off);
      this.reach(off + 24);
      const end = off + 24 + this.buf.readUInt32LE(off + 20);
      if (end > this.buf.length) this.fail(`template definition at ${off} runs past the chunk`, off);
      this.reach(end);
      const nodes = this.sharedTemplate(off, end);
      this.templates.set(off, nodes);
      return nodes;
    } catch (e) {
      const err = e instanceof EvtxFormatError ? e : new EvtxFormatError(`template at chunk offset ${off}: ${(e as Error).message}`);
      this.templates.set(off, err);
      throw err;
    }
  }

  /** The nodes of the definition at `off` (ending at `end`), from the shared cache or compiled and shared. */
  private sharedTemplate(off: number, end: number): TNode[] {
    const key = TemplateCache.key(this.buf, off, off + 24, end);
    const shared = sharedTemplates.get(key, this.buf, off + 24, end, this);
    if (shared) return shared;
    const trace = new TemplateTrace(off + 24);
    this.trace = trace;
    try {
      const nodes = this.content({ pos: off + 24, end }, { inTemplate: true, inSub: false, depth: 0, sub: 0 }, false);
      sharedTemplates.set(key, this.buf, off + 24, end, trace, nodes);
      return nodes;
    } finally {
      this.trace = null;
    }
  }

  /** A template instance, rendered into `out`, or held back for its plan (see recordFields). */
  private templateInstance(c: Cursor, mode: Mode, out: TNode[]): void {
    const { tmpl, v } = this.instance(c);
    if (this.planning && out.length === 0 && !this.pending && atRecordTop(mode)) {
      const plan = planFor(tmpl, v, this);
      if (plan) {
        this.pending = { tmpl, v, plan };
        return;
      }
    }
    for (const node of this.tree.instantiate(tmpl, v, mode.sub)) out.push({ k: 'done', node });
  }

  /** A template instance's definition and value descriptors, the cursor past its values. */
  private instance(c: Cursor): Instance {
    this.u8(c); // unknown (1)
    this.u32(c); // template id (short form of the GUID)
    const defOff = this.u32(c);
    if (defOff === c.pos) {
      // The definition is stored inline, right here: step over it.
      this.need(c, 24);
      const size = this.buf.readUInt32LE(c.pos + 20);
      this.need(c, 24 + size);
      c.pos += 24 + size;
    }
    const tmpl = this.template(defOff);
    const count = this.u32(c);
    if (count * 4 > c.end - c.pos) this.fail(`template instance declares ${count} values`, c.pos - 4);
    const v: Values = { starts: new Array<number>(count), sizes: new Array<number>(count), types: new Array<number>(count), decoded: new Array(count) };
    // The descriptors (size, type, padding: 4 bytes each) fit, as checked just above.
    for (let i = 0, p = c.pos; i < count; i++, p += 4) {
      v.sizes[i] = this.buf.readUInt16LE(p);
      v.types[i] = this.buf[p + 2]!;
    }
    c.pos += count * 4;
    for (let i = 0; i < count; i++) {
      this.need(c, v.sizes[i]!);
      v.starts[i] = c.pos;
      c.pos += v.sizes[i]!;
    }
    return { tmpl, v };
  }

  /**
   * The nodes of the binary XML value `buf[start, end)`, `sub` values deep, for the tree
   * renderer (which checks that depth against its cap before asking).
   */
  valueContent(start: number, end: number, sub: number): TNode[] {
    return this.content({ pos: start, end }, { inTemplate: false, inSub: true, depth: 0, sub }, false);
  }

  /**
   * The template instance a binary XML value of a top-level instance is made of, read the
   * way valueContent reads it for the tree (same steps, so the same errors), or null when
   * the value holds anything else, for the tree to render.
   */
  fragmentInstance(v: Values, index: number): Instance | null {
    const c: Cursor = { pos: v.starts[index]!, end: v.starts[index]! + v.sizes[index]! };
    let inst: Instance | null = null;
    while (c.pos < c.end) {
      const token = this.buf[c.pos]! & 0xbf;
      if (token === 0x00) break;
      if (token === 0x0f) {
        this.need(c, 4);
        c.pos += 4;
      } else if (token === 0x0c && !inst) {
        c.pos++;
        inst = this.instance(c);
      } else return null;
    }
    return inst;
  }
}

/**
 * One-pass, incremental log template miner.
 *
 * Stage 1 (masking): each message is tokenised with obvious variables (anything with a
 * digit, key=value values) replaced by `<*>`. Lines with the same masked shape form an
 * "atom"; most lines hit an existing atom through one hash lookup, which is what keeps
 * throughput far above 100k lines/s.
 *
 * Stage 2 (cardinality merge, Brain-like): a new atom is registered in one "slot" per
 * position: the atom's tokens with that position blanked. Atoms sharing a slot differ
 * in exactly that position. Once a slot has seen `minVariants` distinct values there,
 * the position is a variable (user names, host names, paths without digits) and every
 * atom in the slot joins one group. Few distinct values (start/stop, view/modify) stay
 * separate events, which is where similarity-threshold parsers like Drain over-merge.
 * A position where some line already had a masked value (`<*>`) is variable as soon
 * as it shows one other value: `(host.example.net)` next to `(10-1-2-3.isp.net)`.
 * Position 0 never varies (Drain's prefix-tree assumption: the first word names the
 * event), so "cupsd startup succeeded" and "sshd startup succeeded" stay apart.
 *
 * Stage 3 (coverage): a new atom also joins any group of its length and first word
 * that agrees with it everywhere except where one side has a masked value, which
 * catches several digit-free variables changing together.
 *
 * Ids are given on first sight and never reused. A later merge does not renumber what
 * add() already returned; resolve() maps any returned id to its group's surviving id,
 * so a caller can mine in one pass and label lines afterwards.
 */
import { WILDCARD, isMasked, maskedStem, tokenize } from './tokenize';

export interface MinerOptions {
  /** Distinct values a single position must show before it is treated as a variable. */
  minVariants?: number;
}

export interface MinedTemplate {
  id: number;
  template: string;
  count: number;
}

export interface Miner {
  /** Feed one message; returns its group's id and current template. */
  add(content: string): { templateId: number; template: string };
  /**
   * Feed one message already tokenised (see tokenize); returns its atom: the id of its exact
   * masked shape, which never changes (its group may). With `create` false an unseen shape is
   * not added and -1 is returned. Replaying the same shapes in the same order into a new
   * miner rebuilds the same groups, so a store can keep the shapes alone.
   */
  observe(tokens: string[], create?: boolean): number;
  /** The same for the tokens joined by single spaces (how a store keeps shapes). */
  observeShape(shape: string, create?: boolean): number;
  /** Distinct shapes seen so far (atom ids are 0 to atoms() - 1). */
  atoms(): number;
  /** The surviving group id for an id returned by add() (groups merge as the pass goes on). */
  resolve(templateId: number): number;
  /** The current template of a group. */
  template(templateId: number): string;
  /** All surviving groups, in id order. */
  templates(): MinedTemplate[];
}

interface Slot {
  values: Set<string>;
  /** Stems of masked values seen here (`rhost=` for `rhost=<*>`, '' for `<*>`). */
  maskedStems: Set<string>;
  atoms: number[];
  /** Set once the position proved variable: later atoms join this group at once. */
  merged: boolean;
}

/** The `key=` / `key:` head of a token, kept when two values of one key are joined. */
const KEY_PREFIX = /^[A-Za-z_][A-Za-z_.\-]*[=:]/;
/** Longer messages skip slot registration (cost and memory grow with length). */
const MAX_SLOT_TOKENS = 64;
/** Groups per (length, first word) kept as candidates for the coverage check. */
const MAX_COVER_SCAN = 256;

/** FNV-1a of a token, 32-bit. */
function hashToken(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Order-sensitive combination of a running hash with the next token's hash. */
function mix(h: number, t: number): number {
  return Math.imul((h ^ t) >>> 0, 0x9e3779b1) ^ (h >>> 15);
}

/**
 * A 53-bit number from two independent 32-bit mixes: number keys keep the slot map
 * several times faster than string keys when every line is a new shape.
 */
function slotKey(n: number, i: number, before: number, after: number): number {
  const hi = mix(mix(before, after), n * 0x10000 + i) >>> 0;
  const lo = mix(mix(after ^ 0x5bd1e995, before), i * 0x10000 + n) >>> 11;
  return hi * 0x200000 + lo;
}

const DEFAULT_MIN_VARIANTS = 4;

export function createMiner(opts: MinerOptions = {}): Miner {
  const minVariants = opts.minVariants ?? DEFAULT_MIN_VARIANTS;
  const atomByShape = new Map<string, number>();
  // Per atom: its union-find parent; per root: the group's tokens and line count.
  const parent: number[] = [];
  const tokens: string[][] = [];
  // Per atom: its own masked tokens (a root's entry in `tokens` is generalised in place).
  const atomTokens: string[][] = [];
  const count: number[] = [];
  const slots = new Map<number, Slot | number>();
  // Surviving groups by token count and first token, for the coverage check.
  const buckets = new Map<string, Set<number>>();

  function resolve(id: number): number {
    let r = id;
    while (parent[r] !== undefined && parent[r] !== r) r = parent[r] as number;
    // Path compression keeps later lookups O(1).
    let x = id;
    while (parent[x] !== undefined && parent[x] !== r) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  }

  /** Join two groups; the older id survives and its template generalises over both. */
  function union(a: number, b: number): void {
    let ra = resolve(a);
    let rb = resolve(b);
    if (ra === rb) return;
    if (rb < ra) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    buckets.get(bucketKey(tokens[rb] as string[]))?.delete(rb);
    const ta = tokens[ra] as string[];
    const tb = tokens[rb] as string[];
    for (let i = 0; i < ta.length; i++) ta[i] = generalize(ta[i] as string, tb[i] as string);
    count[ra] = (count[ra] as number) + (count[rb] as number);
  }

  /** A masked value and a plain one with the same stem: the plain one is a value too. */
  function provenVariable(slot: Slot): boolean {
    if (slot.maskedStems.size === 0 || slot.values.size < 2) return false;
    for (const v of slot.values) {
      if (isMasked(v)) continue;
      for (const stem of slot.maskedStems) if (v.length > stem.length && v.startsWith(stem)) return true;
    }
    return false;
  }

  function addToSlot(slot: Slot, atom: number, value: string): void {
    slot.values.add(value);
    slot.atoms.push(atom);
    if (isMasked(value)) slot.maskedStems.add(maskedStem(value));
  }

  function register(atom: number, toks: string[]): void {
    if (toks.length > MAX_SLOT_TOKENS) return;
    // Slot key = hash of length, position, the tokens before it and those after it:
    // O(n) per atom instead of joining n strings of n tokens.
    const n = toks.length;
    const th = toks.map(hashToken);
    const pre = new Array<number>(n + 1);
    const suf = new Array<number>(n + 1);
    pre[0] = 0x811c9dc5;
    for (let i = 0; i < n; i++) pre[i + 1] = mix(pre[i] as number, th[i] as number);
    suf[n] = 0x01000193;
    for (let i = n - 1; i >= 0; i--) suf[i] = mix(suf[i + 1] as number, th[i] as number);
    // Position 0 is never merged on (see the header comment).
    for (let i = 1; i < n; i++) {
      const value = toks[i] as string;
      const key = slotKey(n, i, pre[i] as number, suf[i + 1] as number);
      const seen = slots.get(key);
      // Most slots only ever hold one atom: store its id until a second one arrives.
      if (seen === undefined) {
        slots.set(key, atom);
        continue;
      }
      let slot: Slot;
      if (typeof seen === 'number') {
        slot = { values: new Set(), maskedStems: new Set(), atoms: [], merged: false };
        addToSlot(slot, seen, (atomTokens[seen] as string[])[i] as string);
        slots.set(key, slot);
      } else slot = seen;
      addToSlot(slot, atom, value);
      if (slot.merged) union(slot.atoms[0] as number, atom);
      else if (slot.values.size >= minVariants || provenVariable(slot)) {
        slot.merged = true;
        for (const other of slot.atoms) union(slot.atoms[0] as number, other);
      }
    }
  }

  function bucketKey(toks: string[]): string {
    return `${toks.length}\u0000${toks[0] ?? ''}`;
  }

  /**
   * Where one side already masked a value, the other side's constant there is a value
   * of the same variable: `Registering class <*> for class <*>` covers the same line
   * with digit-free class names. Join a new atom with every group it is compatible with
   * (equal, or masked on either side, at every position) and that shares a constant
   * beyond the first token, so pure wildcard shapes do not swallow unrelated events.
   */
  function joinCovering(atom: number, toks: string[]): void {
    const key = bucketKey(toks);
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = new Set();
      buckets.set(key, bucket);
    }
    for (const r of bucket) {
      const t = tokens[r] as string[];
      let shared = 0;
      let ok = true;
      for (let i = 1; i < toks.length && ok; i++) {
        const a = t[i] as string;
        const b = toks[i] as string;
        if (a === b) {
          if (a !== WILDCARD) shared++;
        } else if (!coversValue(a, b) && !coversValue(b, a)) ok = false;
      }
      if (ok && shared > 0) union(r, atom);
    }
    const root = resolve(atom);
    bucket.add(root);
    // Only the most recent groups stay candidates: keeps a flood of unique shapes linear.
    if (bucket.size > MAX_COVER_SCAN) bucket.delete(bucket.values().next().value as number);
  }

  /** The most specific token covering both: `tty=<*>` for `tty=<*>` and `tty=NODEVssh`, else `<*>`. */
  function generalize(a: string, b: string): string {
    if (a === b) return a;
    if (coversValue(a, b)) return a;
    if (coversValue(b, a)) return b;
    const ka = KEY_PREFIX.exec(a)?.[0];
    if (ka !== undefined && ka === KEY_PREFIX.exec(b)?.[0] && a.length > ka.length && b.length > ka.length) return ka + WILDCARD;
    return WILDCARD;
  }

  /** A masked token stands for the other (`<*>` for anything, `rhost=<*>` for `rhost=x` but not the empty `rhost=`). */
  function coversValue(masked: string, value: string): boolean {
    if (!isMasked(masked)) return false;
    const stem = maskedStem(masked);
    return value.length > stem.length && value.startsWith(stem);
  }

  function observeShape(shape: string, create = true): number {
    let atom = atomByShape.get(shape);
    if (atom === undefined) {
      if (!create) return -1;
      const toks = shape === '' ? [] : shape.split(' ');
      atom = parent.length;
      atomByShape.set(shape, atom);
      parent.push(atom);
      atomTokens.push(toks);
      tokens.push(toks.slice());
      count.push(0);
      register(atom, toks);
      joinCovering(atom, toks);
    }
    const root = resolve(atom);
    count[root] = (count[root] as number) + 1;
    return atom;
  }

  const observe = (toks: string[], create = true): number => observeShape(toks.join(' '), create);

  function add(content: string): { templateId: number; template: string } {
    const root = resolve(observe(tokenize(content)));
    return { templateId: root, template: (tokens[root] as string[]).join(' ') };
  }

  return {
    add,
    observe,
    observeShape,
    atoms: () => parent.length,
    resolve,
    template: (id) => (tokens[resolve(id)] ?? []).join(' '),
    templates: () => {
      const out: MinedTemplate[] = [];
      for (let i = 0; i < parent.length; i++) {
        if (parent[i] === i) out.push({ id: i, template: (tokens[i] as string[]).join(' '), count: count[i] as number });
      }
      return out;
    },
  };
}

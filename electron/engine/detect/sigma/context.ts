import type { SigmaEvent } from './types';

/**
 * Per-event evaluation state shared by every rule run on the event, so each field is
 * looked up, stringified and lower-cased once per event however many rules read it.
 * Field names are interned to slots when rules compile; the caches are arrays indexed
 * by slot and invalidated by a generation counter instead of being reallocated.
 */

const slotOf = new Map<string, number>();
const slotNames: string[] = [];

/** The slot of a field name, assigned on first use. */
export function fieldSlot(name: string): number {
  let s = slotOf.get(name);
  if (s === undefined) {
    s = slotNames.length;
    slotNames.push(name);
    slotOf.set(name, s);
  }
  return s;
}

/** Past this depth a nested value is stringified whole rather than walked. */
const MAX_DEPTH = 8;

function pushStrings(out: string[], v: unknown, depth: number): void {
  if (v === null || v === undefined) return;
  if (typeof v === 'string') out.push(v);
  else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') out.push(String(v));
  else if (Array.isArray(v) && depth < MAX_DEPTH) for (const x of v) pushStrings(out, x, depth + 1);
  else if (v instanceof Date) out.push(v.toISOString());
  else {
    try {
      out.push(JSON.stringify(v));
    } catch {
      out.push(String(v));
    }
  }
}

/** A field's value prepared for matching: its string forms (arrays give one per element). */
export class FieldVal {
  present = false;
  isNull = false;
  raw: unknown = undefined;
  strs: string[] = [];
  private low: string[] = [];
  private lowReady = false;

  load(raw: unknown): void {
    this.raw = raw;
    this.present = raw !== undefined;
    this.isNull = raw === null;
    this.strs.length = 0;
    this.lowReady = false;
    if (typeof raw === 'string') this.strs.push(raw);
    else pushStrings(this.strs, raw, 0);
  }

  /** The string forms lower-cased (computed once per event). */
  lower(): string[] {
    if (!this.lowReady) {
      this.low.length = 0;
      for (const s of this.strs) this.low.push(s.toLowerCase());
      this.lowReady = true;
    }
    return this.low;
  }
}

export class EvalContext {
  ev: SigmaEvent = { get: () => undefined, keywords: () => [], ts: null };
  private gen = 0;
  // Dense arrays indexed by slot: assigning a far index to an empty JS array would turn it
  // into a slow dictionary, so both grow to the registry size at once.
  private stamps = new Int32Array(0);
  private vals: FieldVal[] = [];
  private kwGen = -1;
  private kwRaw: string[] = [];
  private kwLow: string[] = [];
  private kwLowGen = -1;

  reset(ev: SigmaEvent): void {
    this.ev = ev;
    if (this.gen >= 0x7ffffffe) {
      // Generations are stored in an Int32Array: start over rather than overflow.
      this.gen = 0;
      this.stamps.fill(-1);
      this.kwGen = -1;
      this.kwLowGen = -1;
    }
    this.gen++;
  }

  private grow(): void {
    const n = slotNames.length;
    const stamps = new Int32Array(n).fill(-1);
    stamps.set(this.stamps);
    this.stamps = stamps;
    for (let i = this.vals.length; i < n; i++) this.vals.push(new FieldVal());
  }

  field(slot: number): FieldVal {
    if (slot >= this.vals.length) this.grow();
    const v = this.vals[slot]!;
    if (this.stamps[slot] !== this.gen) {
      this.stamps[slot] = this.gen;
      v.load(this.ev.get(slotNames[slot]!));
    }
    return v;
  }

  /** The event's keyword texts as given. */
  keywords(): string[] {
    if (this.kwGen !== this.gen) {
      this.kwRaw.length = 0;
      for (const k of this.ev.keywords()) if (typeof k === 'string') this.kwRaw.push(k);
      this.kwGen = this.gen;
    }
    return this.kwRaw;
  }

  /** The event's keyword texts lower-cased. */
  keywordsLower(): string[] {
    if (this.kwLowGen !== this.gen) {
      this.kwLow.length = 0;
      for (const k of this.keywords()) this.kwLow.push(k.toLowerCase());
      this.kwLowGen = this.gen;
    }
    return this.kwLow;
  }
}

/** A compiled test over the current event. */
export type Pred = (c: EvalContext) => boolean;

/** A context for one-off checks (`rule.matches(ev)` outside `runRules`). */
export function contextFor(ev: SigmaEvent): EvalContext {
  const c = new EvalContext();
  c.reset(ev);
  return c;
}

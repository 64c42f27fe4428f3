import type { SigmaEvent } from './types';

/** Normalized fields of an imported event (the events table's columns). */
export interface NormalizedFields {
  ts?: number | null;
  message?: string | null;
  host?: string | null;
  user?: string | null;
  action?: string | null;
  outcome?: string | null;
  src_ip?: string | null;
  dst_ip?: string | null;
  resource?: string | null;
  severity?: string | null;
  /** Importer format id ("evtx", "cloudtrail", "auditd", ...). */
  format?: string | null;
}

/**
 * Other names the same Windows field has in common EVTX renderings (evtx crate JSON,
 * python-evtx, Winlogbeat): tried when the Sigma name itself is absent.
 */
const ALIASES: Record<string, string[]> = {
  provider_name: ['Provider.#attributes.Name', 'Provider_attributes.Name', 'Provider.Name', 'Provider', 'ProviderName', 'SourceName', 'winlog.provider_name'],
  eventid: ['EventID.#text', 'EventID.value', 'EventId', 'event_id', 'winlog.event_id', 'Id'],
  channel: ['LogName', 'winlog.channel'],
  computer: ['winlog.computer_name', 'Hostname'],
  eventrecordid: ['winlog.record_id', 'RecordId'],
  // Security 4688 names the process fields differently from Sysmon 1 (Sigma's field mapping).
  image: ['NewProcessName'],
  parentimage: ['ParentProcessName'],
};

/** The normalized names a rule may use when the record itself has no such field. */
const NORMALIZED = new Set(['message', 'host', 'user', 'action', 'outcome', 'src_ip', 'dst_ip', 'resource', 'severity']);

/** Containers EVTX renderings nest the Sigma fields under. */
const CONTAINERS = ['EventData', 'System', 'UserData', 'Event.EventData', 'Event.System', 'Event.UserData'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A key of `o` equal to `k` ignoring case and spaces, or undefined. */
function keyCI(o: Record<string, unknown>, k: string): string | undefined {
  if (own(o, k)) return k;
  const lk = k.toLowerCase();
  for (const key of Object.keys(o)) if (key.toLowerCase() === lk) return key;
  for (const key of Object.keys(o)) if (key.toLowerCase().replace(/\s+/g, '') === lk) return key;
  return undefined;
}

/**
 * Resolve `segs[i..]` in `o`: keys may themselves contain dots (flattened records), so the
 * longest matching key is tried first; arrays on the path collect every element's value.
 */
function resolve(o: unknown, segs: string[], i: number, ci: boolean): unknown {
  if (Array.isArray(o)) {
    const vals = o.map((x) => resolve(x, segs, i, ci)).filter((x) => x !== undefined);
    return vals.length === 0 ? undefined : vals.flat();
  }
  if (!isObj(o)) return undefined;
  for (let j = segs.length; j > i; j--) {
    const want = j - i === 1 ? segs[i]! : segs.slice(i, j).join('.');
    const k = own(o, want) ? want : ci ? keyCI(o, want) : undefined;
    if (k === undefined) continue;
    const v = o[k];
    if (j === segs.length) return v;
    const r = resolve(v, segs, j, ci);
    if (r !== undefined) return r;
  }
  return undefined;
}

function lookup(o: Record<string, unknown>, field: string): unknown {
  if (own(o, field)) return o[field];
  const segs = field.split('.');
  return resolve(o, segs, 0, false) ?? resolve(o, segs, 0, true);
}

/** The field in an EVTX container; UserData has one element of any name around its fields. */
function inContainers(o: Record<string, unknown>, field: string): unknown {
  for (const c of CONTAINERS) {
    const box = lookup(o, c);
    if (!isObj(box)) continue;
    const v = lookup(box, field);
    if (v !== undefined) return v;
    if (c.endsWith('UserData')) {
      for (const inner of Object.values(box)) {
        if (!isObj(inner)) continue;
        const w = lookup(inner, field);
        if (w !== undefined) return w;
      }
    }
  }
  return undefined;
}

/** Audit records coalesced as `SYSCALL.exe`, `PATH.name`, `PATH[1].name` with `records: [types]`. */
function auditField(o: Record<string, unknown>, field: string): unknown {
  if (!Array.isArray(o.records)) return undefined;
  if (field === 'type') return o.records;
  const suffix = `.${field.toLowerCase()}`;
  const vals: unknown[] = [];
  for (const k of Object.keys(o)) {
    if (k.toLowerCase().endsWith(suffix) && /^[A-Z0-9_]+(\[\d+\])?$/.test(k.slice(0, k.length - suffix.length))) vals.push(o[k]);
  }
  return vals.length === 0 ? undefined : vals.length === 1 ? vals[0] : vals;
}

/** XML renderings keep an element's text beside its attributes: `{"#text": 4688, "#attributes": …}`. */
const textOf = (v: unknown): unknown => (isObj(v) && own(v, '#text') ? v['#text'] : v);

function* leafStrings(v: unknown, depth: number): Generator<string> {
  if (typeof v === 'string') yield v;
  else if (typeof v === 'number' || typeof v === 'boolean') yield String(v);
  else if (depth < 16 && Array.isArray(v)) for (const x of v) yield* leafStrings(x, depth + 1);
  else if (depth < 16 && isObj(v)) for (const x of Object.values(v)) yield* leafStrings(x, depth + 1);
}

/** Records of one source repeat the same keys: lower-case each key name once, not per event. */
const lowerCache = new Map<string, string>();
function lowerKey(k: string): string {
  let lk = lowerCache.get(k);
  if (lk === undefined) {
    lk = k.toLowerCase();
    if (lowerCache.size < 10_000) lowerCache.set(k, lk);
  }
  return lk;
}

class RecordEvent implements SigmaEvent {
  readonly ts: number | null;
  readonly format: string | null;
  private lowerKeys: Map<string, string> | null = null;

  constructor(
    private readonly fields: Record<string, unknown>,
    private readonly norm: NormalizedFields,
  ) {
    this.ts = norm.ts ?? null;
    this.format = norm.format ?? null;
  }

  private byLowerKey(field: string): string | undefined {
    if (this.lowerKeys === null) {
      this.lowerKeys = new Map();
      for (const k of Object.keys(this.fields)) {
        const lk = lowerKey(k);
        if (!this.lowerKeys.has(lk)) this.lowerKeys.set(lk, k);
        // Sigma names Windows fields with their spaces removed ("Source Name" → SourceName).
        if (k.includes(' ')) {
          const squeezed = lk.replace(/\s+/g, '');
          if (!this.lowerKeys.has(squeezed)) this.lowerKeys.set(squeezed, k);
        }
      }
    }
    return this.lowerKeys.get(lowerKey(field));
  }

  private direct(field: string): unknown {
    const f = this.fields;
    if (own(f, field)) return f[field];
    const k = this.byLowerKey(field);
    if (k !== undefined) return f[k];
    if (field.includes('.')) {
      const segs = field.split('.');
      return resolve(f, segs, 0, false) ?? resolve(f, segs, 0, true);
    }
    return undefined;
  }

  get(field: string): unknown {
    const f = this.fields;
    if (own(f, field)) return textOf(f[field]);
    return textOf(this.find(field));
  }

  private find(field: string): unknown {
    const f = this.fields;
    let v = this.direct(field);
    if (v !== undefined) return v;
    const nested = own(f, 'EventData') || own(f, 'System') || own(f, 'UserData') || own(f, 'Event');
    if (nested) {
      v = inContainers(f, field);
      if (v !== undefined) return v;
    }
    const aliases = ALIASES[lowerKey(field)];
    if (aliases !== undefined) {
      for (const a of aliases) {
        v = textOf(this.direct(a) ?? (nested ? inContainers(f, a) : undefined));
        // An alias naming an element (`Provider`) only counts when it holds a value, not attributes.
        if (v !== undefined && !isObj(v)) return v;
      }
    }
    v = auditField(f, field);
    if (v !== undefined) return v;
    if (NORMALIZED.has(field) && own(this.norm, field)) {
      const n = this.norm[field as keyof NormalizedFields];
      return n === null ? undefined : n;
    }
    return undefined;
  }

  *keywords(): Generator<string> {
    if (typeof this.norm.message === 'string') yield this.norm.message;
    yield* leafStrings(this.fields, 0);
  }
}

/**
 * A SigmaEvent over a parsed record, flat (`"requestParameters.bucketName": …`) or nested.
 * Lookup order: exact key; the same ignoring case; dotted path; EVTX containers (EventData,
 * System, UserData); known aliases; coalesced audit records; the normalized fields.
 */
export function sigmaEventFromRecord(fields: Record<string, unknown>, normalized?: NormalizedFields): SigmaEvent {
  return new RecordEvent(fields, normalized ?? {});
}

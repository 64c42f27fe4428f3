/**
 * What a CEL rule sees of one event. Normalized fields are strings, empty ("") when the
 * event has none, so `user == "root"` never fails on a missing user; `ts` is a timestamp
 * (millisecond precision) or null when the event has no time; `attrs` is the original
 * record as a map: nested objects are maps, whole numbers are ints, and every nested field
 * is also reachable by its dotted path (`attrs["requestParameters.bucketName"]`).
 */
export const NORMALIZED_FIELDS = ['host', 'user', 'action', 'outcome', 'src_ip', 'dst_ip', 'resource', 'severity', 'message', 'format', 'source'] as const;

export type NormalizedName = (typeof NORMALIZED_FIELDS)[number];

/** One event's evaluation input as the detection job has it. */
export interface CelEventInput {
  /** Microseconds since the epoch, or null. */
  ts: number | null;
  fields: Partial<Record<NormalizedName, string | null>>;
  attrs: Record<string, unknown>;
}

export type CelActivation = Record<NormalizedName, string> & { ts: Date | null; attrs: Map<string, unknown> };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON value → CEL value: objects become maps, whole numbers ints (BigInt). */
function celValue(v: unknown, depth: number): unknown {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : v;
  if (depth > 32) return null;
  if (Array.isArray(v)) return v.map((x) => celValue(x, depth + 1));
  if (isObj(v)) {
    const m = new Map<string, unknown>();
    for (const [k, x] of Object.entries(v)) m.set(k, celValue(x, depth + 1));
    return m;
  }
  return v === undefined ? null : v;
}

/** Add `a.b.c` keys for every nested field, without overwriting a key the record has itself. */
function addDotted(top: Map<string, unknown>, prefix: string, m: Map<string, unknown>, depth: number): void {
  if (depth > 8) return;
  for (const [k, v] of m) {
    const key = `${prefix}.${k}`;
    if (!top.has(key)) top.set(key, v);
    if (v instanceof Map) addDotted(top, key, v, depth + 1);
  }
}

export function celActivation(e: CelEventInput): CelActivation {
  const attrs = celValue(e.attrs, 0) as Map<string, unknown>;
  for (const [k, v] of [...attrs]) if (v instanceof Map) addDotted(attrs, k, v, 0);
  const act = { ts: e.ts === null ? null : new Date(Math.floor(e.ts / 1000)), attrs } as CelActivation;
  for (const f of NORMALIZED_FIELDS) act[f] = e.fields[f] ?? '';
  return act;
}

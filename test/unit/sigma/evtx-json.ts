/**
 * Test helper: the official SigmaHQ regression events are EVTX records rendered as JSON
 * (`{"Event": {"System": …, "EventData": …}}`, several objects back to back). Flatten them
 * the way an EVTX parser stores fields: System values and `<Element>_<Attribute>` names
 * (`Provider_Name`), EventData/UserData fields under their own names.
 */

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Split back-to-back JSON values (`{…}{…}` or one per line) and parse each. */
export function parseJsonStream(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inStr = false;
  let esc = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inStr) {
      if (esc) esc = false;
      else if (ch === '\\') esc = true;
      else if (ch === '"') inStr = false;
      continue;
    }
    if (ch === '"') inStr = true;
    else if (ch === '{' || ch === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

function putFields(out: Record<string, unknown>, box: unknown): void {
  if (!isObj(box)) return;
  for (const [k, v] of Object.entries(box)) {
    if (k === '#attributes') continue;
    out[k] = isObj(v) && '#text' in v ? v['#text'] : v;
  }
}

export interface FlatEvtx {
  fields: Record<string, unknown>;
  ts: number | null;
}

export function flattenEvtxJson(record: unknown): FlatEvtx {
  const ev = isObj(record) && isObj(record.Event) ? record.Event : {};
  const fields: Record<string, unknown> = {};
  const sys = isObj(ev.System) ? ev.System : {};
  for (const [k, v] of Object.entries(sys)) {
    if (!isObj(v)) {
      fields[k] = v;
      continue;
    }
    if ('#text' in v) fields[k] = v['#text'];
    const attrs = v['#attributes'];
    if (isObj(attrs)) for (const [a, av] of Object.entries(attrs)) fields[`${k}_${a}`] = av;
  }
  putFields(fields, ev.EventData);
  if (isObj(ev.UserData)) for (const inner of Object.values(ev.UserData)) putFields(fields, inner);
  const t = fields.TimeCreated_SystemTime;
  const ms = typeof t === 'string' ? Date.parse(t) : NaN;
  return { fields, ts: Number.isNaN(ms) ? null : ms * 1000 };
}

/** Longest compact rendering used as a message when a record has no message field. */
const MAX_RENDER = 1000;

/**
 * A short one-line `key=value` rendering of flattened fields, for records that carry no
 * message of their own (so full-text search still finds their values).
 */
export function renderFields(fields: Record<string, unknown> | Map<string, unknown>, max = MAX_RENDER): string {
  let out = '';
  const entries = fields instanceof Map ? fields.entries() : Object.entries(fields);
  for (const [k, v] of entries) {
    if (v === null || v === undefined || v === '') continue;
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    const part = `${out === '' ? '' : ' '}${k}=${s.includes(' ') || /\s/.test(s) ? JSON.stringify(s) : s}`;
    if (out.length + part.length > max) return `${out} …`;
    out += part;
  }
  return out;
}

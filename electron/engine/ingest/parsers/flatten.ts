import { setAttr } from './common';

/** Past this depth a nested value is kept whole under its key (hostile inputs nest deeply). */
const MAX_DEPTH = 24;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Past MAX_DEPTH the rest is kept as JSON text: a deeply nested object would later blow
 * the stack of every JSON.stringify that touches attrs.
 */
function deepRest(v: unknown): unknown {
  try {
    return JSON.stringify(v);
  } catch {
    return '[nested too deeply to keep]';
  }
}

/** Whether a value nests deeper than `budget` levels (walks arrays and objects). */
function nestsDeeper(v: unknown, budget: number): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (budget <= 0) return true;
  for (const x of Array.isArray(v) ? v : Object.values(v)) if (nestsDeeper(x, budget - 1)) return true;
  return false;
}

/**
 * Flatten a parsed JSON value into `out` with dotted keys: `{"a":{"b":1}}` gives `a.b`.
 * Arrays stay JSON values under their key, as do empty objects, so nothing is lost and
 * Sigma-style field names (`requestParameters.bucketName`) match directly.
 */
export function flattenInto(out: Record<string, unknown>, value: unknown, prefix = '', depth = 0): void {
  if (!isPlainObject(value)) {
    if (prefix !== '') setAttr(out, prefix, value);
    return;
  }
  const keys = Object.keys(value);
  if (depth >= MAX_DEPTH && prefix !== '') {
    setAttr(out, prefix, deepRest(value));
    return;
  }
  if (keys.length === 0 && prefix !== '') {
    setAttr(out, prefix, value);
    return;
  }
  for (const k of keys) {
    const v = value[k];
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (isPlainObject(v)) flattenInto(out, v, key, depth + 1);
    else if (Array.isArray(v) && nestsDeeper(v, MAX_DEPTH - depth)) setAttr(out, key, deepRest(v));
    else setAttr(out, key, v);
  }
}

export { isPlainObject };

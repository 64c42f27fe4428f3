/**
 * CEL's `matches` uses RE2 syntax; JavaScript's RegExp lacks RE2's leading flag group
 * (`(?i)`, `(?s)`, `(?m)`) and `(?P<name>…)`. Translate those, leave the rest to RegExp.
 */
const cache = new Map<string, RegExp>();

export function re2ToRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re !== undefined) return re;
  let body = pattern;
  let flags = 'u';
  const lead = /^\(\?([ims]+)\)/.exec(body);
  if (lead) {
    body = body.slice(lead[0].length);
    for (const f of new Set(lead[1])) flags += f;
  }
  body = body.replace(/\(\?P</g, '(?<');
  try {
    re = new RegExp(body, flags);
  } catch {
    // Not every RE2 pattern is valid with the `u` flag (e.g. `\-`); try without it.
    re = new RegExp(body, flags.replace('u', ''));
  }
  if (cache.size < 1000) cache.set(pattern, re);
  return re;
}

/**
 * Globs of the isolation policy, compiled once to RegExp so that matching a million events
 * costs one regex test per pattern. Two kinds:
 *
 * - Path globs (dataset paths, cache locations, monitored roots): `*` and `?` stay within one
 *   path segment, `**` (a whole segment) crosses folders, `[abc]`/`[!abc]` are character
 *   classes and `{a,b}` alternatives. A pattern also covers everything beneath what it
 *   names, so `/data/raw` and `/data/raw/**` both cover `/data/raw/orders/2024.csv`: a
 *   dataset or cache is usually a folder, and "under the folder" is what an auditor means.
 * - Value globs (principal `match:` values): exact strings, where `*` stands for any text
 *   (including `/`, since ARNs and exe paths are matched as whole values).
 */

/** A glob that cannot be compiled; `reason` is written for the policy author. */
export class GlobError extends Error {}

const REGEX_SPECIAL = /[.+^${}()|[\]\\*?]/g;
const escapeRe = (s: string): string => s.replace(REGEX_SPECIAL, '\\$&');

/** Compile a path glob; throws GlobError with a reason when the pattern is malformed. */
export function compilePathGlob(glob: string): RegExp {
  if (glob.trim() === '') throw new GlobError('empty pattern');
  if (glob.includes('\0')) throw new GlobError('pattern contains a NUL character');
  let re = '';
  let braces = 0;
  let i = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const before = i === 0 ? '/' : glob[i - 1];
        const after = glob[i + 2];
        if (after === '*') throw new GlobError("'***' is not a pattern; use '**' for any depth of folders or '*' within one name");
        if (before !== '/' || (after !== undefined && after !== '/' && after !== ',' && after !== '}')) {
          throw new GlobError("'**' must be a whole path segment (as in 'a/**/b' or 'a/**'); use '*' within a name");
        }
        if (after === '/') {
          // `a/**/b`: zero or more folders between a and b.
          re += '(?:[^/]*/)*';
          i += 3;
        } else {
          re += '.*';
          i += 2;
        }
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) throw new GlobError(`unclosed '[' at character ${i + 1}`);
      let body = glob.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      if (body === '') throw new GlobError(`empty character class at character ${i + 1}`);
      if (body.includes('/')) throw new GlobError("a character class cannot contain '/'");
      re += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end + 1;
      continue;
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}') {
      if (braces === 0) throw new GlobError(`'}' without '{' at character ${i + 1}`);
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else if (c === ']') {
      throw new GlobError(`']' without '[' at character ${i + 1}`);
    } else {
      re += escapeRe(c);
    }
    i++;
  }
  if (braces > 0) throw new GlobError("unclosed '{'");
  // Drop a trailing `/` or `/.*` so the folder itself and everything beneath it both match.
  re = re.replace(/(?:\/\.\*|\/)$/, '');
  return new RegExp(`^${re}(?:/.*)?$`);
}

/** Compile a value glob: exact text, `*` = any text. */
export function compileValueGlob(glob: string): RegExp | string {
  if (!glob.includes('*')) return glob;
  return new RegExp(`^${glob.split('*').map(escapeRe).join('.*')}$`, 's');
}

/**
 * Resources as `/`-separated paths: Windows paths (a backslash and no `/`) get `/`, and
 * repeated slashes collapse (except the `//` of a URL scheme such as `s3://`).
 */
export function normalizeResource(r: string): string {
  let p = r.includes('/') || !r.includes('\\') ? r : r.replace(/\\/g, '/');
  if (p.includes('//')) p = p.replace(/(^|[^:])\/{2,}/g, '$1/');
  return p;
}

import type { IntakeLimits } from './types';

/** A member name as text: `display` is lossless, `check` is what the safety rules inspect. */
export interface MemberName {
  /** For people: invalid UTF-8 bytes appear as `\xNN`. */
  display: string;
  /**
   * For the safety rules and collision keys: invalid bytes become lone surrogates
   * U+DC80..U+DCFF (Python's "surrogateescape"), which valid UTF-8 never produces, so
   * distinct raw names stay distinct and an escape can never fake a separator.
   */
  check: string;
  /** Length of the name as stored in the archive. */
  bytes: number;
}

// ignoreBOM keeps a leading U+FEFF in the name instead of silently dropping it.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function nameFromUtf8(raw: Buffer): MemberName {
  try {
    const text = strictUtf8.decode(raw);
    return { display: text, check: text, bytes: raw.length };
  } catch {
    const check = surrogateEscape(raw);
    return { display: displayOf(check), check, bytes: raw.length };
  }
}

/** A name that is already text; lone surrogates in it are escaped bytes (see `check`). */
export function nameFromText(text: string): MemberName {
  return { display: displayOf(text), check: text, bytes: Buffer.byteLength(text) };
}

function displayOf(check: string): string {
  return check.replace(/[\uDC80-\uDCFF]/g, (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).toUpperCase()}`);
}

/** The last component of a member name (names the content of a gzip member). */
export function lastComponent(name: MemberName): MemberName {
  return nameFromText(name.check.split(/[\\/]/).filter((p) => p !== '').pop() ?? '');
}

/** Decode valid sequences; each byte that starts no valid sequence becomes U+DC00 + byte. */
function surrogateEscape(raw: Buffer): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    let decoded: string | null = null;
    let len = 1;
    // A UTF-8 sequence is 1-4 bytes and only the exact slice decodes, so the first success is it.
    for (; len <= 4 && i + len <= raw.length; len++) {
      try {
        decoded = strictUtf8.decode(raw.subarray(i, i + len));
        break;
      } catch {
        decoded = null;
      }
    }
    if (decoded === null) {
      out += String.fromCharCode(0xdc00 + raw[i]!);
      i += 1;
    } else {
      out += decoded;
      i += len;
    }
  }
  return out;
}

/**
 * Why a member name is unsafe, or null. Names are never used to build paths on disk here,
 * but they are shown to people and may be extracted later by other tools, so anything
 * that could escape a destination folder or read ambiguously is refused outright.
 * Backslashes count as separators: Windows tools treat them so, whatever the archive says.
 */
export function nameProblem(name: MemberName, limits: IntakeLimits): string | null {
  const text = name.check;
  if (text.length === 0) return 'empty name';
  if (text.includes('\0')) return 'NUL byte in name';
  if (/[\x01-\x1f\x7f]/.test(text)) return 'control character in name';
  if (/^[\\/]{2}/.test(text)) return 'absolute path (network share)';
  if (/^[\\/]/.test(text)) return 'absolute path';
  if (/^[A-Za-z]:/.test(text)) return 'absolute path (drive letter)';
  const parts = text.split(/[\\/]/);
  // Windows drops trailing dots and spaces, so ".. " and "..." can act as ".." there.
  if (parts.some((p) => /^\.\.[. ]*$/.test(p))) {
    return text.includes('\\') ? 'path traversal ("..", with backslash separators)' : 'path traversal ("..")';
  }
  if (name.bytes > limits.maxNameBytes) return `name longer than ${limits.maxNameBytes} bytes`;
  if (parts.some((p) => Buffer.byteLength(p) > limits.maxComponentBytes)) {
    return `a name component is longer than ${limits.maxComponentBytes} bytes`;
  }
  return null;
}

/** The member's path with separators unified and "." / empty components dropped. */
function pathKey(name: string): string {
  return name
    .split(/[\\/]/)
    .filter((p) => p !== '' && p !== '.')
    .join('/');
}

/** Case-insensitive (upper then lower catches ſ/S, K/k) and normalization-insensitive form. */
function foldKey(key: string): string {
  return key.normalize('NFC').toUpperCase().toLowerCase();
}

/**
 * The names seen so far in one container. Two members that would land on the same file
 * when extracted (exact duplicates, case or Unicode-normalization twins, a file that is
 * also used as a folder) make the archive ambiguous: which one is the evidence?
 */
export class NameRegistry {
  private readonly files = new Map<string, string>();
  private readonly folded = new Map<string, string>();
  private readonly folders = new Set<string>();

  /** Register a member; returns the collision problem, or null. */
  add(name: MemberName, isDirectory: boolean): string | null {
    const key = pathKey(name.check);
    if (key === '') return isDirectory ? null : 'name does not name a file';
    const folded = foldKey(key);
    const prefixes = folded.split('/').slice(0, -1).map((_, i, all) => all.slice(0, i + 1).join('/'));
    for (const p of prefixes) {
      if (this.folded.has(p)) return `"${this.folded.get(p)}" is a file but is also used as a folder`;
    }
    if (isDirectory) {
      if (this.folded.has(folded)) return `name is both a file and a folder ("${this.folded.get(folded)}")`;
      this.folders.add(folded);
    } else {
      const same = this.files.get(key);
      if (same !== undefined) return `duplicate name (same as "${same}")`;
      const twin = this.folded.get(folded);
      if (twin !== undefined) return `name collides with "${twin}" when case and Unicode normalization are ignored`;
      if (this.folders.has(folded)) return 'name is both a file and a folder';
      this.files.set(key, name.display);
      this.folded.set(folded, name.display);
    }
    for (const p of prefixes) this.folders.add(p);
    return null;
  }
}

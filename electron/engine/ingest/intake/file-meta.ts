import { readFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import type { FileMeta } from './types';

/** Metadata nobody recorded (a gzip member, a zip made on Windows): every field unknown. */
export function unknownMeta(source: string): FileMeta {
  return { mode: null, uid: null, gid: null, owner: null, group: null, ctimeMs: null, source };
}

let names: { users: Map<number, string>; groups: Map<number, string> } | null = null;

/** `name:x:id:...` files; unreadable or absent (Windows) gives an empty map. */
function readIdFile(file: string): Map<number, string> {
  const out = new Map<number, string>();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    const n = Number(id);
    if (name && id !== undefined && id !== '' && Number.isInteger(n) && !out.has(n)) out.set(n, name);
  }
  return out;
}

/**
 * User and group names of this machine's local databases. Names from network directories
 * (LDAP, NSS modules) are not looked up: an unknown id stays a number rather than a guess.
 */
function localNames(): { users: Map<number, string>; groups: Map<number, string> } {
  names ??= { users: readIdFile('/etc/passwd'), groups: readIdFile('/etc/group') };
  return names;
}

/** Mode, owner and times of a file as the file system reports them. */
export function metaFromStats(st: Stats): FileMeta {
  const { users, groups } = localNames();
  return {
    mode: st.mode & 0o7777,
    uid: st.uid,
    gid: st.gid,
    owner: users.get(st.uid) ?? null,
    group: groups.get(st.gid) ?? null,
    ctimeMs: st.ctimeMs,
    source: 'file system',
  };
}

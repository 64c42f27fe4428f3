import { isUtf8 } from 'node:buffer';

/** A person line of a commit (`author` / `committer`), as recorded. */
export interface GitIdent {
  name: string;
  email: string;
  /** Seconds since the epoch, or null when the line is malformed. */
  time: number | null;
  /** The recorded offset, e.g. "+0100". */
  tz: string | null;
  /** The whole line as recorded (kept when it does not parse). */
  raw: string;
}

/** What the raw commit object says, decoded. */
export interface CommitObject {
  tree: string | null;
  parents: string[];
  author: GitIdent | null;
  committer: GitIdent | null;
  /** The `encoding` header (the message's character set), when present. */
  encoding: string | null;
  /** Signature kind from the object's signature header: openpgp, ssh, x509, or null (unsigned). */
  signature: string | null;
  /** Headers other than the ones above (mergetag, vendor headers), by name. */
  otherHeaders: string[];
  message: string;
  /** Some bytes of the object were not valid in its declared encoding (shown as U+FFFD). */
  invalidText: boolean;
}

const IDENT = /^(.*?) ?<([^<>]*)> (-?\d+) ([+-]\d{4})$/;

export function parseIdent(raw: string): GitIdent {
  const m = IDENT.exec(raw);
  if (!m) {
    const e = /<([^<>]*)>/.exec(raw);
    return { name: raw.replace(/<[^<>]*>.*$/, '').trim(), email: e?.[1] ?? '', time: null, tz: null, raw };
  }
  const time = Number(m[3]);
  return { name: m[1]!, email: m[2]!, time: Number.isSafeInteger(time) ? time : null, tz: m[4]!, raw };
}

function signatureKind(value: string): string {
  if (value.startsWith('-----BEGIN PGP SIGNATURE-----')) return 'openpgp';
  if (value.startsWith('-----BEGIN SSH SIGNATURE-----')) return 'ssh';
  if (value.startsWith('-----BEGIN SIGNED MESSAGE-----')) return 'x509';
  return 'unknown';
}

/** Decode bytes in a commit's declared encoding; unknown labels and bad bytes are reported. */
function decode(bytes: Buffer, encoding: string | null): { text: string; invalid: boolean } {
  const label = encoding?.trim() || 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: false });
  } catch {
    decoder = new TextDecoder('utf-8', { fatal: false });
  }
  const text = decoder.decode(bytes);
  const invalid = decoder.encoding === 'utf-8' ? !isUtf8(bytes) : text.includes('\uFFFD');
  return { text, invalid };
}

/**
 * Parse a raw commit object (`git cat-file` output). Headers run to the first empty line;
 * lines starting with a space continue the previous header (signatures, mergetags).
 */
export function parseCommitObject(raw: Buffer): CommitObject {
  const split = raw.indexOf('\n\n');
  const headBytes = split < 0 ? raw : raw.subarray(0, split);
  const bodyBytes = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 2);
  // The encoding header itself is ASCII; find it before decoding anything else.
  const enc = /(?:^|\n)encoding ([^\n]*)/.exec(headBytes.toString('latin1'));
  const encoding = enc ? enc[1]! : null;
  const head = decode(headBytes, encoding);
  const body = decode(bodyBytes, encoding);
  const headers: [string, string][] = [];
  for (const line of head.text.split('\n')) {
    if (line.startsWith(' ') && headers.length) headers[headers.length - 1]![1] += `\n${line.slice(1)}`;
    else {
      const sp = line.indexOf(' ');
      headers.push(sp < 0 ? [line, ''] : [line.slice(0, sp), line.slice(sp + 1)]);
    }
  }
  const out: CommitObject = {
    tree: null,
    parents: [],
    author: null,
    committer: null,
    encoding,
    signature: null,
    otherHeaders: [],
    message: body.text,
    invalidText: head.invalid || body.invalid,
  };
  for (const [name, value] of headers) {
    if (name === 'tree') out.tree = value;
    else if (name === 'parent') out.parents.push(value);
    else if (name === 'author') out.author = parseIdent(value);
    else if (name === 'committer') out.committer = parseIdent(value);
    else if (name === 'encoding') continue;
    else if (name === 'gpgsig' || name === 'gpgsig-sha256') out.signature = signatureKind(value);
    else if (name !== '' && !out.otherHeaders.includes(name)) out.otherHeaders.push(name);
  }
  return out;
}

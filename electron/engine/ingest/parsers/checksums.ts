import { open, stat } from 'node:fs/promises';
import { readLines } from '../lines';
import type { DetectSample, Line, ParseContext, ParsedEvent, ParseSink, StreamParser } from '../types';
import { isBlank, lineFlags, lineWhere } from './common';
import { isPlainObject } from './flatten';

/**
 * Checksum manifests: what a set of files is registered to contain. Each entry is one event
 * (resource = the registered path, attrs.sha256 = the registered digest); the import then
 * compares manifests with inventories (detect/manifest). Accepted:
 *
 * - `sha256sum` output: `<64 hex>  <path>` (text mode) or `<64 hex> *<path>` (binary mode),
 *   with GNU's escaping (a line starting with `\` has `\\`, `\n`, `\r` escaped in the name);
 *   and the BSD/`--tag` form `SHA256 (<path>) = <64 hex>`.
 * - A JSON registry, one of:
 *   - an array of entries;
 *   - an object whose `datasets`, `files`, `entries` or `artifacts` member is such an array,
 *     or an object of entries keyed by name;
 *   - an object mapping names or paths to digests (`{"data/a.csv": "<64 hex>"}`) or to entries.
 *   An entry is an object with the digest in `sha256` (or `sha256sum`, `checksum`, `digest`,
 *   `hash`; 64 hex digits, optionally prefixed `sha256:`), and `path` (or `file`,
 *   `filename`) and/or `name` (or `id`; a mapping's key stands for the name).
 */

/** JSON registries are read whole; larger ones are refused with a reason. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const HEX64 = /^[0-9a-fA-F]{64}$/;
const GNU_LINE = /^(\\?)([0-9a-fA-F]+) ([ *])(.*)$/;
const BSD_LINE = /^(\\?)SHA256 \((.*)\) = ([0-9a-fA-F]{64})$/;
const ARRAY_KEYS = ['datasets', 'files', 'entries', 'artifacts'];
const DIGEST_KEYS = ['sha256', 'sha256sum', 'checksum', 'digest', 'hash'];
const PATH_KEYS = ['path', 'file', 'filename'];
const NAME_KEYS = ['name', 'id'];

/** GNU coreutils escapes `\` and newline (and CR) in names and marks such lines with a leading `\`. */
function unescapeName(s: string): string {
  return s.replace(/\\(\\|n|r)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));
}

/** The last component; `\` separates only in Windows-style paths (those without any `/`). */
function baseName(p: string): string {
  const parts = p.split(p.includes('/') ? '/' : /\\/);
  return parts[parts.length - 1] ?? p;
}

function entryEvent(sha256: string, filePath: string | null, name: string | null, style: string): ParsedEvent {
  const shown = filePath ?? name ?? '';
  return {
    ts: null,
    resource: shown,
    action: 'checksum',
    message: `${sha256.toLowerCase()}  ${shown}`,
    attrs: { sha256: sha256.toLowerCase(), path: filePath, name: name ?? (filePath !== null ? baseName(filePath) : null), algorithm: 'sha256', style },
  };
}

function textLine(l: Line, sink: ParseSink): void {
  if (isBlank(l.text)) return;
  const where = lineWhere(l);
  const flags = lineFlags(l, sink);
  let ev: ParsedEvent | null = null;
  const gnu = GNU_LINE.exec(l.text);
  const bsd = gnu ? null : BSD_LINE.exec(l.text);
  if (gnu) {
    const [, esc, hex, mode, rawName] = gnu;
    if (hex!.length !== 64) {
      sink.skip(where, `not a SHA-256 checksum (${hex!.length} hex digits)`);
      return;
    }
    const name = esc ? unescapeName(rawName!) : rawName!;
    ev = entryEvent(hex!, name, null, 'sha256sum');
    ev.attrs!.mode = mode === '*' ? 'binary' : 'text';
  } else if (bsd) {
    const [, esc, rawName, hex] = bsd;
    ev = entryEvent(hex!, esc ? unescapeName(rawName!) : rawName!, null, 'bsd');
  } else if (l.text.startsWith('#')) {
    sink.skip(where, 'comment line');
    return;
  } else {
    sink.skip(where, 'not a checksum line ("<sha256>  <path>" or "SHA256 (<path>) = <sha256>")');
    return;
  }
  ev.offset = l.offset;
  ev.length = l.length;
  ev.flags = flags;
  sink.event(ev);
}

function digestOf(o: Record<string, unknown>): string | null {
  for (const k of DIGEST_KEYS) {
    const v = o[k];
    if (typeof v !== 'string') continue;
    const hex = v.replace(/^sha-?256:/i, '');
    if (HEX64.test(hex)) return hex;
  }
  return null;
}

function stringOf(o: Record<string, unknown>, keys: string[]): string | null {
  for (const k of keys) if (typeof o[k] === 'string' && o[k] !== '') return o[k];
  return null;
}

/** The entries of a JSON registry, each with its key when it came from a mapping. */
function registryEntries(doc: unknown): { key: string | null; value: unknown }[] | null {
  if (Array.isArray(doc)) return doc.map((value) => ({ key: null, value }));
  if (!isPlainObject(doc)) return null;
  for (const k of ARRAY_KEYS) {
    const v = doc[k];
    if (Array.isArray(v)) return v.map((value) => ({ key: null, value }));
    if (isPlainObject(v)) return Object.entries(v).map(([key, value]) => ({ key, value }));
  }
  return Object.entries(doc).map(([key, value]) => ({ key, value }));
}

async function parseJson(file: string, sink: ParseSink): Promise<void> {
  const size = (await stat(file)).size;
  if (size > MAX_JSON_BYTES) {
    sink.skip('file', `JSON registry larger than ${MAX_JSON_BYTES} bytes; not imported`);
    return;
  }
  const fh = await open(file, 'r');
  let text: string;
  try {
    text = (await fh.readFile()).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await fh.close();
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    sink.skip('file', `not valid JSON: ${(e as Error).message}`);
    return;
  }
  const entries = registryEntries(doc);
  if (!entries) {
    sink.skip('file', 'not a checksum registry (expected a JSON object or array)');
    return;
  }
  entries.forEach(({ key, value }, record) => {
    const where = `record ${record}`;
    let ev: ParsedEvent | null = null;
    if (typeof value === 'string' && key !== null) {
      const hex = value.replace(/^sha-?256:/i, '');
      if (HEX64.test(hex)) ev = entryEvent(hex, key, null, 'json');
    } else if (isPlainObject(value)) {
      const hex = digestOf(value);
      const p = stringOf(value, PATH_KEYS);
      const name = stringOf(value, NAME_KEYS) ?? key;
      if (hex && (p !== null || name !== null)) ev = entryEvent(hex, p, name, 'json');
    }
    if (!ev) {
      sink.skip(where, `not a registry entry (needs a SHA-256 digest and a path or name)${key !== null ? ` at key ${JSON.stringify(key.slice(0, 80))}` : ''}`);
      return;
    }
    ev.record = record;
    sink.event(ev);
  });
}

async function parse(file: string, _ctx: ParseContext, sink: ParseSink, signal: AbortSignal): Promise<void> {
  const fh = await open(file, 'r');
  const head = Buffer.alloc(256);
  let n: number;
  try {
    ({ bytesRead: n } = await fh.read(head, 0, head.length, 0));
  } finally {
    await fh.close();
  }
  const first = head.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trimStart()[0];
  if (first === '{' || first === '[') {
    await parseJson(file, sink);
    return;
  }
  await readLines(file, { signal, onBatch: (lines) => lines.forEach((l) => textLine(l, sink)) });
}

const JSON_DIGEST = /"(?:sha256|sha256sum|checksum|digest|hash)"\s*:\s*"(?:sha-?256:)?[0-9a-fA-F]{64}"/i;
const JSON_MAPPING = /"[^"\n]+"\s*:\s*"(?:sha-?256:)?[0-9a-fA-F]{64}"/g;

function detect(sample: DetectSample): number {
  const text = sample.head.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    if (JSON_DIGEST.test(text)) return 0.96;
    return (text.match(JSON_MAPPING)?.length ?? 0) >= 2 ? 0.95 : 0;
  }
  let n = 0;
  let ok = 0;
  for (const l of sample.lines) {
    if (isBlank(l)) continue;
    n++;
    const g = GNU_LINE.exec(l);
    if ((g && g[2]!.length === 64) || BSD_LINE.test(l)) ok++;
  }
  if (n === 0) return 0;
  const f = ok / n;
  return f >= 0.8 ? 0.98 : f >= 0.5 ? 0.7 : 0;
}

export const checksumsParser: StreamParser = {
  kind: 'stream',
  id: 'checksums',
  label: 'Checksum manifest (sha256sum, JSON registry)',
  detect,
  parse,
};

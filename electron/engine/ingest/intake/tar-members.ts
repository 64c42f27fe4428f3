import { createReadStream } from 'node:fs';
import tar, { type Header } from 'tar-stream';
import { nameFromText, nameFromUtf8, type MemberName } from './member-names';
import type { Member, MemberKind } from './members';
import type { FileMeta } from './types';
import { hasUstarMagic, readHead } from './sniff';

/** The parser's header; `type` is null at run time for type flags it does not know. */
interface TarHeader extends Omit<Header, 'pax' | 'type'> {
  type: Header['type'] | null;
  pax?: Record<string, string> | null;
}

function memberKind(type: TarHeader['type']): MemberKind {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    case 'character-device':
    case 'block-device':
      return 'device';
    case 'fifo':
      return 'fifo';
    default:
      // GNU sparse, multi-volume and vendor types: their data would not read as the file.
      return 'unknown';
  }
}

/** Names are decoded as latin1 by the parser so the raw bytes can be recovered and checked as UTF-8 here. */
function memberName(header: TarHeader): MemberName {
  if (header.pax?.path !== undefined) return nameFromText(header.name);
  return nameFromUtf8(Buffer.from(header.name, 'latin1'));
}

function memberMtime(header: TarHeader): number | null {
  const pax = header.pax?.mtime;
  if (pax !== undefined && Number.isFinite(Number(pax))) return Math.round(Number(pax) * 1000);
  const ms = header.mtime?.getTime();
  return ms !== undefined && Number.isFinite(ms) ? ms : null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** What a tar header records: mode, numeric and named owner, and ctime only when a pax header carries it. */
function memberMeta(header: TarHeader): FileMeta {
  const pax = header.pax ?? {};
  const ctime = pax.ctime !== undefined && Number.isFinite(Number(pax.ctime)) ? Math.round(Number(pax.ctime) * 1000) : null;
  const mode = num(header.mode);
  return {
    mode: mode === null ? null : mode & 0o7777,
    uid: num(header.uid),
    gid: num(header.gid),
    owner: header.uname ? header.uname : null,
    group: header.gname ? header.gname : null,
    ctimeMs: ctime,
    source: 'tar header',
  };
}

/** The entries of a tar, streamed in order; each entry's data must be read before the next header. */
export async function* tarMembers(file: string): AsyncGenerator<Member> {
  const head = await readHead(file);
  // Pre-POSIX tars have no magic; only then are magic-less headers accepted (sniffing already checked the checksum).
  const options = { filenameEncoding: 'latin1', allowUnknownFormat: !hasUstarMagic(head) };
  const extract = tar.extract(options as Parameters<typeof tar.extract>[0]);
  const source = createReadStream(file);
  source.on('error', (err) => extract.destroy(err));
  source.pipe(extract);
  try {
    for await (const entry of extract) {
      const header = entry.header as unknown as TarHeader;
      let opened = false;
      yield {
        name: memberName(header),
        kind: memberKind(header.type),
        mtimeMs: memberMtime(header),
        meta: memberMeta(header),
        problem: null,
        open: async () => {
          opened = true;
          // Handed over as a plain async iterable: the entry is a streamx stream, not a Node one.
          return { [Symbol.asyncIterator]: () => (entry as AsyncIterable<Buffer>)[Symbol.asyncIterator]() };
        },
      };
      // Entries the caller skipped (folders) still have to be drained to reach the next header.
      if (!opened) entry.resume();
    }
  } finally {
    source.destroy();
    extract.destroy();
  }
}

import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { nameFromText, nameFromUtf8, type MemberName } from './member-names';
import { unknownMeta } from './file-meta';
import type { Member, MemberKind } from './members';
import type { FileMeta } from './types';

const UTF8_FLAG = 0x800;
const INFO_ZIP_UNICODE_PATH = 0x7075;

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: yauzl would silently turn "\" into "/" and throw unlabelled errors on
    // bad names; the raw bytes let the intake name the entry and explain the refusal.
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    );
  });
}

/** Promise wrapper around yauzl's event-driven entry reading; keeps an error listener attached at all times. */
class EntryCursor {
  private waiting: { resolve: (e: Entry | null) => void; reject: (err: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(private readonly zip: ZipFile) {
    zip.on('entry', (entry: Entry) => this.settle(null, entry));
    zip.on('end', () => this.settle(null, null));
    zip.on('error', (err: Error) => {
      this.failure = err;
      this.settle(err, null);
    });
  }

  next(): Promise<Entry | null> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.zip.readEntry();
    });
  }

  private settle(err: Error | null, entry: Entry | null): void {
    const w = this.waiting;
    this.waiting = null;
    if (!w) return;
    if (err) w.reject(err);
    else w.resolve(entry);
  }
}

/**
 * The entry's name per the zip spec (Info-ZIP Unicode path field, then the UTF-8 flag,
 * else CP437), except that unflagged names which are valid UTF-8 are read as UTF-8:
 * macOS and many Unix tools write UTF-8 without setting the flag.
 */
function entryName(entry: Entry): MemberName {
  const raw = entry.fileNameRaw;
  const unicode = entry.extraFields.find(
    (f) => f.id === INFO_ZIP_UNICODE_PATH && f.data.length >= 6 && f.data[0] === 1 && f.data.readUInt32LE(1) === crc32(raw),
  );
  if (unicode) return nameFromUtf8(unicode.data.subarray(5));
  const utf8 = nameFromUtf8(raw);
  if (entry.generalPurposeBitFlag & UTF8_FLAG || utf8.check === utf8.display) return utf8;
  return nameFromText(yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, [], true));
}

/**
 * The Unix file type in the upper 16 bits of the external attributes. Checked whatever
 * host the entry claims to come from: the claim is as forgeable as the bits, and unzip
 * tools that honour S_IFLNK would create a link.
 */
function entryKind(entry: Entry, name: MemberName): MemberKind {
  const type = (entry.externalFileAttributes >>> 16) & 0o170000;
  switch (type) {
    case 0o120000:
      return 'symlink';
    case 0o020000:
    case 0o060000:
      return 'device';
    case 0o010000:
      return 'fifo';
    case 0o140000:
      return 'socket';
    case 0o040000:
      return 'directory';
    case 0o100000:
    case 0:
      return /[\\/]$/.test(name.check) ? 'directory' : 'file';
    default:
      return 'unknown';
  }
}

function entryProblem(entry: Entry, kind: MemberKind): string | null {
  if (entry.isEncrypted()) return 'encrypted entry (its content cannot be read without the password)';
  if (kind === 'directory') {
    // An empty deflate stream is 2 bytes; anything more is data an extractor would drop.
    return entry.uncompressedSize > 0 || entry.compressedSize > 2 ? 'folder entry carries data' : null;
  }
  if (!entry.canDecodeFileData()) return `unsupported compression method ${entry.compressionMethod}`;
  return null;
}

function entryMtime(entry: Entry): number | null {
  // DOS times carry no zone; reading them as UTC gives the same value on every machine.
  const ms = entry.getLastModDate({ timezone: 'UTC' }).getTime();
  return Number.isFinite(ms) ? ms : null;
}

const EXTENDED_TIMESTAMP = 0x5455;
const INFO_ZIP_UNIX_NEW = 0x7875;
const HOST_UNIX = 3;

/** A little-endian unsigned integer of 1 to 8 bytes (Info-ZIP's uid/gid fields vary in size). */
function uintLE(b: Buffer): number | null {
  if (b.length < 1 || b.length > 6) return null;
  return b.readUIntLE(0, b.length);
}

/**
 * What a zip records beyond the DOS time: Unix permission bits when the entry was made on
 * Unix, uid/gid from Info-ZIP's "ux" field, and the exact UTC mtime of the "UT" field.
 * Zip records no ctime and no owner names.
 */
function entryMeta(entry: Entry): FileMeta {
  const meta = unknownMeta('zip DOS time (zone not recorded)');
  if (entry.versionMadeBy >> 8 === HOST_UNIX) meta.mode = (entry.externalFileAttributes >>> 16) & 0o7777;
  for (const f of entry.extraFields) {
    if (f.id === EXTENDED_TIMESTAMP && f.data.length >= 5 && (f.data[0]! & 1) === 1) {
      meta.mtimeMs = f.data.readInt32LE(1) * 1000;
      meta.source = 'zip extended timestamp (UTC)';
    } else if (f.id === INFO_ZIP_UNIX_NEW && f.data.length >= 3 && f.data[0] === 1) {
      const uidSize = f.data[1]!;
      const uid = f.data.subarray(2, 2 + uidSize);
      const gidSize = f.data[2 + uidSize];
      if (uid.length === uidSize && gidSize !== undefined) {
        const gid = f.data.subarray(3 + uidSize, 3 + uidSize + gidSize);
        meta.uid = uintLE(uid);
        meta.gid = gid.length === gidSize ? uintLE(gid) : null;
      }
    }
  }
  return meta;
}

/** The entries of a zip, read from its central directory in order (random access on the stored copy). */
export async function* zipMembers(file: string): AsyncGenerator<Member> {
  const zip = await openZip(file);
  const cursor = new EntryCursor(zip);
  try {
    for (let entry = await cursor.next(); entry !== null; entry = await cursor.next()) {
      const e = entry;
      const name = entryName(e);
      const kind = entryKind(e, name);
      yield {
        name,
        kind,
        mtimeMs: entryMtime(e),
        meta: entryMeta(e),
        problem: entryProblem(e, kind),
        open: () => zip.openReadStreamPromise(e),
      };
    }
  } finally {
    zip.close();
  }
}

import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { nameFromText, nameFromUtf8, type MemberName } from './member-names';
import type { Member, MemberKind } from './members';

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
        problem: entryProblem(e, kind),
        open: () => zip.openReadStreamPromise(e),
      };
    }
  } finally {
    zip.close();
  }
}

import type { Readable } from 'node:stream';
import type { MemberName } from './member-names';
import type { FileMeta } from './types';

/** What an archive entry claims to be; anything but a file or folder is refused. */
export type MemberKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'device' | 'fifo' | 'socket' | 'unknown';

/** One entry of a container, as its format reader hands it over. */
export interface Member {
  name: MemberName;
  kind: MemberKind;
  /** The time recorded in the entry's header, in ms. */
  mtimeMs: number | null;
  /** Mode, owner and times the entry's header records (inventory). */
  meta: FileMeta;
  /** A format-specific reason to refuse the archive (encrypted, unsupported method), or null. */
  problem: string | null;
  /** The decoded content of a file entry; must be fully read before the next member is requested. */
  open(): Promise<Readable | AsyncIterable<Buffer>>;
}

/** Reads a container stored at `file`, one member at a time (`baseName`, the container's own name, names a gzip's content). */
export type MemberReader = (file: string, baseName: MemberName) => AsyncGenerator<Member>;

export function kindProblem(kind: MemberKind): string | null {
  switch (kind) {
    case 'file':
    case 'directory':
      return null;
    // A link entry makes an extractor write through or to another path: the classic zip-slip vector.
    case 'symlink':
      return 'symbolic link entry';
    case 'hardlink':
      return 'hard link entry';
    case 'device':
      return 'device entry';
    case 'fifo':
      return 'named pipe (fifo) entry';
    case 'socket':
      return 'socket entry';
    case 'unknown':
      return 'entry of an unsupported type';
  }
}

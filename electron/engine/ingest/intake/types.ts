/** Bounds applied to every top-level archive tree (all nested members counted together). */
export interface IntakeLimits {
  /** Container nesting allowed: a tar.gz uses two levels (gzip, then tar). */
  maxDepth: number;
  /** Entries (files and folders, all nesting levels) in one top-level archive. */
  maxEntries: number;
  /** Bytes of one member, counted as streamed out of the decompressor. */
  maxEntryBytes: number;
  /** Bytes of all members of one top-level archive, counted as streamed. */
  maxTotalBytes: number;
  /** Streamed member bytes divided by the top-level archive's size on disk. */
  maxRatio: number;
  /** The ratio is only checked once the streamed bytes exceed this. */
  ratioFloorBytes: number;
  /** UTF-8 bytes of a member name. */
  maxNameBytes: number;
  /** UTF-8 bytes of one component of a member name. */
  maxComponentBytes: number;
}

/** One received file (or archive member), hashed and stored as `evidence/<sha256>`. */
export interface IntakeItem {
  /** Top-level: the input path as given; member: `<parent displayPath>!/<member name>`. */
  displayPath: string;
  sha256: string;
  size: number;
  /** Absolute path of the read-only copy `<caseDir>/evidence/<sha256>`. */
  storedPath: string;
  /** Original modification time: fs.stat for files, the header's time for members. */
  mtimeMs: number | null;
  /** Container format sniffed from the content (magic bytes), never from the name. */
  container: ContainerKind | null;
  /** Members of an accepted container, in archive order. */
  children: IntakeItem[];
  /** Why a container was refused as hostile or unreadable; its children are then empty. */
  refused: string | null;
  /** Ownership, mode and times as the file system or the archive header recorded them (inventory). */
  meta: FileMeta;
  /** The folder the user gave when this file was found by walking it; null when given directly or a member. */
  foundIn: string | null;
}

/** File metadata as recorded where the file came from; null means not recorded there, never guessed. */
export interface FileMeta {
  /** Permission bits (and set-id/sticky bits), without the file-type bits. */
  mode: number | null;
  uid: number | null;
  gid: number | null;
  /** User and group names: resolved from the uid/gid on this machine, or as an archive header names them. */
  owner: string | null;
  group: string | null;
  ctimeMs: number | null;
  /** Where the modification time comes from, e.g. "file system" or "zip DOS time (zone not recorded)". */
  source: string;
  /** Modification time for the inventory when it differs from `mtimeMs` (zip extended timestamp). */
  mtimeMs?: number | null;
}

export type ContainerKind = 'zip' | 'tar' | 'gzip';

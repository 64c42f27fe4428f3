import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { BundleMaker } from './git-bundle';
import { collectInputs, describeFsError, type InputFile } from './collect-inputs';
import { isFatal, messageOf, throwIfAborted } from './errors';
import { EvidenceStore, type StagedFile } from './evidence-store';
import { expandArchive } from './expand';
import { metaFromStats } from './file-meta';
import { resolveLimits } from './limits';
import { readHead, sniffContainer } from './sniff';
import type { FileMeta, IntakeItem, IntakeLimits } from './types';

export { DEFAULT_LIMITS } from './limits';
export type { ContainerKind, FileMeta, IntakeItem, IntakeLimits } from './types';

/** Options of `walkInputs`. */
export interface WalkOptions {
  /** The case folder; everything is written under `<caseDir>/evidence`. */
  caseDir: string;
  limits?: Partial<IntakeLimits>;
  signal?: AbortSignal;
  /** Called often (the caller throttles): bytes of top-level files read so far, of the total. */
  onProgress?: (bytesDone: number, bytesTotal: number, current: string) => void;
  /** A path that was not taken in (missing, unreadable, link, special file) and why. */
  onRefused?: (path: string, reason: string) => void;
  /**
   * 'git-bundle': a folder given directly is a git repository, received as ONE file, a
   * `git bundle create --all` of it (the bytes that are hashed, stored and parsed).
   */
  folders?: 'walk' | 'git-bundle';
}

// O_NOFOLLOW: a file listed by the walk could be swapped for a link before it is opened.
// O_NONBLOCK: opening a fifo swapped in the same way must not hang the import.
const OPEN_IN_FOLDER = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const OPEN_GIVEN = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Take in files, folders and archives: each top-level file is hashed (SHA-256) and stored
 * read-only as `evidence/<sha256>`, then, when its content is an archive, every member is
 * validated and stored the same way. Yields one item per top-level file, in input order,
 * folders walked in name order. Throws an Error named 'AbortError' when cancelled.
 */
export async function* walkInputs(paths: string[], opts: WalkOptions): AsyncGenerator<IntakeItem> {
  const limits = resolveLimits(opts.limits);
  const { signal } = opts;
  throwIfAborted(signal);
  const store = await EvidenceStore.open(opts.caseDir);
  const refuse = (p: string, reason: string): void => opts.onRefused?.(p, reason);
  const bundles = opts.folders === 'git-bundle' ? await BundleMaker.create() : null;
  let inputs: InputFile[];
  try {
    inputs = await collectInputs(paths, { excludeDir: store.evidenceDir, onRefused: refuse, signal, folderAsFile: bundles ? (dir) => bundles.make(dir, refuse) : undefined });
  } catch (err) {
    await bundles?.dispose();
    throw err;
  }
  const bytesTotal = inputs.reduce((sum, f) => sum + f.size, 0);
  let bytesBefore = 0;
  try {
    for (const input of inputs) {
      throwIfAborted(signal);
      const progress = (bytesRead: number, current: string): void =>
        opts.onProgress?.(bytesBefore + Math.min(bytesRead, input.size), bytesTotal, current);
      const item = await intakeFile(input, store, { limits, signal, progress, refuse });
      bytesBefore += input.size;
      opts.onProgress?.(bytesBefore, bytesTotal, input.shownAs ?? input.path);
      if (item) yield item;
    }
  } finally {
    // Cancelled or failed mid-archive: nothing may stay in staging.
    await store.discardAll();
    await bundles?.dispose();
  }
}

interface FileContext {
  limits: IntakeLimits;
  signal?: AbortSignal;
  progress: (bytesRead: number, current: string) => void;
  refuse: (path: string, reason: string) => void;
}

async function intakeFile(input: InputFile, store: EvidenceStore, ctx: FileContext): Promise<IntakeItem | null> {
  const shown = input.shownAs ?? input.path;
  let fh: FileHandle;
  try {
    fh = await open(input.path, input.inFolder ? OPEN_IN_FOLDER : OPEN_GIVEN);
  } catch (err) {
    ctx.refuse(shown, describeFsError(err));
    return null;
  }
  let staged: StagedFile;
  let mtimeMs: number;
  let meta: FileMeta;
  try {
    const st = await fh.stat();
    if (!st.isFile()) {
      ctx.refuse(shown, 'not a regular file');
      return null;
    }
    mtimeMs = st.mtimeMs;
    meta = metaFromStats(st);
    let bytesRead = 0;
    staged = await store.stage(fh.createReadStream({ start: 0, autoClose: false }), {
      signal: ctx.signal,
      onChunk: (n) => {
        bytesRead += n;
        ctx.progress(bytesRead, shown);
      },
    });
  } catch (err) {
    if (isFatal(err)) throw err;
    ctx.refuse(shown, `cannot read: ${messageOf(err)}`);
    return null;
  } finally {
    await fh.close().catch(() => undefined);
  }
  // The file as received is evidence whatever its content turns out to be: commit it first.
  const storedPath = await store.commit(staged);
  const container = sniffContainer(await readHead(storedPath));
  const item: IntakeItem = {
    displayPath: shown,
    sha256: staged.sha256,
    size: staged.size,
    storedPath,
    mtimeMs,
    container,
    children: [],
    refused: null,
    meta,
    foundIn: input.foundIn,
  };
  if (container) {
    // Parsed from the stored copy, so what is expanded is exactly what was hashed.
    const outcome = await expandArchive(store, storedPath, container, shown, {
      limits: ctx.limits,
      compressedSize: staged.size,
      signal: ctx.signal,
      onMember: (member) => ctx.progress(input.size, member),
    });
    item.children = outcome.children;
    item.refused = outcome.refused;
  }
  return item;
}

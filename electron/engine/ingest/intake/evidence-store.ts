import { createHash, randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { abortError, messageOf, StoreError, throwIfAborted } from './errors';

/** What can be staged: a readable stream or any async source of bytes. */
type Source = Readable | AsyncIterable<Buffer>;

/** A hashed copy waiting in `evidence/.staging` to be committed under its hash. */
export interface StagedFile {
  sha256: string;
  size: number;
  stagedPath: string;
}

export interface StageOptions {
  signal?: AbortSignal;
  /** Called with each chunk's size before it is written; throwing stops the copy (limits). */
  onChunk?: (bytes: number) => void;
}

// Same folder as case-folder's EVIDENCE_DIR; not imported, so intake does not load the database module.
const EVIDENCE_DIR = 'evidence';
const STAGING_DIR = '.staging';

/** One write(2) may take less than asked for; loop until the chunk is on disk. */
async function writeAll(fh: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/**
 * The case's content-addressed evidence folder. Every byte is written first into
 * `evidence/.staging/<random>` (inside the case, so a crash never leaves files elsewhere)
 * and only renamed to `evidence/<sha256>` once its hash is known. No name taken from the
 * input is ever used to build a path here.
 */
export class EvidenceStore {
  /** Bytes handed to staging files over this store's life (a diagnostic: proves limits stop writing). */
  bytesStaged = 0;
  private readonly pending = new Set<string>();

  private constructor(
    readonly evidenceDir: string,
    readonly stagingDir: string,
  ) {}

  static async open(caseDir: string): Promise<EvidenceStore> {
    const evidenceDir = path.join(path.resolve(caseDir), EVIDENCE_DIR);
    const stagingDir = path.join(evidenceDir, STAGING_DIR);
    try {
      await mkdir(stagingDir, { recursive: true });
    } catch (err) {
      throw new StoreError(`Cannot prepare the evidence folder ${evidenceDir}: ${messageOf(err)}`);
    }
    return new EvidenceStore(evidenceDir, stagingDir);
  }

  pathFor(sha256: string): string {
    return path.join(this.evidenceDir, sha256);
  }

  /**
   * Copy a stream into staging while hashing it; the staged copy is read-only once complete.
   * Pass a function to have the stream opened only once its reader is attached: a stream
   * that starts flowing earlier can fail (a zip entry longer than its header says) with
   * nobody listening, which crashes the process instead of refusing the entry.
   */
  async stage(source: Source | (() => Promise<Source>), opts: StageOptions = {}): Promise<StagedFile> {
    const { signal, onChunk } = opts;
    throwIfAborted(signal);
    const stagedPath = path.join(this.stagingDir, randomBytes(16).toString('hex'));
    let fh: FileHandle;
    try {
      // 'wx': never open an existing file, so a racing writer cannot be clobbered or followed.
      fh = await open(stagedPath, 'wx', 0o600);
    } catch (err) {
      throw new StoreError(`Cannot write to the evidence folder ${this.stagingDir}: ${messageOf(err)}`);
    }
    this.pending.add(stagedPath);
    const hash = createHash('sha256');
    let size = 0;
    // Set only by the disk write, so a failing disk is told apart from a failing input.
    let writeError: unknown = null;
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        try {
          throwIfAborted(signal);
          onChunk?.(chunk.length);
        } catch (err) {
          done(err as Error);
          return;
        }
        hash.update(chunk);
        size += chunk.length;
        this.bytesStaged += chunk.length;
        writeAll(fh, chunk).then(
          () => done(),
          (err: Error) => {
            writeError = err;
            done(err);
          },
        );
      },
    });
    try {
      // Opened and piped with no turn of the event loop in between.
      await pipeline(typeof source === 'function' ? await source() : source, sink, signal ? { signal } : {});
    } catch (err) {
      await fh.close().catch(() => undefined);
      await this.discard(stagedPath);
      if (writeError !== null) throw new StoreError(`Cannot write to the evidence folder ${this.stagingDir}: ${messageOf(writeError)}`);
      if (signal?.aborted) throw abortError();
      throw err;
    }
    try {
      await fh.close();
      // Read-only from the moment the content is hashed: nothing of ours writes to it again.
      await chmod(stagedPath, 0o444);
    } catch (err) {
      await this.discard(stagedPath);
      throw new StoreError(`Cannot write to the evidence folder ${this.stagingDir}: ${messageOf(err)}`);
    }
    return { sha256: hash.digest('hex'), size, stagedPath };
  }

  /** Move a staged copy to `evidence/<sha256>`; an existing copy has the same content by hash. */
  async commit(staged: StagedFile): Promise<string> {
    const finalPath = this.pathFor(staged.sha256);
    try {
      const existing = await lstat(finalPath).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw err;
      });
      if (existing === null) {
        await rename(staged.stagedPath, finalPath);
      } else {
        // Same hash means same content; a different size means someone altered the store.
        if (!existing.isFile() || existing.size !== staged.size) {
          throw new StoreError(`The evidence folder is damaged: ${finalPath} is not the ${staged.size}-byte file its name promises.`);
        }
        await unlink(staged.stagedPath);
      }
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(`Cannot store evidence ${finalPath}: ${messageOf(err)}`);
    }
    this.pending.delete(staged.stagedPath);
    return finalPath;
  }

  /** Remove a staged copy (best effort: this runs while another error is on its way up). */
  async discard(stagedPath: string): Promise<void> {
    this.pending.delete(stagedPath);
    await unlink(stagedPath).catch(() => undefined);
  }

  /** Remove every staged copy this store created and has not committed. */
  async discardAll(): Promise<void> {
    for (const p of [...this.pending]) await this.discard(p);
  }
}

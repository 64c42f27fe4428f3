import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync, renameSync, openSync, fsyncSync, closeSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import yazl from 'yazl';

/** A file being written into the staging folder, hashed as it is written. */
export class HashedFile {
  private readonly hash = createHash('sha256');
  private readonly out: WriteStream;
  private pending: (string | Uint8Array)[] = [];
  private pendingBytes = 0;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  }

  /** Buffers small writes; flushes in large blocks (respecting back-pressure). */
  async write(chunk: string | Uint8Array): Promise<void> {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    // Text is joined before encoding: one conversion instead of one per line.
    const buf = chunks.every((c) => typeof c === 'string') ? Buffer.from(chunks.join(''), 'utf8') : Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
    this.pending = [];
    this.pendingBytes = 0;
    this.hash.update(buf);
    if (!this.out.write(buf)) await once(this.out, 'drain');
  }

  /** Closes the file and returns its SHA-256 (hex). */
  async close(): Promise<string> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    return this.hash.digest('hex');
  }
}

/** Writes a whole file at once; returns its SHA-256. */
export async function writeHashed(file: string, content: string | Uint8Array): Promise<string> {
  const f = new HashedFile(file);
  await f.write(content);
  return f.close();
}

/**
 * Where a bundle is assembled: a hidden folder beside the final file. Nothing appears under
 * the final name until the zip is complete and synced (then one rename), so an export
 * killed half-way leaves no bundle that looks finished.
 */
export class Staging {
  readonly dir: string;
  readonly partialZip: string;

  constructor(readonly out: string) {
    const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
    const base = path.basename(out);
    this.dir = path.join(path.dirname(out), `.${base}.staging-${tag}`);
    this.partialZip = path.join(path.dirname(out), `.${base}.partial-${tag}`);
    mkdirSync(this.dir, { recursive: false, mode: 0o700 });
  }

  path(name: string): string {
    return path.join(this.dir, ...name.split('/'));
  }

  /** Zips the staged files (in the given order, fixed timestamps) and moves the zip into place. */
  async seal(names: string[], mtime: Date): Promise<void> {
    const zip = new yazl.ZipFile();
    for (const name of names) {
      zip.addReadStream(createReadStream(this.path(name)), name, { mtime, mode: 0o100644, compress: !name.endsWith('.pdf') });
    }
    zip.end();
    const out = createWriteStream(this.partialZip, { flags: 'wx', mode: 0o644 });
    zip.outputStream.pipe(out);
    await once(out, 'finish');
    const fd = openSync(this.partialZip, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(this.partialZip, this.out);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(this.partialZip, { force: true });
  }
}

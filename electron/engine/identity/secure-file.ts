import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

/** Owner-only: the identity holds an (encrypted) private key, the trust store decides who is believed. */
export const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;

function ioError(what: string, file: string, err: unknown): AppError {
  return new AppError('io', `Cannot ${what} ${file}: ${(err as Error).message}`, { path: file });
}

/**
 * Write a file atomically with mode 0600: a reader (or a crash) sees the old content or the new,
 * never half a key. The temp file is created exclusively (`wx`) with the final mode from the
 * start, so the secret is never readable by others even for a moment, then fsynced and renamed.
 */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (err) {
    throw ioError('create the folder for', file, err);
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', PRIVATE_FILE_MODE);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The umask may have narrowed the mode further; never let it be wider than 0600.
    chmodSync(tmp, PRIVATE_FILE_MODE);
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temp file may never have been created
    }
    throw ioError('write', file, err);
  }
}

/** Read a UTF-8 file; null when it does not exist, AppError('io') for any other failure. */
export function readFileIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw ioError('read', file, err);
  }
}

/** Parse JSON from one of our own files, naming the file when it is damaged. */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError('invalid_input', `${file} is damaged: not valid JSON (${(err as Error).message}).`, { path: file, reason: 'damaged' });
  }
}

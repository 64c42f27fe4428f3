import { getLoadablePath } from 'sqlite-vec';
import { AppError } from '../../../shared/errors';
import type { Db } from './open';

const loaded = new WeakSet<Db>();

/**
 * Loads sqlite-vec (vector tables and KNN search) into a connection, once. Refused with a
 * clear message where the extension is missing for this platform; everything but semantic
 * search works without it.
 */
export function useVectors(db: Db): void {
  if (loaded.has(db)) return;
  let file: string;
  try {
    // Packaged apps keep native files unpacked beside the archive (electron-builder asarUnpack).
    file = getLoadablePath().replace(`app.asar${pathSep()}`, `app.asar.unpacked${pathSep()}`);
    db.loadExtension(file);
  } catch (err) {
    throw new AppError('io', `Semantic search is unavailable: the sqlite-vec extension could not be loaded (${(err as Error).message}).`);
  }
  loaded.add(db);
}

function pathSep(): string {
  return process.platform === 'win32' ? '\\' : '/';
}

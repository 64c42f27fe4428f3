import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { throwIfAborted } from './errors';

/** A regular file to take in, found by walking the user's inputs. */
export interface InputFile {
  /** The path as given (top-level) or joined under the folder as given; also what is opened. */
  path: string;
  size: number;
  /** Found inside a folder: opened without following links, as the walk did not follow them. */
  inFolder: boolean;
  /** The folder the user gave, for files found by walking it. */
  foundIn: string | null;
  /** The name recorded for this input when it is not `path` (a bundle made from a repository folder). */
  shownAs?: string;
}

export interface CollectOptions {
  /** Never take files from here (the case's own evidence folder). */
  excludeDir: string;
  onRefused: (path: string, reason: string) => void;
  signal?: AbortSignal;
  /** Take a folder given by the user as one file made from it (a git bundle) instead of walking it. */
  folderAsFile?: (dir: string) => Promise<InputFile | null>;
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link not followed';
    case 'ENOTDIR':
      return 'not found (a parent is not a folder)';
    default:
      return `cannot read: ${(err as Error)?.message ?? String(err)}`;
  }
}

function specialKind(st: Stats | Dirent): string {
  if (st.isFIFO()) return 'named pipe';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  return 'unknown file type';
}

function joinShown(dir: string, name: string): string {
  return /[\\/]$/.test(dir) ? dir + name : dir + path.sep + name;
}

function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, path.resolve(p));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Every regular file under the given paths, folders walked depth-first in name order
 * (code-unit order, the same on every machine). Links inside folders are reported, not
 * followed: a link can point anywhere on the machine, and the user did not pick its target.
 * A path given directly is the user's explicit choice, so it may be a link.
 */
export async function collectInputs(paths: string[], opts: CollectOptions): Promise<InputFile[]> {
  const files: InputFile[] = [];

  const walkDir = async (dir: string, root: string): Promise<void> => {
    throwIfAborted(opts.signal);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      opts.onRefused(dir, `cannot list folder: ${describeFsError(err)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = joinShown(dir, entry.name);
      if (entry.isSymbolicLink()) opts.onRefused(full, 'symbolic link not followed');
      else if (entry.isDirectory()) await takeDir(full, root);
      else if (entry.isFile()) {
        try {
          files.push({ path: full, size: (await lstat(full)).size, inFolder: true, foundIn: root });
        } catch (err) {
          opts.onRefused(full, describeFsError(err));
        }
      } else opts.onRefused(full, `special file not imported (${specialKind(entry)})`);
    }
  };

  const takeDir = async (dir: string, root: string): Promise<void> => {
    // Importing the evidence folder into itself would only duplicate what is already stored.
    if (isInside(dir, opts.excludeDir)) opts.onRefused(dir, 'inside the case evidence folder');
    else await walkDir(dir, root);
  };

  for (const p of paths) {
    throwIfAborted(opts.signal);
    let st: Stats;
    try {
      st = await stat(p);
    } catch (err) {
      opts.onRefused(p, describeFsError(err));
      continue;
    }
    if (st.isDirectory() && opts.folderAsFile) {
      if (isInside(p, opts.excludeDir)) opts.onRefused(p, 'inside the case evidence folder');
      else {
        const made = await opts.folderAsFile(p);
        if (made) files.push(made);
      }
    } else if (st.isDirectory()) await takeDir(p, p);
    else if (!st.isFile()) opts.onRefused(p, `special file not imported (${specialKind(st)})`);
    else if (isInside(p, opts.excludeDir)) opts.onRefused(p, 'inside the case evidence folder');
    else files.push({ path: p, size: st.size, inFolder: false, foundIn: null });
  }
  return files;
}

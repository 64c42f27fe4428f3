import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gitFailure, runGit } from '../git/run-git';
import type { InputFile } from './collect-inputs';

/** How a repository folder is named in its intake record: the folder, and what was made of it. */
export function bundleShownAs(dir: string): string {
  return `${dir} (git bundle --all)`;
}

/** The repository inside a folder: `<dir>/.git` (folder or gitfile), or the folder itself when bare. */
function gitDirOf(dir: string): string | null {
  if (existsSync(path.join(dir, '.git'))) return path.join(dir, '.git');
  try {
    if (statSync(path.join(dir, 'HEAD')).isFile() && statSync(path.join(dir, 'objects')).isDirectory()) return dir;
  } catch {
    return null;
  }
  return null;
}

/**
 * Turns repository folders into bundles in a private temporary folder. A working folder is
 * not evidence that can be hashed as one thing; a bundle of every ref is: it carries all
 * commits, trees and blobs the refs reach, and the refs themselves. `--git-dir` is always
 * explicit, so git never searches parent folders for a repository.
 */
export class BundleMaker {
  private n = 0;
  private constructor(private readonly dir: string) {}

  static async create(): Promise<BundleMaker> {
    return new BundleMaker(await mkdtemp(path.join(os.tmpdir(), 'sealdesk-bundle-')));
  }

  async make(dir: string, refuse: (path: string, reason: string) => void): Promise<InputFile | null> {
    const gitDir = gitDirOf(dir);
    if (!gitDir) {
      refuse(dir, 'not a git repository (no .git inside, and not a bare repository); --format git takes a repository folder or a bundle file');
      return null;
    }
    const out = path.join(this.dir, `${++this.n}.bundle`);
    const r = await runGit([`--git-dir=${gitDir}`, 'bundle', 'create', '--quiet', out, '--all']);
    if (r.code !== 0 || r.spawnError) {
      refuse(dir, `cannot make a bundle of the repository: ${gitFailure(r)}`);
      return null;
    }
    return { path: out, size: (await stat(out)).size, inFolder: false, foundIn: null, shownAs: bundleShownAs(dir) };
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Run git in `dir` with fixed identities and dates, and no user or system configuration. */
export function git(dir: string, args: string[], env: Record<string, string> = {}): Buffer {
  return execFileSync('git', args, {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Alice Author',
      GIT_AUTHOR_EMAIL: 'alice@example.org',
      GIT_COMMITTER_NAME: 'Carol Committer',
      GIT_COMMITTER_EMAIL: 'carol@example.org',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Author and committer times differ on purpose, so a swap would show. */
function at(day: number, tz = '+0000'): Record<string, string> {
  return {
    GIT_AUTHOR_DATE: `2024-03-${String(day).padStart(2, '0')}T10:00:00 ${tz}`,
    GIT_COMMITTER_DATE: `2024-03-${String(day).padStart(2, '0')}T12:30:00 +0000`,
  };
}

/** A file name with a newline and bytes that are not UTF-8. */
export const WEIRD_NAME = Buffer.concat([Buffer.from('odd\nname-'), Buffer.from([0xff, 0xfe]), Buffer.from('.txt')]);

/**
 * A small repository with a root commit, a rename, a multi-line message, a branch adding a
 * file with a hostile name, a deletion, a merge, and an ISO-8859-1 encoded message.
 */
export function makeRepo(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  writeFileSync(path.join(dir, 'a.txt'), 'alpha\n');
  writeFileSync(path.join(dir, 'b.txt'), 'bravo\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'root: add a and b'], at(1, '+0200'));
  mkdirSync(path.join(dir, 'docs'));
  git(dir, ['mv', 'a.txt', 'docs/a.txt']);
  git(dir, ['commit', '-q', '-m', 'move a into docs\n\nThe body has\nseveral lines.\n'], at(2, '-0500'));
  git(dir, ['checkout', '-q', '-b', 'side']);
  writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), WEIRD_NAME]), 'x\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'side: a file with a hostile name'], at(3));
  git(dir, ['checkout', '-q', 'main']);
  git(dir, ['rm', '-q', 'b.txt']);
  writeFileSync(path.join(dir, 'docs', 'a.txt'), 'alpha, changed\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'delete b, change a'], at(4));
  git(dir, ['merge', '-q', '--no-ff', '-m', 'merge side', 'side'], at(5));
  writeFileSync(path.join(dir, 'c.txt'), 'charlie\n');
  git(dir, ['add', 'c.txt']);
  const latin1 = path.join(dir, '.msg');
  writeFileSync(latin1, Buffer.from('caf\xe9: latin-1 message\n', 'latin1'));
  git(dir, ['-c', 'i18n.commitEncoding=ISO-8859-1', 'commit', '-q', '-F', latin1], at(6));
  rmSync(latin1);
  git(dir, ['tag', 'v1']);
  return dir;
}

/** One commit as `git log` on the original repository reports it (the reference). */
export interface RefCommit {
  id: string;
  parents: string[];
  author: string;
  authorEmail: string;
  authorTime: number;
  committer: string;
  committerTime: number;
  changes: { status: string; path: Buffer; from: Buffer | null }[];
}

/** The reference history, read with git log's NUL-separated output. */
export function referenceLog(dir: string): RefCommit[] {
  const out = git(dir, ['log', '--all', '--date-order', '-z', '--format=%H%x00%P%x00%an%x00%ae%x00%at%x00%cn%x00%ct', '--name-status', '-M', '--diff-merges=first-parent', '--root']);
  const toks: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === 0) {
      toks.push(out.subarray(start, i));
      start = i + 1;
    }
  }
  const commits: RefCommit[] = [];
  let i = 0;
  const isId = (b: Buffer): boolean => /^[0-9a-f]{40}$/.test(b.toString('latin1'));
  while (i < toks.length) {
    const f = toks.slice(i, i + 7).map((b) => b.toString('utf8'));
    i += 7;
    const c: RefCommit = { id: f[0]!, parents: f[1] ? f[1].split(' ') : [], author: f[2]!, authorEmail: f[3]!, authorTime: Number(f[4]), committer: f[5]!, committerTime: Number(f[6]), changes: [] };
    while (i < toks.length && !isId(toks[i]!)) {
      const status = toks[i]!.toString('latin1').replace(/^\n/, '');
      if (status === '') {
        i++;
        continue;
      }
      if (status[0] === 'R' || status[0] === 'C') {
        c.changes.push({ status, from: toks[i + 1]!, path: toks[i + 2]! });
        i += 3;
      } else {
        c.changes.push({ status, path: toks[i + 1]!, from: null });
        i += 2;
      }
    }
    commits.push(c);
  }
  return commits;
}

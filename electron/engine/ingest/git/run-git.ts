import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * Repository content is hostile. Every git run here: reads no system or user configuration
 * (a user's aliases, `log.showSignature` or diff settings would change what is parsed), runs
 * no hooks and no fsmonitor, may use no transport at all (`protocol.allow=never`: nothing is
 * ever fetched), never prompts, and ignores replace refs and grafts, which would show a
 * history other than the objects' own.
 */
const SAFETY_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'protocol.allow=never',
  'core.quotePath=false',
  'log.showSignature=false',
  'diff.external=',
  'core.pager=cat',
  'gc.auto=0',
  'maintenance.auto=false',
];

export const GIT_SAFETY_ARGS: readonly string[] = SAFETY_CONFIG.flatMap((c) => ['-c', c]);

/** A minimal environment: nothing of the caller's GIT_* variables can point git elsewhere. */
export function gitEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'GNUPGHOME', 'SYSTEMROOT', 'TMPDIR', 'TEMP', 'TMP'];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  return {
    ...env,
    LC_ALL: 'C',
    TZ: 'UTC',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_PROTOCOL_FROM_USER: '0',
    GIT_NO_LAZY_FETCH: '1',
  };
}

/** Start git with the safety options; the caller consumes stdout and stderr. */
export function spawnGit(args: string[], signal?: AbortSignal): ChildProcessWithoutNullStreams {
  return spawn('git', [...GIT_SAFETY_ARGS, ...args], { env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'], signal, windowsHide: true });
}

export interface GitResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** Set when git could not be started at all (not installed). */
  spawnError: Error | null;
}

/** Run git to completion, collecting its output (for commands whose output is small). */
export function runGit(args: string[], signal?: AbortSignal): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = spawnGit(args, signal);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let spawnError: Error | null = null;
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => {
      spawnError = e;
    });
    child.stdin.end();
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8').trim(), spawnError }));
  });
}

/** A one-line reason for a failed git run, for receipts and refusals. */
export function gitFailure(r: GitResult): string {
  if (r.spawnError) {
    const code = (r.spawnError as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'git is not installed (the `git` program was not found)' : `git could not be started: ${r.spawnError.message}`;
  }
  const last = r.stderr.split('\n').filter((l) => l.trim() !== '').slice(-2).join(' / ');
  return `git exited with status ${r.code ?? 'killed'}${last ? `: ${last}` : ''}`;
}

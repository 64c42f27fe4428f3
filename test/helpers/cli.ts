import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './paths';

export const CLI = path.join(ROOT, 'bin', 'sealdesk.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the real `sealdesk` command (as `npx sealdesk` would) and capture its output. */
export function sealdesk(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Start `sealdesk` in the background; resolves with its first stdout line. */
export function sealdeskBackground(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const firstLine = new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      const i = buf.indexOf('\n');
      if (i >= 0) resolve(buf.slice(0, i));
    });
    child.on('exit', (code) => reject(new Error(`sealdesk exited with ${code} before printing a line`)));
  });
  // Callers that never read the first line must not see an unhandled rejection at exit.
  firstLine.catch(() => {});
  return { child, firstLine };
}

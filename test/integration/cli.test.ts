import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data } from '../helpers/paths';
import { sealdesk, sealdeskBackground } from '../helpers/cli';
import { tmpDirPersistent } from '../helpers/tmp';

describe('sealdesk command line', () => {
  const root = tmpDirPersistent();
  const home = path.join(root, 'home');
  const env = { SEALDESK_HOME: home };
  const caseDir = path.join(root, 'case-acme');
  const run = (...args: string[]) => sealdesk(args, env);

  beforeAll(() => {
    const created = run('case', 'create', caseDir, '--name', 'ACME breach');
    expect(created.code, created.stderr).toBe(0);
  });

  it('prints its version and usage', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(run('--version').stdout.trim()).toBe(pkg.version);
    const help = run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/case create/);
    expect(run('search', '--help').stdout).toMatch(/Examples:/);
  });

  it('exits 2 on usage errors and says what to do', () => {
    const r = run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown command "frobnicate"/);
    const r2 = run('search', caseDir, 'x', '--limit', 'lots');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--limit must be a whole number/);
    expect(run('search', caseDir, 'x', '--bogus').code).toBe(2);
  });

  it('exits 1 for an input that is not a case, with a hint', () => {
    const r = run('search', path.join(root, 'nope'), 'x');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a Sealdesk case/);
    expect(r.stderr).toMatch(/case create/);
  });

  it('refuses to create a case over a non-empty folder', () => {
    const r = run('case', 'create', caseDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not empty/);
  });

  it('imports files and a folder and prints the receipt as JSON', () => {
    const r = run('import', caseDir, data('loghub', 'OpenSSH', 'OpenSSH_2k.log'), data('stratus-red-team', 'detonation-logs'), '--json');
    expect(r.code, r.stderr).toBe(0);
    const receipt = JSON.parse(r.stdout) as {
      files: { path: string; sha256: string; format: string; events: number; skipped: number; errors: unknown[] }[];
      events: number;
      skipped: number;
    };
    const ssh = receipt.files.find((f) => f.path.endsWith('OpenSSH_2k.log'))!;
    expect(ssh.format).toBe('syslog3164');
    expect(ssh.events + ssh.skipped).toBe(2000);
    const trails = receipt.files.filter((f) => f.format === 'cloudtrail');
    expect(trails.length).toBeGreaterThan(10);
    expect(receipt.events).toBe(receipt.files.reduce((a, f) => a + f.events, 0));
    expect(Array.isArray(ssh.errors)).toBe(true);
  });

  it('searches with --count, --json with origins, and the query language', () => {
    const count = run('search', caseDir, 'user:root AND "Failed password"', '--count');
    expect(count.code, count.stderr).toBe(0);
    const n = Number(count.stdout.trim());
    expect(n).toBeGreaterThan(0);
    const json = run('search', caseDir, 'user:root AND "Failed password"', '--limit', '20', '--json');
    expect(json.code).toBe(0);
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; ts: string; user: string; message: string; origin: { sha256: string; file: string; offset: number } });
    expect(lines).toHaveLength(Math.min(20, n));
    for (const e of lines) {
      expect(e.user).toBe('root');
      expect(e.message).toMatch(/Failed password/);
      expect(e.origin.file).toMatch(/OpenSSH_2k\.log$/);
      expect(typeof e.origin.offset).toBe('number');
    }
    const times = lines.map((e) => e.ts);
    expect([...times].sort()).toEqual(times);
    const bad = run('search', caseDir, '(unbalanced');
    expect(bad.code).toBe(1);
  });

  it('prints stats as JSON', () => {
    const r = run('stats', caseDir, '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { events: number; byFormat: { value: string; count: number }[] };
    expect(s.byFormat.map((f) => f.value).sort()).toEqual(['cloudtrail', 'syslog3164']);
    expect(s.byFormat.reduce((a, f) => a + f.count, 0)).toBe(s.events);
  });

  describe('web', () => {
    let stop: () => void = () => {};
    afterAll(() => stop());

    it('prints the URL with its token first and serves the API only with it', async () => {
      const { child, firstLine } = sealdeskBackground(['web', caseDir, '--port', '0'], env);
      stop = () => child.kill('SIGTERM');
      const url = new URL(await firstLine);
      expect(url.hostname).toBe('127.0.0.1');
      const token = url.searchParams.get('token')!;
      expect(token.length).toBeGreaterThan(20);
      const call = (t?: string) =>
        fetch(`${url.origin}/api/call/case.info`, { method: 'POST', headers: { 'content-type': 'application/json', ...(t ? { 'x-sealdesk-token': t } : {}) }, body: '{}' });
      expect((await call()).status).toBe(401);
      expect((await call('wrong')).status).toBe(401);
      const ok = (await (await call(token)).json()) as { ok: boolean; value: { name: string } };
      expect(ok).toMatchObject({ ok: true, value: { name: 'ACME breach' } });
    });
  });
});

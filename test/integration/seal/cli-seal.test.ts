import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { syslogLines } from '../../../electron/engine/sample/syslog-gen';
import { sealdesk, sealdeskBackground } from '../../helpers/cli';
import { data } from '../../helpers/paths';
import { tmpDir } from '../../helpers/tmp';
import { TEST_PASSPHRASE } from '../../helpers/identity';

function setup() {
  const root = tmpDir();
  const env = { SEALDESK_HOME: path.join(root, 'home'), SEALDESK_PASSPHRASE: TEST_PASSPHRASE };
  const caseDir = path.join(root, 'case');
  expect(sealdesk(['identity', 'create', '--name', 'Ana Auditor'], env).code).toBe(0);
  expect(sealdesk(['case', 'create', caseDir, '--name', 'ACME'], env).code).toBe(0);
  return { root, env, caseDir };
}

describe('sealdesk export and verify', () => {
  it('exports a bundle that verifies (exit 0), and names what fails after tampering (exit 1)', () => {
    const { root, env, caseDir } = setup();
    expect(sealdesk(['import', caseDir, data('loghub', 'OpenSSH', 'OpenSSH_2k.log')], env).code).toBe(0);
    const bundle = path.join(root, 'acme.sdx.zip');
    const ex = sealdesk(['export', caseDir, '--out', bundle, '--query', '"Failed password"'], env);
    expect(ex.stderr).toBe('');
    expect(ex.code).toBe(0);
    expect(ex.stdout).toMatch(/Exported \d+ events to .*acme\.sdx\.zip/);

    const ok = sealdesk(['verify', bundle, '--json'], env);
    expect(ok.code).toBe(0);
    const r = JSON.parse(ok.stdout) as { ok: boolean; signer: { trust: string } };
    expect(r).toMatchObject({ ok: true, signer: { trust: 'self' } });

    const caseOk = sealdesk(['verify', caseDir], env);
    expect(caseOk.stdout).toMatch(/^INTACT/);
    expect(caseOk.code).toBe(0);

    const db = new Database(path.join(caseDir, 'case.sqlite'));
    db.exec("DROP TRIGGER events_no_update; UPDATE events SET message = 'nothing happened' WHERE id = 5");
    db.close();
    const bad = sealdesk(['verify', caseDir], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/event 5: event 5 \(import #1\) differs from what was imported/);

    // Someone else's machine: the signer's key is not trusted there.
    const stranger = sealdesk(['verify', bundle], { SEALDESK_HOME: path.join(root, 'other-home') });
    expect(stranger.code).toBe(1);
    expect(stranger.stdout).toMatch(/not in your trust store/);
  }, 120_000);

  it('exits 2 for input it cannot read, and refuses an export without a passphrase', () => {
    const { root, env, caseDir } = setup();
    const notZip = path.join(root, 'junk.zip');
    writeFileSync(notZip, 'not a zip at all');
    expect(sealdesk(['verify', notZip], env).code).toBe(2);
    expect(sealdesk(['verify', path.join(root, 'missing.zip')], env).code).toBe(2);
    expect(sealdesk(['verify'], env).code).toBe(2);
    const noPass = sealdesk(['export', caseDir, '--out', path.join(root, 'b.zip')], { SEALDESK_HOME: env.SEALDESK_HOME, SEALDESK_PASSPHRASE: '' });
    expect(noPass.code).toBe(1);
    expect(noPass.stderr).toMatch(/passphrase/i);
  });

  it('leaves no bundle under the final name when the export is killed half-way', async () => {
    const { root, env, caseDir } = setup();
    const log = path.join(root, 'big.log');
    writeFileSync(log, [...syslogLines(60_000, { seed: 3 })].join('\n') + '\n');
    expect(sealdesk(['import', caseDir, log], env).code).toBe(0);
    const bundle = path.join(root, 'killed.sdx.zip');
    const { child } = sealdeskBackground(['export', caseDir, '--out', bundle], env);
    const staged = () => readdirSync(root).some((n) => n.includes('.staging-'));
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (staged()) {
          clearInterval(t);
          child.kill('SIGKILL');
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(t);
          reject(new Error('export ended before it was seen staging'));
        }
      }, 10);
    });
    await new Promise((r) => child.once('exit', r));
    expect(existsSync(bundle)).toBe(false);
    // The next export to the same name works; the debris of the killed one is named as such.
    expect(sealdesk(['export', caseDir, '--out', bundle, '--query', 'sshd AND root'], env).code).toBe(0);
    expect(sealdesk(['verify', bundle], env).code).toBe(0);
  }, 180_000);
});

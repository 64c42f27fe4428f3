import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newEngineCase } from '../../helpers/engine-case';
import { tmpDirPersistent } from '../../helpers/tmp';
import { git } from './make-repo';

const hasGpg = spawnSync('gpg', ['--version']).status === 0;
if (!hasGpg) console.warn('git signed-commit test skipped: gpg is not installed');

describe.skipIf(!hasGpg)('git history import: signed commits', () => {
  const root = tmpDirPersistent();
  const home = mkdtempSync(path.join(os.tmpdir(), 'sealdesk-gpg-'));
  const saved = process.env.GNUPGHOME;
  afterAll(() => {
    // The agent this test's key generation started, and only that one.
    spawnSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']);
    rmSync(home, { recursive: true, force: true });
    if (saved === undefined) delete process.env.GNUPGHOME;
    else process.env.GNUPGHOME = saved;
  });

  it('records the signature kind from the commit and the check made with the analyst keyring', async () => {
    const gpg = (args: string[]): string => execFileSync('gpg', ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    gpg(['--quick-gen-key', 'Sam Signer <sam@example.org>', 'ed25519', 'sign', 'never']);
    const fpr = /^fpr:+([0-9A-F]{40}):/m.exec(gpg(['--with-colons', '--list-secret-keys']))![1]!;
    const repo = path.join(root, 'signed');
    execFileSync('mkdir', ['-p', repo]);
    git(repo, ['init', '-q', '-b', 'main']);
    writeFileSync(path.join(repo, 'a.txt'), 'a\n');
    git(repo, ['add', 'a.txt']);
    const env = { GNUPGHOME: home, GIT_AUTHOR_DATE: '2024-05-01T00:00:00Z', GIT_COMMITTER_DATE: '2024-05-01T00:00:00Z' };
    git(repo, ['-c', `user.signingkey=${fpr}`, 'commit', '-q', '-S', '-m', 'signed'], env);
    writeFileSync(path.join(repo, 'b.txt'), 'b\n');
    git(repo, ['add', 'b.txt']);
    git(repo, ['commit', '-q', '-m', 'unsigned'], { ...env, GIT_COMMITTER_DATE: '2024-05-02T00:00:00Z' });

    process.env.GNUPGHOME = home;
    const c = await newEngineCase('signed');
    try {
      const receipt = await c.importFiles([repo], { format: 'git' });
      expect(receipt.files[0]!.events).toBe(2);
      const { events } = await c.client.call('search.query', { query: 'format:git' });
      const signed = events.find((e) => e.attrs.subject === 'signed')!;
      const unsigned = events.find((e) => e.attrs.subject === 'unsigned')!;
      expect(signed.attrs.signature).toBe('openpgp');
      expect(signed.attrs['signature.status']).toMatch(/^good/);
      expect(String(signed.attrs['signature.key'])).toMatch(new RegExp(`${fpr.slice(-16)}$`));
      expect(signed.attrs['signature.signer']).toBe('Sam Signer <sam@example.org>');
      expect(unsigned.attrs.signature).toBe('none');
    } finally {
      await c.close();
    }
  });
});

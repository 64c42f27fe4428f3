import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../electron/cli/cli-error';
import { identityCommand } from '../../../electron/cli/commands/identity.command';
import { trustCommand } from '../../../electron/cli/commands/trust.command';
import { createEngine } from '../../../electron/engine/engine';
import { tmpDir } from '../../helpers/tmp';

/** Run a command function in-process (main.ts wiring is separate) and capture what it prints. */
async function run(cmd: typeof identityCommand, home: string, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ') + '\n'));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ') + '\n'));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  const engine = createEngine({ home });
  try {
    const code = await cmd(engine, argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
    await engine.close();
  }
}

describe('identity and trust commands', () => {
  const saved = process.env.SEALDESK_PASSPHRASE;
  beforeEach(() => {
    delete process.env.SEALDESK_PASSPHRASE;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SEALDESK_PASSPHRASE;
    else process.env.SEALDESK_PASSPHRASE = saved;
  });

  it('creates, shows and exports an identity; a teammate trusts it', async () => {
    const ana = tmpDir();
    process.env.SEALDESK_PASSPHRASE = 'ana pass';
    const created = await run(identityCommand, ana, ['create', '--name', 'Ana Auditor', '--json']);
    expect(created.code).toBe(0);
    const info = JSON.parse(created.stdout);
    expect(info).toMatchObject({ name: 'Ana Auditor', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const shown = await run(identityCommand, ana, ['show']);
    expect(shown.stdout).toContain(`Fingerprint: ${info.fingerprintDisplay}`);
    expect(JSON.parse((await run(identityCommand, ana, ['show', '--json'])).stdout)).toEqual(info);

    const keyFile = path.join(tmpDir(), 'ana.json');
    const exported = await run(identityCommand, ana, ['export-public', '--out', keyFile]);
    expect(exported.stderr).toContain(`sealdesk trust add ${keyFile}`);
    expect(JSON.parse(readFileSync(keyFile, 'utf8')).fingerprint).toBe(info.fingerprint);
    expect(JSON.parse((await run(identityCommand, ana, ['export-public'])).stdout).publicKey).toBe(info.publicKey);

    const bob = tmpDir();
    expect((await run(trustCommand, bob, ['status', info.fingerprint])).code).toBe(1);
    // Known first: recognised, not accepted; adding it again without --known trusts it.
    const known = await run(trustCommand, bob, ['add', keyFile, '--known']);
    expect(known.stdout).toMatch(/^Recorded "Ana Auditor" as known, NOT trusted/);
    const knownStatus = await run(trustCommand, bob, ['status', info.fingerprint]);
    expect(knownStatus.stdout).toMatch(/^known/);
    expect(knownStatus.code).toBe(1);
    expect((await run(trustCommand, bob, ['list'])).stdout).toContain('(known, NOT trusted)');
    const added = await run(trustCommand, bob, ['add', keyFile, '--fingerprint', info.fingerprintDisplay]);
    expect(added.stdout).toMatch(/^Trusted "Ana Auditor"/);
    expect((await run(trustCommand, bob, ['add', keyFile])).stdout).toMatch(/^Already trusted/);
    const listed = JSON.parse((await run(trustCommand, bob, ['list', '--json'])).stdout);
    expect(listed.keys).toEqual([expect.objectContaining({ name: 'Ana Auditor', fingerprint: info.fingerprint })]);
    expect((await run(trustCommand, bob, ['status', info.fingerprint])).stdout).toMatch(/^trusted/);
    expect((await run(trustCommand, ana, ['status', info.fingerprint, '--json'])).stdout.trim()).toBe(JSON.stringify({ fingerprint: info.fingerprint, status: 'self' }));
  });

  it('reads --passphrase-file and refuses to overwrite without --force', async () => {
    const home = tmpDir();
    const pf = path.join(home, 'pass.txt');
    writeFileSync(pf, 'from file\n');
    expect((await run(identityCommand, home, ['create', '--name', 'A', '--passphrase-file', pf])).code).toBe(0);
    await expect(run(identityCommand, home, ['create', '--name', 'B', '--passphrase-file', pf])).rejects.toMatchObject({ code: 'conflict' });
    expect((await run(identityCommand, home, ['create', '--name', 'B', '--passphrase-file', pf, '--force'])).code).toBe(0);
  });

  it('explains what is missing', async () => {
    const home = tmpDir();
    await expect(run(identityCommand, home, ['create', '--name', 'A'])).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/SEALDESK_PASSPHRASE/) });
    await expect(run(identityCommand, home, ['show'])).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/sealdesk identity create --name N/) });
    await expect(run(identityCommand, home, ['create'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(identityCommand, home, ['bogus'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(trustCommand, home, ['add'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(trustCommand, home, ['add', path.join(home, 'missing.json')])).rejects.toMatchObject({ code: 'io' });
    expect((await run(trustCommand, home, ['list'])).stdout).toMatch(/No trusted keys yet/);
  });

  it('refuses a key whose fingerprint is not the one expected, and a malformed key file', async () => {
    const ana = tmpDir();
    process.env.SEALDESK_PASSPHRASE = 'p';
    await run(identityCommand, ana, ['create', '--name', 'Ana']);
    const keyFile = path.join(tmpDir(), 'ana.json');
    await run(identityCommand, ana, ['export-public', '--out', keyFile]);
    const bob = tmpDir();
    await expect(run(trustCommand, bob, ['add', keyFile, '--fingerprint', 'ab'.repeat(32)])).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/not the one you expected/) });
    const bad = path.join(bob, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'X', publicKey: 'AAAA' }));
    await expect(run(trustCommand, bob, ['add', bad])).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Not a valid Sealdesk public key/) });
    expect(JSON.parse((await run(trustCommand, bob, ['list', '--json'])).stdout)).toEqual({ keys: [] });
  });
});

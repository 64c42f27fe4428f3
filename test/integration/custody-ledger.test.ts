import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, type AuditClient } from '../../shared/api';
import type { ImportReceipt } from '../../shared/model';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { createIdentity } from '../../electron/engine/identity/index';
import { checkLedger } from '../../electron/engine/ledger/verify-ledger';
import { openCase } from '../../electron/engine/case/case-folder';
import { data } from '../helpers/paths';
import { tmpDirPersistent } from '../helpers/tmp';
import { directTransport } from '../helpers/transports';

describe('custody ledger', () => {
  let engine: Engine;
  let client: AuditClient;
  let caseDir: string;

  beforeAll(async () => {
    const root = tmpDirPersistent();
    const home = path.join(root, 'home');
    createIdentity(home, { name: 'Ana Lyst', passphrase: 'pw', kdf: { N: 1024, r: 8, p: 1 } });
    engine = createEngine({ home });
    client = buildClient(directTransport(engine));
    caseDir = path.join(root, 'case');
    await client.call('case.create', { dir: caseDir, name: 'Ledger' });
    const done = new Promise<ImportReceipt>((resolve) => engine.on((e) => e.type === 'job.finished' && resolve(e.result as ImportReceipt)));
    await client.call('import.start', { paths: [data('loghub', 'OpenSSH', 'OpenSSH_2k.log'), path.join(root, 'missing.log')] });
    await done;
  });
  afterAll(() => engine.close());

  it('records case creation, the import, each file received or refused, and who did it', async () => {
    const { entries, total } = await client.call('ledger.list');
    expect(total).toBe(entries.length);
    expect(entries.map((e) => e.action)).toEqual(['case.create', 'import.start', 'evidence.refuse', 'evidence.receive', 'import.finish']);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (const e of entries) expect(e.actor).toMatch(/^Ana Lyst <[0-9a-f]{16}>$/);
    const received = entries.find((e) => e.action === 'evidence.receive')!;
    expect(received.subject).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(received.details)).toMatchObject({ path: data('loghub', 'OpenSSH', 'OpenSSH_2k.log'), size: 225216 });
    expect(JSON.parse(entries.at(-1)!.details)).toMatchObject({ status: 'complete', files: 1, events: 2000 });
    const check = await client.call('ledger.check');
    expect(check).toMatchObject({ ok: true, size: 5, problems: [] });
  });

  it('refuses to change or delete entries through SQL', () => {
    const db = new Database(path.join(caseDir, 'case.sqlite'));
    expect(() => db.prepare("UPDATE ledger SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM ledger WHERE seq = 3').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO ledger VALUES (99, 'x', 'x', 'x', NULL, '{}', ?)").run('0'.repeat(64))).toThrow(/in order/);
    db.close();
  });

  it('names the entry that was edited and the gap where one was removed, even with triggers dropped', async () => {
    await engine.close();
    const db = new Database(path.join(caseDir, 'case.sqlite'));
    // An attacker with write access to the file can drop the triggers; the hashes still tell.
    db.exec('DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete;');
    db.prepare("UPDATE ledger SET details = replace(details, '\"events\":2000', '\"events\":1999') WHERE action = 'import.finish'").run();
    db.prepare('DELETE FROM ledger WHERE seq = 3').run();
    db.close();
    const c = openCase(caseDir);
    const check = checkLedger(c.db);
    c.db.close();
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      { seq: 4, problem: 'entry 3 is missing before entry 4' },
      { seq: 5, problem: expect.stringMatching(/entry 5 \(import\.finish\) was changed/) },
    ]);
  });
});

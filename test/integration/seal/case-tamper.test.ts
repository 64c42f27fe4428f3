import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../../../shared/api';
import type { SealedCaseCheck } from '../../../shared/model';
import { createEngine } from '../../../electron/engine/engine';
import { entryBytes, type LedgerRow } from '../../../electron/engine/db/repos/ledger';
import { leafHash } from '../../../electron/engine/ledger/merkle';
import { prng } from '../../../electron/engine/sample/prng';
import { syslogLines } from '../../../electron/engine/sample/syslog-gen';
import { newEngineCase } from '../../helpers/engine-case';
import { makeIdentity, TEST_PASSPHRASE } from '../../helpers/identity';
import { tmpDir } from '../../helpers/tmp';
import { directTransport } from '../../helpers/transports';

const EVENTS = 10_000;
let pristine: string;
let home: string;

beforeAll(async () => {
  const c = await newEngineCase('tamper', { persistent: true });
  makeIdentity(c.home);
  home = c.home;
  const log = path.join(c.root, 'auth.log');
  writeFileSync(log, [...syslogLines(EVENTS, { seed: 7 })].join('\n') + '\n');
  const receipt = await c.importFiles([log]);
  expect(receipt.events).toBe(EVENTS);
  const sealed = await c.client.call('case.verify', { passphrase: TEST_PASSPHRASE });
  expect(sealed.newTreeHead).not.toBeNull();
  expect(sealed.ok).toBe(true);
  await c.close();
  pristine = c.caseDir;
}, 120_000);

/** A copy of the sealed case, changed by someone with write access who removed the triggers. */
function tampered(sql: (db: Database.Database) => void): string {
  const dir = path.join(tmpDir(), 'case');
  cpSync(pristine, dir, { recursive: true });
  const db = new Database(path.join(dir, 'case.sqlite'));
  db.exec(`DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_delete_only_rollback;
           DROP TRIGGER IF EXISTS ledger_no_update; DROP TRIGGER IF EXISTS ledger_no_delete; DROP TRIGGER IF EXISTS ledger_dense;`);
  sql(db);
  db.close();
  return dir;
}

async function verify(dir: string): Promise<SealedCaseCheck> {
  const engine = createEngine({ home });
  try {
    const client = buildClient(directTransport(engine));
    await client.call('case.open', { dir });
    return await client.call('case.verify', {});
  } finally {
    await engine.close();
  }
}

const TEXT_COLUMNS = ['message', 'host', 'user', 'action', 'attrs'] as const;

describe('a sealed case of 10,000 events under tampering', () => {
  it('raises no false alarm on an untouched copy, checked twice', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await verify(tampered(() => undefined));
      expect(r.problems).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.events).toBe(EVENTS);
      expect(r.sealed?.trust).toBe('self');
    }
  });

  it('names every event whose stored bytes were flipped at random', async () => {
    const r = prng(2026);
    for (let trial = 0; trial < 6; trial++) {
      const id = 1 + r.int(EVENTS);
      const col = TEXT_COLUMNS[r.int(TEXT_COLUMNS.length)]!;
      const dir = tampered((db) => {
        const v = db.prepare(`SELECT ${col} FROM events WHERE id = ?`).pluck().get(id) as string | null;
        const text = v ?? 'x';
        const at = r.int(text.length);
        const flipped = text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << r.int(5))) + text.slice(at + 1);
        db.prepare(`UPDATE events SET ${col} = ? WHERE id = ?`).run(flipped, id);
      });
      const res = await verify(dir);
      expect(res.ok).toBe(false);
      expect(res.problems).toContainEqual(expect.objectContaining({ kind: 'event', ref: String(id) }));
    }
  });

  it('detects deleted, inserted, swapped and truncated events', async () => {
    const del = await verify(tampered((db) => db.prepare('DELETE FROM events WHERE id = ?').run(4321)));
    expect(del.problems).toContainEqual(expect.objectContaining({ kind: 'import', problem: expect.stringMatching(/1 removed/) }));

    const ins = await verify(tampered((db) => db.exec('INSERT INTO events (import_id, intake_id, evidence_id, format, offset, length, message, flags, leaf) SELECT import_id, intake_id, evidence_id, format, offset + 1000000, length, message, flags, leaf FROM events WHERE id = 77')));
    expect(ins.problems).toContainEqual(expect.objectContaining({ kind: 'import', problem: expect.stringMatching(/1 inserted/) }));

    const swap = await verify(
      tampered((db) => {
        const a = db.prepare('SELECT message, leaf FROM events WHERE id = 100').get() as { message: string; leaf: Buffer };
        const b = db.prepare('SELECT message, leaf FROM events WHERE id = 200').get() as { message: string; leaf: Buffer };
        // Swap whole contents including the stored leaves: each row is self-consistent, the order is not.
        db.prepare('UPDATE events SET message = ?, leaf = ? WHERE id = 100').run(b.message, b.leaf);
        db.prepare('UPDATE events SET message = ?, leaf = ? WHERE id = 200').run(a.message, a.leaf);
      }),
    );
    expect(swap.ok).toBe(false);
    expect(swap.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['import']));

    const trunc = await verify(tampered((db) => db.prepare('DELETE FROM events WHERE id > ?').run(EVENTS - 250)));
    expect(trunc.problems).toContainEqual(expect.objectContaining({ kind: 'import', problem: expect.stringMatching(/250 removed/) }));
  });

  it('catches a ledger rewritten to match forged events, through the signed tree head', async () => {
    const dir = tampered((db) => {
      const e = db.prepare("SELECT * FROM ledger WHERE action = 'import.finish'").get() as LedgerRow;
      const details = JSON.stringify({ ...JSON.parse(e.details), eventCount: 9999 });
      const leaf = leafHash(entryBytes({ ...e, details })).toString('hex');
      db.prepare('UPDATE ledger SET details = ?, leaf_hash = ? WHERE seq = ?').run(details, leaf, e.seq);
    });
    const r = await verify(dir);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: 'tree-head', problem: expect.stringMatching(/no longer match the tree head signed by Ana Auditor/) }));
  });

  it('catches removed custody entries and a removed tree head signature', async () => {
    const cut = await verify(tampered((db) => db.exec('DELETE FROM ledger WHERE seq = (SELECT max(seq) FROM ledger)')));
    expect(cut.ok).toBe(false);
    const unsigned = await verify(
      tampered((db) => {
        db.exec('DROP TRIGGER IF EXISTS tree_heads_no_update');
        db.exec("UPDATE tree_heads SET signature = 'AAAA'");
      }),
    );
    expect(unsigned.problems).toContainEqual(expect.objectContaining({ kind: 'tree-head', problem: expect.stringMatching(/signature does not verify/) }));
  });

  it('refuses to sign a tree head over a ledger that no longer extends the last one', async () => {
    const dir = tampered((db) => {
      const e = db.prepare('SELECT * FROM ledger WHERE seq = 1').get() as LedgerRow;
      const leaf = leafHash(entryBytes({ ...e, actor: 'someone else' })).toString('hex');
      db.prepare('UPDATE ledger SET actor = ?, leaf_hash = ? WHERE seq = 1').run('someone else', leaf);
    });
    const engine = createEngine({ home });
    try {
      const client = buildClient(directTransport(engine));
      await client.call('case.open', { dir });
      const r = await client.call('case.verify', { passphrase: TEST_PASSPHRASE });
      expect(r.ok).toBe(false);
      expect(r.newTreeHead).toBeNull();
      const heads = engine.case.db.prepare('SELECT count(*) FROM tree_heads').pluck().get();
      expect(heads).toBe(1);
      expect(() => engine.case.db.prepare("INSERT INTO tree_heads (size, root_hash, at, signer, keyid, public_key, signature) VALUES (1, ?, 'now', 'x', ?, 'k', 's')").run('0'.repeat(64), '0'.repeat(64))).toThrow(/smaller than one issued before/);
    } finally {
      await engine.close();
    }
  });
});

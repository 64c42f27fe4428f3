import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildClient } from '../../shared/api';
import type { ImportReceipt } from '../../shared/model';
import { createEngine } from '../../electron/engine/engine';
import { contentOfRow, eventLeaf } from '../../electron/engine/ledger/event-leaf';
import { data } from '../helpers/paths';
import { tmpDir } from '../helpers/tmp';
import { directTransport } from '../helpers/transports';

/** A case with two imports (syslog, CloudTrail), closed; returns a way to check it again. */
async function importedCase() {
  const root = tmpDir();
  const caseDir = path.join(root, 'case');
  const engine = createEngine({ home: path.join(root, 'home') });
  const client = buildClient(directTransport(engine));
  await client.call('case.create', { dir: caseDir });
  const receipts: ImportReceipt[] = [];
  for (const file of [data('loghub', 'OpenSSH', 'OpenSSH_2k.log'), data('stratus-red-team', 'detonation-logs', 'aws.execution.ssm-send-command.json')]) {
    const done = new Promise<ImportReceipt>((resolve) => {
      const off = engine.on((e) => {
        if (e.type === 'job.finished') {
          off();
          resolve(e.result as ImportReceipt);
        }
      });
    });
    await client.call('import.start', { paths: [file] });
    receipts.push(await done);
  }
  await engine.close();
  const check = async () => {
    const e = createEngine({ home: path.join(root, 'home') });
    const c = buildClient(directTransport(e));
    await c.call('case.open', { dir: caseDir });
    const r = await c.call('case.check');
    await e.close();
    return r;
  };
  // Simulates someone with write access to the case file who also removed the triggers.
  const tamper = (sql: string) => {
    const db = new Database(path.join(caseDir, 'case.sqlite'));
    db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_delete_only_rollback;');
    db.exec(sql);
    db.close();
  };
  return { caseDir, receipts, check, tamper };
}

describe('case integrity check', () => {
  it('passes an untouched case and counts what it checked', async () => {
    const c = await importedCase();
    const r = await c.check();
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.events).toBe(2056);
    expect(r.evidenceFiles).toBe(2);
  });

  it('names an edited event', async () => {
    const c = await importedCase();
    c.tamper("UPDATE events SET user = 'nobody' WHERE id = 7");
    const r = await c.check();
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ kind: 'event', ref: '7', problem: 'event 7 (import #1) differs from what was imported' }]);
  });

  it('catches an edit whose stored leaf hash was rewritten to match, through the import root', async () => {
    const c = await importedCase();
    const db = new Database(path.join(c.caseDir, 'case.sqlite'));
    const row = db.prepare('SELECT e.*, v.sha256 FROM events e JOIN evidence v ON v.id = e.evidence_id WHERE e.id = 7').get() as Parameters<typeof contentOfRow>[0];
    db.close();
    const forgedLeaf = eventLeaf(contentOfRow({ ...row, user: 'nobody' })).toString('hex');
    c.tamper(`UPDATE events SET user = 'nobody', leaf = x'${forgedLeaf}' WHERE id = 7`);
    const r = await c.check();
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'import', ref: '1', problem: expect.stringMatching(/changed or reordered since ledger entry/) })]);
  });

  it('names removed and inserted events by import', async () => {
    const c = await importedCase();
    c.tamper('DELETE FROM events WHERE id IN (10, 11)');
    let r = await c.check();
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: 'import', ref: '1', problem: expect.stringMatching(/2 removed/) }));
    c.tamper("INSERT INTO events (import_id, intake_id, evidence_id, format, offset, message, flags) SELECT import_id, intake_id, evidence_id, format, 999999, 'forged', 0 FROM events WHERE import_id = 2 LIMIT 1");
    r = await c.check();
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: 'import', ref: '2', problem: expect.stringMatching(/1 inserted/) }));
    expect(r.problems.some((p) => p.kind === 'event' && /differs/.test(p.problem))).toBe(true);
  });

  it('names an evidence file whose bytes changed', async () => {
    const c = await importedCase();
    const sha = c.receipts[1]!.files[0]!.sha256;
    const file = path.join(c.caseDir, 'evidence', sha);
    chmodSync(file, 0o644);
    writeFileSync(file, '[]');
    const r = await c.check();
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'evidence', ref: sha, problem: expect.stringMatching(/was changed/) })]);
  });
});

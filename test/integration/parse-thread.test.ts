import { writeFileSync, statSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCase } from '../../electron/engine/case/case-folder';
import type { Db } from '../../electron/engine/db/open';
import { importsRepo } from '../../electron/engine/db/repos/imports';
import { importJob, PARSE_THREAD_MIN_BYTES } from '../../electron/engine/ingest/import.job';
import { ParseThread } from '../../electron/engine/ingest/parse-thread';
import type { ParseJob } from '../../electron/engine/ingest/parse-run';
import { checkCase } from '../../electron/engine/ledger/verify-case';
import { writeSyslogFile } from '../../electron/engine/sample/syslog-gen';
import { newEngineCase } from '../helpers/engine-case';
import { DATA } from '../helpers/paths';
import { tmpDir } from '../helpers/tmp';

/**
 * Big files are parsed on a second thread while the import's thread writes. Whichever thread
 * parses, the case must end up the same: the same events with the same ids, leaves, full
 * text, templates, receipt and problems, and the same custody record.
 */

/** Syslog with problems in it (an overlong line, invalid UTF-8, lines that are not syslog). */
async function syslogInput(dir: string): Promise<string> {
  const file = path.join(dir, 'auth.log');
  await writeSyslogFile(file, 4500, 7);
  appendFileSync(file, 'this line is not syslog at all\n');
  appendFileSync(file, `Mar  3 10:00:01 web-01 app[1]: ${'x'.repeat((1 << 20) + 100)}\n`);
  appendFileSync(file, Buffer.concat([Buffer.from('Mar  3 10:00:02 web-01 app[1]: bad \xff'), Buffer.from([0xff, 0xfe]), Buffer.from(' bytes\n')]));
  appendFileSync(file, 'Mar  3 10:00:03 web-01 sshd[9]: Failed password for root from 203.0.113.9 port 22 ssh2\n');
  return file;
}

/** CloudTrail records: a parser that reads whole files (batched by events, not lines). */
function trailInput(dir: string): string {
  const file = path.join(dir, 'trail.json');
  const Records = Array.from({ length: 2600 }, (_, i) => ({
    eventVersion: '1.08',
    eventTime: new Date(Date.UTC(2026, 2, 3, 10, 0, i)).toISOString(),
    eventSource: 'iam.amazonaws.com',
    eventName: i % 3 === 0 ? 'CreateUser' : 'ListUsers',
    sourceIPAddress: `203.0.113.${i % 250}`,
    userIdentity: { type: 'IAMUser', userName: `user${i % 17}` },
    requestParameters: { userName: `new${i}` },
  }));
  writeFileSync(file, JSON.stringify({ Records }));
  return file;
}

async function importInto(caseDir: string, paths: string[], parseThreadMinBytes: number) {
  const c = createCase(caseDir, 'parse thread');
  const importId = importsRepo(c.db).create(paths, {}, null, 'tester');
  const run = importJob({ importId, paths, actor: 'tester', parseThreadMinBytes }, { caseDir, db: c.db, emit: () => {}, signal: new AbortController().signal });
  return { db: c.db, importId, run };
}

function snapshot(db: Db, importId: number) {
  const all = (sql: string): unknown[] => db.prepare(sql).raw().all();
  const receipt = importsRepo(db).receipt(importId);
  const finish = db.prepare("SELECT details FROM ledger WHERE action = 'import.finish'").pluck().get() as string;
  const { status, eventCount, eventsRoot, events, skipped } = JSON.parse(finish) as Record<string, unknown>;
  return {
    events: all(`SELECT id, format, offset, length, record, ts, ts_desc, host, user, action, outcome, src_ip, dst_ip, resource,
                 severity, message, attrs, flags, hex(leaf) FROM events ORDER BY id`),
    fullText: ['password', 'CreateUser', 'root', 'user3'].map((q) => all(`SELECT rowid FROM events_fts WHERE events_fts MATCH '${q}' ORDER BY rowid`)),
    templates: all('SELECT e.event_id, t.shape, t.group_id FROM event_atoms e JOIN template_atoms t ON t.id = e.atom ORDER BY e.event_id'),
    issues: all('SELECT location, reason FROM parse_issues ORDER BY id'),
    files: receipt.files.map(({ durationMs: _d, ...f }) => f),
    ledger: { status, eventCount, eventsRoot, events, skipped },
  };
}

describe('import: parsing big files on a second thread', () => {
  it('writes the same case as parsing on the import thread, for line and whole-file parsers', async () => {
    const dir = tmpDir();
    // Line parsers (syslog; auditd, which groups records until the file ends) and parsers
    // that read whole files (CloudTrail; EVTX, binary chunks).
    const inputs = [
      await syslogInput(dir),
      trailInput(dir),
      path.join(DATA, 'go-libaudit/auparse/testdata/audit-rhel7.log'),
      path.join(DATA, 'evtx-attack-samples/LM_sysmon_psexec_smb_meterpreter.evtx'),
    ];
    const run = vi.spyOn(ParseThread.prototype, 'run');
    const threaded = await importInto(path.join(dir, 'threaded'), inputs, 0);
    await threaded.run;
    expect(run).toHaveBeenCalledTimes(inputs.length);
    run.mockClear();
    const inline = await importInto(path.join(dir, 'inline'), inputs, Number.POSITIVE_INFINITY);
    await inline.run;
    expect(run).not.toHaveBeenCalled();
    run.mockRestore();

    const a = snapshot(threaded.db, threaded.importId);
    const b = snapshot(inline.db, inline.importId);
    // The fixture exercises what it claims to: several batches of each, and each problem kind.
    expect(a.files.map((f) => f.format)).toEqual(['syslog3164', 'cloudtrail', 'auditd', 'evtx']);
    expect(a.files.slice(0, 2).map((f) => [f.events, f.skipped, f.truncated])).toEqual([
      [4503, 1, 1],
      [2600, 0, 0],
    ]);
    expect(a.files.every((f) => f.events > 0)).toBe(true);
    expect(a.events.length).toBe(a.files.reduce((n, f) => n + f.events, 0));
    expect(a.fullText.every((ids) => ids.length > 0)).toBe(true);
    expect(a.templates.length).toBe(a.events.length);
    expect(a).toEqual(b);
    expect(a.ledger.eventCount).toBe(a.events.length);
    for (const db of [threaded.db, inline.db]) {
      const check = await checkCase(db, db.name.replace(/\/case\.sqlite$/, ''));
      expect(check.problems).toEqual([]);
    }
  });

  it('cancels promptly while a big file is parsed on the second thread, keeping whole batches', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'big.log');
    await writeSyslogFile(file, 200_000, 3);
    expect(statSync(file).size).toBeGreaterThan(PARSE_THREAD_MIN_BYTES);
    const ec = await newEngineCase();
    try {
      const { jobId, importId } = await ec.client.call('import.start', { paths: [file] });
      const status = await new Promise<string>((resolve) => {
        ec.engine.on((e) => {
          if (e.type === 'job.progress' && e.jobId === jobId && (e.events ?? 0) > 0) void ec.client.call('job.cancel', { jobId });
          if (e.type === 'job.finished' && e.jobId === jobId) resolve(e.status);
        });
      });
      expect(status).toBe('cancelled');
      const [imp] = (await ec.client.call('import.list', {})).filter((i) => i.id === importId);
      expect(imp!.status).toBe('cancelled');
      const stored = ec.engine.case.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(200_000);
      expect(stored % 1000).toBe(0);
    } finally {
      await ec.close();
    }
  });
});

describe('ParseThread', () => {
  const job = (over: Partial<ParseJob>): ParseJob => ({
    storedPath: '/nonexistent',
    size: 0,
    sha256: 'a'.repeat(64),
    format: 'syslog3164',
    ctx: { timezone: 'UTC', fileName: 'x.log', fileMtimeMs: null, now: Date.now() },
    ...over,
  });

  it("rejects with the worker's error and can run again afterwards", async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'a.log');
    await writeSyslogFile(file, 2500, 1);
    const thread = new ParseThread(0);
    try {
      await expect(thread.run(job({ storedPath: path.join(dir, 'missing.log') }), () => {}, new AbortController().signal)).rejects.toThrow(/ENOENT/);
      await expect(thread.run(job({ storedPath: file, format: 'nope' as never }), () => {}, new AbortController().signal)).rejects.toThrow('no parser for format "nope"');
      // A failing writer stops the worker and the run rejects with the writer's error.
      await expect(
        thread.run(
          job({ storedPath: file, size: statSync(file).size }),
          () => {
            throw new Error('disk full');
          },
          new AbortController().signal,
        ),
      ).rejects.toThrow('disk full');
      const seen: number[] = [];
      await thread.run(job({ storedPath: file, size: statSync(file).size }), (b) => seen.push(b.events.length), new AbortController().signal);
      expect(seen.reduce((x, y) => x + y, 0)).toBe(2500);
      expect(seen.length).toBeGreaterThan(2);
    } finally {
      thread.stop();
    }
  });
});

import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, type AuditClient } from '../../shared/api';
import type { ImportReceipt } from '../../shared/model';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { eventWriter } from '../../electron/engine/db/repos/events-write';
import { tarBuffer } from '../helpers/tar-writer';
import { tmpDirPersistent } from '../helpers/tmp';
import { directTransport } from '../helpers/transports';
import { zipBuffer } from '../helpers/zip-writer';

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

const AUTH = [
  'Mar  3 10:00:01 web-01 sshd[100]: Failed password for root from 203.0.113.9 port 4242 ssh2',
  'Mar  3 10:00:05 web-01 sshd[100]: Accepted password for alice from 10.0.0.5 port 5151 ssh2',
].join('\n') + '\n';
const TRAIL = JSON.stringify({
  Records: [
    { eventVersion: '1.08', eventTime: '2026-03-03T10:01:00Z', eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', sourceIPAddress: '203.0.113.9', userIdentity: { type: 'IAMUser', userName: 'mallory' }, requestParameters: { userName: 'backdoor' } },
  ],
});
const ACCESS = '203.0.113.9 - - [03/Mar/2026:10:02:00 +0000] "GET /.env HTTP/1.1" 404 153 "-" "curl/8.0"\n';

describe('import pipeline: archives, origins and bad input', () => {
  let engine: Engine;
  let client: AuditClient;
  const root = tmpDirPersistent();
  const importAll = async (paths: string[]): Promise<ImportReceipt> => {
    const done = new Promise<ImportReceipt>((resolve, reject) =>
      engine.on((e) => {
        if (e.type !== 'job.finished') return;
        if (e.status === 'done') resolve(e.result as ImportReceipt);
        else reject(new Error(e.error?.message));
      }),
    );
    await client.call('import.start', { paths });
    return done;
  };

  beforeAll(async () => {
    engine = createEngine({ home: path.join(root, 'home') });
    client = buildClient(directTransport(engine));
    await client.call('case.create', { dir: path.join(root, 'case') });
  });
  afterAll(() => engine.close());

  it('imports every member of a nested archive with the member as the events origin', async () => {
    const inner = zipBuffer([{ name: 'web/access.log', data: ACCESS, method: 'deflate' }]);
    const tar = tarBuffer([
      { name: 'var/log/auth.log', data: AUTH },
      { name: 'cloudtrail/eu-west-1.json.gz', data: gzipSync(TRAIL) },
      { name: 'web.zip', data: inner },
    ]);
    const file = path.join(root, 'logs.tar.gz');
    writeFileSync(file, gzipSync(tar));
    const receipt = await importAll([file]);
    const byFormat = Object.fromEntries(receipt.files.map((f) => [f.format, f]));
    expect(Object.keys(byFormat).sort()).toEqual(['access', 'cloudtrail', 'syslog3164']);
    expect(byFormat.syslog3164!.events).toBe(2);
    expect(byFormat.syslog3164!.path).toBe(`${file}!/logs.tar!/var/log/auth.log`);
    expect(byFormat.syslog3164!.sha256).toBe(sha(AUTH));
    expect(byFormat.cloudtrail!.events).toBe(1);
    expect(byFormat.access!.path).toMatch(/web\.zip!\/web\/access\.log$/);

    const hits = await client.call('search.query', { query: 'src_ip:203.0.113.9' });
    expect(hits.total).toBe(3);
    const ssh = hits.events.find((e) => e.format === 'syslog3164')!;
    expect(ssh.user).toBe('root');
    expect(ssh.origin.sha256).toBe(sha(AUTH));
    const detail = await client.call('event.get', { id: ssh.id });
    expect(detail.raw.replace(/\n$/, '')).toBe(AUTH.split('\n')[0]);
    const trail = hits.events.find((e) => e.format === 'cloudtrail')!;
    expect(trail.attrs['requestParameters.userName']).toBe('backdoor');
    // Every member and every container is kept as read-only evidence named by its hash.
    const stored = readdirSync(path.join(root, 'case', 'evidence')).filter((n) => /^[0-9a-f]{64}$/.test(n));
    expect(stored).toEqual(expect.arrayContaining([sha(AUTH), sha(TRAIL), sha(ACCESS), sha(inner), sha(tar)]));
  });

  it('counts events per format in the case overview, including an import that did not finish', async () => {
    const truth = (): { value: string; count: number }[] =>
      engine.case.db.prepare('SELECT format AS value, count(*) AS count FROM events GROUP BY format ORDER BY count DESC, value').all() as {
        value: string;
        count: number;
      }[];
    const before = await client.call('stats.get', {});
    expect(before.byFormat).toEqual(truth());
    expect(before.byFormat.map((f) => f.value)).toEqual(expect.arrayContaining(['access', 'cloudtrail', 'syslog3164']));
    // Events of an import that stopped before its receipts were written (as after a crash)
    // still count, under their own format.
    const db = engine.case.db;
    const now = new Date().toISOString();
    const importId = Number(db.prepare("INSERT INTO imports (status, started_at, paths, options) VALUES ('interrupted', ?, '[]', '{}')").run(now).lastInsertRowid);
    const evidenceId = Number(db.prepare('INSERT INTO evidence (sha256, size, received_at) VALUES (?, 0, ?)').run('cd'.repeat(32), now).lastInsertRowid);
    const intakeId = Number(db.prepare('INSERT INTO intake (import_id, evidence_id, path, received_at) VALUES (?, ?, ?, ?)').run(importId, evidenceId, 'half.jsonl', now).lastInsertRowid);
    const writer = eventWriter(db, null);
    for (let i = 0; i < 3; i++) writer.insert({ importId, intakeId, evidenceId, sha256: 'cd'.repeat(32), format: 'jsonl' }, { ts: null, message: `half ${i}`, offset: i * 10, length: 9 });
    const after = await client.call('stats.get', {});
    expect(after.byFormat).toEqual(truth());
    expect(after.byFormat.find((f) => f.value === 'jsonl')?.count).toBe(3);
    const rolledBack = await client.call('import.rollback', { importId });
    expect(rolledBack.eventsRemoved).toBe(3);
    expect((await client.call('stats.get', {})).byFormat).toEqual(before.byFormat);
  });

  it('refuses a hostile archive whole, imports nothing from it and says why', async () => {
    const before = (await client.call('case.info')).events;
    const file = path.join(root, 'evil.tar');
    writeFileSync(file, tarBuffer([{ name: 'ok.log', data: AUTH }, { name: '../../escape.log', data: 'pwned\n' }]));
    const receipt = await importAll([file]);
    expect(receipt.files).toHaveLength(0);
    expect(receipt.refused).toHaveLength(1);
    expect(receipt.refused[0]!.reason).toMatch(/escape\.log/);
    expect((await client.call('case.info')).events).toBe(before);
    expect(readdirSync(root)).not.toContain('escape.log');
  });

  it('counts bad records with their location, truncates overlong lines and survives invalid UTF-8', async () => {
    const file = path.join(root, 'app.jsonl');
    const long = JSON.stringify({ ts: '2026-03-03T11:00:00Z', message: 'x'.repeat(2 * 1024 * 1024) });
    const bytes = Buffer.concat([
      Buffer.from('{"ts":"2026-03-03T11:00:00Z","message":"first","user":"bob"}\n'),
      Buffer.from('this is not json\n'),
      Buffer.from(long + '\n'),
      Buffer.from('{"ts":"2026-03-03T11:00:02Z","message":"caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('"}\n{"ts":"2026-03-03T11:00:03Z","message":"last"}\n'),
    ]);
    writeFileSync(file, bytes);
    const receipt = await importAll([file]);
    const f = receipt.files[0]!;
    expect(f.format).toBe('jsonl');
    expect(f.errors).toEqual(expect.arrayContaining([expect.objectContaining({ where: 'line 2' })]));
    expect(f.truncated).toBe(1);
    expect(f.events + f.skipped).toBe(5);
    const last = await client.call('search.query', { query: 'last' });
    expect(last.total).toBe(1);
    expect(last.events[0]!.origin.offset).toBe(bytes.lastIndexOf(Buffer.from('{"ts":"2026-03-03T11:00:03Z"')));
  });
});

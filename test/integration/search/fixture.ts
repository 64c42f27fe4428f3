import type { CaseHandle } from '../../../electron/engine/case/case-folder';
import { eventWriter } from '../../../electron/engine/db/repos/events-write';
import { regroup, templateAssigner } from '../../../electron/engine/detect/templates/case-templates';
import type { ParsedEvent } from '../../../electron/engine/ingest/types';
import { registerSearchFunctions } from '../../../electron/engine/search/sql-functions';
import { seedCase } from '../../helpers/seed';

/** UTC microseconds of an ISO time. */
export const us = (iso: string): number => Date.parse(iso) * 1000;

/** "Now" for relative times in these tests. */
export const NOW_MS = Date.parse('2024-03-03T02:00:00Z');

/**
 * A small case where every event is there to test something; event n has id n (1-based)
 * and its position in this list.
 */
export const EVENTS: ParsedEvent[] = [
  /* 1 */ { ts: us('2024-03-01T10:00:00Z'), host: 'web-01', user: 'root', action: 'ssh_login', outcome: 'failure', src_ip: '10.0.0.1', severity: 'warning', message: 'sshd[100]: Failed password for root from 10.0.0.1 port 22 ssh2', attrs: { program: 'sshd', pid: 100, 'source.port': 22 } },
  /* 2 */ { ts: us('2024-03-01T10:05:00Z'), host: 'WEB-01', user: 'Root', action: 'ssh_login', outcome: 'failure', src_ip: '10.0.0.2', message: 'sshd[101]: Failed password for Root from 10.0.0.2 port 2222 ssh2', attrs: { program: 'sshd', pid: 101, 'source.port': 2222 } },
  /* 3 */ { ts: us('2024-03-01T10:10:00Z'), host: 'web-02', user: 'alice', action: 'ssh_login', outcome: 'success', src_ip: '192.168.1.5', message: 'sshd[102]: Accepted publickey for alice from 192.168.1.5', attrs: { program: 'sshd', pid: 102, 'source.port': 50000 } },
  /* 4 */ { ts: us('2024-03-01T11:00:00Z'), host: 'db-01', user: 'postgres', action: 'sudo', resource: '/usr/bin/psql', message: 'sudo: postgres : TTY=pts/0 ; COMMAND=/usr/bin/psql', attrs: { program: 'sudo', 'event.code': '4625' } },
  /* 5 */ { ts: us('2024-03-02T00:00:00Z'), host: 'db-01', action: 'cron', message: 'CRON[200]: (root) CMD (run-parts /etc/cron.daily)', attrs: { program: 'CRON', flag: true } },
  /* 6 */ { ts: null, host: 'web-02', severity: 'err', message: 'kernel: segfault at 0 ip 00007f error 4 in libc.so.6', attrs: { program: 'kernel' } },
  /* 7 */ { ts: us('2024-03-02T12:00:00Z'), host: 'müller-pc', user: 'Jürgen', message: 'login ok for Jürgen café', attrs: { program: 'login', tags: 'a,b' } },
  /* 8 */ { ts: us('2024-02-29T23:59:59Z') + 999_999, host: 'web-01', message: 'pam_unix(sshd:session): session opened for user root by (uid=0)', attrs: { program: 'sshd', 'http.status': 404 } },
  /* 9 */ { ts: us('2024-03-01T10:00:00Z'), host: 'web-03', src_ip: '10.0.0.1', message: 'sshd[103]: Connection closed by 10.0.0.1 port 22 [preauth]' },
  /* 10 */ { ts: null, message: 'no time at all "quoted" text' },
  /* 11 */ { ts: us('2024-03-03T00:00:00Z'), resource: '/var/log/auth.log', message: 'path /var/log/auth.log rotated', attrs: { 'http.status': '500', size: 1024.5 } },
  /* 12 */ { ts: us('2024-03-03T01:00:00Z'), action: 'service', outcome: 'failure', message: 'Failed to start nginx.service', attrs: { program: 'systemd' } },
];

/** The fixture case, plus a second evidence file holding one more event (id 13). */
export function fixtureCase(): CaseHandle {
  const c = seedCase(EVENTS, { file: 'var/log/seed.log' });
  const db = c.db;
  const now = new Date().toISOString();
  const importId = Number(db.prepare("INSERT INTO imports (status, started_at, paths, options) VALUES ('running', ?, '[]', '{}')").run(now).lastInsertRowid);
  const evidenceId = Number(db.prepare('INSERT INTO evidence (sha256, size, received_at) VALUES (?, 0, ?)').run('ab'.repeat(32), now).lastInsertRowid);
  const intakeId = Number(
    db.prepare('INSERT INTO intake (import_id, evidence_id, path, received_at) VALUES (?, ?, ?, ?)').run(importId, evidenceId, 'bundle.zip!/app/App.log', now).lastInsertRowid,
  );
  const templates = templateAssigner(db);
  eventWriter(db, templates).insert(
    { importId, intakeId, evidenceId, sha256: 'ab'.repeat(32), format: 'jsonl' },
    { ts: us('2024-03-01T09:00:00Z'), host: 'app-01', message: 'app started', offset: 0, length: 12, attrs: { program: 'app' } },
  );
  templates.commit();
  regroup(db);
  db.prepare("UPDATE imports SET status = 'complete', finished_at = ? WHERE id = ?").run(now, importId);
  registerSearchFunctions(db);
  return c;
}

import { existsSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCase, openCase, type CaseHandle } from '../../electron/engine/case/case-folder';
import { eventWriter } from '../../electron/engine/db/repos/events-write';
import { regroup, templateAssigner } from '../../electron/engine/detect/templates/case-templates';
import type { ParsedEvent } from '../../electron/engine/ingest/types';
import { getStats, histogram, searchEvents } from '../../electron/engine/search/search';
import { registerSearchFunctions } from '../../electron/engine/search/sql-functions';
import { prng as projectPrng } from '../../electron/engine/sample/prng';

/**
 * Search speed at scale: builds (once, cached in the temp folder) a case of generated
 * syslog-like events through the real event writer, then times a fixed query set returning
 * the first page of 100 in time order with the exact total.
 *
 *   node --import tsx test/bench/search.bench.ts
 *   SEARCH_BENCH_EVENTS=200000   smaller case
 *   SEARCH_BENCH_OPTIMIZE=1      also time after merging the FTS index into one segment
 *   SEARCH_BENCH_RUNS=30         timed runs per query
 */
const N = Number(process.env.SEARCH_BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.SEARCH_BENCH_RUNS ?? 30);
const OPTIMIZE = process.env.SEARCH_BENCH_OPTIMIZE === '1';
const FILES = 10;
const CASE_DIR = path.join(os.tmpdir(), `sealdesk-search-bench-v1-${N}${OPTIMIZE ? '-optimized' : ''}`);

// The project's deterministic PRNG (mulberry32), as a bare number source.
const prng = (seed: number): (() => number) => projectPrng(seed).next;

const HOSTS = ['web-01', 'web-02', 'web-03', 'web-04', 'web-05', 'web-06', 'db-01', 'db-02', 'mail-01', 'bastion-01', 'ci-runner-1', 'vpn-gw'];
const USERS = ['root', 'alice', 'bob', 'carol', 'dave', 'deploy', 'backup', 'postgres', 'www-data', 'admin', 'adm-ops', 'svc_ci'];
const BAD_USERS = ['admin', 'test', 'oracle', 'ubuntu', 'guest', 'pi', 'user', 'ftp', 'git', 'support'];
const COMMANDS = ['/usr/bin/apt update', '/bin/systemctl restart nginx', '/usr/bin/journalctl -xe', '/bin/cat /etc/shadow', '/usr/bin/docker ps'];

function makeEvent(r: () => number, host: string, ts: number, offset: number): ParsedEvent {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const ip = (): string => (r() < 0.3 ? `10.${Math.floor(r() * 4)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}` : `${Math.floor(r() * 223) + 1}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`);
  const pid = 1000 + Math.floor(r() * 60000);
  const x = r();
  let program: string;
  let text: string;
  const e: ParsedEvent = { ts, host, severity: 'info', message: '', offset, attrs: {} };
  if (x < 0.35) {
    program = 'sshd';
    const y = r();
    const src = ip();
    const port = 1024 + Math.floor(r() * 64000);
    e.src_ip = src;
    e.action = 'ssh_login';
    e.attrs = { 'source.port': port };
    if (y < 0.35) {
      const u = pick(USERS);
      text = `Failed password for ${u} from ${src} port ${port} ssh2`;
      Object.assign(e, { user: u, outcome: 'failure', severity: 'warning' });
    } else if (y < 0.45) {
      const u = pick(BAD_USERS);
      text = `Failed password for invalid user ${u} from ${src} port ${port} ssh2`;
      Object.assign(e, { user: u, outcome: 'failure', severity: 'warning' });
    } else if (y < 0.5) {
      const u = pick(BAD_USERS);
      text = `Invalid user ${u} from ${src} port ${port}`;
      Object.assign(e, { user: u, outcome: 'failure', severity: 'notice' });
    } else if (y < 0.7) {
      const u = pick(USERS);
      text = `Accepted publickey for ${u} from ${src} port ${port} ssh2: RSA SHA256:${Math.floor(r() * 1e9).toString(36)}`;
      Object.assign(e, { user: u, outcome: 'success' });
    } else if (y < 0.85) {
      text = `Connection closed by ${src} port ${port} [preauth]`;
      e.action = 'ssh_disconnect';
    } else {
      const u = pick(USERS);
      text = `pam_unix(sshd:session): session opened for user ${u} by (uid=0)`;
      Object.assign(e, { user: u, action: 'session_open' });
    }
  } else if (x < 0.55) {
    program = 'CRON';
    text = r() < 0.5 ? `(root) CMD (run-parts /etc/cron.hourly)` : `pam_unix(cron:session): session opened for user root by (uid=0)`;
    Object.assign(e, { user: 'root', action: 'cron' });
  } else if (x < 0.7) {
    program = 'systemd';
    const u = pick(USERS);
    text = r() < 0.6 ? `Started Session ${Math.floor(r() * 99999)} of user ${u}.` : 'Starting Daily apt upgrade and clean activities...';
    e.action = 'service';
  } else if (x < 0.75) {
    program = 'sudo';
    const u = pick(USERS);
    const cmd = pick(COMMANDS);
    text = `${u} : TTY=pts/${Math.floor(r() * 5)} ; PWD=/home/${u} ; USER=root ; COMMAND=${cmd}`;
    Object.assign(e, { user: u, action: 'sudo', resource: cmd, outcome: 'success' });
  } else if (x < 0.85) {
    program = 'kernel';
    if (r() < 0.001) {
      text = `nginx[${pid}]: segfault at 0 ip 00007f3a sp 00007ffd error 4 in libc.so.6`;
      e.severity = 'err';
    } else {
      const src = ip();
      text = `[UFW BLOCK] IN=eth0 OUT= SRC=${src} DST=10.0.0.${Math.floor(r() * 20)} PROTO=TCP SPT=${Math.floor(r() * 65535)} DPT=${pick([22, 23, 445, 3389, 8080])}`;
      Object.assign(e, { src_ip: src, action: 'firewall_block', outcome: 'failure' });
    }
  } else {
    program = 'postfix/smtpd';
    const src = ip();
    text = r() < 0.5 ? `connect from unknown[${src}]` : `disconnect from unknown[${src}] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`;
    Object.assign(e, { src_ip: src, action: 'smtp' });
  }
  e.message = `${program}[${pid}]: ${text}`;
  e.length = e.message.length + 32;
  e.attrs = { ...e.attrs, program, pid, facility: program === 'sshd' || program === 'sudo' ? 'auth' : 'daemon' };
  return e;
}

/** Builds the benchmark case once and keeps it in the temp folder for later runs. */
function buildCase(): { c: CaseHandle; buildMs: number | null } {
  if (existsSync(path.join(CASE_DIR, 'case.json')) && existsSync(path.join(CASE_DIR, '.complete'))) {
    return { c: openCase(CASE_DIR), buildMs: null };
  }
  rmSync(CASE_DIR, { recursive: true, force: true });
  const t0 = performance.now();
  const c = createCase(CASE_DIR, 'search-bench');
  const db = c.db;
  const now = new Date().toISOString();
  const importId = Number(db.prepare("INSERT INTO imports (status, started_at, paths, options) VALUES ('running', ?, '[]', '{}')").run(now).lastInsertRowid);
  const templates = templateAssigner(db);
  const w = eventWriter(db, templates);
  const start = Date.UTC(2024, 2, 1) * 1000;
  const span = 30 * 86400e6;
  const perFile = Math.ceil(N / FILES);
  for (let f = 0; f < FILES; f++) {
    const r = prng(1234 + f);
    const sha = (f + 1).toString(16).padStart(64, '0');
    const evidenceId = Number(db.prepare('INSERT INTO evidence (sha256, size, received_at) VALUES (?, 0, ?)').run(sha, now).lastInsertRowid);
    const intakeId = Number(
      db.prepare('INSERT INTO intake (import_id, evidence_id, path, received_at) VALUES (?, ?, ?, ?)').run(importId, evidenceId, `logs.tar.gz!/var/log/auth.log.${f}`, now).lastInsertRowid,
    );
    const origin = { importId, intakeId, evidenceId, sha256: sha, format: f % 3 === 0 ? 'syslog5424' : 'syslog3164' };
    const count = Math.min(perFile, N - f * perFile);
    const hosts = [HOSTS[f % HOSTS.length]!, HOSTS[(f + 5) % HOSTS.length]!];
    let ts = start + Math.floor(r() * 3600e6);
    let offset = 0;
    for (let i = 0; i < count; i += 1000) {
      db.transaction(() => {
        for (let j = i; j < Math.min(count, i + 1000); j++) {
          ts += Math.floor(r() * 2 * (span / perFile));
          const e = makeEvent(r, hosts[j % 2]!, ts, offset);
          if (r() < 0.002) e.ts = null;
          offset += e.length ?? 0;
          w.insert(origin, e);
        }
      })();
    }
  }
  templates.commit();
  regroup(db);
  db.prepare("UPDATE imports SET status = 'complete', finished_at = ? WHERE id = ?").run(now, importId);
  const buildMs = performance.now() - t0;
  if (OPTIMIZE) {
    const t1 = performance.now();
    db.exec("INSERT INTO events_fts(events_fts) VALUES('optimize')");
    console.log(`FTS optimize: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  }
  db.exec('PRAGMA optimize');
  writeFileSync(path.join(CASE_DIR, '.complete'), '');
  return { c, buildMs };
}

/** The target set (first page of 100 by time, with exact total), then extra shapes for reference. */
const TARGET: [string, string][] = [
  ['frequent word', 'sshd'],
  ['rare word', 'segfault'],
  ['phrase', '"Failed password"'],
  ['field:value AND word', 'host:web-03 AND sudo'],
  ['NOT (with a term)', 'sshd NOT Accepted'],
  ['NOT (alone)', 'NOT CRON'],
  ['regex on indexed field + term', 'sudo AND user:/^adm/'],
  ['regex on other field + term', '"invalid user" AND src_ip:/^10\\.1\\./'],
];
const EXTRA: [string, string, Record<string, unknown>][] = [
  ['match all', '', {}],
  ['field only (indexed)', 'host:web-03', {}],
  ['field only (not indexed)', 'outcome:failure', {}],
  ['frequent word, 1-day range', 'sshd', { from: '2024-03-10', to: '2024-03-11' }],
  ['frequent word, desc', 'sshd', { order: 'desc' }],
  ['frequent word, page 50', 'sshd', { offset: 5000 }],
  ['attrs field + word', 'facility:auth AND Accepted', {}],
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

function time(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

function main(): void {
  const { c, buildMs } = buildCase();
  const db = c.db;
  registerSearchFunctions(db);
  const n = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  console.log(`case: ${CASE_DIR} (${n.toLocaleString()} events) ${buildMs === null ? '(cached)' : `built in ${(buildMs / 1000).toFixed(1)} s`}`);
  const run = (q: string, extra: Record<string, unknown> = {}) => searchEvents(db, { query: q, limit: 100, offset: 0, order: 'asc', ...extra });
  const all = [...TARGET.map(([label, q]) => [label, q, {}] as [string, string, Record<string, unknown>]), ...EXTRA];
  // First runs include one-time work: page cache warm-up and the scan that decides whether
  // field values are fully in the full-text index (once per connection).
  for (const [label, q, extra] of all) console.log(`first run  ${label.padEnd(32)} ${time(() => run(q, extra)).toFixed(1).padStart(8)} ms`);
  const times = new Map<string, number[]>(all.map(([label]) => [label, []]));
  for (let i = 0; i < RUNS; i++) for (const [label, q, extra] of all) times.get(label)!.push(time(() => run(q, extra)));
  console.log(`\n${'query'.padEnd(34)}${'total'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}`);
  const target: number[] = [];
  for (const [label, q, extra] of all) {
    const t = times.get(label)!;
    if (TARGET.some(([l]) => l === label)) target.push(...t);
    if (label === EXTRA[0]![0]) console.log('-- extra (not in the target set)');
    console.log(`${label.padEnd(34)}${String(run(q, extra).total).padStart(9)}${pct(t, 50).toFixed(1).padStart(9)}${pct(t, 95).toFixed(1).padStart(9)}   ${q}`);
  }
  console.log(`\ntarget set overall: p50 ${pct(target, 50).toFixed(1)} ms, p95 ${pct(target, 95).toFixed(1)} ms (${RUNS} runs per query)`);
  console.log(`histogram (all, 100 buckets): ${time(() => histogram(db, { query: '', buckets: 100 })).toFixed(1)} ms; (sshd): ${time(() => histogram(db, { query: 'sshd', buckets: 100 })).toFixed(1)} ms`);
  console.log(`stats: first ${time(() => getStats(db, 20)).toFixed(1)} ms, cached ${time(() => getStats(db, 20)).toFixed(1)} ms`);
  c.db.close();
}

main();

import { createHash } from 'node:crypto';
import type { ReportEvent, ReportInput } from '../../../electron/engine/export/report/types';

export const hex = (text: string): string => createHash('sha256').update(text).digest('hex');

export const DIGEST = hex('content');
export const FINGERPRINT = hex('analyst key');
export const ROOT = hex('root');

const HOSTS = ['ws-017.acme.local', 'db-02', 'mail-gw', 'fw-edge-1'];
const USERS = ['alice', 'bob', 'svc_backup', 'root'];
const ACTIONS = ['login', 'logout', 'file.read', 'sudo', 'dns.query'];
const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'];

/** A deterministic event stream: `n` events one second apart from 2026-03-01. */
export function* events(n: number, start = Date.UTC(2026, 2, 1, 8, 0, 0)): Generator<ReportEvent> {
  for (let i = 0; i < n; i++) {
    yield {
      id: i + 1,
      ts: new Date(start + i * 1000).toISOString().replace('Z', '000Z'),
      source: 'auth.log',
      host: HOSTS[i % HOSTS.length]!,
      user: USERS[(i * 7) % USERS.length]!,
      action: ACTIONS[(i * 3) % ACTIONS.length]!,
      severity: SEVERITIES[i % SEVERITIES.length]!,
      message: `event ${i + 1}: session opened for user ${USERS[(i * 7) % USERS.length]} from 10.0.${i % 256}.${(i * 13) % 256} port ${1024 + (i % 50000)} ssh2` + (i % 3 === 0 ? ' with a longer tail that should wrap onto a second line of the message column and then be cut with an ellipsis when it goes on and on past two lines of text' : ''),
      tags: i % 10 === 0 ? ['lateral'] : [],
      starred: i % 17 === 0,
      note: null,
    };
  }
}

/** The same stream, delivered asynchronously like a database cursor. */
export async function* asyncEvents(n: number): AsyncGenerator<ReportEvent> {
  for (const e of events(n)) yield e;
}

export const NOTEBOOK = `# Summary

The intrusion started with a phishing mail to **alice**. See [the ticket](https://evil.example/x?a=1) and <script>alert(1)</script> in the mail body.

## Timeline

- 08:00 first login from \`10.0.0.7\`
- 08:05 privilege escalation via sudo
  - nested detail with a very long continuation line that keeps going so that it needs to wrap over the width of the page at least once
1. numbered step one
2. numbered step two

> Quoted from the mail: "click here"

\`\`\`
grep -r 'Failed password' /var/log/auth.log | wc -l
\`\`\`

---

Closing paragraph.
`;

export function baseInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const n = overrides.stats?.selectedEvents ?? 120;
  return {
    title: 'Evidence report: ACME breach',
    caseId: '6f1c2a9e-0000-4000-8000-000000000001',
    caseName: 'ACME breach',
    analyst: { name: 'A. Analyst', fingerprint: FINGERPRINT, fingerprintDisplay: `SHA256:${(FINGERPRINT.match(/.{1,4}/g) ?? []).join(' ')}` },
    createdAt: '2026-03-02T10:00:00.000Z',
    range: { from: '2026-03-01T08:00:00.000000Z', to: '2026-03-01T08:01:59.000000Z' },
    treeHead: { size: 4242, rootHash: ROOT, timestamp: '2026-03-02T09:59:59.000Z' },
    contentDigest: DIGEST,
    selection: { query: 'host:ws-017* AND NOT user:svc_backup', starredOnly: false, masked: true, maskSummary: 'detectors: email (redact), ipv4 (pseudonym)' },
    stats: {
      totalEvents: 98765,
      selectedEvents: n,
      evidenceFiles: 3,
      imports: 4,
      bySource: [
        { value: 'auth.log', count: 80 },
        { value: 'Security.evtx', count: 40 },
      ],
      byHost: HOSTS.map((value, i) => ({ value, count: 40 - i * 7 })),
      byUser: USERS.map((value, i) => ({ value, count: 50 - i * 9 })),
      byAction: ACTIONS.map((value, i) => ({ value, count: 30 - i * 4 })),
    },
    histogram: { start: '2026-03-01T08:00:00.000Z', intervalMs: 5000, counts: Array.from({ length: 24 }, (_, i) => 5 + ((i * 7) % 11)) },
    events: events(n),
    notebook: NOTEBOOK,
    findings: [
      { severity: 'high', title: 'Brute force followed by success', rule: 'sigma:ssh-bruteforce', eventCount: 57, status: 'open', note: 'Confirmed with the firewall team.' },
      { severity: 'low', title: 'Login outside office hours', rule: 'cel:after-hours', eventCount: 3, status: 'dismissed' },
    ],
    custody: Array.from({ length: 12 }, (_, i) => ({
      seq: i + 1,
      at: new Date(Date.UTC(2026, 2, 1, 7, 0, i)).toISOString(),
      actor: 'A. Analyst',
      action: ['case.create', 'intake', 'import', 'tag', 'note', 'export.start'][i % 6]!,
      subject: i % 2 ? `auth-${i}.log` : null,
      summary: `name=auth-${i}.log events=${i * 10}`,
    })),
    tool: { name: 'sealdesk', version: '0.1.0' },
    ...overrides,
  };
}

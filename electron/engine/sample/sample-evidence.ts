import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prng } from './prng';
import { syslogLines } from './syslog-gen';

const START = Date.UTC(2026, 2, 2, 0, 0, 0);

function accessLog(n: number): string {
  const r = prng(7);
  const paths = ['/', '/index.html', '/login', '/api/orders', '/static/app.js', '/favicon.ico', '/account'];
  const bad = ['/wp-login.php', "/search?q=1'%20OR%20'1'='1", '/.env', '/../../etc/passwd', '/admin/config.php'];
  const agents = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'curl/8.5.0', 'sqlmap/1.7.2#stable', 'Googlebot/2.1'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = new Date(START + Math.floor((3 * 24 * 3600 * 1000 * i) / n));
    const month = t.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    const stamp = `${String(t.getUTCDate()).padStart(2, '0')}/${month}/${t.getUTCFullYear()}:${t.toISOString().slice(11, 19)} +0000`;
    const attack = r.int(10) === 0;
    const ip = attack ? '198.51.100.77' : `10.0.${r.int(8)}.${1 + r.int(250)}`;
    const p = attack ? r.pick(bad) : r.pick(paths);
    const status = attack ? r.pick([403, 404, 500]) : r.pick([200, 200, 200, 304, 302]);
    out.push(`${ip} - - [${stamp}] "${r.pick(['GET', 'GET', 'POST'])} ${p} HTTP/1.1" ${status} ${200 + r.int(9000)} "-" "${attack ? 'sqlmap/1.7.2#stable' : r.pick(agents)}"`);
  }
  return out.join('\n') + '\n';
}

function cloudTrail(): string {
  const rec = (min: number, eventName: string, eventSource: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', userName: 'ci-deployer', arn: 'arn:aws:iam::111122223333:user/ci-deployer', accountId: '111122223333' },
    eventTime: new Date(START + 36 * 3600 * 1000 + min * 60000).toISOString().replace('.000', ''),
    eventSource,
    eventName,
    awsRegion: 'eu-west-1',
    sourceIPAddress: '203.0.113.45',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    eventID: `sample-${min}`,
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
    ...extra,
  });
  return JSON.stringify(
    {
      Records: [
        rec(0, 'GetCallerIdentity', 'sts.amazonaws.com'),
        rec(2, 'ListBuckets', 's3.amazonaws.com'),
        rec(3, 'CreateUser', 'iam.amazonaws.com', { requestParameters: { userName: 'support-backup' } }),
        rec(4, 'AttachUserPolicy', 'iam.amazonaws.com', {
          requestParameters: { userName: 'support-backup', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        }),
        rec(6, 'StopLogging', 'cloudtrail.amazonaws.com', { requestParameters: { name: 'org-trail' } }),
        rec(7, 'DeleteTrail', 'cloudtrail.amazonaws.com', { errorCode: 'AccessDenied', requestParameters: { name: 'org-trail' } }),
      ],
    },
    null,
    2,
  );
}

/**
 * Writes the sample case's evidence (made by this project's own deterministic generators,
 * so it can ship): an auth/system syslog, a web access log and a CloudTrail file.
 */
export function writeSampleEvidence(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [
    [path.join(dir, 'syslog'), [...syslogLines(4000, { seed: 11, startMs: START })].join('\n') + '\n'],
    [path.join(dir, 'access.log'), accessLog(1500)],
    [path.join(dir, 'cloudtrail-eu-west-1.json'), cloudTrail()],
  ] as const;
  const mtime = new Date(START + 3 * 24 * 3600 * 1000);
  for (const [file, text] of files) {
    writeFileSync(file, text);
    // RFC 3164 lines carry no year: a fixed mtime keeps the inferred year the same everywhere.
    utimesSync(file, mtime, mtime);
  }
  return files.map(([f]) => f);
}

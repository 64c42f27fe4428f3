import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { prng } from './prng';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HOSTS = ['web-01', 'web-02', 'db-01', 'bastion', 'mail-01', 'build-07'];
const USERS = ['alice', 'bob', 'carol', 'deploy', 'backup', 'nagios', 'root'];
const IPS = ['10.0.4.21', '10.0.4.22', '10.0.9.13', '192.168.1.50', '172.16.3.9'];
const ATTACKERS = ['203.0.113.45', '198.51.100.77', '45.155.205.233'];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** RFC 3164 timestamp (`Mar  3 14:05:09`) of a UTC epoch in ms. */
export function rfc3164Time(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * Deterministic RFC 3164 syslog lines (auth, cron, kernel, sudo) with an SSH brute-force
 * story mixed into ordinary traffic. Used by the sample case and the import benchmark.
 */
export function* syslogLines(count: number, opts: { seed?: number; startMs?: number; spanMs?: number } = {}): Generator<string> {
  const r = prng(opts.seed ?? 42);
  const start = opts.startMs ?? Date.UTC(2026, 2, 2, 0, 0, 0);
  const span = opts.spanMs ?? 3 * 24 * 3600 * 1000;
  for (let i = 0; i < count; i++) {
    const t = start + Math.floor((span * i) / count);
    const host = r.pick(HOSTS);
    const pid = 1000 + r.int(60000);
    const user = r.pick(USERS);
    const roll = r.int(100);
    let body: string;
    if (roll < 22) {
      const ip = r.pick(ATTACKERS);
      body = r.int(3) === 0
        ? `sshd[${pid}]: Failed password for invalid user ${r.pick(['admin', 'test', 'oracle', 'ubuntu', 'guest'])} from ${ip} port ${30000 + r.int(30000)} ssh2`
        : `sshd[${pid}]: Failed password for ${r.pick(['root', user])} from ${ip} port ${30000 + r.int(30000)} ssh2`;
    } else if (roll < 34) {
      body = `sshd[${pid}]: Accepted publickey for ${user} from ${r.pick(IPS)} port ${40000 + r.int(20000)} ssh2: RSA SHA256:${(r.next() * 1e16).toString(36)}`;
    } else if (roll < 46) {
      body = `sshd[${pid}]: pam_unix(sshd:session): session ${r.int(2) ? 'opened' : 'closed'} for user ${user} by (uid=0)`;
    } else if (roll < 60) {
      body = `CRON[${pid}]: (${r.pick(['root', 'backup', 'deploy'])}) CMD (${r.pick(['/usr/local/bin/backup.sh', 'run-parts /etc/cron.hourly', 'certbot renew -q', '/opt/app/rotate-logs'])})`;
    } else if (roll < 70) {
      body = `sudo[${pid}]: ${user} : TTY=pts/${r.int(5)} ; PWD=/home/${user} ; USER=root ; COMMAND=${r.pick(['/usr/bin/systemctl restart nginx', '/usr/bin/apt-get update', '/bin/cat /etc/shadow', '/usr/bin/journalctl -xe'])}`;
    } else if (roll < 80) {
      body = `kernel: [${(i / 10).toFixed(6)}] ${r.pick(['eth0: link up', 'EXT4-fs (sda1): re-mounted. Opts: errors=remount-ro', 'TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.', 'audit: type=1400 apparmor="DENIED" operation="open" profile="/usr/sbin/nginx"'])}`;
    } else if (roll < 90) {
      body = `systemd[1]: ${r.pick(['Started Session', 'Stopping User Manager for UID', 'Starting Daily apt upgrade and clean activities...', 'Finished Rotate log files.'])} ${r.int(9000)}.`;
    } else {
      body = `postfix/smtpd[${pid}]: ${r.pick(['connect from', 'disconnect from', 'lost connection after AUTH from'])} unknown[${r.pick([...IPS, ...ATTACKERS])}]`;
    }
    yield `${rfc3164Time(t)} ${host} ${body}`;
  }
}

/** Writes `count` generated lines to `file` in large blocks (benchmarks, big test cases). */
export async function writeSyslogFile(file: string, count: number, seed = 1): Promise<void> {
  const out = createWriteStream(file);
  let buf = '';
  for (const line of syslogLines(count, { seed })) {
    buf += line + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/**
 * Log lines by theme, for ranking checks: a query must be closer to a line of its own theme
 * than to lines of other themes. Real-looking lines (sshd, kernel, systemd) with their
 * numbers, paths and addresses left in, since that noise is what the model has to ignore.
 */
export const THEMES: Record<string, { queries: string[]; lines: string[] }> = {
  auth: {
    queries: ['failed password for root', 'failed login attempt', 'user authentication rejected'],
    lines: [
      'authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7',
      'Failed password for invalid user admin from 198.51.100.23 port 51122 ssh2',
      'pam_unix(sudo:auth): incorrect password attempts',
      'Invalid user oracle from 192.0.2.44',
    ],
  },
  disk: {
    queries: ['disk quota exceeded', 'disk is full', 'filesystem has no free space'],
    lines: [
      'write failed: No space left on device',
      'EXT4-fs warning (device sda1): ext4_dx_add_entry: Directory index full!',
      'quota exceeded for user 1001 on /home',
      'I/O error, dev sdb, sector 123456 op 0x1:(WRITE)',
    ],
  },
  network: {
    queries: ['network connection timed out', 'remote host unreachable', 'connection refused by server'],
    lines: [
      'connect to 10.0.0.5 port 443 failed: Connection timed out',
      'eth0: link down, carrier lost',
      'ping: sendmsg: Network is unreachable',
      'upstream connection refused while connecting to upstream, client: 10.1.2.3',
    ],
  },
  memory: {
    queries: ['out of memory', 'process killed for using too much memory', 'memory allocation failed'],
    lines: [
      'Out of memory: Killed process 4242 (java) total-vm:8123456kB',
      'kernel: oom-killer invoked, gfp_mask=0x100cca',
      'malloc(): memory corruption',
      'java.lang.OutOfMemoryError: Java heap space',
    ],
  },
};

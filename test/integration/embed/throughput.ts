/**
 * Prints embedding throughput of the default model on short log lines (not a test: speed is
 * measured, not asserted). Run: node --import tsx test/integration/embed/throughput.ts
 */
import { loadEmbedder } from '../../../electron/engine/search/embed';
import { realModelDir } from './real-model';

const TEMPLATES = [
  'Failed password for invalid user {u} from 198.51.{a}.{b} port {p} ssh2',
  'Accepted publickey for {u} from 10.0.{a}.{b} port {p} ssh2',
  'pam_unix(sshd:session): session opened for user {u} by (uid=0)',
  'kernel: Out of memory: Killed process {p} (java) total-vm:{p}kB',
  'EXT4-fs error (device sda{a}): ext4_find_entry:{p}: inode #{b}: comm {u}: reading directory lblock 0',
  'connect to 10.{a}.{b}.1 port 443 failed: Connection timed out',
  'CRON[{p}]: ({u}) CMD (run-parts /etc/cron.hourly)',
  'systemd[1]: Started Session {p} of user {u}.',
];

async function main(): Promise<void> {
  const t0 = performance.now();
  const embedder = await loadEmbedder(realModelDir());
  const loadMs = performance.now() - t0;
  const users = ['root', 'admin', 'deploy', 'oracle', 'www-data'];
  const lines = Array.from({ length: 20_000 }, (_, i) =>
    TEMPLATES[i % TEMPLATES.length]!.replaceAll('{u}', users[i % users.length]!).replaceAll('{a}', String(i % 250)).replaceAll('{b}', String((i * 7) % 250)).replaceAll('{p}', String(1000 + ((i * 31) % 60000))),
  );
  await embedder.embed(lines.slice(0, 256)); // warm-up
  const t1 = performance.now();
  await embedder.embed(lines);
  const s = (performance.now() - t1) / 1000;
  console.log(`model ${embedder.id} (${embedder.dims} dims), loaded in ${loadMs.toFixed(0)} ms (including the stamp check)`);
  console.log(`${lines.length} short log lines in ${s.toFixed(2)} s: ${Math.round(lines.length / s)} texts/s`);
  await embedder.dispose();
}

await main();

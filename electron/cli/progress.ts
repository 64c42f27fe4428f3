import type { JobProgressEvent } from '../../shared/events';

const fmtBytes = (n: number): string =>
  n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(1)} GiB` : n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;

/** A one-line progress bar on stderr, drawn only on a terminal. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(e: JobProgressEvent): void; done(): void } {
  const tty = stream.isTTY === true;
  // Some terminals (and `script`) report 0 columns: fall back to a sane width.
  const width = (): number => Math.max(40, stream.columns || 100);
  let drawn = false;
  return {
    update(e) {
      if (!tty) return;
      const barWidth = 30;
      const frac = e.total > 0 ? Math.min(1, e.done / e.total) : 0;
      const bar = '#'.repeat(Math.round(frac * barWidth)).padEnd(barWidth, '.');
      const cols = width();
      const amount = e.kind === 'import' ? `${fmtBytes(e.done)}/${fmtBytes(e.total)} ${e.events ?? 0} events` : `${e.done}/${e.total}`;
      const line = `[${bar}] ${(frac * 100).toFixed(0).padStart(3)}% ${amount}  ${e.phase}`;
      stream.write(`\r${line.slice(0, cols - 1).padEnd(cols - 1)}`);
      drawn = true;
    },
    done() {
      if (tty && drawn) stream.write('\r' + ' '.repeat(width() - 1) + '\r');
    },
  };
}

const nf = new Intl.NumberFormat('en-US');

export function count(n: number): string {
  return nf.format(n);
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Event times stay in UTC, as stored: auditors compare them across sources and zones. */
export function utc(ts: string | null): string {
  return ts ? ts.replace('T', ' ') : '—';
}

/** Enough of a SHA-256 to tell files apart at a glance; the full value goes in a tooltip. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

import { writeFileSync } from 'node:fs';

/** One entry of a crafted tar; names and link targets may be raw bytes (invalid UTF-8). */
export interface TarEntrySpec {
  name: string | Buffer;
  data?: Buffer | string;
  /** Type flag character: '0' file, '1' hard link, '2' symlink, '3'/'4' device, '5' folder, '6' fifo. */
  type?: string;
  linkname?: string;
  /** Claimed size, when it should differ from the data's length. */
  declaredSize?: number;
  mtime?: Date;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** A 512-byte header; `legacy` leaves out the ustar magic, as pre-POSIX tars did. */
function header(e: TarEntrySpec, size: number, legacy: boolean): Buffer {
  const h = Buffer.alloc(BLOCK);
  const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
  if (name.length > 100) throw new Error('tar-writer: names over 100 bytes are not supported');
  name.copy(h, 0);
  h.write(octal(0o644, 8), 100, 'latin1');
  h.write(octal(0, 8), 108, 'latin1');
  h.write(octal(0, 8), 116, 'latin1');
  h.write(octal(e.declaredSize ?? size, 12), 124, 'latin1');
  h.write(octal(Math.floor((e.mtime ?? new Date(Date.UTC(2024, 0, 2))).getTime() / 1000), 12), 136, 'latin1');
  h.write(e.type ?? '0', 156, 'latin1');
  if (e.linkname) h.write(e.linkname, 157, 'utf8');
  if (!legacy) {
    h.write('ustar\0', 257, 'latin1');
    h.write('00', 263, 'latin1');
  }
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'latin1');
  return h;
}

/** A tar built byte by byte, for headers tar-stream's packer will not write (raw names, legacy format). */
export function tarBuffer(entries: TarEntrySpec[], opts: { legacy?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data) : (e.data ?? Buffer.alloc(0));
    parts.push(header(e, data.length, opts.legacy ?? false), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

export function writeTar(file: string, entries: TarEntrySpec[], opts: { legacy?: boolean } = {}): string {
  writeFileSync(file, tarBuffer(entries, opts));
  return file;
}

import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a crafted zip. Everything a hostile archive could lie about is settable. */
export interface ZipEntrySpec {
  /** A string is written as UTF-8 with the UTF-8 flag; a Buffer is written as given. */
  name: string | Buffer;
  data?: Buffer | string;
  method?: 'store' | 'deflate';
  /** Unix mode (type and permission bits) stored in the upper half of the external attributes. */
  unixMode?: number;
  /** Extra general-purpose flag bits (0x1 = encrypted, 0x800 = UTF-8). */
  flags?: number;
  /** Claimed uncompressed size, when it should differ from the real one. */
  declaredSize?: number;
  /** Claimed compression method number, when it should differ from the real one. */
  declaredMethod?: number;
  mtime?: Date;
}

function dosDateTime(d: Date): { date: number; time: number } {
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

/** A minimal zip (no zip64, no data descriptors) with exactly the headers asked for. */
export function zipBuffer(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const data = typeof e.data === 'string' ? Buffer.from(e.data) : (e.data ?? Buffer.alloc(0));
    const deflate = (e.method ?? 'deflate') === 'deflate';
    const body = deflate ? deflateRawSync(data) : data;
    const method = e.declaredMethod ?? (deflate ? 8 : 0);
    const flags = (e.flags ?? 0) | (typeof e.name === 'string' ? 0x800 : 0);
    const { date, time } = dosDateTime(e.mtime ?? new Date(Date.UTC(2024, 0, 2, 3, 4, 6)));
    const crc = crc32(data);
    const usize = e.declaredSize ?? data.length;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(usize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.unixMode !== undefined ? (3 << 8) | 20 : 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(usize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(e.unixMode !== undefined ? (e.unixMode << 16) >>> 0 : 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

export function writeZip(file: string, entries: ZipEntrySpec[]): string {
  writeFileSync(file, zipBuffer(entries));
  return file;
}

import { crc32 } from 'node:zlib';

/**
 * Writes small EVTX files for tests: a file header, chunks, records whose binary XML is a
 * template definition (stored inline on first use, by offset after) plus typed values.
 * Written from the format description, independently of the parser's code.
 */

/** A substitution slot in a template: value `index`, optional or normal. */
export interface Sub {
  sub: number;
  optional?: boolean;
}
/** An element of a template: attributes and content are literal text or substitutions. */
export interface El {
  name: string;
  attrs?: [string, string | Sub][];
  children?: (El | string | Sub)[];
}
/** A typed substitution value; `xml` is a nested binary XML fragment (type 0x21). */
export type Val = { type: number; bytes: Buffer } | { type: 0x21; xml: { template: El; values: Val[] } } | { type: 0x21; plain: El };

export const el = (name: string, attrs: [string, string | Sub][] = [], children: (El | string | Sub)[] = []): El => ({ name, attrs, children });

const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');
const u16 = (n: number): Buffer => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
const u32 = (n: number): Buffer => { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; };
const u64 = (n: bigint): Buffer => { const b = Buffer.alloc(8); b.writeBigUInt64LE(n); return b; };

/** Value constructors, one per type the tests use. */
export const v = {
  str: (s: string): Val => ({ type: 0x01, bytes: utf16(s) }),
  ansi: (s: string): Val => ({ type: 0x02, bytes: Buffer.from(s, 'latin1') }),
  i8: (n: number): Val => ({ type: 0x03, bytes: Buffer.from([n & 0xff]) }),
  u8: (n: number): Val => ({ type: 0x04, bytes: Buffer.from([n]) }),
  i16: (n: number): Val => { const b = Buffer.alloc(2); b.writeInt16LE(n); return { type: 0x05, bytes: b }; },
  u16: (n: number): Val => ({ type: 0x06, bytes: u16(n) }),
  i32: (n: number): Val => { const b = Buffer.alloc(4); b.writeInt32LE(n); return { type: 0x07, bytes: b }; },
  u32: (n: number): Val => ({ type: 0x08, bytes: u32(n) }),
  i64: (n: bigint): Val => { const b = Buffer.alloc(8); b.writeBigInt64LE(n); return { type: 0x09, bytes: b }; },
  u64: (n: bigint): Val => ({ type: 0x0a, bytes: u64(n) }),
  f32: (n: number): Val => { const b = Buffer.alloc(4); b.writeFloatLE(n); return { type: 0x0b, bytes: b }; },
  f64: (n: number): Val => { const b = Buffer.alloc(8); b.writeDoubleLE(n); return { type: 0x0c, bytes: b }; },
  bool: (x: boolean): Val => ({ type: 0x0d, bytes: u32(x ? 1 : 0) }),
  bin: (hex: string): Val => ({ type: 0x0e, bytes: Buffer.from(hex, 'hex') }),
  guid: (g: string): Val => {
    const h = g.replace(/[{}-]/g, '');
    const b = Buffer.alloc(16);
    b.writeUInt32LE(parseInt(h.slice(0, 8), 16));
    b.writeUInt16LE(parseInt(h.slice(8, 12), 16), 4);
    b.writeUInt16LE(parseInt(h.slice(12, 16), 16), 6);
    Buffer.from(h.slice(16), 'hex').copy(b, 8);
    return { type: 0x0f, bytes: b };
  },
  sizeT: (n: bigint, bytes: 4 | 8): Val => ({ type: 0x10, bytes: bytes === 8 ? u64(n) : u32(Number(n)) }),
  filetime: (ft: bigint): Val => ({ type: 0x11, bytes: u64(ft) }),
  systime: (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): Val => ({
    type: 0x12, bytes: Buffer.concat([y, mo, 0, d, h, mi, s, ms].map(u16)),
  }),
  sid: (text: string): Val => {
    const [, rev, auth, ...subs] = text.split('-');
    const b = Buffer.alloc(8 + subs.length * 4);
    b[0] = Number(rev);
    b[1] = subs.length;
    b.writeUIntBE(Number(auth), 2, 6);
    subs.forEach((s, i) => b.writeUInt32LE(Number(s), 8 + i * 4));
    return { type: 0x13, bytes: b };
  },
  hex32: (n: number): Val => ({ type: 0x14, bytes: u32(n) }),
  hex64: (n: bigint): Val => ({ type: 0x15, bytes: u64(n) }),
  strs: (xs: string[]): Val => ({ type: 0x81, bytes: utf16(xs.map((x) => `${x}\0`).join('')) }),
  u32s: (xs: number[]): Val => ({ type: 0x88, bytes: Buffer.concat(xs.map(u32)) }),
  null: (): Val => ({ type: 0x00, bytes: Buffer.alloc(0) }),
  xml: (template: El, values: Val[]): Val => ({ type: 0x21, xml: { template, values } }),
  /** A plain element as a binary XML value, without dependency ids ([MS-EVEN6]). */
  plain: (e: El): Val => ({ type: 0x21, plain: e }),
};

/** FILETIME of an ISO time (millisecond precision) plus extra 100 ns ticks. */
export const filetimeOf = (iso: string, ticks = 0): bigint => BigInt(Date.parse(iso)) * 10_000n + 116444736000000000n + BigInt(ticks);

/** One 64 KiB chunk being written. */
export class ChunkWriter {
  readonly buf = Buffer.alloc(65536);
  private pos = 512;
  private readonly names = new Map<string, number>();
  private readonly templates = new Map<El, number>();
  private firstId: number | null = null;
  private lastId = 0;
  private lastRecord = 512;
  private count = 0;

  private put(b: Buffer): void {
    if (this.pos + b.length > this.buf.length) throw new Error('chunk full');
    b.copy(this.buf, this.pos);
    this.pos += b.length;
  }

  private name(s: string): void {
    const known = this.names.get(s);
    if (known !== undefined) return this.put(u32(known));
    const at = this.pos + 4;
    this.names.set(s, at);
    this.put(Buffer.concat([u32(at), u32(0), u16(0), u16(s.length), utf16(s), u16(0)]));
  }

  private part(p: string | Sub): void {
    if (typeof p === 'string') this.put(Buffer.concat([Buffer.from([0x05, 0x01]), u16(p.length), utf16(p)]));
    else this.put(Buffer.concat([Buffer.from([p.optional ? 0x0e : 0x0d]), u16(p.sub), Buffer.from([0x01])]));
  }

  private element(e: El, dependency: boolean): void {
    const attrs = e.attrs ?? [];
    this.put(Buffer.from([attrs.length ? 0x41 : 0x01]));
    if (dependency) this.put(u16(0xffff));
    const dataSizeAt = this.pos;
    this.put(u32(0));
    this.name(e.name);
    if (attrs.length) {
      const sizeAt = this.pos;
      this.put(u32(0));
      attrs.forEach(([n, val], i) => {
        this.put(Buffer.from([i < attrs.length - 1 ? 0x46 : 0x06]));
        this.name(n);
        this.part(val);
      });
      this.buf.writeUInt32LE(this.pos - sizeAt - 4, sizeAt);
    }
    const kids = e.children ?? [];
    if (!kids.length) this.put(Buffer.from([0x03]));
    else {
      this.put(Buffer.from([0x02]));
      for (const k of kids) {
        if (typeof k === 'object' && 'name' in k) this.element(k, dependency);
        else this.part(k);
      }
      this.put(Buffer.from([0x04]));
    }
    // The data size counts everything after itself up to the end of the element.
    this.buf.writeUInt32LE(this.pos - dataSizeAt - 4, dataSizeAt);
  }

  /** A template instance: the definition inline the first time, by offset afterwards. */
  private instance(t: El, values: Val[]): void {
    this.put(Buffer.from([0x0c, 0x01]));
    this.put(u32(0x1234));
    const known = this.templates.get(t);
    if (known !== undefined) this.put(u32(known));
    else {
      const at = this.pos + 4;
      this.templates.set(t, at);
      this.put(u32(at));
      this.put(Buffer.concat([u32(0), Buffer.alloc(16, 0xab), u32(0)]));
      const start = this.pos;
      this.put(Buffer.from([0x0f, 0x01, 0x01, 0x00]));
      this.element(t, true);
      this.put(Buffer.from([0x00]));
      this.buf.writeUInt32LE(this.pos - start, at + 20);
    }
    this.put(u32(values.length));
    const descAt = this.pos;
    this.put(Buffer.alloc(values.length * 4));
    values.forEach((val, i) => {
      const start = this.pos;
      if ('xml' in val) {
        this.put(Buffer.from([0x0f, 0x01, 0x01, 0x00]));
        this.instance(val.xml.template, val.xml.values);
        this.put(Buffer.from([0x00]));
      } else if ('plain' in val) {
        this.put(Buffer.from([0x0f, 0x01, 0x01, 0x00]));
        this.element(val.plain, false);
        this.put(Buffer.from([0x00]));
      } else this.put(val.bytes);
      this.buf.writeUInt16LE(this.pos - start, descAt + i * 4);
      this.buf[descAt + i * 4 + 2] = val.type;
    });
  }

  /** Bytes used so far (header included). */
  get used(): number {
    return this.pos;
  }

  /** Add a record holding a template instance of `t` with `values`. */
  record(id: number, t: El, values: Val[], written = filetimeOf('2024-01-01T00:00:00Z')): this {
    const start = this.pos;
    this.put(Buffer.concat([u32(0x2a2a), u32(0), u64(BigInt(id)), u64(written)]));
    this.put(Buffer.from([0x0f, 0x01, 0x01, 0x00]));
    this.instance(t, values);
    this.put(Buffer.from([0x00]));
    this.pos += (8 - ((this.pos + 4 - start) % 8)) % 8;
    this.put(u32(0));
    const size = this.pos - start;
    this.buf.writeUInt32LE(size, start + 4);
    this.buf.writeUInt32LE(size, this.pos - 4);
    this.firstId ??= id;
    this.lastId = id;
    this.lastRecord = start;
    this.count++;
    return this;
  }

  /** The finished chunk with header fields and both checksums. */
  finish(): Buffer {
    const b = this.buf;
    b.write('ElfChnk\0', 0, 'latin1');
    b.writeBigUInt64LE(1n, 8);
    b.writeBigUInt64LE(BigInt(this.count), 16);
    b.writeBigUInt64LE(BigInt(this.firstId ?? 0), 24);
    b.writeBigUInt64LE(BigInt(this.lastId), 32);
    b.writeUInt32LE(128, 40);
    b.writeUInt32LE(this.lastRecord, 44);
    b.writeUInt32LE(this.pos, 48);
    return resealChunk(b);
  }
}

/** Recompute a chunk's records CRC and header CRC (after a test edited it on purpose). */
export function resealChunk(chunk: Buffer): Buffer {
  const free = chunk.readUInt32LE(48);
  chunk.writeUInt32LE(crc32(chunk.subarray(512, free)) >>> 0, 52);
  chunk.writeUInt32LE(crc32(chunk.subarray(128, 512), crc32(chunk.subarray(0, 120))) >>> 0, 124);
  return chunk;
}

/** A whole file: header (with its CRC) and the chunks. */
export function evtxFile(chunks: Buffer[], nextRecordId = 1): Buffer {
  const h = Buffer.alloc(4096);
  h.write('ElfFile\0', 0, 'latin1');
  h.writeBigUInt64LE(0n, 8);
  h.writeBigUInt64LE(BigInt(Math.max(0, chunks.length - 1)), 16);
  h.writeBigUInt64LE(BigInt(nextRecordId), 24);
  h.writeUInt32LE(128, 32);
  h.writeUInt16LE(1, 36);
  h.writeUInt16LE(3, 38);
  h.writeUInt16LE(4096, 40);
  h.writeUInt16LE(chunks.length, 42);
  h.writeUInt32LE(crc32(h.subarray(0, 120)) >>> 0, 124);
  return Buffer.concat([h, ...chunks]);
}

/** The Windows-style event template the tests use: System + EventData with named Data. */
export function eventTemplate(dataNames: string[], firstData = 8): El {
  return el('Event', [['xmlns', 'http://schemas.microsoft.com/win/2004/08/events/event']], [
    el('System', [], [
      el('Provider', [['Name', { sub: 0 }], ['Guid', { sub: 1, optional: true }]]),
      el('EventID', [['Qualifiers', { sub: 2, optional: true }]], [{ sub: 3 }]),
      el('Level', [], [{ sub: 4 }]),
      el('Keywords', [], [{ sub: 5 }]),
      el('TimeCreated', [['SystemTime', { sub: 6 }]]),
      el('EventRecordID', [], [{ sub: 7 }]),
      el('Channel', [], ['Security']),
      el('Computer', [], ['WS01.example.corp']),
    ]),
    el('EventData', [], dataNames.map((n, i) => (n === '' ? el('Data', [], [{ sub: firstData + i, optional: true }]) : el('Data', [['Name', n]], [{ sub: firstData + i, optional: true }])))),
  ]);
}

/** Values for `eventTemplate`'s System part. */
export function systemValues(o: { provider?: string; eventId: number; level?: number; keywords?: bigint; time: bigint; recordId: number }): Val[] {
  return [
    v.str(o.provider ?? 'Microsoft-Windows-Security-Auditing'),
    v.guid('{54849625-5478-4994-A5BA-3E3B0328C30D}'),
    v.null(),
    v.u16(o.eventId),
    v.u8(o.level ?? 0),
    v.hex64(o.keywords ?? 0x8020000000000000n),
    v.filetime(o.time),
    v.u64(BigInt(o.recordId)),
  ];
}

/**
 * A dense, Sysmon-like log for throughput figures: full chunks of process, network and
 * file events (three templates, about 20 data fields each, varied values).
 */
export function denseLog(chunks: number): Buffer {
  const names = {
    proc: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'FileVersion', 'Description', 'Product', 'Company', 'CommandLine', 'CurrentDirectory', 'User', 'LogonGuid', 'LogonId', 'TerminalSessionId', 'IntegrityLevel', 'Hashes', 'ParentProcessGuid', 'ParentProcessId', 'ParentImage', 'ParentCommandLine'],
    net: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'User', 'Protocol', 'Initiated', 'SourceIsIpv6', 'SourceIp', 'SourceHostname', 'SourcePort', 'DestinationIsIpv6', 'DestinationIp', 'DestinationHostname', 'DestinationPort'],
    file: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetFilename', 'CreationUtcTime'],
  };
  const tmpl = { proc: eventTemplate(names.proc), net: eventTemplate(names.net), file: eventTemplate(names.file) };
  const out: Buffer[] = [];
  let id = 1;
  for (let c = 0; c < chunks; c++) {
    const w = new ChunkWriter();
    while (w.used < 60_000) {
      const t = filetimeOf('2024-03-01T10:00:00Z', id * 1_234_567);
      const sys = systemValues({ provider: 'Microsoft-Windows-Sysmon', eventId: [1, 3, 11][id % 3]!, level: 4, keywords: 0x8000000000000000n, time: t, recordId: id });
      const guid = v.guid(`{365ABB72-${(id % 65536).toString(16).padStart(4, '0')}-5CC9-0000-0010EA030000}`);
      const img = `C:\\Windows\\System32\\tool${id % 97}.exe`;
      if (id % 3 === 1) {
        w.record(id, tmpl.proc, [...sys, v.str(''), v.str('2024-03-01 10:00:00.123'), guid, v.u32(1000 + (id % 5000)), v.str(img), v.str('10.0.17763.1'), v.str('Windows tool'), v.str('Microsoft Windows'), v.str('Microsoft Corporation'),
          v.str(`${img} /c "echo ${id}" --flag value-${id % 13}`), v.str('C:\\Users\\alice\\'), v.str('CORP\\alice'), guid, v.hex64(0x3e7n + BigInt(id % 7)), v.u32(1), v.str('High'),
          v.str(`SHA1=${(id * 2654435761 >>> 0).toString(16).padStart(40, '0')},MD5=${(id * 40503 >>> 0).toString(16).padStart(32, '0')}`), guid, v.u32(4), v.str('C:\\Windows\\explorer.exe'), v.str('C:\\Windows\\Explorer.EXE')]);
      } else if (id % 3 === 2) {
        w.record(id, tmpl.net, [...sys, v.str(''), v.str('2024-03-01 10:00:01.456'), guid, v.u32(2000 + (id % 300)), v.str(img), v.str('NT AUTHORITY\\SYSTEM'), v.str('tcp'), v.bool(id % 2 === 0), v.bool(false),
          v.str(`10.0.${id % 256}.${(id * 7) % 256}`), v.str(`ws${id % 50}.corp.example`), v.u16(49152 + (id % 10000)), v.bool(false), v.str(`203.0.113.${id % 256}`), v.str(''), v.u16(443)]);
      } else {
        w.record(id, tmpl.file, [...sys, v.str(''), v.str('2024-03-01 10:00:02.789'), guid, v.u32(3000 + (id % 100)), v.str(img), v.str(`C:\\Users\\alice\\AppData\\Local\\Temp\\file${id}.tmp`), v.str('2024-03-01 10:00:02.700')]);
      }
      id++;
    }
    out.push(w.finish());
  }
  return evtxFile(out, id);
}

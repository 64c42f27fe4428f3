import { describe, expect, it } from 'vitest';
import { filetimeToIso, filetimeToMicros, isoToMicros, systemtimeToIso } from '../../../electron/engine/ingest/parsers/evtx/times';
import { decodeValue, guidToString, sidAt } from '../../../electron/engine/ingest/parsers/evtx/values';
import { filetimeOf, v, type Val } from './builder';

const dec = (val: Val): ReturnType<typeof decodeValue> => {
  if (!('bytes' in val)) throw new Error('not a scalar value');
  return decodeValue(val.bytes, 0, val.bytes.length, val.type);
};

describe('EVTX value types', () => {
  it.each<[string, Val, string | string[] | null]>([
    ['string', v.str('C:\\Windows\\System32\\cmd.exe'), 'C:\\Windows\\System32\\cmd.exe'],
    ['string with end-of-string characters', v.str('abc\0\0'), 'abc'],
    ['ANSI string', v.ansi('caf\xe9\0'), 'café'],
    ['int8', v.i8(-5), '-5'],
    ['uint8', v.u8(250), '250'],
    ['int16', v.i16(-300), '-300'],
    ['uint16', v.u16(4688), '4688'],
    ['int32', v.i32(-70000), '-70000'],
    ['uint32', v.u32(4294967295), '4294967295'],
    ['int64', v.i64(-9007199254740993n), '-9007199254740993'],
    ['uint64 beyond 2^53', v.u64(18446744073709551615n), '18446744073709551615'],
    ['real32', v.f32(0.1), '0.1'],
    ['real64', v.f64(2.5), '2.5'],
    ['bool true', v.bool(true), 'true'],
    ['bool false', v.bool(false), 'false'],
    ['binary', v.bin('00ff10ab'), '00FF10AB'],
    ['GUID', v.guid('{54849625-5478-4994-A5BA-3E3B0328C30D}'), '{54849625-5478-4994-A5BA-3E3B0328C30D}'],
    ['size_t 32-bit', v.sizeT(0x3e7n, 4), '0x3e7'],
    ['size_t 64-bit', v.sizeT(0x1234567890n, 8), '0x1234567890'],
    ['FILETIME', v.filetime(filetimeOf('2019-04-30T20:26:51.793Z', 5890)), '2019-04-30T20:26:51.7935890Z'],
    ['SYSTEMTIME', v.systime(2019, 4, 30, 20, 26, 51, 7), '2019-04-30T20:26:51.007Z'],
    ['SID', v.sid('S-1-5-21-1587066498-1489273250-1035260531-1106'), 'S-1-5-21-1587066498-1489273250-1035260531-1106'],
    ['SID without sub-authorities', v.sid('S-1-1'), 'S-1-1'],
    ['hex int32 (Windows form, no padding)', v.hex32(0x3e7), '0x3e7'],
    ['hex int64', v.hex64(0x8020000000000000n), '0x8020000000000000'],
    ['array of strings', v.strs(['a', 'b c', '']), ['a', 'b c', '']],
    ['array of uint32', v.u32s([1, 2, 3]), ['1', '2', '3']],
    ['null', v.null(), null],
    ['empty string', { type: 0x01, bytes: Buffer.alloc(0) }, ''],
  ])('%s', (_name, val, want) => {
    expect(dec(val)).toEqual(want);
  });

  it('keeps values whose size does not fit their type as hex instead of failing', () => {
    expect(decodeValue(Buffer.from([1, 2, 3]), 0, 3, 0x08)).toBe('010203');
    expect(decodeValue(Buffer.from([1, 9, 0, 0]), 0, 4, 0x13)).toBe('01090000');
    expect(decodeValue(Buffer.from([1, 2]), 0, 2, 0x10)).toBe('0102');
    expect(decodeValue(Buffer.from([7, 7]), 0, 2, 0x7e)).toBe('0707');
  });

  it('reads arrays of SIDs, GUIDs and hex integers', () => {
    const sids = Buffer.concat([(v.sid('S-1-5-18') as { bytes: Buffer }).bytes, (v.sid('S-1-5-32-544') as { bytes: Buffer }).bytes]);
    expect(decodeValue(sids, 0, sids.length, 0x93)).toEqual(['S-1-5-18', 'S-1-5-32-544']);
    const hexes = Buffer.alloc(16);
    hexes.writeBigUInt64LE(0x10n);
    hexes.writeBigUInt64LE(0xffn, 8);
    expect(decodeValue(hexes, 0, 16, 0x95)).toEqual(['0x10', '0xff']);
  });
});

describe('EVTX times', () => {
  it('renders FILETIME at 100 ns precision and converts it to microseconds (truncated)', () => {
    const ft = filetimeOf('2026-07-17T14:18:34.072Z', 2135);
    expect(filetimeToIso(ft)).toBe('2026-07-17T14:18:34.0722135Z');
    expect(filetimeToMicros(ft)).toBe(Date.parse('2026-07-17T14:18:34.072Z') * 1000 + 213);
    expect(filetimeToMicros(0n)).toBeNull();
  });

  it('handles FILETIMEs before 1970 and far in the future', () => {
    expect(filetimeToIso(1n)).toBe('1601-01-01T00:00:00.0000001Z');
    expect(filetimeToMicros(116444736000000000n - 15n)).toBe(-2);
    expect(filetimeToIso(0x7fffffffffffffffn)).toMatch(/^\+030828-09-14T02:48:05\.4775807Z$/);
  });

  it('reads SYSTEMTIME and parses the ISO forms back', () => {
    const b = (v.systime(2024, 2, 29, 23, 59, 58, 999) as { bytes: Buffer }).bytes;
    expect(systemtimeToIso(b, 0)).toBe('2024-02-29T23:59:58.999Z');
    expect(isoToMicros('2024-02-29T23:59:58.999Z')).toBe(Date.parse('2024-02-29T23:59:58.999Z') * 1000);
    expect(isoToMicros('2019-04-30T20:26:51.7935890Z')).toBe(Date.parse('2019-04-30T20:26:51.793Z') * 1000 + 589);
    expect(isoToMicros('2019-13-30T20:26:51Z')).toBeNull();
    expect(isoToMicros('not a time')).toBeNull();
  });
});

describe('EVTX SIDs and GUIDs', () => {
  it('renders a large identifier authority in hex, as Windows does', () => {
    const b = Buffer.from([1, 0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc]);
    expect(sidAt(b, 0, 8)?.text).toBe('S-1-0x123456789ABC');
  });

  it('refuses a SID whose sub-authority count runs past its size', () => {
    expect(sidAt(Buffer.from([1, 5, 0, 0, 0, 0, 0, 5, 1, 0, 0, 0]), 0, 12)).toBeNull();
  });

  it('reads the little-endian parts of a GUID', () => {
    const b = Buffer.from('1c496bc9451501006049' + '6bc94515dd01', 'hex');
    expect(guidToString(b, 0)).toBe('{C96B491C-1545-0001-6049-6BC94515DD01}');
  });
});

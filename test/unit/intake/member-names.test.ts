import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../electron/engine/ingest/intake/limits';
import { NameRegistry, nameFromText, nameFromUtf8, nameProblem } from '../../../electron/engine/ingest/intake/member-names';

const problem = (name: string, limits = DEFAULT_LIMITS) => nameProblem(nameFromText(name), limits);

describe('nameProblem', () => {
  it.each([
    ['logs/app.log', null],
    ['./logs/app.log', null],
    ['a..b/c..', null],
    ['..hidden', null],
    ['dir/', null],
    ['', 'empty name'],
    ['a\0b', 'NUL byte in name'],
    ['a\tb', 'control character in name'],
    ['a\x1b[31mred', 'control character in name'],
    ['/etc/passwd', 'absolute path'],
    ['\\Windows\\x', 'absolute path'],
    ['//server/share', 'absolute path (network share)'],
    ['\\\\server\\share', 'absolute path (network share)'],
    ['C:\\x', 'absolute path (drive letter)'],
    ['c:x', 'absolute path (drive letter)'],
    ['..', 'path traversal ("..")'],
    ['../x', 'path traversal ("..")'],
    ['a/../../x', 'path traversal ("..")'],
    ['a/..', 'path traversal ("..")'],
    ['a/.. /x', 'path traversal ("..")'],
    ['a/.../x', 'path traversal ("..")'],
    ['..\\x', 'path traversal ("..", with backslash separators)'],
    ['a/..\\..\\x', 'path traversal ("..", with backslash separators)'],
  ])('%j → %j', (name, expected) => {
    expect(problem(name)).toBe(expected);
  });

  it('limits name and component length in UTF-8 bytes', () => {
    const limits = { ...DEFAULT_LIMITS, maxNameBytes: 20, maxComponentBytes: 8 };
    expect(problem('abcdefgh/abcdefgh', limits)).toBeNull();
    expect(problem('abcdefgh/abcdefgh/abc', limits)).toBe('name longer than 20 bytes');
    expect(problem('abcdefghi', limits)).toBe('a name component is longer than 8 bytes');
    expect(problem('ééééé', limits)).toBe('a name component is longer than 8 bytes');
  });
});

describe('nameFromUtf8', () => {
  it('keeps valid UTF-8 as is', () => {
    expect(nameFromUtf8(Buffer.from('日本/ログ.log'))).toEqual({ display: '日本/ログ.log', check: '日本/ログ.log', bytes: 17 });
  });

  it('escapes invalid bytes losslessly and without inventing separators', () => {
    const name = nameFromUtf8(Buffer.from([0x5c, 0xff, 0x61, 0xc3, 0x2f, 0xc3, 0xa9]));
    expect(name.display).toBe('\\\\xFFa\\xC3/é');
    expect(name.check).toBe('\\\udcffa\udcc3/é');
    expect(nameProblem(nameFromUtf8(Buffer.from([0xff, 0x2e, 0x6c, 0x6f, 0x67])), DEFAULT_LIMITS)).toBeNull();
  });

  it('keeps a leading byte order mark', () => {
    expect(nameFromUtf8(Buffer.from('\ufeffa.log')).display).toBe('\ufeffa.log');
  });

  it('keeps raw names distinct that a lossy decoder would merge', () => {
    const a = nameFromUtf8(Buffer.from([0x61, 0xe9]));
    const b = nameFromUtf8(Buffer.from([0x61, 0xe8]));
    expect(a.display).not.toBe(b.display);
    const r = new NameRegistry();
    expect(r.add(a, false)).toBeNull();
    expect(r.add(b, false)).toBeNull();
  });
});

describe('NameRegistry', () => {
  const add = (r: NameRegistry, name: string, dir = false) => r.add(nameFromText(name), dir);

  it.each([
    [['a.log', 'b.log', 'dir/a.log'], null],
    [['a.log', 'a.log'], 'duplicate name (same as "a.log")'],
    [['dir/a.log', './dir//a.log'], 'duplicate name (same as "dir/a.log")'],
    [['dir/a.log', 'dir\\a.log'], 'duplicate name (same as "dir/a.log")'],
    [['a.log', 'A.LOG'], 'name collides with "a.log" when case and Unicode normalization are ignored'],
    // Full case folding is stricter than any file system; refusing such a pair is the safe mistake.
    [['stra\u00dfe', 'STRASSE'], 'name collides with "stra\u00dfe" when case and Unicode normalization are ignored'],
    [['\u017fecret', 'SECRET'], 'name collides with "\u017fecret" when case and Unicode normalization are ignored'],
    [['\u00e9.log', 'e\u0301.log'], 'name collides with "\u00e9.log" when case and Unicode normalization are ignored'],
    [['x', 'x/y'], '"x" is a file but is also used as a folder'],
    [['x/y', 'x'], 'name is both a file and a folder'],
  ])('%j → %j', (names, expected) => {
    const r = new NameRegistry();
    const results = names.map((n) => add(r, n));
    expect(results.slice(0, -1)).toEqual(names.slice(0, -1).map(() => null));
    expect(results.at(-1)).toBe(expected);
  });

  it('accepts repeated folder entries and files under them', () => {
    const r = new NameRegistry();
    expect(add(r, 'logs/', true)).toBeNull();
    expect(add(r, 'logs/', true)).toBeNull();
    expect(add(r, './', true)).toBeNull();
    expect(add(r, 'logs/a.log')).toBeNull();
  });

  it('refuses a folder entry named like an existing file', () => {
    const r = new NameRegistry();
    expect(add(r, 'a')).toBeNull();
    expect(add(r, 'A/', true)).toBe('name is both a file and a folder ("a")');
  });
});

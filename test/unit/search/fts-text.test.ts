import { describe, expect, it } from 'vitest';
import { ftsPhrase, ftsPrefixPhrase, hasTokens, regexLiteralPrefix } from '../../../electron/engine/search/fts-text';

describe('FTS5 text building', () => {
  it('quotes values as one string, doubling quotes and dropping NUL', () => {
    expect(ftsPhrase('10.0.0.1')).toBe('"10.0.0.1"');
    expect(ftsPhrase('say "hi"')).toBe('"say ""hi"""');
    expect(ftsPhrase('a\0b')).toBe('"a b"');
    expect(ftsPhrase('NEAR(a b) OR *')).toBe('"NEAR(a b) OR *"');
  });

  it('marks a prefix only when the text ends inside a token', () => {
    expect(ftsPrefixPhrase('web')).toBe('"web" *');
    expect(ftsPrefixPhrase('web-')).toBe('"web-"');
    expect(ftsPrefixPhrase('10.1.')).toBe('"10.1."');
  });

  it('knows text without tokens', () => {
    expect(hasTokens('->')).toBe(false);
    expect(hasTokens(' - ')).toBe(false);
    expect(hasTokens('_')).toBe(true);
    expect(hasTokens('é')).toBe(true);
    expect(hasTokens('日本')).toBe(true);
  });
});

describe('regexLiteralPrefix (FTS hints from anchored regexes)', () => {
  const cases: [string, string, string | null][] = [
    ['^10\\.1\\.', 'i', '10.1.'],
    ['^adm', 'i', 'adm'],
    ['^admin?', 'i', 'admi'],
    ['^ab*', '', 'a'],
    ['^a{2}', '', null],
    ['^web-\\d+', 'i', 'web-'],
    ['^(root|adm)', 'i', null],
    ['^root|adm', 'i', null],
    ['adm', 'i', null],
    ['^adm', 'm', null],
    ['^[ab]c', '', null],
    ['^\\w+', '', null],
  ];
  it.each(cases)('/%s/%s', (pattern, flags, expected) => {
    expect(regexLiteralPrefix(pattern, flags)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { isMasked, maskToken, maskedStem, tokenize } from '../../../electron/engine/detect/templates/tokenize';

describe('maskToken', () => {
  it.each([
    ['terminating', 'terminating'],
    ['blk_-6952295868487656571', '<*>'],
    ['10.250.18.114:50010', '<*>'],
    ['0x02f0', '<*>'],
    ['/user/root/rand/part-00056.', '<*>'],
    ['core.23615', '<*>'],
    ['uid=0', 'uid=<*>'],
    ['rhost=218.188.2.4', 'rhost=<*>'],
    ['headroom=<memory:0,', 'headroom=<*>'],
    ['(uid=0)', '(uid=<*>'],
    ['LOGIN(uid=0)', 'LOGIN(uid=<*>'],
    ['instruction......0', 'instruction......<*>'],
    ['msra-sa-41:8030.', '<*>'],
    ['user=root', 'user=root'],
    ['Fri', '<*>'],
    ['Jun', '<*>'],
    ['Junk', 'Junk'],
    ['Monitor', 'Monitor'],
    ['Saturday,', '<*>'],
  ])('%s -> %s', (tok, want) => {
    expect(maskToken(tok)).toBe(want);
  });
});

describe('tokenize', () => {
  it('splits on any whitespace run and drops empty tokens', () => {
    expect(tokenize('  a\tb   c ')).toEqual(['a', 'b', 'c']);
    expect(tokenize('')).toEqual([]);
  });

  it('masks a size unit that follows a masked number', () => {
    expect(tokenize('estimated size 5.2 KB, free 300 B')).toEqual(['estimated', 'size', '<*>', '<*>', 'free', '<*>', '<*>']);
    expect(tokenize('size KB')).toEqual(['size', 'KB']);
  });

  it('masks calendar words of a date', () => {
    expect(tokenize('at Fri Jun 17 07:07:00 2005')).toEqual(['at', '<*>', '<*>', '<*>', '<*>', '<*>']);
  });
});

describe('isMasked / maskedStem', () => {
  it('recognises plain and keyed wildcards', () => {
    expect(isMasked('<*>')).toBe(true);
    expect(isMasked('rhost=<*>')).toBe(true);
    expect(isMasked('rhost=')).toBe(false);
    expect(maskedStem('rhost=<*>')).toBe('rhost=');
    expect(maskedStem('<*>')).toBe('');
  });
});

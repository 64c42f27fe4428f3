import { describe, expect, it } from 'vitest';
import { isMasked, maskToken, maskedStem, messageTokens, tokenize } from '../../../electron/engine/detect/templates/tokenize';

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

describe('messageTokens: the header of a plain-text line is not part of the event', () => {
  it.each([
    ['2015-10-18 18:01:47,978 INFO [IPC Server handler 5 on 62270] org.apache.hadoop.ipc.Client: Address change detected. Old: a/1 New: b/2', 'Address change detected. Old: <*> New: <*>'],
    ['081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_1 terminating', 'PacketResponder <*> for block <*> terminating'],
    ['17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers', 'Registered signal handlers'],
    ['[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties', 'workerEnv.init() ok <*>'],
    // A host name with digits is a value too.
    ['2024-03-01T10:00:00Z web-01 backup finished in 35 s', 'backup finished in <*> s'],
  ])('%s', (line, expected) => {
    expect(messageTokens(line).join(' ')).toBe(expected);
  });

  it('keeps messages without a time as they are: a level word or a logger there is content', () => {
    expect(messageTokens('error: Received disconnect from 1.2.3.4 port 22').join(' ')).toBe('error: Received disconnect from <*> port <*>');
    expect(messageTokens('nginx.service: Succeeded.').join(' ')).toBe('nginx.service: Succeeded.');
    expect(messageTokens('INFO [main] org.example.App: started').join(' ')).toBe('INFO [main] org.example.App: started');
  });

  it('always leaves one token', () => {
    expect(messageTokens('2024-03-01 10:00:00')).toEqual(['<*>']);
    expect(messageTokens('2024-03-01 INFO')).toEqual(['INFO']);
    expect(messageTokens('')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { splitRankedQuery } from '../../../electron/engine/search/semantic/semantic-search';
import { semanticText } from '../../../electron/engine/search/semantic/text';

describe('ranked query: what is described and what filters', () => {
  it('takes plain words as the description', () => {
    expect(splitRankedQuery('someone guessing passwords')).toEqual({ phrase: 'someone guessing passwords', filter: '' });
  });

  it('keeps field parts as filters, in the query language', () => {
    expect(splitRankedQuery('disk filling up host:web-01 is:starred')).toEqual({ phrase: 'disk filling up', filter: '(host:web-01) AND (is:starred)' });
    expect(splitRankedQuery('failed logins ts:[2024-01-01 TO 2024-02-01]').filter).toBe('(ts:[2024-01-01 TO 2024-02-01])');
    expect(splitRankedQuery('timeouts NOT host:db-1').filter).toBe('(NOT host:db-1)');
  });

  it('reads words that look like operators in plain language as words', () => {
    const s = splitRankedQuery('server not responding');
    expect(s.filter).toBe('');
    expect(s.phrase).toContain('responding');
    expect(s.phrase).toContain('server');
  });

  it('treats text that does not parse as a description', () => {
    expect(splitRankedQuery('what (happened')).toEqual({ phrase: 'what (happened', filter: '' });
    expect(splitRankedQuery('"Failed password" user:root')).toEqual({ phrase: 'Failed password', filter: '(user:root)' });
  });

  it('has no description for a query of filters alone', () => {
    expect(splitRankedQuery('host:web-01').phrase).toBe('');
  });
});

describe('the text an event is embedded by', () => {
  it('drops the values so events differing only in them share a text', () => {
    const a = semanticText('Failed password for root from 203.0.113.5 port 50122 ssh2');
    const b = semanticText('Failed password for root from 198.51.100.7 port 4411 ssh2');
    expect(a).toBe(b);
    expect(a).toBe('Failed password for root from port');
  });

  it('keeps the key of key=value pairs and the words', () => {
    expect(semanticText('authentication failure; logname= uid=0 euid=0 rhost=10.0.0.1 user=root')).toBe('authentication failure logname uid euid rhost user root');
  });

  it('splits identifiers and paths into their words', () => {
    expect(semanticText('INFO storage.DiskBlockManager: Created local directory at /opt/hdfs/nodemanager')).toBe('INFO storage Disk Block Manager Created local directory at opt hdfs nodemanager');
    expect(semanticText('pam_unix(sshd:auth): check pass; user unknown')).toBe('pam unix sshd auth check pass user unknown');
  });

  it('gives an empty text for a message of values only', () => {
    expect(semanticText('12345 0x7fff 10.0.0.1')).toBe('');
  });
});

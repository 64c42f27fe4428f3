import { describe, expect, it } from 'vitest';
import { logsourceMatches, sigmaEventFromRecord } from '../../../electron/engine/detect/sigma/index';
import { ruleOf } from './helpers';
import { compileRule } from '../../../electron/engine/detect/sigma/index';

describe('sigmaEventFromRecord', () => {
  it('reads flat, dotted, nested and differently-cased field names', () => {
    const e = sigmaEventFromRecord({
      'requestParameters.bucketName': 'flat-bucket',
      userIdentity: { arn: 'arn:1', sessionContext: { attributes: { mfaAuthenticated: 'false' } } },
      commandline: 'lower-cased key',
      'Source Name': 'Real-Time Protection',
      items: [{ id: 'a' }, { id: 'b' }],
    });
    expect(e.get('requestParameters.bucketName')).toBe('flat-bucket');
    expect(e.get('userIdentity.arn')).toBe('arn:1');
    expect(e.get('userIdentity.sessionContext.attributes.mfaAuthenticated')).toBe('false');
    expect(e.get('CommandLine')).toBe('lower-cased key');
    expect(e.get('SourceName')).toBe('Real-Time Protection');
    expect(e.get('items.id')).toEqual(['a', 'b']);
    expect(e.get('absent')).toBeUndefined();
  });

  it('finds Windows fields under EVTX containers and their common aliases', () => {
    const nested = sigmaEventFromRecord({
      Event: {
        System: { EventID: { '#text': 4688, '#attributes': { Qualifiers: '' } }, Channel: 'Security', Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing' } } },
        EventData: { NewProcessName: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami /all' },
      },
    });
    expect(nested.get('EventID')).toBe(4688);
    expect(nested.get('Channel')).toBe('Security');
    expect(nested.get('Provider_Name')).toBe('Microsoft-Windows-Security-Auditing');
    expect(nested.get('CommandLine')).toBe('whoami /all');
    // Security 4688 has no Image; Sigma's Windows mapping reads NewProcessName.
    expect(nested.get('Image')).toBe('C:\\Windows\\System32\\whoami.exe');
    const userData = sigmaEventFromRecord({ EventID: 104, UserData: { LogFileCleared: { SubjectUserName: 'bob', Channel: 'x' } }, Channel: 'System' });
    expect(userData.get('SubjectUserName')).toBe('bob');
    expect(sigmaEventFromRecord({ Provider: 'Microsoft-Windows-Eventlog' }).get('Provider_Name')).toBe('Microsoft-Windows-Eventlog');
  });

  it('falls back to normalized fields and keeps the time', () => {
    const e = sigmaEventFromRecord({ a: 1 }, { ts: 5, host: 'web-1', user: null, message: 'hello' });
    expect(e.get('host')).toBe('web-1');
    expect(e.get('user')).toBeUndefined();
    expect(e.ts).toBe(5);
    expect([...e.keywords()]).toEqual(['hello', '1']);
  });

  it('reads coalesced audit events record by record', () => {
    const e = sigmaEventFromRecord({ records: ['SYSCALL', 'EXECVE', 'PATH'], 'SYSCALL.exe': '/usr/sbin/useradd', 'EXECVE.a0': 'uname', 'PATH.name': '/etc/issue' });
    expect(e.get('type')).toEqual(['SYSCALL', 'EXECVE', 'PATH']);
    expect(e.get('a0')).toBe('uname');
    const r = compileRule("title: t\nlogsource: {product: linux, service: auditd}\ndetection:\n  s:\n    type: EXECVE\n    a0: uname\n  condition: s\n", 'a.yml');
    expect(r.matches(e) && logsourceMatches(r, e)).toBe(true);
    expect(r.matches(sigmaEventFromRecord({ records: ['SYSCALL'], 'SYSCALL.exe': '/bin/uname' }))).toBe(false);
  });
});

describe('logsource mapping', () => {
  const rule = (ls: string): ReturnType<typeof compileRule> => compileRule(`title: t\nlogsource: {${ls}}\ndetection:\n  s:\n    x|exists: false\n  condition: s\n`, 'l.yml');
  const sysmon = (id: number): Record<string, unknown> => ({ EventID: id, Channel: 'Microsoft-Windows-Sysmon/Operational' });
  const ls = (r: ReturnType<typeof compileRule>, f: Record<string, unknown>): boolean => logsourceMatches(r, sigmaEventFromRecord(f));

  it.each<[string, Record<string, unknown>, boolean]>([
    ['product: windows, category: process_creation', sysmon(1), true],
    ['product: windows, category: process_creation', { EventID: 4688, Channel: 'Security' }, true],
    ['product: windows, category: process_creation', sysmon(3), false],
    ['product: windows, category: process_creation', { EventID: 1, Channel: 'Application' }, false],
    ['product: windows, category: process_creation', { EventID: 1, Provider_Name: 'Microsoft-Windows-Sysmon' }, true],
    ['product: windows, category: process_access', sysmon(10), true],
    ['product: windows, category: registry_set', sysmon(13), true],
    ['product: windows, category: registry_set', sysmon(12), false],
    ['product: windows, category: registry_event', sysmon(14), true],
    ['product: windows, category: file_event', sysmon(11), true],
    ['product: windows, category: image_load', sysmon(7), true],
    ['product: windows, category: network_connection', sysmon(3), true],
    ['product: windows, category: dns_query', sysmon(22), true],
    ['product: windows, category: pipe_created', sysmon(18), true],
    ['product: windows, category: driver_load', sysmon(6), true],
    ['product: windows, category: ps_script', { EventID: 4104, Channel: 'Microsoft-Windows-PowerShell/Operational' }, true],
    ['product: windows, category: ps_script', { EventID: 4103, Channel: 'Microsoft-Windows-PowerShell/Operational' }, false],
    ['product: windows, service: security', { EventID: 4624, Channel: 'Security' }, true],
    ['product: windows, service: security', { EventID: 104, Channel: 'System' }, false],
    ['product: windows, service: system', { EventID: 104, Channel: 'system' }, true],
    ['product: windows, service: application', { EventID: 1000, Channel: 'Application' }, true],
    ['product: windows, service: powershell', { EventID: 4104, Channel: 'Microsoft-Windows-PowerShell/Operational' }, true],
    ['product: aws, service: cloudtrail', { eventSource: 's3.amazonaws.com', eventName: 'GetObject' }, true],
    ['product: aws, service: cloudtrail', sysmon(1), false],
    ['product: linux, service: auditd', { type: 'SYSCALL', msg: 'audit(1:2)' }, true],
    ['product: linux, service: auditd', { eventSource: 's3.amazonaws.com', eventName: 'GetObject' }, false],
  ])('%s selects %j: %s', (source, fields, want) => {
    expect(ls(rule(source), fields)).toBe(want);
  });

  it('flags unmapped logsources and keeps them off other products’ events', () => {
    const r = rule('product: okta, service: okta');
    expect(r.logsourceMapped).toBe(false);
    expect(ls(r, { eventType: 'user.session.start' })).toBe(true);
    expect(ls(r, sysmon(1))).toBe(false);
    expect(ruleOf('s:\n  a: 1\ncondition: s').logsourceMapped).toBe(false);
  });
});

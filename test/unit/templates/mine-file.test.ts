import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField } from '../../../electron/cli/commands/mine.command';
import { mineFile } from '../../../electron/engine/detect/templates/mine-file';
import { tmpDir } from '../../helpers/tmp';

describe('mineFile', () => {
  it('labels every line in file order (CRLF, no final newline), message from the syslog parser', async () => {
    const p = path.join(tmpDir(), 'auth.log');
    const lines = [
      'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4',
      'Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; user unknown',
      'Jun 15 02:04:59 combo sshd(pam_unix)[20882]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=220.117.241.87',
      '',
      'Jun 15 02:04:59 combo sshd(pam_unix)[20884]: check pass; user unknown',
    ];
    writeFileSync(p, lines.join('\r\n'));
    const m = await mineFile(p);
    expect(m.format).toBe('syslog3164');
    expect([...m.labels]).toEqual([1, 2, 1, 3, 2]);
    expect(m.templates[1]).toBe('authentication failure; logname= uid=<*> euid=<*> tty=NODEVssh ruser= rhost=<*>');
    expect(m.templates[2]).toBe('check pass; user unknown');
    expect(m.counts.slice(1)).toEqual([2, 2, 1]);
  });

  it('uses the whole line for --format text', async () => {
    const p = path.join(tmpDir(), 'app.log');
    writeFileSync(p, 'start job 1\nstart job 2\nstop job 3\n');
    const m = await mineFile(p, { format: 'text' });
    expect([...m.labels]).toEqual([1, 1, 2]);
    expect(m.templates[1]).toBe('start job <*>');
  });
});

describe('csvField', () => {
  it.each([
    ['plain <*> text', 'plain <*> text'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    ['', ''],
  ])('%j -> %j', (s, want) => {
    expect(csvField(s)).toBe(want);
  });
});

import { describe, expect, it } from 'vitest';
import { isoOf, run } from './helpers';

const BOM = '\uFEFF';

/** The four example messages of RFC 5424 section 6.5 ("BOM" written as U+FEFF). */
const RFC = [
  `<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - ${BOM}'su root' failed for lonvick on /dev/pts/8`,
  '<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It\'s time to make the do-nuts.',
  `<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] ${BOM}An application event log entry...`,
  '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]',
];

describe('syslog5424: RFC 5424 section 6.5 examples', () => {
  it('example 1: no structured data, BOM before MSG', () => {
    const e = run('syslog5424', [RFC[0]!]).events[0]!;
    expect(e).toMatchObject({
      host: 'mymachine.example.com', action: 'su', severity: 'crit', message: "'su root' failed for lonvick on /dev/pts/8",
      attrs: { facility: 'auth', program: 'su', msgid: 'ID47' },
    });
    expect(isoOf(e)).toBe('2003-10-11T22:14:15.003000Z');
    expect(e.attrs).not.toHaveProperty('pid');
  });

  it('example 2: microseconds, negative offset, IP as host, no MSGID', () => {
    const e = run('syslog5424', [RFC[1]!]).events[0]!;
    expect(e).toMatchObject({ host: '192.0.2.1', action: 'myproc', severity: 'notice', message: "%% It's time to make the do-nuts.", attrs: { facility: 'local4', pid: '8710' } });
    expect(isoOf(e)).toBe('2003-08-24T12:14:15.000003Z');
    expect(e.attrs).not.toHaveProperty('msgid');
  });

  it('example 3: structured data into sd.<id>.<param>', () => {
    const e = run('syslog5424', [RFC[2]!]).events[0]!;
    expect(e.attrs).toMatchObject({ 'sd.exampleSDID@32473.iut': '3', 'sd.exampleSDID@32473.eventSource': 'Application', 'sd.exampleSDID@32473.eventID': '1011' });
    expect(e.message).toBe('An application event log entry...');
  });

  it('example 4: two SD elements and no MSG', () => {
    const e = run('syslog5424', [RFC[3]!]).events[0]!;
    expect(e.attrs).toMatchObject({ 'sd.exampleSDID@32473.eventID': '1011', 'sd.examplePriority@32473.class': 'high' });
    expect(e.message).toBe('');
  });
});

describe('syslog5424 edge cases', () => {
  it('NILVALUE everywhere gives nulls, including the time', () => {
    const e = run('syslog5424', ['<13>1 - - - - - - hello']).events[0]!;
    expect(e).toMatchObject({ ts: null, ts_desc: null, host: null, action: null, severity: 'notice', message: 'hello' });
  });

  it('unescapes \\" \\\\ and \\] in param values and keeps other backslashes', () => {
    const e = run('syslog5424', ['<13>1 2024-01-01T00:00:00Z h a - - [x@1 q="a\\"b" s="c\\\\d" r="e\\]f" o="g\\nh"] m']).events[0]!;
    expect(e.attrs).toMatchObject({ 'sd.x@1.q': 'a"b', 'sd.x@1.s': 'c\\d', 'sd.x@1.r': 'e]f', 'sd.x@1.o': 'g\\nh' });
    expect(e.message).toBe('m');
  });

  it('extracts sshd fields from MSG', () => {
    const e = run('syslog5424', ['<38>1 2024-01-01T00:00:00Z bastion sshd 812 - - Failed password for root from 203.0.113.9 port 4711 ssh2']).events[0]!;
    expect(e).toMatchObject({ user: 'root', src_ip: '203.0.113.9', outcome: 'failure', severity: 'info' });
  });

  it('skips malformed lines with the reason and goes on', () => {
    const { events, skips } = run('syslog5424', [
      '<13>1 2024-01-01T00:00:00Z h a - - - ok',
      'Jan 01 00:00:00 h a: a 3164 line',
      '<999>1 2024-01-01T00:00:00Z h a - - - pri too large',
      '<13>1 yesterday h a - - - bad time',
      '<13>1 2024-01-01T00:00:00Z h a - - [unclosed a="b" msg',
      '<13>1 2024-01-01T00:00:00Z h a - - [x@1 a="b"]no space before MSG',
      '<13>1 2024-01-01T00:00:00Z h a - - - ok again',
    ]);
    expect(events.map((e) => e.message)).toEqual(['ok', 'no space before MSG', 'ok again']);
    expect(skips.map((s) => s.where)).toEqual(['line 2', 'line 3', 'line 4', 'line 5']);
    expect(skips[2]!.reason).toMatch(/timestamp/);
    expect(skips[3]!.reason).toMatch(/structured data/);
  });
});

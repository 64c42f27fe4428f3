import { describe, expect, it } from 'vitest';
import { celActivation, compileCel, type CelEventInput, type CompiledCel } from '../../../electron/engine/detect/cel';

function compiled(expression: string): CompiledCel {
  const c = compileCel(expression);
  if (!c.ok) throw new Error(`${expression}: ${c.error.message}`);
  return c.rule;
}

const ev = (e: Partial<CelEventInput>) => celActivation({ ts: null, fields: {}, attrs: {}, ...e });

describe('compileCel errors', () => {
  it.each([
    ['user == "root" &&', 17, 1, 18, /EOF/],
    ['foo(', 4, 1, 5, /EOF/],
    ['nope(user)', 0, 1, 1, /nope/],
    ['user == "a" &&\n  message.contains(1)', 17, 2, 3, /contains/],
    ['user ==\n  "a" &&& b', 16, 2, 9, /&/],
    ['user + 1 == 2', 0, 1, 1, /\+/],
  ])('%j is refused at position %i (line %i, column %i)', (expression, position, line, column, message) => {
    const c = compileCel(expression);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.error).toMatchObject({ position, line, column });
    expect(c.error.message).toMatch(message);
  });

  it.each(['user', 'attrs.EventID + 1', '1', 'ts'])('refuses %j: a rule must give true or false', (expression) => {
    const c = compileCel(expression);
    if (expression === 'ts') {
      // ts is dyn (a timestamp or null): only the run can tell, so it is judged per event.
      expect(c.ok).toBe(true);
      return;
    }
    expect(c.ok).toBe(false);
  });

  it('refuses an empty expression and unknown variables', () => {
    expect(compileCel('  ').ok).toBe(false);
    const c = compileCel('usr == "root"');
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error.position).toBe(0);
  });

  it('keeps positions after the matches() rewrite and never rewrites inside strings', () => {
    const c = compileCel('message.matches("a") && "matches(" == nope');
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.error.position).toBe(38);
      expect(c.error.message).not.toContain('matchre');
    }
    expect(compiled('"x.matches(y)" == message').test(ev({ fields: { message: 'x.matches(y)' } }))).toEqual({ kind: 'match' });
  });
});

describe('evaluating rules on events', () => {
  const sshd = { fields: { user: 'root', message: 'Failed password for root from 203.0.113.9 port 22 ssh2', src_ip: '203.0.113.9' } };
  const evtx = { attrs: { EventID: 4688, CommandLine: 'C:\\Tools\\MIMIKATZ.exe "sekurlsa::logonpasswords"' } };
  const s3 = { attrs: { eventSource: 's3.amazonaws.com', errorCode: 'AccessDenied', requestParameters: { bucketName: 'secrets', 'x-amz-acl': 'private' } } };
  const s3ok = { attrs: { eventSource: 's3.amazonaws.com', requestParameters: { bucketName: 'public' } } };

  it.each([
    ['user == "root" && message.contains("Failed password")', sshd, 'match'],
    ['user == "root" && message.contains("Failed password")', { fields: { user: 'admin', message: 'Failed password' } }, 'nomatch'],
    ['user == "root" && message.contains("Failed password")', {}, 'nomatch'],
    ['attrs.EventID == 4688 && attrs.CommandLine.matches("(?i)mimikatz")', evtx, 'match'],
    ['attrs.EventID == 4688 && attrs.CommandLine.matches("(?i)mimikatz")', { attrs: { EventID: 4624, CommandLine: 'mimikatz' } }, 'nomatch'],
    ['attrs.EventID == 4688 && attrs.CommandLine.matches("(?i)mimikatz")', { attrs: { EventID: '4688', CommandLine: 'x' } }, 'nomatch'],
    ['attrs.EventID == 4688 && attrs.CommandLine.matches("(?i)mimikatz")', sshd, 'missing'],
    ['attrs.EventID == 4688 && attrs.CommandLine.matches("(?i)mimikatz")', { attrs: { EventID: 4688, CommandLine: 42 } }, 'error'],
    ['has(attrs.errorCode) && attrs.eventSource == "s3.amazonaws.com"', s3, 'match'],
    ['has(attrs.errorCode) && attrs.eventSource == "s3.amazonaws.com"', s3ok, 'nomatch'],
    ['has(attrs.errorCode) && attrs.eventSource == "s3.amazonaws.com"', sshd, 'nomatch'],
    ['attrs["requestParameters.bucketName"] == "secrets"', s3, 'match'],
    ['attrs.requestParameters.bucketName == "secrets" && attrs.requestParameters["x-amz-acl"] == "private"', s3, 'match'],
    ['src_ip.startsWith("203.0.113.")', sshd, 'match'],
    ['src_ip.startsWith("203.0.113.")', {}, 'nomatch'],
    ['ts > timestamp("2024-01-01T00:00:00Z")', { ts: Date.UTC(2024, 5, 1) * 1000 }, 'match'],
    ['ts > timestamp("2024-01-01T00:00:00Z")', {}, 'error'],
    ['attrs.flag', { attrs: { flag: 'yes' } }, 'error'],
    ['attrs.flag', { attrs: { flag: true } }, 'match'],
  ])('%s on %j → %s', (expression, event, kind) => {
    expect(compiled(expression).test(ev(event as Partial<CelEventInput>)).kind).toBe(kind);
  });

  it('gives the normalized fields, the file name and the format as strings', () => {
    const act = ev({ fields: { format: 'evtx', source: 'Security.evtx', host: null } });
    expect(compiled('format == "evtx" && source.endsWith(".evtx") && host == ""').test(act).kind).toBe('match');
  });

  it('reports where an evaluation error happens', () => {
    const o = compiled('attrs.EventID == 4688 && attrs.CommandLine.matches("x")').test(ev({ attrs: { EventID: 4688, CommandLine: 42 } }));
    expect(o).toMatchObject({ kind: 'error', position: 25 });
    if (o.kind === 'error') expect(o.message).not.toContain('matchre');
  });
});

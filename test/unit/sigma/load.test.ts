import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileRules, loadRules } from '../../../electron/engine/detect/sigma/index';

const ROOT = join(import.meta.dirname, '../../../../shared/data/sigmahq');
const tmp = mkdtempSync(join(tmpdir(), 'sigma-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const GOOD = 'title: Good\nid: g1\nauthor: A. Author\nlogsource:\n  product: windows\n  service: security\ndetection:\n  sel:\n    EventID: 4624\n  condition: sel\n';

describe('loading rules', () => {
  it('loads every rule of the bundled SigmaHQ data (or says why not)', () => {
    const { rules, errors } = loadRules([join(ROOT, 'rules'), join(ROOT, 'rules-threat-hunting')]);
    console.log(`SigmaHQ data: ${rules.length} rules loaded, ${errors.length} failed`, errors);
    expect(errors).toEqual([]);
    expect(rules.length).toBe(38);
    for (const r of rules) {
      expect(r.id, r.path).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.author, r.path).toBeTruthy();
    }
    expect(rules.filter((r) => !r.logsourceMapped).map((r) => r.path)).toEqual([]);
  });

  it('reports malformed rules with path and reason and loads the rest', () => {
    const dir = join(tmp, 'mixed');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'good.yml'), GOOD);
    writeFileSync(join(dir, 'sub', 'good2.yaml'), GOOD.replace('g1', 'g2'));
    writeFileSync(join(dir, 'bad-yaml.yml'), 'title: [unclosed\n');
    writeFileSync(join(dir, 'no-detection.yml'), 'title: x\nlogsource: {product: windows}\n');
    writeFileSync(join(dir, 'bad-cond.yml'), GOOD.replace('condition: sel', 'condition: sel and missing'));
    writeFileSync(join(dir, 'dupkey.yml'), GOOD.replace('    EventID: 4624\n', '    EventID: 4624\n    EventID: 4625\n'));
    writeFileSync(join(dir, 'notes.txt'), 'not a rule');
    const { rules, errors } = loadRules([dir]);
    expect(rules.map((r) => r.id).sort()).toEqual(['g1', 'g2']);
    const byFile = Object.fromEntries(errors.map((e) => [e.path.slice(dir.length + 1), e.reason]));
    expect(Object.keys(byFile).sort()).toEqual(['bad-cond.yml', 'bad-yaml.yml', 'dupkey.yml', 'no-detection.yml']);
    expect(byFile['bad-cond.yml']).toMatch(/unknown search identifier 'missing'/);
    expect(byFile['no-detection.yml']).toMatch(/no detection/);
    expect(byFile['bad-yaml.yml']).toMatch(/^YAML/);
    expect(byFile['dupkey.yml']).toMatch(/unique/);
  });

  it('reports a missing path instead of throwing', () => {
    const { rules, errors } = loadRules([join(tmp, 'nope')]);
    expect(rules).toEqual([]);
    expect(errors[0]!.reason).toMatch(/cannot read/);
  });

  it('reads multi-document files and rule collections (action: global)', () => {
    const text = [
      'action: global\ntitle: Shared title\nauthor: Collective\nlogsource:\n  product: windows\ndetection:\n  condition: sel',
      'id: c1\nlogsource:\n  service: security\ndetection:\n  sel:\n    EventID: 4624',
      'id: c2\nlogsource:\n  service: system\ndetection:\n  sel:\n    EventID: 7045',
      'title: broken\ndetection: {}',
    ].join('\n---\n');
    const { rules, errors } = compileRules(text, 'coll.yml');
    expect(rules.map((r) => [r.id, r.title, r.author, r.logsource.product, r.logsource.service, r.path])).toEqual([
      ['c1', 'Shared title', 'Collective', 'windows', 'security', 'coll.yml#2'],
      ['c2', 'Shared title', 'Collective', 'windows', 'system', 'coll.yml#3'],
    ]);
    expect(errors).toEqual([{ path: 'coll.yml#4', reason: expect.stringMatching(/condition/) }]);
  });

  it('survives hostile rule files: alias bombs, deep nesting, a huge windash fan-out', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`), 'title: t', 'detection:', '  sel:', '    f: *i', '  condition: sel'].join('\n');
    const deep = `title: t\ndetection:\n  sel:\n    f: ${'['.repeat(5000)}${']'.repeat(5000)}\n  condition: sel\n`;
    const fan = "title: t\ndetection:\n  sel:\n    f|windash: '-a -b -c -d -e -f'\n  condition: sel\n";
    for (const [name, text] of [['bomb.yml', bomb], ['deep.yml', deep], ['fan.yml', fan]]) {
      const { rules, errors } = compileRules(text!, name!);
      expect(rules, name).toEqual([]);
      expect(errors, name).toHaveLength(1);
      expect(errors[0]!.path).toBe(name);
    }
  });

  it('refuses correlation rules clearly', () => {
    const { errors } = compileRules('title: c\ncorrelation:\n  type: event_count\n  rules: [a]\n', 'corr.yml');
    expect(errors[0]!.reason).toMatch(/correlation rules are not supported/);
  });
});

describe('the bundled rule pack (resources/rules)', () => {
  const PACK = join(import.meta.dirname, '../../../resources/rules');

  it('loads without errors, authors and ids kept', () => {
    const { rules, errors } = loadRules([PACK]);
    expect(errors).toEqual([]);
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) expect([r.id, r.author].every(Boolean), r.path).toBe(true);
  });

  it('a count rule reads normalized fields (message, src_ip) and its top-level timeframe', async () => {
    const { runRules, sigmaEventFromRecord } = await import('../../../electron/engine/detect/sigma/index');
    const rule = loadRules([join(PACK, 'sealdesk/ssh_password_guessing.yml')]).rules[0]!;
    expect(rule.aggregation).toMatchObject({ groupBy: ['src_ip'], op: '>', value: 10, timeframeUs: 5 * 60 * 1e6 });
    const line = (i: number, ip: string, gapSec: number) =>
      Object.assign(sigmaEventFromRecord({ program: 'sshd' }, { ts: i * gapSec * 1e6, message: `Failed password for root from ${ip} port 22 ssh2`, src_ip: ip, format: 'syslog3164' }), { id: i });
    const burst = Array.from({ length: 11 }, (_, i) => line(i, '203.0.113.9', 10));
    expect(runRules([rule], burst)[0]!.hits).toHaveLength(1);
    const slow = Array.from({ length: 11 }, (_, i) => line(i, '203.0.113.9', 60));
    expect(runRules([rule], slow)[0]!.hits).toEqual([]);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AhoCorasick } from '../../../electron/engine/detect/sigma/aho-corasick';
import { loadRules, logsourceMatches, runRules, sigmaEventFromRecord } from '../../../electron/engine/detect/sigma/index';
import { ruleOf } from './helpers';

/**
 * runRules skips rules whose guard literals an event does not show. Skipping must never
 * change a result: compare with checking every rule on every event.
 */
describe('guard pruning in runRules', () => {
  it('Aho-Corasick finds every occurrence, overlapping and nested', () => {
    const ac = new AhoCorasick();
    ['he', 'she', 'his', 'hers', 'e'].forEach((w, i) => ac.add(w, i));
    const found: number[] = [];
    ac.scan('ushers', (id) => found.push(id));
    expect(found.sort()).toEqual([0, 1, 3, 4]);
    const none: number[] = [];
    ac.scan('xyz', (id) => none.push(id));
    expect(none).toEqual([]);
  });

  it('gives the same matches as checking every rule on every event', () => {
    const DATA = join(import.meta.dirname, '../../../../shared/data/sigmahq');
    const { rules } = loadRules([join(DATA, 'rules'), join(DATA, 'rules-threat-hunting')]);
    const extra = [
      ruleOf("s:\n  Image|endswith: ['\\x.exe', '\\y.exe']\n  CommandLine|contains: abc\ncondition: s"),
      ruleOf("s:\n  CommandLine|contains: ab\nt:\n  User: bob\ncondition: s or t"),
      ruleOf("s:\n  Image|startswith: 'C:\\Windows\\'\nf:\n  Image|endswith: '\\cmd.exe'\ncondition: s and not f"),
      ruleOf("s:\n  CommandLine|contains|all: [one, two]\ncondition: s"),
      ruleOf("s:\n  Image: null\ncondition: s"),
      ruleOf("s:\n  Image|re: 'cmd\\.exe$'\ncondition: s"),
    ];
    const all = [...rules, ...extra];
    const bins = ['cmd.exe', 'certutil.exe', 'rundll32.exe', 'whoami.exe', 'x.exe', 'y.exe', 'bitsadmin.exe', 'taskmgr.exe'];
    const args = [' -decode a b', ' /all', ' comsvcs.dll MiniDump 1 x full', ' /transfer j http://x', ' abc', ' one two', ' ab', ''];
    const events = Array.from({ length: 400 }, (_, id) => {
      const img = `C:\\Windows\\System32\\${bins[id % bins.length]}`;
      const fields: Record<string, unknown> = {
        EventID: [1, 1, 11, 13, 4688, 4648][id % 6],
        Channel: id % 6 >= 4 ? 'Security' : 'Microsoft-Windows-Sysmon/Operational',
        Image: id % 17 === 0 ? undefined : img,
        CommandLine: `${img}${args[id % args.length]}${args[(id * 3) % args.length]}`,
        User: id % 5 === 0 ? 'bob' : 'eve',
        TargetFilename: 'C:\\Users\\a\\AppData\\Local\\Temp\\lsass.DMP',
        TargetObject: 'HKCU\\Software\\Classes\\mscfile\\shell\\open\\command',
      };
      return Object.assign(sigmaEventFromRecord(fields), { id });
    });
    const fast = runRules(all, events);
    let total = 0;
    all.forEach((rule, i) => {
      const slow = events.filter((e) => logsourceMatches(rule, e) && rule.matches(e)).map((e) => e.id);
      total += slow.length;
      expect([rule.path, rule.title, fast[i]!.eventIds]).toEqual([rule.path, rule.title, slow]);
    });
    expect(total).toBeGreaterThan(50);
  });
});

import { describe, expect, it } from 'vitest';
import { groupingAccuracy } from '../../../electron/engine/detect/templates/accuracy';
import { mineLabels } from '../../../electron/engine/detect/templates/label';
import { createMiner } from '../../../electron/engine/detect/templates/miner';

describe('createMiner', () => {
  it('puts same-shape lines with different numbers into one template', () => {
    const m = createMiner();
    const a = m.add('PacketResponder 1 for block blk_38865049064139660 terminating');
    const b = m.add('PacketResponder 0 for block blk_-6952295868487656571 terminating');
    expect(b.templateId).toBe(a.templateId);
    expect(b.template).toBe('PacketResponder <*> for block <*> terminating');
    expect(m.templates()).toEqual([{ id: a.templateId, template: b.template, count: 2 }]);
  });

  it('keeps different events apart, including one-word differences with few values', () => {
    const m = createMiner();
    const lines = [
      'Starting TrustedInstaller initialization.',
      'Ending TrustedInstaller initialization.',
      'Starting TrustedInstaller finalization.',
      'Ending TrustedInstaller finalization.',
      'Changing view acls to: yarn,curi',
      'Changing modify acls to: yarn,curi',
      'cupsd startup succeeded',
      'sshd startup succeeded',
    ];
    const ids = lines.map((l) => m.add(l).templateId);
    expect(new Set(ids).size).toBe(lines.length);
  });

  it('turns a digit-free position into a variable once it shows many values', () => {
    const users = ['admin', 'oracle', 'guest', 'webmaster', 'test'];
    const ids = mineLabels(users.map((u) => `Invalid user ${u} from 10.0.0.1`));
    expect(new Set(ids).size).toBe(1);
  });

  it('treats a constant as a value where the same slot already held a masked one', () => {
    const m = createMiner();
    const a = m.add('connection from 1.2.3.4 (10-1-2-3.isp.net) at Fri Jun 17 07:07:00 2005');
    const b = m.add('connection from 1.2.3.5 () at Sat Jun 18 07:07:00 2005');
    expect(m.resolve(b.templateId)).toBe(m.resolve(a.templateId));
    expect(m.template(a.templateId)).toBe('connection from <*> <*> at <*> <*> <*> <*> <*>');
  });

  it('keeps the key of key=value tokens when joining their values', () => {
    const m = createMiner();
    const a = m.add('auth failure tty=NODEVssh ruser= rhost=1.2.3.4');
    const b = m.add('auth failure tty=:0 ruser= rhost=');
    expect(m.resolve(a.templateId)).not.toBe(m.resolve(b.templateId));
  });

  it('is deterministic: the same input gives the same ids and templates', () => {
    const input = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0 ? `Accepted password for u${i % 7} from 10.0.0.${i % 250} port ${1000 + i} ssh2` : i % 3 === 1 ? `session closed for user w${i % 5}x` : `Invalid user name${'abcdefg'[i % 7]} from 10.1.1.1`,
    );
    const run = (): unknown => {
      const m = createMiner();
      return { ids: input.map((l) => m.add(l).templateId), t: m.templates() };
    };
    expect(run()).toEqual(run());
  });

  it('never changes an id it returned; resolve() follows merges', () => {
    const m = createMiner();
    const ids = ['alpha', 'beta', 'gamma', 'delta'].map((u) => m.add(`login ok for ${u} now`).templateId);
    // The 4th distinct value proves the position variable: all four now share one group.
    expect(new Set(ids.map((id) => m.resolve(id))).size).toBe(1);
    expect(m.template(ids[0] as number)).toBe('login ok for <*> now');
  });

  it('handles empty and whitespace-only messages', () => {
    const m = createMiner();
    const a = m.add('');
    const b = m.add('   ');
    expect(b.templateId).toBe(a.templateId);
    expect(a.template).toBe('');
  });
});

describe('groupingAccuracy', () => {
  it('counts a line correct only when its predicted group equals its truth group', () => {
    expect(groupingAccuracy(['a', 'a', 'b', 'b'], [1, 1, 2, 2])).toBe(1);
    expect(groupingAccuracy(['a', 'a', 'b', 'b'], [1, 1, 1, 1])).toBe(0);
    expect(groupingAccuracy(['a', 'a', 'b', 'b'], [1, 2, 3, 3])).toBe(0.5);
    expect(groupingAccuracy(['a', 'a', 'b'], [7, 7, 'x'])).toBe(1);
  });

  it('rejects inputs of different lengths', () => {
    expect(() => groupingAccuracy(['a'], [])).toThrow();
  });
});

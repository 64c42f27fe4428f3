import { describe, expect, it } from 'vitest';
import { runRules, sigmaEventFromRecord } from '../../../electron/engine/detect/sigma/index';
import { ev, hit, ruleOf } from './helpers';

const SELECTIONS = `
sel_a:
  A: 1
sel_b:
  B: 1
filter_x:
  X: 1
_private:
  P: 1
`;

const cond = (c: string): ReturnType<typeof ruleOf> => ruleOf(`${SELECTIONS}\ncondition: ${c}`);

describe('Sigma conditions', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['sel_a and sel_b', { A: 1, B: 1 }, true],
    ['sel_a and sel_b', { A: 1, B: 2 }, false],
    ['sel_a or sel_b', { A: 2, B: 1 }, true],
    ['sel_a or sel_b', { A: 2, B: 2 }, false],
    ['not sel_a', { A: 2 }, true],
    ['not sel_a', { A: 1 }, false],
    ['sel_a and not filter_x', { A: 1 }, true],
    ['sel_a and not filter_x', { A: 1, X: 1 }, false],
    // and binds tighter than or
    ['sel_a or sel_b and filter_x', { A: 1 }, true],
    ['sel_a or sel_b and filter_x', { B: 1 }, false],
    ['(sel_a or sel_b) and filter_x', { A: 1 }, false],
    ['(sel_a or sel_b) and filter_x', { B: 1, X: 1 }, true],
    ['not (sel_a or sel_b)', { X: 1 }, true],
    ['not (sel_a or sel_b)', { B: 1 }, false],
    ['1 of sel_*', { B: 1 }, true],
    ['1 of sel_*', { X: 1 }, false],
    ['all of sel_*', { A: 1, B: 1 }, true],
    ['all of sel_*', { A: 1 }, false],
    ['1 of sel_* and not 1 of filter_*', { A: 1 }, true],
    ['1 of sel_* and not 1 of filter_*', { A: 1, X: 1 }, false],
    ['1 of them', { X: 1 }, true],
    ['1 of them', { P: 1 }, false], // identifiers starting with _ are not part of "them"
    ['all of them', { A: 1, B: 1, X: 1 }, true],
    ['all of them', { A: 1, B: 1 }, false],
    ['2 of sel_* or filter_x', { A: 1, B: 1 }, true],
    ['2 of sel_* or filter_x', { A: 1 }, false],
    ['sel_a AND NOT sel_b', { A: 1 }, true],
  ])('%s on %j → %s', (c, fields, want) => {
    expect(hit(cond(c), fields)).toBe(want);
  });

  it('a list of conditions is OR', () => {
    const r = ruleOf(`${SELECTIONS}\ncondition:\n  - sel_a\n  - sel_b`);
    expect(hit(r, { B: 1 })).toBe(true);
    expect(hit(r, { X: 1 })).toBe(false);
  });

  it.each([
    ['sel_a and', /ends early/],
    ['sel_a sel_b', /unexpected/],
    ['(sel_a', /missing '\)'/],
    ['nothere', /unknown search identifier 'nothere'/],
    ['1 of zzz*', /matches no search identifier/],
    ['sel_a | near sel_b', /not supported/],
  ])('refuses %s', (c, reason) => {
    expect(() => cond(c)).toThrow(reason);
  });
});

describe('keywords', () => {
  it('a list of plain values searches every text of the event (OR, case-insensitive)', () => {
    const r = ruleOf("keywords:\n  - 'event::clear'\n  - 'svchost.exe -n evil'\ncondition: keywords");
    expect(hit(r, { msg: 'mimikatz # EVENT::Clear done' })).toBe(true);
    expect(hit(r, { nested: { deep: ['x', 'run svchost.exe -n evil now'] } })).toBe(true);
    expect(hit(r, { msg: 'event::drop' })).toBe(false);
    expect(r.matches(ev({ a: 'b' }, { message: 'log event::clear' }))).toBe(true);
  });

  it("'|all' needs every keyword", () => {
    const r = ruleOf("keywords:\n  '|all':\n    - OabVirtualDirectory\n    - ' -ExternalUrl '\ncondition: keywords");
    expect(hit(r, { a: 'Set-OabVirtualDirectory', b: 'x -ExternalUrl http://y' })).toBe(true);
    expect(hit(r, { a: 'Set-OabVirtualDirectory' })).toBe(false);
  });

  it('keywords combine with field selections', () => {
    const r = ruleOf("sel:\n  EventID: 1\nkw:\n  - mimikatz\ncondition: sel and kw");
    expect(hit(r, { EventID: 1, CommandLine: 'MIMIKATZ.exe' })).toBe(true);
    expect(hit(r, { EventID: 2, CommandLine: 'mimikatz.exe' })).toBe(false);
    expect(hit(r, { EventID: 1, CommandLine: 'notepad.exe' })).toBe(false);
  });
});

describe('count aggregation', () => {
  const SEC = 1_000_000;
  const failures = (rows: [number, string, string][]): (ReturnType<typeof sigmaEventFromRecord> & { id: number })[] =>
    rows.map(([t, user, ip], id) => Object.assign(sigmaEventFromRecord({ EventID: 4625, TargetUserName: user, IpAddress: ip }, { ts: t * SEC }), { id }));

  const rule = ruleOf('sel:\n  EventID: 4625\ntimeframe: 1m\ncondition: sel | count() by IpAddress > 3');

  it('parses the aggregation', () => {
    expect(rule.aggregation).toEqual({ fn: 'count', field: null, groupBy: ['IpAddress'], op: '>', value: 3, timeframeUs: 60 * SEC });
  });

  it('fires when more than N events of a group fall inside the window', () => {
    const evs = failures([[0, 'a', '10.0.0.1'], [10, 'b', '10.0.0.1'], [20, 'c', '10.0.0.1'], [30, 'd', '10.0.0.1'], [35, 'e', '10.0.0.2']]);
    const [res] = runRules([rule], evs);
    expect(res!.hits).toHaveLength(1);
    expect(res!.hits[0]).toMatchObject({ group: { IpAddress: '10.0.0.1' }, value: 4, eventIds: [0, 1, 2, 3] });
    expect(res!.eventIds).toEqual([0, 1, 2, 3]);
  });

  it('does not fire when the same events are spread wider than the timeframe', () => {
    const evs = failures([[0, 'a', '10.0.0.1'], [50, 'b', '10.0.0.1'], [100, 'c', '10.0.0.1'], [150, 'd', '10.0.0.1']]);
    const [res] = runRules([rule], evs);
    expect(res!.hits).toEqual([]);
    expect(res!.eventIds).toEqual([]);
  });

  it('does not fire when the events belong to different groups', () => {
    const evs = failures([[0, 'a', '10.0.0.1'], [1, 'b', '10.0.0.2'], [2, 'c', '10.0.0.3'], [3, 'd', '10.0.0.4']]);
    expect(runRules([rule], evs)[0]!.hits).toEqual([]);
  });

  it('order of arrival does not matter (window is on event time)', () => {
    const evs = failures([[30, 'd', '10.0.0.1'], [0, 'a', '10.0.0.1'], [20, 'c', '10.0.0.1'], [10, 'b', '10.0.0.1']]);
    expect(runRules([rule], evs)[0]!.hits).toHaveLength(1);
  });

  it('count(field) counts distinct values', () => {
    const spray = ruleOf('sel:\n  EventID: 4625\ntimeframe: 5m\ncondition: sel | count(TargetUserName) by IpAddress >= 3');
    const same = failures([[0, 'a', '1.1.1.1'], [1, 'a', '1.1.1.1'], [2, 'A', '1.1.1.1'], [3, 'a', '1.1.1.1']]);
    expect(runRules([spray], same)[0]!.hits).toEqual([]);
    const many = failures([[0, 'a', '1.1.1.1'], [1, 'b', '1.1.1.1'], [2, 'c', '1.1.1.1']]);
    expect(runRules([spray], many)[0]!.hits[0]).toMatchObject({ value: 3 });
  });

  it('without a timeframe counts over the whole run; events without time are skipped only with a timeframe', () => {
    const total = ruleOf('sel:\n  EventID: 4625\ncondition: sel | count() > 2');
    const evs = [0, 1, 2].map((id) => Object.assign(sigmaEventFromRecord({ EventID: 4625 }), { id }));
    expect(runRules([total], evs)[0]!.eventIds).toEqual([0, 1, 2]);
    const [res] = runRules([rule], evs);
    expect(res!.skippedNoTime).toBe(3);
  });
});

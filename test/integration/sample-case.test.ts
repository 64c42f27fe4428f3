import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine';
import { dispatch } from '../../electron/engine/dispatch';
import { tmpDir } from '../helpers/tmp';

describe('embedded sample case', () => {
  it('builds a working case on first use and reopens it afterwards', async () => {
    const home = path.join(tmpDir(), 'home');
    const engine = createEngine({ home });
    const first = await dispatch(engine, 'case.openSample', {});
    expect(first.ok).toBe(true);
    const info = (first as { ok: true; value: { events: number; sample: boolean; path: string } }).value;
    expect(info.sample).toBe(true);
    expect(info.path.startsWith(home)).toBe(true);
    const stats = (await dispatch(engine, 'stats.get', { top: 10 })) as { ok: true; value: { byFormat: { value: string }[]; withoutTime: number } };
    expect(stats.value.byFormat.map((f) => f.value).sort()).toEqual(['access', 'cloudtrail', 'syslog3164']);
    expect(stats.value.withoutTime).toBe(0);
    const brute = (await dispatch(engine, 'search.count', { query: '"Failed password" AND src_ip:203.0.113.45' })) as { ok: true; value: { count: number } };
    expect(brute.value.count).toBeGreaterThan(10);
    const hist = (await dispatch(engine, 'search.histogram', { query: '', buckets: 72 })) as { ok: true; value: { buckets: { count: number }[] } };
    expect(hist.value.buckets.filter((b) => b.count > 0).length).toBeGreaterThan(30);
    await engine.close();

    // A second session opens the same case instead of generating it again.
    const again = createEngine({ home });
    const reopened = (await dispatch(again, 'case.openSample', {})) as { ok: true; value: { events: number; id: string } };
    expect(reopened.value.events).toBe(info.events);
    await again.close();
  });
});

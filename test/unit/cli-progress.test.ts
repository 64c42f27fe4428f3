import { describe, expect, it } from 'vitest';
import { progressBar } from '../../electron/cli/progress';

function fakeTerminal(columns: number | undefined, isTTY = true) {
  const out: string[] = [];
  return { stream: { isTTY, columns, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream, out };
}

const event = { type: 'job.progress' as const, jobId: 'j', kind: 'import', done: 512 * 1024, total: 1024 * 1024, phase: 'parsing auth.log', events: 1200 };

describe('CLI progress bar', () => {
  it('draws percent, bytes, events and phase on a terminal, then clears the line', () => {
    const t = fakeTerminal(120);
    const bar = progressBar(t.stream);
    bar.update(event);
    expect(t.out[0]).toMatch(/\[#{15}\.{15}\]\s+50% 512 KiB\/1\.0 MiB 1200 events {2}parsing auth\.log/);
    bar.done();
    expect(t.out[1]!.trim()).toBe('');
  });

  it('works on terminals that report no width', () => {
    for (const cols of [0, undefined]) {
      const t = fakeTerminal(cols);
      const bar = progressBar(t.stream);
      expect(() => {
        bar.update(event);
        bar.done();
      }).not.toThrow();
      expect(t.out[0]).toContain('50%');
    }
  });

  it('prints nothing when stderr is not a terminal (pipes, CI logs)', () => {
    const t = fakeTerminal(80, false);
    const bar = progressBar(t.stream);
    bar.update(event);
    bar.done();
    expect(t.out).toEqual([]);
  });
});

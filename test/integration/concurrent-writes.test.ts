import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newEngineCase, type EngineCase } from '../helpers/engine-case';
import { tmpDir } from '../helpers/tmp';

let ec: EngineCase | null = null;
afterEach(async () => {
  await ec?.close();
  ec = null;
});

function log(n: number): string {
  const file = path.join(tmpDir(), `auth-${n}.log`);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`Mar  1 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} web-01 sshd[42]: Failed password for root from 10.0.0.${i % 250} port ${i} ssh2`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/**
 * The analyst keeps working while an import writes: every tag, note, CEL rule, saved search
 * and notebook revision saved during the import is stored, none fails with "database is
 * locked" when the import commits between a read and a write of the same action.
 */
describe('writes while an import runs', () => {
  it('keeps every tag, note, rule, saved search and notebook revision saved during a long import', async () => {
    ec = await newEngineCase();
    await ec.importFiles([log(10)]);
    const { jobId } = await ec.client.call('import.start', { paths: [log(150_000)] });
    let running = true;
    const finished = new Promise<string>((resolve) => {
      ec!.engine.on((e) => {
        if (e.type === 'job.finished' && e.jobId === jobId) {
          running = false;
          resolve(e.status);
        }
      });
    });
    const errors: string[] = [];
    let n = 0;
    while (running) {
      const i = n++;
      try {
        await ec.client.call('annotation.tag', { eventId: 1, tag: `t${i}` });
        await ec.client.call('cel.save', { name: `rule ${i % 3}`, expression: `host == "web-${i}"`, severity: 'low' });
        await ec.client.call('annotation.note', { eventId: 1, text: `note ${i}` });
        await ec.client.call('search.saved.save', { name: `saved ${i % 2}`, query: `user:u${i}` });
        await ec.client.call('notebook.save', { text: `# Notebook\n\nrevision ${i}` });
      } catch (err) {
        errors.push((err as Error).message);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await finished).toBe('done');
    expect(errors).toEqual([]);
    expect(n).toBeGreaterThan(5);
    const tags = (await ec.client.call('annotation.get', { eventId: 1 })).tags;
    expect(tags).toHaveLength(n);
    expect((await ec.client.call('annotation.get', { eventId: 1 })).notes).toHaveLength(n);
    expect((await ec.client.call('notebook.get', {})).text).toBe(`# Notebook\n\nrevision ${n - 1}`);
  });

});

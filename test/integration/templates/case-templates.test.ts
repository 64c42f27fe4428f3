import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newEngineCase, type EngineCase } from '../../helpers/engine-case';
import { tmpDir } from '../../helpers/tmp';

let ec: EngineCase | null = null;
afterEach(async () => {
  await ec?.close();
  ec = null;
});

function syslog(lines: string[], first = 0): string {
  return lines.map((m, i) => `Mar  1 10:${String(Math.floor((first + i) / 60) % 60).padStart(2, '0')}:${String((first + i) % 60).padStart(2, '0')} web-01 sshd[42]: ${m}`).join('\n') + '\n';
}

function write(name: string, text: string): string {
  const file = path.join(tmpDir(), name);
  writeFileSync(file, text);
  return file;
}

async function count(query: string): Promise<number> {
  return (await ec!.client.call('search.count', { query })).count;
}

describe('log templates assigned at import', () => {
  it('gives every imported event a template; the templates list and template: search agree', async () => {
    ec = await newEngineCase();
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) lines.push(`Failed password for root from 10.0.${i % 7}.${i % 250} port ${40000 + i} ssh2`);
    for (let i = 0; i < 100; i++) lines.push(`Accepted publickey for deploy from 10.1.0.${i % 250} port ${50000 + i} ssh2`);
    lines.push('Server listening on 0.0.0.0 port 22.');
    await ec.importFiles([write('auth.log', syslog(lines))]);

    const list = await ec.client.call('templates.list', { order: 'common', limit: 100 });
    expect(list.assigned).toBe(401);
    expect(list.unassigned).toBe(0);
    expect(list.templates.reduce((a, t) => a + t.events, 0)).toBe(401);
    const [failed, accepted] = list.templates;
    expect(failed!.template).toBe('Failed password for root from <*> port <*> <*>');
    expect(failed!.events).toBe(300);
    expect(accepted!.events).toBe(100);
    for (const t of list.templates) expect(await count(`template:${t.id}`)).toBe(t.events);
    // Combined with other terms like any field (line 3 is the one from 10.0.3.3).
    expect(await count(`template:${failed!.id} AND "10.0.3.3"`)).toBe(1);
    expect(await count(`NOT template:${failed!.id}`)).toBe(101);

    // Scoped to a search: the templates of its events, counted among them.
    const scoped = await ec.client.call('templates.list', { query: '"10.0.3.3" OR publickey' });
    expect(scoped.templates.map((t) => [t.id, t.events])).toEqual([
      [accepted!.id, 100],
      [failed!.id, 1],
    ]);
    expect(scoped.assigned).toBe(await count('"10.0.3.3" OR publickey'));
    const without = await ec.client.call('templates.list', { query: 'NOT publickey' });
    expect(without.templates.map((t) => t.id)).not.toContain(accepted!.id);
    expect(without.assigned).toBe(301);

    const rare = await ec.client.call('templates.list', { order: 'rare', limit: 1 });
    expect(rare.templates[0]!.template).toBe('Server listening on <*> port <*>');
    expect(rare.templates[0]!.events).toBe(1);

    const [one] = (await ec.client.call('search.query', { query: `template:${accepted!.id}`, limit: 1 })).events;
    const detail = await ec.client.call('event.get', { id: one!.id });
    expect(detail.template).toEqual(accepted);
  });

  it('joins the events of later imports to the templates of earlier ones, and regroups old events as the miner learns', async () => {
    ec = await newEngineCase();
    // Two user names are not enough to call the position a variable: two templates.
    const first = ['session opened for user alice', 'session opened for user bob', 'session opened for user alice'];
    await ec.importFiles([write('a.log', syslog(first))]);
    let list = await ec.client.call('templates.list', {});
    expect(list.templates.map((t) => t.template).sort()).toEqual(['session opened for user alice', 'session opened for user bob']);

    // More names in a second import: the position varies, and the first import's events join.
    const second = ['session opened for user carol', 'session opened for user dave', 'session opened for user erin', 'session opened for user alice'];
    await ec.importFiles([write('b.log', syslog(second, 100))]);
    list = await ec.client.call('templates.list', {});
    expect(list.templates).toHaveLength(1);
    expect(list.templates[0]!.template).toBe('session opened for user <*>');
    expect(list.templates[0]!.events).toBe(7);
    expect(await count(`template:${list.templates[0]!.id}`)).toBe(7);

    // The same after a restart: the groups are stored, not held in memory.
    ec = await ec.reopen();
    expect((await ec.client.call('templates.list', {})).templates).toEqual(list.templates);
  });

  it('takes the events of a cancelled and rolled-back import out of the counts', async () => {
    ec = await newEngineCase();
    await ec.importFiles([write('a.log', syslog(['disk full on /var', 'disk full on /var']))]);
    const many: string[] = [];
    for (let i = 0; i < 200_000; i++) many.push(i % 2 ? 'disk full on /var' : `link down on eth${i}`);
    const { jobId } = await ec.client.call('import.start', { paths: [write('b.log', syslog(many, 10))] });
    const status = await new Promise<string>((resolve) => {
      ec!.engine.on((e) => {
        if (e.type === 'job.progress' && e.jobId === jobId && (e.events ?? 0) > 0) void ec!.client.call('job.cancel', { jobId });
        if (e.type === 'job.finished' && e.jobId === jobId) resolve(e.status);
      });
    });
    expect(status).toBe('cancelled');
    const [cancelled] = (await ec.client.call('import.list', {})).filter((i) => i.status === 'cancelled');
    expect((await ec.client.call('templates.list', {})).assigned).toBeGreaterThan(2);
    await ec.client.call('import.rollback', { importId: cancelled!.id });
    const list = await ec.client.call('templates.list', {});
    expect(list.templates.map((t) => [t.template, t.events])).toEqual([['disk full on /var', 2]]);
    expect(list.assigned).toBe(2);
    expect(list.unassigned).toBe(0);
  });

  it('groups events that have no template (an older case, an import killed before writing them) at the next import', async () => {
    ec = await newEngineCase();
    await ec.importFiles([write('a.log', syslog(['cron job started', 'cron job started', 'cron job finished']))]);
    // As a case written by an older version: events without templates.
    const db = new Database(path.join(ec.caseDir, 'case.sqlite'));
    db.exec('DELETE FROM event_atoms; DELETE FROM template_atoms; DELETE FROM templates;');
    db.close();
    expect((await ec.client.call('templates.list', {})).unassigned).toBe(3);

    await ec.importFiles([write('b.log', syslog(['cron job started'], 10))]);
    const list = await ec.client.call('templates.list', {});
    expect(list.unassigned).toBe(0);
    expect(list.templates.map((t) => [t.template, t.events])).toEqual([
      ['cron job started', 3],
      ['cron job finished', 1],
    ]);
  });

  it('links every event once when two imports run at the same time', async () => {
    ec = await newEngineCase();
    const many: string[] = [];
    for (let i = 0; i < 150_000; i++) many.push(i % 3 ? `Failed password for root from 10.0.0.${i % 200} port ${i} ssh2` : 'session closed for user root');
    const { jobId: first } = await ec.client.call('import.start', { paths: [write('a.log', syslog(many))] });
    // The second starts while the first has written events but not yet their links.
    const second = await new Promise<string>((resolve) => {
      const off = ec!.engine.on((e) => {
        if (e.type === 'job.progress' && e.jobId === first && (e.events ?? 0) > 10_000) {
          off();
          void ec!.client.call('import.start', { paths: [write('b.log', syslog(['disk full on /var', 'session closed for user root'], 5))] }).then((r) => resolve(r.jobId));
        }
      });
    });
    const statuses = await Promise.all(
      [first, second].map(
        (jobId) =>
          new Promise<string>((resolve) => {
            const check = async () => {
              const j = await ec!.client.call('job.get', { jobId });
              if (j.status !== 'running') resolve(j.error ? `${j.status}: ${j.error.message}` : j.status);
              else setTimeout(() => void check(), 200);
            };
            void check();
          }),
      ),
    );
    expect(statuses).toEqual(['done', 'done']);
    const list = await ec.client.call('templates.list', {});
    expect(list.assigned).toBe(150_002);
    expect(list.unassigned).toBe(0);
    expect(list.templates.reduce((a, t) => a + t.events, 0)).toBe(150_002);
    for (const t of list.templates) expect(await count(`template:${t.id}`)).toBe(t.events);
  });

  it('refuses a template: value that is not an id, saying what it takes', async () => {
    ec = await newEngineCase();
    await expect(ec.client.call('search.count', { query: 'template:sshd' })).rejects.toThrow(/template: takes a template id/);
  });
});

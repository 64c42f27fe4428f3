import { afterEach, describe, expect, it } from 'vitest';
import { data } from '../helpers/paths';
import { newEngineCase, type EngineCase } from '../helpers/engine-case';

const open: EngineCase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close().catch(() => undefined)));
});

async function sshCase(): Promise<EngineCase> {
  const c = await newEngineCase('investigation');
  open.push(c);
  await c.importFiles([data('loghub', 'OpenSSH', 'OpenSSH_2k.log')]);
  return c;
}

async function ids(c: EngineCase, query: string): Promise<number[]> {
  const r = await c.client.call('search.query', { query, limit: 10_000 });
  return r.events.map((e) => e.id).sort((a, b) => a - b);
}

describe('investigation work on events', () => {
  it('stars, tags and notes events, finds them by search, and keeps them after reopening the case', async () => {
    let c = await sshCase();
    const failed = await ids(c, '"Failed password"');
    expect(failed.length).toBeGreaterThan(3);
    const [a, b, d] = failed as [number, number, number];

    await c.client.call('annotation.star', { eventId: a, starred: true });
    await c.client.call('annotation.star', { eventId: b, starred: true });
    await c.client.call('annotation.star', { eventId: b, starred: false });
    await c.client.call('annotation.tag', { eventId: a, tag: 'brute-force' });
    await c.client.call('annotation.tag', { eventId: d, tag: 'Brute-Force' });
    await c.client.call('annotation.tag', { eventId: d, tag: 'incident-7' });
    const noted = await c.client.call('annotation.note', { eventId: d, text: 'Same source as the <b>later</b> login.' });
    expect(noted.notes.map((n) => n.text)).toEqual(['Same source as the <b>later</b> login.']);

    expect(await ids(c, 'is:starred')).toEqual([a]);
    expect(await ids(c, 'tag:brute-force')).toEqual([a, d]);
    expect(await ids(c, 'tag:inc*')).toEqual([d]);
    expect(await ids(c, 'is:noted')).toEqual([d]);
    expect(await ids(c, 'is:tagged AND NOT tag:incident-7')).toEqual([a]);
    expect((await c.client.call('annotation.starred')).eventIds).toEqual([a]);

    c = await c.reopen();
    open.push(c);
    const again = await c.client.call('annotation.get', { eventId: d });
    expect(again.tags.map((t) => t.name)).toEqual(['brute-force', 'incident-7']);
    expect(again.notes).toHaveLength(1);
    expect((await c.client.call('annotation.get', { eventId: a })).starred).toBe(true);
    const tags = await c.client.call('tag.list');
    expect(tags.tags.map((t) => [t.name, t.count])).toEqual([['brute-force', 2], ['incident-7', 1]]);
    expect(tags.tags.every((t) => /^#[0-9a-f]{6}$/.test(t.color))).toBe(true);
  });

  it('records every change in the custody ledger, with the note digest rather than its text', async () => {
    const c = await sshCase();
    const [a] = await ids(c, '"Failed password"');
    await c.client.call('annotation.star', { eventId: a!, starred: true });
    await c.client.call('annotation.star', { eventId: a!, starred: true }); // no change, no entry
    await c.client.call('annotation.tag', { eventId: a!, tag: 'x' });
    await c.client.call('annotation.tag', { eventId: a!, tag: 'x', remove: true });
    await c.client.call('annotation.note', { eventId: a!, text: 'secret detail' });
    await c.client.call('notebook.save', { text: '# Findings\n' });
    const { entries } = await c.client.call('ledger.list');
    const mine = entries.filter((e) => /^(event|notebook)\./.test(e.action));
    expect(mine.map((e) => e.action)).toEqual(['event.star', 'event.tag', 'event.untag', 'event.note', 'notebook.save']);
    expect(mine.every((e) => e.subject !== null)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('secret detail');
    expect((await c.client.call('ledger.check')).ok).toBe(true);
  });

  it('keeps every notebook revision and returns the latest', async () => {
    let c = await sshCase();
    expect(await c.client.call('notebook.get')).toEqual({ text: '', updatedAt: null });
    await c.client.call('notebook.save', { text: 'first' });
    await c.client.call('notebook.save', { text: 'second, see [event](event:3)' });
    c = await c.reopen();
    open.push(c);
    expect((await c.client.call('notebook.get')).text).toBe('second, see [event](event:3)');
    const revisions = c.engine.case.db.prepare('SELECT text FROM notebook_revisions ORDER BY id').pluck().all();
    expect(revisions).toEqual(['first', 'second, see [event](event:3)']);
    expect(() => c.engine.case.db.prepare('DELETE FROM notebook_revisions').run()).toThrow(/append-only/);
  });

  it('refuses work on events that do not exist and empty tags or notes', async () => {
    const c = await sshCase();
    await expect(c.client.call('annotation.star', { eventId: 999_999, starred: true })).rejects.toMatchObject({ code: 'not_found' });
    await expect(c.client.call('annotation.tag', { eventId: 1, tag: '   ' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(c.client.call('annotation.note', { eventId: 1, text: '' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(c.client.call('search.query', { query: 'is:deleted' })).rejects.toMatchObject({ code: 'query_syntax' });
  });

  it('saves searches by name and remembers the search history, most recent first', async () => {
    const c = await sshCase();
    const s = await c.client.call('search.saved.save', { name: 'root logins', query: 'user:root' });
    await c.client.call('search.saved.save', { name: 'Root logins', query: 'user:root AND "Accepted"' });
    expect((await c.client.call('search.saved.list')).searches).toEqual([{ ...s, query: 'user:root AND "Accepted"' }]);
    for (const q of ['a', 'b', 'a', '  ']) await c.client.call('search.history.add', { query: q });
    expect((await c.client.call('search.history.list')).entries.map((e) => e.query)).toEqual(['a', 'b']);
    expect(await c.client.call('search.saved.delete', { id: s.id })).toEqual({ deleted: true });
    expect((await c.client.call('search.saved.list')).searches).toEqual([]);
  });
});

describe('event context', () => {
  it('returns the events just before and after in the same file, in file order', async () => {
    const c = await sshCase();
    const all = await c.client.call('search.query', { query: '', limit: 2000 });
    const mid = all.events[1000]!;
    const ctx = await c.client.call('event.context', { id: mid.id, before: 3, after: 2 });
    expect(ctx.event.id).toBe(mid.id);
    expect(ctx.before.map((e) => e.origin.offset)).toEqual([...ctx.before.map((e) => e.origin.offset)].sort((x, y) => x! - y!));
    expect(ctx.before).toHaveLength(3);
    expect(ctx.after).toHaveLength(2);
    expect(ctx.before.at(-1)!.origin.offset!).toBeLessThan(mid.origin.offset!);
    expect(ctx.after[0]!.origin.offset!).toBeGreaterThan(mid.origin.offset!);
    expect(new Set([...ctx.before, ...ctx.after].map((e) => e.origin.sha256))).toEqual(new Set([mid.origin.sha256]));

    const first = await c.client.call('event.context', { id: all.events[0]!.id, before: 5, after: 0 });
    expect(first.before).toEqual([]);
    expect(first.after).toEqual([]);
  });
});

import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexResult } from '../../../electron/engine/search/semantic/index.job';
import { DEFAULT_MODEL } from '../../../electron/engine/search/semantic/runtime';
import { defaultResourcesDir } from '../../../electron/engine/resources';
import { AppError } from '../../../shared/errors';
import { newEngineCase, type EngineCase } from '../../helpers/engine-case';
import { data } from '../../helpers/paths';

const ssh = data('loghub', 'OpenSSH', 'OpenSSH_2k.log');
const linux = data('loghub', 'Linux', 'Linux_2k.log');
const hdfs = data('loghub', 'HDFS', 'HDFS_2k.log');
/** Failed logins of any kind, as the OpenSSH and Linux samples word them. */
const GUESSING = /Failed password|authenticat|Invalid user|invalid user|check pass/i;

describe('semantic and hybrid search through the engine', () => {
  let c: EngineCase;
  let first: IndexResult;

  beforeAll(async () => {
    c = await newEngineCase('semantic', { persistent: true });
    await c.importFiles([ssh, linux]);
    first = await c.runJob<IndexResult>('index.start', {});
  }, 120_000);
  afterAll(() => c.close());

  it('embeds each distinct text once and covers every event', async () => {
    expect(first.model.startsWith(`${DEFAULT_MODEL}@`)).toBe(true);
    expect(first.rebuilt).toBe(true);
    expect(first.events).toBe(4000);
    expect(first.indexedEvents).toBe(4000);
    expect(first.texts).toBeLessThan(first.events / 2);
    expect(first.textsEmbedded).toBe(first.texts);
    const status = await c.client.call('index.status', {});
    expect(status).toMatchObject({ model: first.model, indexedEvents: 4000, events: 4000, embeddedTexts: first.texts, defaultModel: DEFAULT_MODEL });
    expect(status.models.map((m) => m.name)).toContain(DEFAULT_MODEL);
  });

  it('finds events described in other words, with their similarity', async () => {
    const r = await c.client.call('search.query', { query: 'someone guessing passwords', mode: 'semantic', limit: 10 });
    expect(r.events).toHaveLength(10);
    expect(r.events.filter((e) => GUESSING.test(e.message)).length).toBeGreaterThanOrEqual(8);
    expect(r.matches).toHaveLength(10);
    const sims = r.matches!.map((m) => m.semantic!);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    expect(sims.every((s) => s > 0 && s <= 1)).toBe(true);
    expect(r.total).toBeGreaterThan(10);
    expect(r.index).toEqual({ model: first.model, indexedEvents: 4000 });
  });

  it('pages through ranked results without repeating or losing events', async () => {
    const all = await c.client.call('search.query', { query: 'user session opened', mode: 'hybrid', limit: 60 });
    const a = await c.client.call('search.query', { query: 'user session opened', mode: 'hybrid', limit: 25 });
    const b = await c.client.call('search.query', { query: 'user session opened', mode: 'hybrid', limit: 25, offset: 25 });
    expect([...a.events, ...b.events].map((e) => e.id)).toEqual(all.events.slice(0, 50).map((e) => e.id));
    expect(a.total).toBe(all.total);
  });

  it('keeps field filters and the time range of the query', async () => {
    const sshOnly = await c.client.call('search.query', { query: 'someone guessing passwords host:LabSZ', mode: 'semantic', limit: 50 });
    expect(sshOnly.events.length).toBeGreaterThan(0);
    expect(sshOnly.events.every((e) => e.host === 'LabSZ')).toBe(true);
    const none = await c.client.call('search.query', { query: 'someone guessing passwords host:no-such-host', mode: 'hybrid' });
    expect(none).toMatchObject({ total: 0, events: [] });
    const text = await c.client.call('search.query', { query: 'host:LabSZ', limit: 1 });
    const from = text.events[0]!.ts!;
    const later = await c.client.call('search.query', { query: 'someone guessing passwords', mode: 'semantic', from, limit: 100 });
    expect(later.events.every((e) => e.ts !== null && e.ts >= from)).toBe(true);
  });

  it('marks keyword hits in hybrid results and ranks a keyword match high', async () => {
    const r = await c.client.call('search.query', { query: 'kerberos failed', mode: 'hybrid', limit: 10 });
    expect(r.matches!.some((m) => m.keyword)).toBe(true);
    expect(r.events.slice(0, 3).some((e) => /Kerberos/i.test(e.message))).toBe(true);
  });

  it('finds events similar to a given event, leaving the event itself out', async () => {
    const seed = (await c.client.call('search.query', { query: '"Failed password" AND root', limit: 1 })).events[0]!;
    const r = await c.client.call('event.similar', { id: seed.id, limit: 20 });
    expect(r.events.map((e) => e.id)).not.toContain(seed.id);
    expect(r.events.filter((e) => GUESSING.test(e.message)).length).toBeGreaterThanOrEqual(18);
    expect(r.matches![0]!.semantic).toBeGreaterThan(0.9);
  });

  it('says what to do for a filter-only query in a ranked mode', async () => {
    await expect(c.client.call('search.query', { query: 'host:LabSZ', mode: 'semantic' })).rejects.toThrow(/Describe what you are looking for/);
  });

  it('adds only the new events and texts on the next run', async () => {
    await c.importFiles([hdfs]);
    const before = await c.client.call('index.status', {});
    expect(before.indexedEvents).toBe(4000);
    expect(before.events).toBe(6000);
    const next = await c.runJob<IndexResult>('index.start', {});
    expect(next).toMatchObject({ rebuilt: false, eventsLinked: 2000, indexedEvents: 6000, events: 6000 });
    expect(next.textsEmbedded).toBe(next.texts - first.texts);
    const again = await c.runJob<IndexResult>('index.start', {});
    expect(again).toMatchObject({ eventsLinked: 0, textsEmbedded: 0 });
    const r = await c.client.call('search.query', { query: 'deleting data blocks', mode: 'semantic', limit: 5 });
    expect(r.events.every((e) => e.origin.file.endsWith('HDFS_2k.log'))).toBe(true);
  }, 120_000);
});

describe('the semantic index over the life of a case', () => {
  let c: EngineCase;
  afterAll(() => c?.close());

  it('asks for an index before ranked search, and starts over when the model changes', async () => {
    c = await newEngineCase('models');
    await c.importFiles([ssh]);
    const err = await c.client.call('search.query', { query: 'guessing passwords', mode: 'hybrid' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('conflict');
    expect((err as AppError).message).toMatch(/sealdesk index/);

    const first = await c.runJob<IndexResult>('index.start', {});
    // Another model in the analyst's models folder (a copy: same vectors, a different name).
    const own = path.join(c.home, 'models', 'my-model');
    mkdirSync(path.dirname(own), { recursive: true });
    cpSync(path.join(defaultResourcesDir(), 'models', DEFAULT_MODEL), own, { recursive: true });
    const status = await c.client.call('index.status', {});
    expect(status.models.find((m) => m.name === 'my-model')).toMatchObject({ source: 'user' });
    const second = await c.runJob<IndexResult>('index.start', { model: 'my-model' });
    expect(second.model.startsWith('my-model@')).toBe(true);
    expect(second).toMatchObject({ rebuilt: true, eventsLinked: 0, textsEmbedded: first.texts, indexedEvents: 2000 });
    const r = await c.client.call('search.query', { query: 'guessing passwords', mode: 'semantic', limit: 3 });
    expect(r.index!.model).toBe(second.model);
    await expect(c.client.call('index.start', { model: 'no-such-model' })).rejects.toThrow(/No embedding model "no-such-model"/);
  }, 120_000);

  it('stops at a batch when cancelled and goes on from there', async () => {
    c = await newEngineCase('cancel');
    await c.importFiles([linux, hdfs]);
    const { jobId } = await c.client.call('index.start', {});
    const ended = new Promise<string>((resolve) =>
      c.engine.on((e) => {
        if (e.type === 'job.progress' && e.jobId === jobId && e.phase === 'embedding texts' && e.done > 0) void c.client.call('job.cancel', { jobId });
        if (e.type === 'job.finished' && e.jobId === jobId) resolve(e.status);
      }),
    );
    const status = await ended;
    const mid = await c.client.call('index.status', {});
    if (status === 'cancelled') expect(mid.embeddedTexts).toBeLessThan(mid.texts);
    const done = await c.runJob<IndexResult>('index.start', {});
    expect(done).toMatchObject({ rebuilt: false, indexedEvents: 4000, events: 4000 });
    expect(done.textsEmbedded).toBe(mid.texts - mid.embeddedTexts);
  }, 120_000);
});

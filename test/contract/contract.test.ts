import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { buildClient, type AuditClient, type Transport } from '../../shared/api';
import type { JobFinishedEvent } from '../../shared/events';
import type { ImportReceipt } from '../../shared/model';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { data } from '../helpers/paths';
import { tmpDirPersistent } from '../helpers/tmp';
import { directTransport, httpTransport } from '../helpers/transports';

/** Waits for a job's job.finished event (subscribe before starting the job). */
function finishedOf(client: AuditClient): { wait(jobId: string): Promise<JobFinishedEvent>; stop(): void } {
  const seen = new Map<string, JobFinishedEvent>();
  const waiters = new Map<string, (e: JobFinishedEvent) => void>();
  const off = client.on((e) => {
    if (e.type !== 'job.finished') return;
    seen.set(e.jobId, e);
    waiters.get(e.jobId)?.(e);
  });
  return {
    wait: (jobId) => new Promise((resolve) => (seen.has(jobId) ? resolve(seen.get(jobId)!) : waiters.set(jobId, resolve))),
    stop: off,
  };
}

async function expectCode(p: Promise<unknown>, code: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

const transports: [string, (engine: Engine) => Promise<{ t: Transport; close(): Promise<void> }>][] = [
  ['direct dispatch', async (engine) => ({ t: directTransport(engine), close: async () => {} })],
  [
    'HTTP bridge',
    async (engine) => {
      const bridge: Bridge = await startBridge({ engine, port: 0, staticDir: path.join(tmpDirPersistent(), 'none') });
      const t = httpTransport(bridge.origin, bridge.token);
      return { t, close: async () => (t.close(), bridge.close()) };
    },
  ],
];

describe.each(transports)('contract over %s', (_name, make) => {
  let engine: Engine;
  let client: AuditClient;
  let close: () => Promise<void>;
  let jobs: ReturnType<typeof finishedOf>;
  const root = tmpDirPersistent();

  beforeAll(async () => {
    engine = createEngine({ home: path.join(root, 'home') });
    const made = await make(engine);
    client = buildClient(made.t);
    close = made.close;
    jobs = finishedOf(client);
  });
  afterAll(async () => {
    jobs.stop();
    await close();
    await engine.close();
  });

  it('answers app.info with no case open, and case-bound methods say no_case', async () => {
    const info = await client.call('app.info');
    expect(info.case).toBeNull();
    expect(info.formats).toContain('syslog3164');
    await expectCode(client.call('search.query', { query: 'x' }), 'no_case');
  });

  it('rejects unknown methods and invalid input with invalid_input', async () => {
    await expectCode(client.call('nope.nothing' as never), 'invalid_input');
    const err = await expectCode(client.call('search.query', { query: 'x', limit: -5 }), 'invalid_input');
    expect(err.message).toMatch(/limit/);
  });

  it('creates a case, imports a real log with progress and a receipt, then searches it', async () => {
    const info = await client.call('case.create', { dir: path.join(root, 'case'), name: 'Contract' });
    expect(info.name).toBe('Contract');
    const progress: number[] = [];
    const off = client.on((e) => {
      if (e.type === 'job.progress') progress.push(e.done);
    });
    const file = data('loghub', 'OpenSSH', 'OpenSSH_2k.log');
    const { jobId, importId } = await client.call('import.start', { paths: [file] });
    const end = await jobs.wait(jobId);
    off();
    expect(end.status).toBe('done');
    const receipt = end.result as ImportReceipt;
    expect(receipt.importId).toBe(importId);
    expect(receipt.files).toHaveLength(1);
    expect(receipt.files[0]!.format).toBe('syslog3164');
    expect(receipt.files[0]!.events + receipt.files[0]!.skipped).toBe(2000);
    expect(receipt.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(progress.length).toBeGreaterThan(0);
    expect(await client.call('import.receipt', { importId })).toEqual(receipt);

    const res = await client.call('search.query', { query: '"Failed password"', limit: 5 });
    expect(res.total).toBeGreaterThan(0);
    expect(res.events).toHaveLength(5);
    for (const e of res.events) expect(e.message).toMatch(/Failed password/);
    expect(res.events[0]!.origin.sha256).toBe(receipt.files[0]!.sha256);
    const { count } = await client.call('search.count', { query: '"Failed password"' });
    expect(count).toBe(res.total);

    const detail = await client.call('event.get', { id: res.events[0]!.id });
    expect(detail.raw).toContain('Failed password');

    const hist = await client.call('search.histogram', { query: '', buckets: 50 });
    expect(hist.buckets.reduce((a, b) => a + b.count, 0)).toBe((await client.call('case.info')).events);

    const stats = await client.call('stats.get', { top: 5 });
    expect(stats.byFormat[0]).toEqual({ value: 'syslog3164', count: stats.events });
  });

  it('reports query syntax errors with their position', async () => {
    const err = await expectCode(client.call('search.query', { query: 'user:root AND (foo' }), 'query_syntax');
    expect(typeof err.details?.position).toBe('number');
  });

  it('detects a re-import of the same file and adds no events', async () => {
    const before = (await client.call('case.info')).events;
    const { jobId } = await client.call('import.start', { paths: [data('loghub', 'OpenSSH', 'OpenSSH_2k.log')] });
    const end = await jobs.wait(jobId);
    const receipt = end.result as ImportReceipt;
    expect(receipt.files[0]!.duplicate).toBe(true);
    expect((await client.call('case.info')).events).toBe(before);
  });

  it('says not_found for a missing case, event or import', async () => {
    await expectCode(client.call('case.open', { dir: path.join(root, 'missing') }), 'not_found');
    await expectCode(client.call('event.get', { id: 99_999_999 }), 'not_found');
    await expectCode(client.call('import.receipt', { importId: 424242 }), 'not_found');
  });
});

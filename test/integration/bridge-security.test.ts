import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { tmpDirPersistent } from '../helpers/tmp';

function raw(port: number, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('web bridge security', () => {
  let engine: Engine;
  let bridge: Bridge;
  const root = tmpDirPersistent();
  const staticDir = path.join(root, 'static');

  beforeAll(async () => {
    mkdirSync(staticDir);
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ui</title>');
    writeFileSync(path.join(root, 'secret.txt'), 'do not serve');
    engine = createEngine({ home: path.join(root, 'home') });
    bridge = await startBridge({ engine, port: 0, staticDir });
  });
  afterAll(async () => {
    await bridge.close();
    await engine.close();
  });

  const host = () => `127.0.0.1:${bridge.port}`;
  const api = (headers: Record<string, string>) =>
    raw(bridge.port, { path: '/api/call/app.info', method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

  it('listens on loopback only', () => {
    expect(new URL(bridge.url).hostname).toBe('127.0.0.1');
  });

  it('answers API calls with the token and refuses them without', async () => {
    expect((await api({ host: host(), 'x-sealdesk-token': bridge.token })).status).toBe(200);
    expect((await api({ host: host() })).status).toBe(401);
    expect((await api({ host: host(), 'x-sealdesk-token': bridge.token.slice(1) })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    expect((await api({ host: `evil.example:${bridge.port}`, 'x-sealdesk-token': bridge.token })).status).toBe(421);
    const cross = await api({ host: host(), origin: 'http://evil.example', 'x-sealdesk-token': bridge.token });
    expect(cross.status).toBe(401);
  });

  it('refuses the event stream without the token', async () => {
    expect((await raw(bridge.port, { path: '/api/events', headers: { host: host() } })).status).toBe(401);
  });

  it('serves the UI with a strict CSP and never a file outside its folder', async () => {
    const page = await raw(bridge.port, { path: '/', headers: { host: host() } });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toMatch(/script-src 'self'/);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/.hidden']) {
      const r = await raw(bridge.port, { path: p, headers: { host: host() } });
      expect(r.body).not.toContain('do not serve');
    }
  });

  it('rejects oversized and malformed bodies with a clear error', async () => {
    const bad = await raw(bridge.port, { path: '/api/call/app.info', method: 'POST', headers: { host: host(), 'x-sealdesk-token': bridge.token }, body: '{nope' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

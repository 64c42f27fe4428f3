import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALL_PREFIX, EVENTS_PATH, TOKEN_HEADER, TOKEN_QUERY } from '../../shared/bridge-protocol';
import type { Result } from '../../shared/errors';
import { dispatch } from '../engine/dispatch';
import type { Engine } from '../engine/engine';
import { serveStatic } from './static-files';

const MAX_BODY = 1024 * 1024;

export interface Bridge {
  /** The page to open, with the token: http://127.0.0.1:PORT/?token=... */
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function tokenOk(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The local web bridge: the built renderer and the same API as the desktop app, on
 * 127.0.0.1 only. Every API request needs the per-run token; the Host header must name
 * this loopback address (against DNS rebinding) and a cross-origin Origin is refused.
 */
export async function startBridge(opts: { engine: Engine; port?: number; staticDir: string }): Promise<Bridge> {
  const token = randomBytes(24).toString('base64url');
  let origin = '';
  let allowedHosts: string[] = [];
  const unauthorized = (res: ServerResponse, why: string): void =>
    sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: why } });

  const server = createServer((req, res) => {
    void (async () => {
      const host = req.headers.host ?? '';
      if (!allowedHosts.includes(host)) {
        res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request: this server answers only on its loopback address.');
        return;
      }
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname.startsWith(CALL_PREFIX)) {
        if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
        if (req.headers.origin && req.headers.origin !== origin) return unauthorized(res, 'Cross-origin requests are refused.');
        if (!tokenOk(req.headers[TOKEN_HEADER] as string | undefined, token)) return unauthorized(res, 'Missing or wrong token. Open the URL printed by "sealdesk web".');
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body ? JSON.parse(body) : {};
        } catch (err) {
          return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: `Request body is not valid JSON (${(err as Error).message}).` } });
        }
        const method = decodeURIComponent(url.pathname.slice(CALL_PREFIX.length));
        return sendJson(res, 200, await dispatch(opts.engine, method, input));
      }
      if (url.pathname === EVENTS_PATH) {
        if (!tokenOk(url.searchParams.get(TOKEN_QUERY), token)) return unauthorized(res, 'Missing or wrong token.');
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        const off = opts.engine.on((e) => res.write(`data: ${JSON.stringify(e)}\n\n`));
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
        req.on('close', () => {
          off();
          clearInterval(ping);
        });
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
      serveStatic(opts.staticDir, url.pathname, res);
    })().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: (err as Error).message } });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import type { Transport } from '../../../shared/api';
import type { AppEvent } from '../../../shared/events';
import { isAppErrorData, type AppErrorData, type Result } from '../../../shared/errors';
import type { MethodName } from '../../../shared/methods';
import { CALL_PREFIX, EVENTS_PATH, TOKEN_HEADER, TOKEN_QUERY } from '../../../shared/bridge-protocol';

const TOKEN_KEY = 'sealdesk.bridgeToken';
/** How long a call waits for the event stream to connect before going ahead without it. */
const STREAM_WAIT_MS = 3000;
/** Methods whose result is a job id; their events must not be missed. */
const STARTS_JOB = new Set<MethodName>(['import.start', 'export.start', 'detect.start']);

/**
 * Take the bridge token from the page URL once, keep it for this tab in sessionStorage, and
 * remove it from the visible URL so it does not end up in screenshots, history or bookmarks.
 */
export function takeToken(): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get(TOKEN_QUERY);
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete(TOKEN_QUERY);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function failure(code: AppErrorData['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function isResult(x: unknown): x is Result<unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { ok?: unknown; error?: unknown };
  return r.ok === true || (r.ok === false && isAppErrorData(r.error));
}

function isAppEvent(x: unknown): x is AppEvent {
  return typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string';
}

/** The web-mode transport: calls over `fetch`, pushed events over one shared EventSource. */
export function httpTransport(token: string | null = takeToken()): Transport {
  const listeners = new Set<(event: AppEvent) => void>();
  let source: EventSource | null = null;
  let connected: Promise<void> = Promise.resolve();

  function openStream(): void {
    if (source || !token) return;
    const es = new EventSource(`${EVENTS_PATH}?${TOKEN_QUERY}=${encodeURIComponent(token)}`);
    source = es;
    // A job started before the stream is connected could finish unseen, so calls wait
    // (briefly) for the first connection. EventSource reconnects on its own after that.
    connected = new Promise((resolve) => {
      const done = (): void => resolve();
      es.addEventListener('open', done, { once: true });
      es.addEventListener('error', done, { once: true });
      setTimeout(done, STREAM_WAIT_MS);
    });
    es.onmessage = (msg: MessageEvent<string>) => {
      let event: unknown;
      try {
        event = JSON.parse(msg.data);
      } catch {
        return;
      }
      if (!isAppEvent(event)) return;
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (err) {
          console.error('event listener failed', err);
        }
      }
    };
  }

  return {
    async invoke(method: MethodName, input: unknown): Promise<Result<unknown>> {
      if (!token) {
        return failure('unauthorized', 'No access token. Open the address printed by "sealdesk web" (it ends in ?token=...).');
      }
      // A job's progress and end arrive on the stream: a call that starts one waits (briefly)
      // for it to be connected. Reads go at once, so the first screen does not wait on it.
      if (STARTS_JOB.has(method)) await connected;
      let res: Response;
      try {
        res = await fetch(CALL_PREFIX + encodeURIComponent(method), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return failure('io', 'The Sealdesk bridge is not reachable. Is "sealdesk web" still running?');
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return failure('internal', `The bridge answered ${res.status} without a readable result.`);
      }
      if (isResult(body)) return body;
      return failure('internal', `The bridge answered ${res.status} with an unexpected result.`);
    },
    subscribe(listener) {
      listeners.add(listener);
      openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
          connected = Promise.resolve();
        }
      };
    },
  };
}

import type { Transport } from '../../shared/api';
import { CALL_PREFIX, EVENTS_PATH, TOKEN_HEADER, TOKEN_QUERY } from '../../shared/bridge-protocol';
import type { Result } from '../../shared/errors';
import type { AppEvent } from '../../shared/events';
import type { MethodName } from '../../shared/methods';
import { dispatch } from '../../electron/engine/dispatch';
import type { Engine } from '../../electron/engine/engine';

/** The engine called in-process, as the CLI does. */
export function directTransport(engine: Engine): Transport {
  return {
    invoke: (method: MethodName, input: unknown) => dispatch(engine, method, input),
    subscribe: (listener) => engine.on(listener),
  };
}

/** The web bridge over real HTTP, as the browser does (Server-Sent Events read with fetch). */
export function httpTransport(origin: string, token: string): Transport & { close(): void } {
  const aborts: AbortController[] = [];
  return {
    async invoke(method, input) {
      const res = await fetch(`${origin}${CALL_PREFIX}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as Result<unknown>;
    },
    subscribe(listener: (e: AppEvent) => void) {
      const ac = new AbortController();
      aborts.push(ac);
      void (async () => {
        try {
          const res = await fetch(`${origin}${EVENTS_PATH}?${TOKEN_QUERY}=${token}`, { signal: ac.signal });
          const reader = res.body!.getReader();
          const dec = new TextDecoder();
          let buf = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buf += dec.decode(value, { stream: true });
            let i: number;
            while ((i = buf.indexOf('\n\n')) >= 0) {
              const chunk = buf.slice(0, i);
              buf = buf.slice(i + 2);
              for (const line of chunk.split('\n')) if (line.startsWith('data: ')) listener(JSON.parse(line.slice(6)) as AppEvent);
            }
          }
        } catch {
          // aborted at close
        }
      })();
      return () => ac.abort();
    },
    close() {
      for (const a of aborts) a.abort();
    },
  };
}

import type { z } from 'zod';
import type { Schemas } from './schemas';
import type { MethodName } from './methods';
import type { AppEvent } from './events';
import { AppError, type Result } from './errors';

export type MethodInput<M extends MethodName> = z.input<Schemas[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Schemas[M]['output']>;

/** What a transport must do: carry one call, and deliver pushed events. */
export interface Transport {
  invoke(method: MethodName, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: AppEvent) => void): () => void;
}

/** The typed client the renderer and tests use, over any transport. */
export interface AuditClient {
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>;
  on(listener: (event: AppEvent) => void): () => void;
}

export function buildClient(transport: Transport): AuditClient {
  return {
    async call(method, input) {
      const res = await transport.invoke(method, input ?? {});
      if (!res.ok) throw new AppError(res.error.code, res.error.message, res.error.details);
      return res.value as never;
    },
    on(listener) {
      return transport.subscribe(listener);
    },
  };
}

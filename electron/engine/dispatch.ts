import { randomUUID } from 'node:crypto';
import { AppError, type Result } from '../../shared/errors';
import { isMethodName, type MethodName } from '../../shared/methods';
import { schemas } from '../../shared/schemas';
import type { Engine } from './engine';
import { annotationHandlers } from './handlers/annotation.handlers';
import { caseHandlers } from './handlers/case.handlers';
import { celHandlers } from './handlers/cel.handlers';
import { detectHandlers } from './handlers/detect.handlers';
import { importHandlers } from './handlers/import.handlers';
import { jobHandlers } from './handlers/job.handlers';
import { ledgerHandlers } from './handlers/ledger.handlers';
import { sealHandlers } from './handlers/seal.handlers';
import { searchHandlers } from './handlers/search.handlers';
import { semanticHandlers } from './handlers/semantic.handlers';
import type { HandlerMap } from './handlers/types';

const handlers: HandlerMap<MethodName> = {
  ...annotationHandlers,
  ...caseHandlers,
  ...celHandlers,
  ...detectHandlers,
  ...importHandlers,
  ...jobHandlers,
  ...ledgerHandlers,
  ...searchHandlers,
  ...semanticHandlers,
  ...sealHandlers,
};

/** Where unexpected errors are logged with their id; the user sees only the id. */
export let logInternalError = (errorId: string, err: unknown): void => {
  console.error(`[sealdesk] internal error ${errorId}:`, err);
};
export function setInternalErrorLogger(fn: typeof logInternalError): void {
  logInternalError = fn;
}

/**
 * The one entry point every transport uses (Electron IPC, HTTP bridge, CLI): checks the
 * method against the allow-list, validates the input with the contract's schema, runs the
 * handler and wraps the outcome in a Result envelope. Stack traces never leave here.
 */
export async function dispatch(engine: Engine, method: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'invalid_input', message: `Unknown method ${JSON.stringify(String(method)).slice(0, 100)}.` } };
  }
  const parsed = schemas[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Invalid input for ${method}${first ? `: ${first.path ? first.path + ': ' : ''}${first.message}` : ''}.`,
        details: { issues },
      },
    };
  }
  try {
    const handler = handlers[method] as (e: Engine, i: unknown) => unknown;
    const value = await handler(engine, parsed.data);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof AppError) {
      return { ok: false, error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
    }
    const errorId = randomUUID().slice(0, 8);
    logInternalError(errorId, err);
    return { ok: false, error: { code: 'internal', message: `Something went wrong inside Sealdesk (error id ${errorId}).`, details: { errorId } } };
  }
}

import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { importsRepo } from '../db/repos/imports';
import type { ImportJobInput } from '../ingest/import.job';
import { isValidTimeZone } from '../ingest/time';
import { indexAfterImport } from './semantic.handlers';
import type { HandlerMap } from './types';

export const importHandlers: HandlerMap<'import.start' | 'import.list' | 'import.receipt' | 'import.rollback'> = {
  'import.start': (engine, input) => {
    const c = engine.case;
    const repo = importsRepo(c.db);
    let paths = input.paths.map((p) => path.resolve(p));
    let format = input.format;
    let timezone = input.timezone;
    if (input.resume !== undefined) {
      const prior = repo.get(input.resume);
      if (!['interrupted', 'cancelled', 'failed'].includes(prior.status)) {
        throw new AppError('conflict', `Import #${prior.id} is ${prior.status}; only an interrupted, cancelled or failed import can be resumed.`);
      }
      const opts = JSON.parse(prior.options) as { format?: typeof format; timezone?: string };
      paths = JSON.parse(prior.paths) as string[];
      format = opts.format;
      timezone = opts.timezone;
    }
    if (timezone !== undefined && !isValidTimeZone(timezone)) {
      throw new AppError('invalid_input', `Unknown time zone "${timezone}". Use an IANA name such as UTC, Europe/Berlin or America/New_York.`);
    }
    const actor = engine.actor();
    const importId = repo.create(paths, { format: format ?? null, timezone: timezone ?? 'UTC' }, input.resume ?? null, actor);
    if (input.resume !== undefined) repo.finish(input.resume, 'resumed', actor, `Resumed by import #${importId}.`);
    const jobInput: ImportJobInput = { importId, paths, format, timezone, actor };
    engine.activeImports.add(importId);
    const jobId = engine.jobs.start('import', jobInput, c.dir, (state) => {
      engine.activeImports.delete(importId);
      // The worker records its own end; this covers a worker that died without doing so.
      if (engine.caseOrNull === c) {
        importsRepo(c.db).finishIfRunning(importId, state.status === 'cancelled' ? 'cancelled' : 'interrupted', actor, state.error?.message);
        engine.emit({ type: 'case.changed', path: c.dir });
        if (state.status === 'done' && engine.autoIndex) void indexAfterImport(engine);
      }
    });
    return { jobId, importId };
  },
  'import.list': (engine) => importsRepo(engine.case.db).list(),
  'import.receipt': (engine, input) => importsRepo(engine.case.db).receipt(input.importId),
  'import.rollback': (engine, input) => {
    if (engine.activeImports.has(input.importId)) throw new AppError('conflict', `Import #${input.importId} is still running; cancel it first.`);
    return { importId: input.importId, eventsRemoved: importsRepo(engine.case.db).rollback(input.importId, engine.actor()) };
  },
};

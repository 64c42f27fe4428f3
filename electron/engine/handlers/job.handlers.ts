import type { HandlerMap } from './types';

export const jobHandlers: HandlerMap<'job.get' | 'job.cancel'> = {
  'job.get': (engine, input) => engine.jobs.get(input.jobId),
  'job.cancel': (engine, input) => ({ cancelled: engine.jobs.cancel(input.jobId) }),
};

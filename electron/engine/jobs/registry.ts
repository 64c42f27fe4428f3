import type { JobFn } from './types';

type Job = JobFn<never, unknown>;

/**
 * Every job a worker can run, by kind, loaded when a worker runs it: a worker holds only
 * its own job's code and libraries (an import worker never loads the PDF writer or the
 * embedding runtime). Literal paths, so bundlers still see every entry.
 */
export const JOBS: Record<string, () => Promise<Job>> = {
  import: async () => (await import('../ingest/import.job')).importJob as Job,
  export: async () => (await import('../export/bundle/export.job')).exportJob as Job,
  detect: async () => (await import('../detect/detect.job')).detectJob as Job,
  index: async () => (await import('../search/semantic/index.job')).indexJob as Job,
};

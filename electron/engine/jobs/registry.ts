import type { JobFn } from './types';
import { detectJob } from '../detect/detect.job';
import { exportJob } from '../export/bundle/export.job';
import { importJob } from '../ingest/import.job';
import { indexJob } from '../search/semantic/index.job';

/** Every job a worker can run, by kind. Static, so bundlers see every entry. */
export const JOBS: Record<string, JobFn<never, unknown>> = {
  import: importJob as JobFn<never, unknown>,
  export: exportJob as JobFn<never, unknown>,
  detect: detectJob as JobFn<never, unknown>,
  index: indexJob as JobFn<never, unknown>,
};

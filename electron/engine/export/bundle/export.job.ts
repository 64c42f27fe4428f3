import { unlockIdentity } from '../../identity/identity';
import type { JobFn } from '../../jobs/types';
import { exportBundle, type ExportOptions, type ExportResult } from './export';

export interface ExportJobInput {
  options: ExportOptions;
  /** Where the identity lives; the worker unlocks it itself (a key cannot cross threads). */
  home: string;
  passphrase: string;
  caseId: string;
  caseName: string;
  actor: string;
  tool: { name: string; version: string };
}

/** The export as a job: runs in a worker so a large export never blocks the app. */
export const exportJob: JobFn<ExportJobInput, ExportResult> = async (input, ctx) => {
  const signer = unlockIdentity(input.home, input.passphrase);
  return exportBundle(input.options, {
    db: ctx.db,
    caseId: input.caseId,
    caseName: input.caseName,
    actor: input.actor,
    signer,
    tool: input.tool,
    signal: ctx.signal,
    progress: (done, total, phase) => ctx.emit({ done, total, phase }),
  });
};

import path from 'node:path';
import { isCaseDir, type CaseHandle } from '../case/case-folder';
import { importsRepo } from '../db/repos/imports';
import type { Engine } from '../engine';
import { importJob } from '../ingest/import.job';
import { writeSampleEvidence } from './sample-evidence';

/**
 * Opens the embedded sample case, building it on first use in the analyst's Sealdesk
 * folder: generated evidence imported in-process like any other import.
 */
export async function openSampleCase(engine: Engine): Promise<CaseHandle> {
  const dir = path.join(engine.home, 'sample-case');
  if (isCaseDir(dir)) return engine.openCase(dir);
  const files = writeSampleEvidence(path.join(engine.home, 'sample-evidence'));
  const c = engine.createCase(dir, 'Sample case: ACME intrusion', { sample: true });
  const actor = engine.actor();
  const importId = importsRepo(c.db).create(files, { format: null, timezone: 'UTC' }, null, actor);
  await importJob(
    { importId, paths: files, timezone: 'UTC', actor },
    { caseDir: c.dir, db: c.db, emit: () => {}, signal: new AbortController().signal },
  );
  engine.emit({ type: 'case.changed', path: c.dir });
  return c;
}

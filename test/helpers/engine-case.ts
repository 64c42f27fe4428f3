import path from 'node:path';
import { buildClient, type AuditClient } from '../../shared/api';
import type { ImportReceipt } from '../../shared/model';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { tmpDir, tmpDirPersistent } from './tmp';
import { directTransport } from './transports';

export interface EngineCase {
  root: string;
  home: string;
  caseDir: string;
  engine: Engine;
  client: AuditClient;
  /** Import files through the real job pipeline and wait for the receipt. */
  importFiles(paths: string[], opts?: { format?: string }): Promise<ImportReceipt>;
  /** Call a method that starts a job (import, export, detect) and wait for its result; rejects unless it ends done. */
  runJob<T>(method: 'import.start' | 'export.start' | 'detect.start' | 'index.start', input: unknown): Promise<T>;
  /** Close this engine and open the same case in a new one (as after restarting the app). */
  reopen(): Promise<EngineCase>;
  close(): Promise<void>;
}

function wrap(root: string, caseDir: string, engine: Engine): EngineCase {
  const client = buildClient(directTransport(engine));
  const home = path.join(root, 'home');
  const self: EngineCase = {
    root,
    home,
    caseDir,
    engine,
    client,
    importFiles(paths, opts = {}) {
      return self.runJob<ImportReceipt>('import.start', { paths, ...(opts.format ? { format: opts.format } : {}) });
    },
    async runJob<T>(method: 'import.start' | 'export.start' | 'detect.start' | 'index.start', input: unknown) {
      const { jobId } = (await client.call(method, input as never)) as { jobId: string };
      return new Promise<T>((resolve, reject) => {
        const off = engine.on((e) => {
          if (e.type !== 'job.finished' || e.jobId !== jobId) return;
          off();
          if (e.status === 'done') resolve(e.result as T);
          else reject(new Error(`${method} ${e.status}: ${e.error?.message ?? ''}`));
        });
      });
    },
    async reopen() {
      await engine.close();
      const next = createEngine({ home });
      await buildClient(directTransport(next)).call('case.open', { dir: caseDir });
      return wrap(root, caseDir, next);
    },
    close: () => engine.close(),
  };
  return self;
}

/**
 * A fresh engine with its own home folder and a new, empty case. `persistent` keeps the folder
 * for the whole test file (for beforeAll set-ups); otherwise it is removed after the test.
 */
export async function newEngineCase(name = 'test case', opts: { persistent?: boolean } = {}): Promise<EngineCase> {
  const root = opts.persistent ? tmpDirPersistent() : tmpDir();
  const caseDir = path.join(root, 'case');
  const engine = createEngine({ home: path.join(root, 'home') });
  await buildClient(directTransport(engine)).call('case.create', { dir: caseDir, name });
  return wrap(root, caseDir, engine);
}

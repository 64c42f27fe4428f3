import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/errors';

/**
 * The script a worker thread starts from. Running from the TypeScript sources (CLI through
 * tsx, tests), it is `sourceEntry` (resolved against `callerUrl`), which registers tsx in
 * the new thread first. Bundled by electron-vite, it is the `<bundle>.js` entry in
 * out/main; the calling code sits there or in out/main/chunks.
 */
export function workerScript(callerUrl: string, sourceEntry: string, bundle: string): string | URL {
  const here = fileURLToPath(callerUrl);
  if (here.endsWith('.ts')) return new URL(sourceEntry, callerUrl);
  for (const dir of [path.dirname(here), path.dirname(path.dirname(here))]) {
    const built = path.join(dir, `${bundle}.js`);
    if (existsSync(built)) return built;
  }
  throw new AppError('internal', `Worker bundle ${bundle}.js missing beside ${here}`);
}

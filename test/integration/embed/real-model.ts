import os from 'node:os';
import path from 'node:path';
import { buildDefaultModel } from '../../../electron/engine/search/embed/build/build-model';

/**
 * The default model built once into a fixed temporary folder and reused while its stamp
 * matches (a rebuild takes ~10 s); tests never write into resources/.
 */
export function realModelDir(): string {
  const dir = path.join(os.tmpdir(), 'sealdesk-embed-test-model', 'sealdesk-glove-100d');
  buildDefaultModel({ outDir: dir });
  return dir;
}

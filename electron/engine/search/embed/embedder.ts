import { describeModel, type ModelInfo } from './models';

/** A loaded sentence-embedding model. */
export interface Embedder {
  id: string;
  name: string;
  /** Length of every vector embed() returns. */
  dims: number;
  /**
   * One unit-length vector per text, in order. Texts longer than MAX_TEXT_CHARS are cut.
   * An empty or whitespace-only text (or one the tokenizer reduces to nothing, such as
   * control characters) gets the model's "unknown" vector: the same for all such texts,
   * finite and unit-length, so callers never see NaN.
   */
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

/** Texts per model call: large enough to amortise the call, small enough to bound padding. */
export const BATCH_SIZE = 64;
/** Characters of a text that are embedded; log lines past this add little and cost a lot. */
export const MAX_TEXT_CHARS = 2000;

/**
 * Sealdesk is offline: transformers.js may read model files from disk only, never download,
 * never write a cache. fetch is replaced too, so a code path that ignores the flags fails
 * loudly instead of reaching the network.
 */
function lockDownTransformers(env: typeof import('@huggingface/transformers').env): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFS = true;
  env.useFSCache = false;
  env.useBrowserCache = false;
  env.useCustomCache = false;
  env.useWasmCache = false;
  env.fetch = (input: string | URL) => Promise.reject(new Error(`Sealdesk runs offline: refused to fetch ${String(input)}`));
}

function cut(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  // Do not split a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[MAX_TEXT_CHARS - 1] ?? '') ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS;
  return text.slice(0, end);
}

function isUnit(v: Float32Array): boolean {
  let sum = 0;
  for (const x of v) {
    if (!Number.isFinite(x)) return false;
    sum += x * x;
  }
  return Math.abs(Math.sqrt(sum) - 1) < 1e-3;
}

/**
 * Loads a model folder (from listModels, or a path) through transformers.js's
 * feature-extraction pipeline with mean pooling and normalisation. Fails with the folder
 * and the missing file named when the folder is incomplete, without any network attempt.
 */
export async function loadEmbedder(model: ModelInfo | string): Promise<Embedder> {
  const info = typeof model === 'string' ? await describeModel(model) : await describeModel(model.dir, model.source);
  // Loaded when a model is: the engine starts without the embedding runtime (about 50 MB).
  const { env, pipeline } = await import('@huggingface/transformers');
  lockDownTransformers(env);
  let extractor: Awaited<ReturnType<typeof pipeline<'feature-extraction'>>>;
  try {
    // An absolute path is not a Hub id, so transformers.js reads the files from the folder itself.
    extractor = await pipeline('feature-extraction', info.dir, { local_files_only: true, device: 'cpu', dtype: 'fp32' });
  } catch (err) {
    throw new Error(`Could not load embedding model from ${info.dir}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }

  const run = async (texts: string[]): Promise<Float32Array[]> => {
    const out = await extractor(texts, { pooling: 'mean', normalize: true });
    const [rows, dims] = out.dims as [number, number];
    const data = out.data as Float32Array;
    const vectors: Float32Array[] = [];
    for (let i = 0; i < rows; i++) vectors.push(data.slice(i * dims, (i + 1) * dims));
    return vectors;
  };

  // "[UNK]" is the unknown token of BERT-style tokenizers; for others it is just a short text.
  const probe = await run(['[UNK]']);
  const unknown = probe[0];
  if (!unknown || !isUnit(unknown)) throw new Error(`Embedding model ${info.dir} gives no usable vector (is it a feature-extraction model?)`);
  const dims = unknown.length;

  const embed = async (texts: string[]): Promise<Float32Array[]> => {
    const result: Float32Array[] = new Array<Float32Array>(texts.length);
    const pending: number[] = [];
    texts.forEach((t, i) => {
      if (t.trim() === '') result[i] = unknown.slice();
      else pending.push(i);
    });
    // Batches of similar length pad less; results go back to their original positions.
    pending.sort((a, b) => (texts[a]?.length ?? 0) - (texts[b]?.length ?? 0) || a - b);
    for (let at = 0; at < pending.length; at += BATCH_SIZE) {
      const slice = pending.slice(at, at + BATCH_SIZE);
      const vectors = await run(slice.map((i) => cut(texts[i] ?? '')));
      slice.forEach((i, k) => {
        const v = vectors[k];
        result[i] = v && isUnit(v) ? v : unknown.slice();
      });
    }
    return result;
  };

  return { id: info.id, name: info.name, dims, embed, dispose: () => extractor.dispose() };
}

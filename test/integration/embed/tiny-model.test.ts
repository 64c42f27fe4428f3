import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDefaultModel } from '../../../electron/engine/search/embed/build/build-model';
import { loadEmbedder, type Embedder } from '../../../electron/engine/search/embed';
import { tmpDir, tmpDirPersistent } from '../../helpers/tmp';
import { TINY_VOCAB, writeTinyGlove } from '../../unit/embed/tiny-glove';

const cos = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: Float32Array): number => Math.sqrt(cos(a, a));

let dir: string;
let embedder: Embedder;

beforeAll(async () => {
  const root = tmpDirPersistent();
  dir = path.join(root, 'tiny-model');
  buildDefaultModel({ outDir: dir, sourceFile: writeTinyGlove(root), vocab: TINY_VOCAB });
  embedder = await loadEmbedder(dir);
});

afterAll(async () => {
  await embedder?.dispose();
});

describe('a built model through the transformers.js feature-extraction pipeline', () => {
  it('reports its id and dimensions', () => {
    expect(embedder.dims).toBe(4);
    expect(embedder.id).toMatch(/^tiny-model@[0-9a-f]{12}$/);
  });

  it('gives a finite unit vector for every kind of text, including empty and junk', async () => {
    const texts = ['password', 'sshd segfault kworker 0x7fff passwd', '', '   \t\n', '...', '!!!', '12345', '\u0000\u0001', '😀😀', 'Ünïcödé ÀÉ', '東京', 'x'.repeat(10_000), 'word '.repeat(3000)];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(texts.length);
    vectors.forEach((v, i) => {
      expect(v, JSON.stringify(texts[i]).slice(0, 30)).toHaveLength(4);
      expect(v.every(Number.isFinite), JSON.stringify(texts[i]).slice(0, 30)).toBe(true);
      expect(norm(v)).toBeCloseTo(1, 4);
    });
  });

  it('embeds every empty text to the same vector, the one of an unknown symbol', async () => {
    const [empty, blank, control, emoji] = await embedder.embed(['', '  ', '\u0000', '😀']);
    expect([...blank!]).toEqual([...empty!]);
    expect([...control!]).toEqual([...empty!]);
    expect(cos(emoji!, empty!)).toBeCloseTo(1, 5);
  });

  it('words outside the vocabulary get subword meaning, not [UNK]', async () => {
    // "segfault" → seg + ##fault: should lean to the memory theme where "fault" lives.
    const [segfault, memory, network] = await embedder.embed(['segfault', 'memory', 'network']);
    expect(cos(segfault!, memory!)).toBeGreaterThan(cos(segfault!, network!));
  });

  it('ranks texts of the same theme above others', async () => {
    const [q, auth, disk] = await embedder.embed(['failed password for root', 'authentication login', 'disk quota space']);
    expect(cos(q!, auth!)).toBeGreaterThan(cos(q!, disk!));
  });

  it('does not depend on how texts are batched', async () => {
    const texts = Array.from({ length: 150 }, (_, i) => `connection timeout ${i} memory`);
    const all = await embedder.embed(texts);
    const one = await embedder.embed([texts[149]!]);
    expect(Array.from(all[149]!, (x) => x.toFixed(5))).toEqual(Array.from(one[0]!, (x) => x.toFixed(5)));
  });
});

describe('offline loading', () => {
  it('writes nothing: not into the model folder, not into a transformers.js cache', async () => {
    const before = readdirSync(dir, { recursive: true }).map(String).sort();
    const again = await loadEmbedder(dir);
    await again.embed(['hello disk']);
    await again.dispose();
    expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(before);
    const transformersDir = path.dirname(path.dirname(createRequire(import.meta.url).resolve('@huggingface/transformers')));
    expect(existsSync(path.join(transformersDir, '.cache'))).toBe(false);
  });

  it('a missing folder fails at once, naming it', async () => {
    const missing = path.join(tmpDir(), 'no-such-model');
    const started = Date.now();
    await expect(loadEmbedder(missing)).rejects.toThrow(`${missing} does not exist`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a Hub model id is not downloaded', async () => {
    await expect(loadEmbedder('Xenova/all-MiniLM-L6-v2')).rejects.toThrow(/does not exist/);
  });

  it('a folder without model.onnx names what is missing', async () => {
    const broken = path.join(tmpDir(), 'broken');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'config.json'), readFileSync(path.join(dir, 'config.json')));
    writeFileSync(path.join(broken, 'tokenizer.json'), readFileSync(path.join(dir, 'tokenizer.json')));
    await expect(loadEmbedder(broken)).rejects.toThrow(`${broken} is not usable: missing onnx/model.onnx`);
  });

  it('a corrupt model.onnx fails with the folder named, without trying the network', async () => {
    const broken = path.join(tmpDir(), 'corrupt');
    mkdirSync(path.join(broken, 'onnx'), { recursive: true });
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) writeFileSync(path.join(broken, f), readFileSync(path.join(dir, f)));
    writeFileSync(path.join(broken, 'onnx/model.onnx'), 'not a protobuf');
    const realFetch = globalThis.fetch;
    const asked: string[] = [];
    globalThis.fetch = (input: string | URL | Request) => {
      asked.push(String(input));
      return Promise.reject(new Error('network used in a test'));
    };
    try {
      await expect(loadEmbedder(broken)).rejects.toThrow(`Could not load embedding model from ${broken}`);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(asked).toEqual([]);
  });
});

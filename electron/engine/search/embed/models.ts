import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defaultResourcesDir } from '../../resources';

/** Files a folder needs to load through transformers.js's feature-extraction pipeline. */
export const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'onnx/model.onnx'] as const;

/** Where embedding models are looked for. */
export interface ModelFolders {
  /** Shipped with the app (resources/models). */
  bundled: string;
  /** The analyst's own models (<home>/models). */
  user: string;
}

/** An embedding model found on disk. */
export interface ModelInfo {
  /** `name@<12 hex>`: changes whenever model.onnx or tokenizer.json change, so stored vectors can be re-indexed. */
  id: string;
  /** The folder's name. */
  name: string;
  dir: string;
  source: 'bundled' | 'user';
}

/** The bundled models folder (under the app's resources) and `<home>/models`. */
export function defaultModelFolders(home: string, resources = defaultResourcesDir()): ModelFolders {
  return { bundled: path.join(resources, 'models'), user: path.join(home, 'models') };
}

/** Required files missing from a model folder (empty when it is complete). */
export async function missingModelFiles(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (const f of REQUIRED_FILES) {
    const st = await fs.promises.stat(path.join(dir, f)).catch(() => null);
    if (!st?.isFile()) missing.push(f);
  }
  return missing;
}

// Hashing a 40 MB model takes ~100 ms; remember it while sizes and mtimes stay the same.
const idCache = new Map<string, { key: string; hash: string }>();

async function contentHash(dir: string): Promise<string> {
  const files = ['onnx/model.onnx', 'tokenizer.json'].map((f) => path.join(dir, f));
  const stats = await Promise.all(files.map((f) => fs.promises.stat(f)));
  const key = stats.map((st) => `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`).join('|');
  const cached = idCache.get(dir);
  if (cached?.key === key) return cached.hash;
  const h = createHash('sha256');
  for (const f of files) {
    for await (const chunk of fs.createReadStream(f)) h.update(chunk as Buffer);
    h.update('\0');
  }
  const hash = h.digest('hex').slice(0, 12);
  idCache.set(dir, { key, hash });
  return hash;
}

/** Describes one model folder, or throws naming the folder and what is missing. */
export async function describeModel(dir: string, source: ModelInfo['source'] = 'user'): Promise<ModelInfo> {
  const abs = path.resolve(dir);
  const st = await fs.promises.stat(abs).catch(() => null);
  if (!st?.isDirectory()) throw new Error(`Embedding model folder ${abs} does not exist`);
  const missing = await missingModelFiles(abs);
  if (missing.length > 0) throw new Error(`Embedding model folder ${abs} is not usable: missing ${missing.join(', ')}`);
  const name = path.basename(abs);
  return { id: `${name}@${await contentHash(abs)}`, name, dir: abs, source };
}

/** Leftovers of a build or copy in progress (see scripts/build-default-model.ts), never models. */
const IN_PROGRESS = /\.(tmp|old)-/;

/**
 * Every complete model folder directly under the bundled and user folders, bundled first,
 * each sorted by name. Incomplete folders (an interrupted copy, a half-built model) and
 * folders that do not exist are skipped silently.
 */
export async function listModels(folders: ModelFolders): Promise<ModelInfo[]> {
  const out: ModelInfo[] = [];
  for (const source of ['bundled', 'user'] as const) {
    const entries = await fs.promises.readdir(folders[source], { withFileTypes: true }).catch(() => []);
    const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && !IN_PROGRESS.test(e.name)).map((e) => e.name).sort();
    for (const name of names) {
      const dir = path.join(folders[source], name);
      if ((await missingModelFiles(dir)).length > 0) continue;
      // A folder that vanishes or turns unreadable between the check and the hash counts as incomplete.
      const info = await describeModel(dir, source).catch(() => null);
      if (info) out.push(info);
    }
  }
  return out;
}

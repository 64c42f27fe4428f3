import path from 'node:path';
import { AppError } from '../../../../shared/errors';
import { defaultModelFolders, listModels, loadEmbedder, type Embedder, type ModelInfo } from '../embed/index';

/** The model a first index uses when the analyst names none. */
export const DEFAULT_MODEL = 'sealdesk-glove-100d';

/**
 * The engine's side of semantic search: which models are installed (bundled and in the
 * user's models folder), and one loaded embedder for query texts, kept while its model is
 * the one the open case's index was built with.
 */
export class SemanticRuntime {
  private loaded: { id: string; embedder: Promise<Embedder> } | null = null;

  constructor(
    private readonly resources: string,
    private readonly home: string,
  ) {}

  models(): Promise<ModelInfo[]> {
    return listModels(defaultModelFolders(this.home, this.resources));
  }

  async defaultModel(): Promise<ModelInfo | null> {
    const all = await this.models();
    return all.find((m) => m.name === DEFAULT_MODEL) ?? all[0] ?? null;
  }

  /** A model by name or id; the default when none is named. */
  async pick(nameOrId?: string): Promise<ModelInfo> {
    const all = await this.models();
    const m = nameOrId ? all.find((x) => x.id === nameOrId || x.name === nameOrId) : await this.defaultModel();
    if (!m) {
      const have = all.map((x) => x.name).join(', ') || 'none';
      throw new AppError(
        'not_found',
        nameOrId
          ? `No embedding model "${nameOrId}" is installed (installed: ${have}). Put a transformers.js model folder in ${path.join(this.home, 'models')}.`
          : `No embedding model is installed. Run \`npm run build:model\`, or put a transformers.js model folder in ${path.join(this.home, 'models')}.`,
      );
    }
    return m;
  }

  /** The embedder for query texts of an index built with `modelId`. */
  async embedderFor(modelId: string): Promise<Embedder> {
    if (this.loaded?.id === modelId) return this.loaded.embedder;
    const m = (await this.models()).find((x) => x.id === modelId);
    if (!m) {
      throw new AppError('conflict', `The semantic index was built with model ${modelId}, which is not installed now (or its files changed). Rebuild it with \`sealdesk index <case> --model NAME\`.`);
    }
    await this.close();
    const embedder = loadEmbedder(m);
    this.loaded = { id: modelId, embedder };
    embedder.catch(() => {
      if (this.loaded?.embedder === embedder) this.loaded = null;
    });
    return embedder;
  }

  async close(): Promise<void> {
    const l = this.loaded;
    this.loaded = null;
    if (l) await (await l.embedder.catch(() => null))?.dispose();
  }
}

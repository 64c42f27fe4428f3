import type { JobFn } from '../../jobs/types';
import { loadEmbedder, type ModelInfo } from '../embed/index';
import { SemanticStore } from './store';

export interface IndexJobInput {
  /** The model to embed with, as listed by listModels (folder and id). */
  model: ModelInfo;
}

export interface IndexResult {
  model: string;
  /** True when the index was made again from the start because the model changed. */
  rebuilt: boolean;
  eventsLinked: number;
  textsEmbedded: number;
  texts: number;
  indexedEvents: number;
  events: number;
  seconds: number;
}

/** Texts embedded and committed together: a cancelled run keeps every finished batch. */
const BATCH = 256;

/**
 * Builds or updates the semantic index: links new events to their distinct texts, then
 * embeds every text not embedded yet, batch by batch. Resumable: a cancelled or killed run
 * leaves whole batches, and the next run goes on from there. A model other than the one the
 * vectors were made with starts the vectors over.
 */
export const indexJob: JobFn<IndexJobInput, IndexResult> = async (input, ctx) => {
  const t0 = performance.now();
  const store = new SemanticStore(ctx.db);
  ctx.emit({ done: 0, total: 0, phase: `loading model ${input.model.name}` });
  const embedder = await loadEmbedder(input.model);
  try {
    const rebuilt = store.modelId !== embedder.id;
    if (rebuilt) store.resetFor(embedder.id, embedder.dims);
    const unlinked = store.unlinkedCount();
    const eventsLinked = store.linkNewEvents(ctx.signal, (n) => ctx.emit({ done: n, total: unlinked, phase: 'reading events', events: n }));
    const total = store.pendingCount();
    let textsEmbedded = 0;
    ctx.emit({ done: 0, total, phase: 'embedding texts' });
    for (;;) {
      ctx.signal.throwIfAborted();
      const batch = store.pending(BATCH);
      if (batch.length === 0) break;
      const vectors = await embedder.embed(batch.map((b) => b.text));
      store.storeVectors(batch.map((b, i) => ({ id: b.id, vector: vectors[i]! })));
      textsEmbedded += batch.length;
      ctx.emit({ done: textsEmbedded, total, phase: 'embedding texts' });
    }
    const state = store.state();
    return {
      model: embedder.id,
      rebuilt,
      eventsLinked,
      textsEmbedded,
      texts: state.texts,
      indexedEvents: state.indexedEvents,
      events: state.events,
      seconds: Math.round((performance.now() - t0) / 10) / 100,
    };
  } finally {
    await embedder.dispose();
  }
};

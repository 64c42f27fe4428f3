import { rankedSearch, similarEvents, splitRankedQuery, type RankedInput } from '../search/semantic/semantic-search';
import { SemanticStore } from '../search/semantic/store';
import type { IndexJobInput } from '../search/semantic/index.job';
import type { Engine } from '../engine';
import type { HandlerMap } from './types';

/** Starts an index run on the open case; the app calls it after each import too. */
export async function startIndex(engine: Engine, model?: string): Promise<string> {
  const c = engine.case;
  const job: IndexJobInput = { model: await engine.semantic.pick(model) };
  return engine.jobs.start('index', job, c.dir, () => engine.emit({ type: 'case.changed', path: c.dir }));
}

/**
 * The app keeps the index current: after an import it indexes the new events, when a model
 * is installed and no other index run is going on. Failures show in that job's own end.
 */
export async function indexAfterImport(engine: Engine): Promise<void> {
  try {
    const models = await engine.semantic.models();
    if (models.length === 0 || engine.jobs.running().some((j) => j.kind === 'index')) return;
    // Keep the case's model while it is installed; otherwise the default model starts it over.
    const recorded = new SemanticStore(engine.case.db).modelId;
    await startIndex(engine, models.some((m) => m.id === recorded) ? (recorded ?? undefined) : undefined);
  } catch (err) {
    console.warn(`sealdesk: the semantic index was not updated after the import: ${(err as Error).message}`);
  }
}

/** A semantic or hybrid search.query, the query embedded by the model the index was built with. */
export function rankedQuery(engine: Engine, input: RankedInput & { mode: 'semantic' | 'hybrid' }) {
  const db = engine.case.db;
  const modelId = new SemanticStore(db).modelId;
  return rankedSearch(db, input.mode, input, async (text) => {
    const embedder = await engine.semantic.embedderFor(modelId ?? '');
    return (await embedder.embed([text]))[0]!;
  });
}

export const semanticHandlers: HandlerMap<'event.similar' | 'index.start' | 'index.status'> = {
  'event.similar': (engine, input) => {
    const query = input.mode === 'text' ? input.query : splitRankedQuery(input.query).filter;
    return similarEvents(engine.case.db, input.id, { ...input, query });
  },
  'index.start': async (engine, input) => ({ jobId: await startIndex(engine, input.model) }),
  'index.status': async (engine) => {
    const models = await engine.semantic.models();
    return {
      ...new SemanticStore(engine.case.db).state(),
      models: models.map((m) => ({ id: m.id, name: m.name, source: m.source, dir: m.dir })),
      defaultModel: (await engine.semantic.defaultModel())?.name ?? null,
    };
  },
};

import { countEvents, getEvent, getStats, histogram, searchEvents } from '../search/search';
import { eventContext } from '../search/event-context';
import { templatesRepo } from '../db/repos/templates';
import { rankedQuery } from './semantic.handlers';
import type { HandlerMap } from './types';

export const searchHandlers: HandlerMap<'search.query' | 'search.count' | 'search.histogram' | 'stats.get' | 'templates.list' | 'event.get' | 'event.context'> = {
  'search.query': (engine, input) => (input.mode === 'text' ? searchEvents(engine.case.db, input) : rankedQuery(engine, { ...input, mode: input.mode })),
  'search.count': (engine, input) => ({ count: countEvents(engine.case.db, input) }),
  'search.histogram': (engine, input) => histogram(engine.case.db, input),
  'stats.get': (engine, input) => getStats(engine.case.db, input.top),
  'templates.list': (engine, input) => {
    const repo = templatesRepo(engine.case.db);
    return input.query.trim() || input.from || input.to ? repo.listMatching(input, input.order, input.limit) : repo.list(input.order, input.limit);
  },
  'event.get': (engine, input) => getEvent(engine.case.db, engine.case.dir, input.id),
  'event.context': (engine, input) => eventContext(engine.case.db, input.id, input.before, input.after),
};

import { countEvents, getEvent, getStats, histogram } from '../search/search';
import { eventContext } from '../search/event-context';
import type { HandlerMap } from './types';

export const searchHandlers: HandlerMap<'search.count' | 'search.histogram' | 'stats.get' | 'event.get' | 'event.context'> = {
  'search.count': (engine, input) => ({ count: countEvents(engine.case.db, input) }),
  'search.histogram': (engine, input) => histogram(engine.case.db, input),
  'stats.get': (engine, input) => getStats(engine.case.db, input.top),
  'event.get': (engine, input) => getEvent(engine.case.db, engine.case.dir, input.id),
  'event.context': (engine, input) => eventContext(engine.case.db, input.id, input.before, input.after),
};

import { annotationsRepo, searchesRepo } from '../db/repos/annotations';
import type { Engine } from '../engine';
import type { HandlerMap } from './types';

type AnnotationMethods =
  | 'annotation.get'
  | 'annotation.star'
  | 'annotation.tag'
  | 'annotation.note'
  | 'annotation.starred'
  | 'tag.list'
  | 'tag.color'
  | 'notebook.get'
  | 'notebook.save'
  | 'search.saved.list'
  | 'search.saved.save'
  | 'search.saved.delete'
  | 'search.history.add'
  | 'search.history.list';

const annotations = (engine: Engine) => annotationsRepo(engine.case.db, engine.actor());

export const annotationHandlers: HandlerMap<AnnotationMethods> = {
  'annotation.get': (engine, input) => annotations(engine).get(input.eventId),
  'annotation.star': (engine, input) => annotations(engine).star(input.eventId, input.starred),
  'annotation.tag': (engine, input) => annotations(engine).tag(input.eventId, input.tag, input.remove),
  'annotation.note': (engine, input) => annotations(engine).note(input.eventId, input.text),
  'annotation.starred': (engine, input) => annotations(engine).starred(input.offset, input.limit),
  'tag.list': (engine) => ({ tags: annotations(engine).tags() }),
  'tag.color': (engine, input) => annotations(engine).tagColor(input.name, input.color),
  'notebook.get': (engine) => annotations(engine).notebook(),
  'notebook.save': (engine, input) => annotations(engine).saveNotebook(input.text),
  'search.saved.list': (engine) => ({ searches: searchesRepo(engine.case.db).list() }),
  'search.saved.save': (engine, input) => searchesRepo(engine.case.db).save(input.name, input.query),
  'search.saved.delete': (engine, input) => ({ deleted: searchesRepo(engine.case.db).remove(input.id) }),
  'search.history.add': (engine, input) => {
    searchesRepo(engine.case.db).addHistory(input.query);
    return { ok: true as const };
  },
  'search.history.list': (engine, input) => ({ entries: searchesRepo(engine.case.db).history(input.limit) }),
};

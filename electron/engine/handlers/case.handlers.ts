import { FORMAT_IDS } from '../../../shared/model';
import { openSampleCase } from '../sample/sample-case';
import { APP_VERSION } from '../version';
import type { HandlerMap } from './types';

export const caseHandlers: HandlerMap<'app.info' | 'case.create' | 'case.open' | 'case.openSample' | 'case.info'> = {
  'app.info': (engine) => ({
    version: APP_VERSION,
    case: engine.caseOrNull ? engine.info(engine.caseOrNull) : null,
    formats: [...FORMAT_IDS],
  }),
  'case.create': (engine, input) => engine.info(engine.createCase(input.dir, input.name)),
  'case.open': (engine, input) => engine.info(engine.openCase(input.dir)),
  'case.openSample': async (engine) => engine.info(await openSampleCase(engine)),
  'case.info': (engine) => engine.info(),
};

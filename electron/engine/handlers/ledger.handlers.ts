import { ledgerRepo } from '../db/repos/ledger';
import { checkCase } from '../ledger/verify-case';
import { checkLedger } from '../ledger/verify-ledger';
import type { HandlerMap } from './types';

export const ledgerHandlers: HandlerMap<'ledger.list' | 'ledger.check' | 'case.check'> = {
  'ledger.list': (engine, input) => {
    const db = engine.case.db;
    const total = (db.prepare('SELECT count(*) AS n FROM ledger').get() as { n: number }).n;
    const entries = ledgerRepo(db)
      .list(input.offset, input.limit)
      .map(({ leaf_hash, ...e }) => ({ ...e, leafHash: leaf_hash }));
    return { entries, total };
  },
  'ledger.check': (engine) => checkLedger(engine.case.db),
  'case.check': (engine) => checkCase(engine.case.db, engine.case.dir),
};

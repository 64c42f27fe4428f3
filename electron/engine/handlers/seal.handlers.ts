import { AppError } from '../../../shared/errors';
import { ledgerRepo } from '../db/repos/ledger';
import { verifyBundle } from '../export/bundle/verify-bundle';
import { checkOut } from '../export/bundle/export';
import type { ExportJobInput } from '../export/bundle/export.job';
import { parseMaskPolicy } from '../export/mask';
import { hasIdentity, loadIdentity, unlockIdentity } from '../identity/identity';
import { issueTreeHead } from '../ledger/tree-head';
import { checkSealedCase } from '../ledger/verify-sealed';
import { APP_VERSION } from '../version';
import type { HandlerMap } from './types';

export const sealHandlers: HandlerMap<'identity.get' | 'case.verify' | 'export.start' | 'bundle.verify'> = {
  'identity.get': (engine) => {
    if (!hasIdentity(engine.home)) return null;
    const i = loadIdentity(engine.home);
    return { name: i.name, fingerprint: i.fingerprint, fingerprintDisplay: i.fingerprintDisplay, shortId: i.shortId, created: i.created };
  },

  'case.verify': async (engine, input) => {
    const c = engine.case;
    // Unlock first: a wrong passphrase should fail before minutes of checking.
    const signer = input.passphrase !== undefined ? unlockIdentity(engine.home, input.passphrase) : null;
    const check = await checkSealedCase(c.db, c.dir, c.meta.id, engine.home);
    // A case that was never sealed but is otherwise intact can be sealed now.
    const onlyUnsealed = check.problems.every((p) => p.kind === 'tree-head' && p.ref === '-');
    const entry = ledgerRepo(c.db).append({
      actor: engine.actor(),
      action: 'case.verify',
      subject: c.meta.id,
      details: { ok: check.ok, problems: check.problems.length, events: check.events, evidenceFiles: check.evidenceFiles, treeHeads: check.treeHeads },
    });
    let newTreeHead: { size: number; rootHash: string; timestamp: string } | null = null;
    if (signer && (check.ok || onlyUnsealed)) {
      const { head } = issueTreeHead(c.db, c.meta.id, signer);
      newTreeHead = { size: head.size, rootHash: head.rootHash, timestamp: head.timestamp };
      if (onlyUnsealed && !check.ok) {
        // Sealed now by this analyst: re-evaluate trust of the new head (own key: trusted).
        const again = await checkSealedCase(c.db, c.dir, c.meta.id, engine.home);
        return { ...again, recordedAs: entry.seq, newTreeHead };
      }
    }
    return { ...check, recordedAs: entry.seq, newTreeHead };
  },

  'export.start': (engine, input) => {
    const c = engine.case;
    if (engine.activeImports.size > 0) throw new AppError('conflict', 'An import is running; export when it has finished, so every exported event can be proven.');
    // Fail fast on a bad destination, a wrong passphrase or a malformed policy, before a worker starts.
    checkOut({ out: input.out, overwrite: input.overwrite });
    unlockIdentity(engine.home, input.passphrase);
    let mask: ExportJobInput['options']['mask'];
    if (input.mask !== undefined) {
      try {
        mask = parseMaskPolicy(input.mask);
      } catch (err) {
        throw new AppError('invalid_input', `Invalid masking policy: ${(err as Error).message}`);
      }
    }
    const job: ExportJobInput = {
      options: { out: input.out, query: input.query, starredOnly: input.starredOnly, mask, overwrite: input.overwrite, tableLimit: input.tableLimit },
      home: engine.home,
      passphrase: input.passphrase,
      caseId: c.meta.id,
      caseName: c.meta.name,
      actor: engine.actor(),
      tool: { name: 'sealdesk', version: APP_VERSION },
    };
    const jobId = engine.jobs.start('export', job, c.dir, () => engine.emit({ type: 'case.changed', path: c.dir }));
    return { jobId };
  },

  'bundle.verify': (engine, input) => verifyBundle(input.path, engine.home),
};

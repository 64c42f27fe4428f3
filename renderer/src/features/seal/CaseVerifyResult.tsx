import type { SealedCaseCheck } from '../../../../shared/model';
import { KeyValueList } from '../../components/KeyValueList';
import { count, utc } from '../../lib/format';
import { TRUST_TEXT } from './trust';

/** INTACT or FAILED, who signed the last tree head and whether that key is trusted, and every problem by name. */
export function CaseVerifyResult({ check }: { check: SealedCaseCheck }) {
  const trust = check.sealed ? TRUST_TEXT[check.sealed.trust] : null;
  return (
    <div className={`seal-result ${check.ok ? 'ok' : 'failed'}`} data-testid="verify-result" data-ok={check.ok}>
      <p className="verdict">
        <strong data-testid="verify-verdict">{check.ok ? 'INTACT' : 'FAILED'}</strong>{' '}
        <span className="muted">
          {count(check.events)} events, {count(check.evidenceFiles)} evidence files, {count(check.ledger.size)} ledger entries and{' '}
          {count(check.treeHeads)} signed tree {check.treeHeads === 1 ? 'head' : 'heads'} recomputed
        </span>
      </p>
      <KeyValueList
        items={[
          {
            key: 'Last tree head',
            value: check.sealed ? `size ${count(check.sealed.size)} · ${utc(check.sealed.timestamp)}` : 'none: the case was never sealed',
          },
          ...(check.sealed
            ? [
                { key: 'Root hash', value: check.sealed.rootHash, mono: true },
                {
                  key: 'Signed by',
                  value: (
                    <span data-testid="verify-signer">
                      {check.sealed.signer} <span className="mono muted">{check.sealed.keyid}</span>{' '}
                      <span className={trust!.good ? 'good' : 'bad'} data-testid="verify-trust" data-trust={check.sealed.trust}>
                        {trust!.label}
                      </span>
                    </span>
                  ),
                },
              ]
            : []),
          ...(check.newTreeHead
            ? [{ key: 'New tree head', value: `size ${count(check.newTreeHead.size)} · ${utc(check.newTreeHead.timestamp)} · ${check.newTreeHead.rootHash}` }]
            : []),
          ...(check.recordedAs !== null ? [{ key: 'Recorded as', value: `custody entry #${check.recordedAs}` }] : []),
        ]}
      />
      {trust && !trust.good && <p className="notice">{trust.help}</p>}
      {check.problems.length > 0 && (
        <>
          <h3>Problems ({count(check.problems.length)})</h3>
          <ul className="problems" data-testid="verify-problems">
            {check.problems.map((p, i) => (
              <li key={`${p.kind}-${p.ref}-${i}`}>
                <span className="problem-kind">{p.kind}</span> <span className="mono">{p.ref}</span>: {p.problem}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

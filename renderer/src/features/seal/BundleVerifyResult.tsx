import type { BundleCheckOutput } from '../../../../shared/model';
import { KeyValueList } from '../../components/KeyValueList';
import { count, plural, utc } from '../../lib/format';
import { TRUST_TEXT } from './trust';

/** A bundle check: intact or not, who signed it and whether that key is trusted, what was checked, each problem. */
export function BundleVerifyResult({ path, check }: { path: string; check: BundleCheckOutput }) {
  const trust = TRUST_TEXT[check.signer.trust];
  // Intact bytes signed by a key nobody vouches for is not a verified bundle.
  const verified = check.ok && trust.good;
  const c = check.checked;
  return (
    <div className={`seal-result ${verified ? 'ok' : 'failed'}`} data-testid="bundle-result" data-ok={check.ok} data-trust={check.signer.trust}>
      <p className="verdict">
        <strong data-testid="bundle-verdict">{check.ok ? 'INTACT' : 'FAILED'}</strong>{' '}
        <span className="mono muted small">{path}</span>
      </p>
      <KeyValueList
        items={[
          {
            key: 'Signed by',
            value: (
              <span data-testid="bundle-signer">
                {check.signer.name ?? 'unnamed signer'} {check.signer.keyid && <span className="mono muted">{check.signer.keyid}</span>}{' '}
                <span className={trust.good ? 'good' : 'bad'} data-testid="bundle-trust">
                  {trust.label}
                </span>
              </span>
            ),
          },
          {
            key: 'Tree head',
            value: check.treeHead ? `size ${count(check.treeHead.size)} · ${utc(check.treeHead.timestamp)} · ${check.treeHead.rootHash}` : 'none',
          },
          {
            key: 'Checked',
            value: (
              <span data-testid="bundle-checked">
                {plural(c.files, 'file')}, {plural(c.ledgerEntries, 'ledger entry', 'ledger entries')}, {plural(c.events, 'event')},{' '}
                {plural(c.eventProofs, 'event proof')}, {plural(c.earlierHeads, 'earlier head')}, report {c.report ? 'checked' : 'not checked'}
              </span>
            ),
          },
        ]}
      />
      {!trust.good && <p className="notice">{trust.help}</p>}
      {check.problems.length > 0 && (
        <>
          <h3>Problems ({count(check.problems.length)})</h3>
          <ul className="problems" data-testid="bundle-problems">
            {check.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

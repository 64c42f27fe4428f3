import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../lib/errors';

type Runs = MethodOutput<'policy.runs'>;

/**
 * Every policy audit of the case, newest first: the verdict and the violations by severity,
 * so an auditor sees whether isolation improved from one run to the next.
 */
export function PolicyHistory({ version }: { version: number }) {
  const client = useClient();
  const [runs, setRuns] = useState<Runs | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.call('policy.runs', { limit: 20 }).then(
      (r) => live && setRuns(r),
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [client, version]);

  if (error) return <ErrorMessage text={error} />;
  if (!runs || runs.length === 0) return null;
  return (
    <details className="policy-history" data-testid="policy-history" open>
      <summary>Policy audits ({runs.length})</summary>
      <table className="small">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Policy</th>
            <th>Verdict</th>
            <th>Critical</th>
            <th>Warning</th>
            <th>Info</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} data-testid="policy-run" data-verdict={r.verdict} title={r.summary}>
              <td className="mono">{r.createdAt.replace('T', ' ').slice(0, 19)}</td>
              <td>{r.policy}</td>
              <td>{r.verdict === 'isolated' ? 'isolated' : 'violations'}</td>
              <td>{r.critical}</td>
              <td>{r.warning}</td>
              <td>{r.info}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

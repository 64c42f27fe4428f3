import { useEffect, useState } from 'react';
import type { LedgerEntry } from '../../../../shared/model';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../lib/use-action';

const PAGE = 200;

/** The details of an entry as short `key=value` text (rendered as text, never markup). */
function summary(details: string): string {
  try {
    const d = JSON.parse(details) as Record<string, unknown>;
    return Object.entries(d)
      .filter(([, v]) => v !== null && typeof v !== 'object')
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
  } catch {
    return details;
  }
}

/**
 * The custody log: every action on the case, in order (intake, imports, work on events,
 * exports, verifications). Each row is a leaf of the ledger's Merkle tree; its hash is shown.
 */
export function CustodyLog({ refreshKey }: { refreshKey: number }) {
  const client = useClient();
  const action = useAction();
  const [entries, setEntries] = useState<LedgerEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    void action.run(async () => {
      const r = await client.call('ledger.list', { offset, limit: PAGE });
      setEntries(r.entries);
      setTotal(r.total);
    });
  }, [client, offset, refreshKey]);

  return (
    <div className="custody-log" data-testid="custody-log">
      <div className="panel-head">
        <h3>Custody log</h3>
        <span className="muted small">
          {total} entries{total > PAGE ? `, showing ${offset + 1}–${Math.min(total, offset + PAGE)}` : ''}
        </span>
        <span className="spacer" />
        <button type="button" className="secondary small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Earlier
        </button>
        <button type="button" className="secondary small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          Later
        </button>
      </div>
      <ErrorMessage text={action.error} testId="custody-error" />
      <table className="custody-table">
        <thead>
          <tr>
            <th>#</th>
            <th>When (UTC)</th>
            <th>Who</th>
            <th>Action</th>
            <th>Subject</th>
            <th>Details</th>
            <th>Leaf hash</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} data-testid="custody-entry">
              <td className="num">{e.seq}</td>
              <td className="mono">{e.at.replace('T', ' ').replace('Z', '')}</td>
              <td>{e.actor}</td>
              <td className="mono">{e.action}</td>
              <td className="mono clip" title={e.subject ?? ''}>
                {e.subject ?? ''}
              </td>
              <td className="clip" title={summary(e.details)}>
                {summary(e.details)}
              </td>
              <td className="mono clip" title={e.leafHash}>
                {e.leafHash.slice(0, 16)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { Stats } from '../../../../shared/model';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../lib/errors';
import { count } from '../../lib/format';
import { baseName } from '../events/columns';

interface Props {
  /** Changes when the case's events change (imports). */
  refreshKey: number;
  top: number;
  onFilter: (field: string, value: string) => void;
  onStats?: (stats: Stats) => void;
}

interface Group {
  id: string;
  title: string;
  field: string;
  rows: { value: string; label?: string; count: number }[];
}

function groups(s: Stats): Group[] {
  return [
    { id: 'source', title: 'Sources', field: 'source', rows: s.bySource.map((r) => ({ value: r.file, label: baseName(r.file), count: r.count })) },
    { id: 'host', title: 'Hosts', field: 'host', rows: s.byHost },
    { id: 'user', title: 'Users', field: 'user', rows: s.byUser },
    { id: 'action', title: 'Actions', field: 'action', rows: s.byAction },
    { id: 'format', title: 'Formats', field: 'format', rows: s.byFormat },
  ];
}

/** Top values per field over the whole case; a click narrows the search to that value. */
export function StatsPanel({ refreshKey, top, onFilter, onStats }: Props) {
  const client = useClient();
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    client.call('stats.get', { top }).then(
      (s) => {
        if (!current) return;
        setStats(s);
        onStats?.(s);
      },
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
    // onStats is a notification only
  }, [client, refreshKey, top]);

  if (error) return <ErrorMessage text={error} />;
  if (!stats) return <p className="muted small">Counting…</p>;
  if (stats.events === 0) return <p className="muted small">No events yet: import evidence to see who and what is in it.</p>;
  return (
    <div className="stats" data-testid="stats">
      <p className="muted small">
        {count(stats.events)} events{stats.withoutTime > 0 && `, ${count(stats.withoutTime)} without a time`}
      </p>
      {groups(stats).map((g) => (
        <StatGroup key={g.id} group={g} total={stats.events} onFilter={onFilter} />
      ))}
    </div>
  );
}

function StatGroup({ group, total, onFilter }: { group: Group; total: number; onFilter: Props['onFilter'] }) {
  if (group.rows.length === 0) return null;
  return (
    <div className="stat-group" data-testid={`stats-${group.id}`}>
      <h3>{group.title}</h3>
      <ul>
        {group.rows.map((r) => (
          <li key={r.value}>
            <button type="button" className="stat-row" onClick={() => onFilter(group.field, r.value)} title={`Filter: ${group.field} is ${r.value}`}>
              <span className="stat-bar" style={{ width: `${Math.max(1, (r.count / total) * 100)}%` }} aria-hidden="true" />
              <span className="stat-value">{(r.label ?? r.value) || '(empty)'}</span>
              <span className="stat-count">{count(r.count)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

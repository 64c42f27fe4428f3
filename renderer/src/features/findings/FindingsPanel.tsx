import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Finding } from '../../../../shared/schemas';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../lib/errors';
import { count } from '../../lib/format';
import { JobProgress } from '../seal/JobProgress';
import { useJob } from '../../lib/use-job';
import { DetectSummary } from './DetectSummary';
import { CelRules } from './CelRules';
import { FindingCard } from './FindingCard';
import { PolicyHistory } from './PolicyHistory';
import { idQuery } from './id-query';
import { FINDING_SEVERITIES } from './severity';

interface Props {
  /** Show these events in the list (a search selecting them by id). */
  onShowEvents: (query: string) => void;
}

/**
 * Detection with Sigma rules (bundled, plus a folder of the analyst's own), an optional
 * access-isolation policy and anomaly scoring, and the findings, with the analyst's verdict on each.
 */
export function FindingsPanel({ onShowEvents }: Props) {
  const client = useClient();
  const { job, start, cancel } = useJob('detect');
  const [rulesPath, setRulesPath] = useState('');
  const [policyPath, setPolicyPath] = useState('');
  const [anomaly, setAnomaly] = useState(false);
  const [severity, setSeverity] = useState('');
  const [list, setList] = useState<{ findings: Finding[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ id: number; shown: number; total: number } | null>(null);
  const [version, setVersion] = useState(0);
  const busy = job.state === 'starting' || job.state === 'running';

  useEffect(() => {
    let current = true;
    client.call('finding.list', { severity: severity || undefined, offset: 0, limit: 500 }).then(
      (r) => {
        if (!current) return;
        setList(r);
        setError(null);
      },
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [client, severity, version]);

  // A finished run has new findings: list them.
  const doneRun = job.state === 'finished' && job.status === 'done';
  useEffect(() => {
    if (doneRun) setVersion((v) => v + 1);
  }, [doneRun]);

  const run = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const rules = rulesPath.trim() ? [rulesPath.trim()] : [];
    const policies = policyPath.trim() ? [policyPath.trim()] : [];
    void start(() => client.call('detect.start', { rules, bundled: true, anomaly, policies }));
  };

  const changed = useCallback((f: Finding) => {
    setList((l) => (l ? { ...l, findings: l.findings.map((x) => (x.id === f.id ? f : x)) } : l));
  }, []);

  const showEvents = useCallback(
    async (f: Finding) => {
      const full = await client.call('finding.get', { id: f.id });
      const q = idQuery(full.eventIds);
      setShown({ id: f.id, shown: q.shown, total: q.total });
      if (q.query) onShowEvents(q.query);
    },
    [client, onShowEvents],
  );

  return (
    <div className="findings" data-testid="findings">
      <form className="detect-form" onSubmit={run}>
        <label>
          Extra rules folder or file (optional; the bundled rules always run)
          <input name="rules" value={rulesPath} onChange={(e) => setRulesPath(e.target.value)} spellCheck={false} className="mono" placeholder="/rules/sigma" />
        </label>
        <label>
          Access-isolation policy (optional YAML file)
          <input name="policy" value={policyPath} onChange={(e) => setPolicyPath(e.target.value)} spellCheck={false} className="mono" placeholder="/audit/isolation.yml" data-testid="policy-path" />
        </label>
        <div className="detect-actions">
          <label className="inline">
            <input type="checkbox" checked={anomaly} onChange={(e) => setAnomaly(e.target.checked)} data-testid="detect-anomaly" />
            Score anomalies (per user, host and address, hourly)
          </label>
          <button type="submit" disabled={busy} data-testid="detect-run">
            {job.state === 'starting' ? 'Starting…' : 'Run detection'}
          </button>
        </div>
      </form>
      {job.state === 'running' && (
        <JobProgress testId="detect-progress" progress={job.progress} unit="events" cancelling={job.cancelling} cancelError={job.cancelError} onCancel={() => void cancel()} />
      )}
      {job.state === 'finished' && (
        <>
          <ErrorMessage text={job.error} testId="detect-error" />
          {job.status === 'cancelled' && <p className="notice">Detection cancelled: no findings were stored from that run.</p>}
          {job.status === 'done' && <DetectSummary result={job.result} />}
        </>
      )}
      <CelRules onChanged={() => setVersion((v) => v + 1)} />
      <PolicyHistory version={version} />
      <div className="findings-bar">
        <label className="inline">
          Severity
          <select value={severity} onChange={(e) => setSeverity(e.target.value)} data-testid="findings-severity" aria-label="Severity filter">
            <option value="">all</option>
            {FINDING_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small" data-testid="findings-total" data-ready={list !== null}>
          {list ? `${count(list.total)} ${list.total === 1 ? 'finding' : 'findings'}` : '…'}
        </span>
      </div>
      <ErrorMessage text={error} testId="findings-error" />
      {shown && shown.shown < shown.total && (
        <p className="notice" data-testid="findings-shown-partial">
          Finding #{shown.id} links {count(shown.total)} events; the list shows the first {count(shown.shown)} of them (by id), as many as one search can
          name.
        </p>
      )}
      {list && list.findings.length === 0 && (
        <p className="muted" data-testid="findings-empty">
          {severity ? `No ${severity} findings.` : 'No findings yet. Run detection to check the case against the rules.'}
        </p>
      )}
      {list && list.findings.length > 0 && (
        <ul className="finding-list">
          {list.findings.map((f) => (
            <FindingCard
              key={`${f.id}-${f.status}-${f.note ?? ''}`}
              finding={f}
              showing={shown?.id === f.id}
              onChanged={changed}
              onShowEvents={showEvents}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

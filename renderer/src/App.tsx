import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../shared/api';
import type { CaseInfo } from '../../shared/model';
import { useAppEvents, useClient } from './api/ClientContext';
import { ErrorMessage } from './components/ErrorMessage';
import { CaseBar } from './features/case/CaseBar';
import { CaseForms } from './features/case/CaseForms';
import { rememberCase } from './features/case/recent-cases';
import { Workspace } from './Workspace';
import { errorText } from './lib/errors';
import { useTheme } from './lib/theme';

type AppInfo = MethodOutput<'app.info'>;

export function App() {
  const client = useClient();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [switching, setSwitching] = useState(false);
  const { theme, cycle } = useTheme();

  const refresh = useCallback(async () => {
    try {
      setInfo(await client.call('app.info'));
      setLoadError(null);
    } catch (err) {
      setLoadError(errorText(err));
    }
  }, [client]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The event count in the case bar follows imports, including ones started elsewhere (CLI).
  useAppEvents((event) => {
    if (event.type === 'case.changed' || (event.type === 'job.finished' && event.kind === 'import')) void refresh();
  });

  const opened = (c: CaseInfo) => {
    rememberCase(c);
    setInfo((i) => (i ? { ...i, case: c } : i));
    setSwitching(false);
  };

  const current = info?.case ?? null;
  // A case opened from the command line (sealdesk web <case>) is remembered as well.
  const currentPath = current?.path;
  useEffect(() => {
    if (current) rememberCase(current);
  }, [currentPath]); // only when another case is open
  return (
    <div className={current && !switching ? 'app app-case' : 'app'}>
      <CaseBar
        caseInfo={current}
        version={info?.version ?? null}
        switching={switching}
        onSwitch={() => setSwitching((s) => !s)}
        theme={theme}
        onTheme={cycle}
      />
      <main>
        <ErrorMessage text={loadError} testId="load-error" />
        {!info && !loadError && <p className="muted center">Connecting…</p>}
        {info && !current && (
          <section className="empty-state" data-testid="empty-state">
            <h1>No case is open</h1>
            <p>
              Open a case folder you already have, create a new case for fresh evidence, or open the sample case to look around.
              Once a case is open you can import evidence and search it.
            </p>
            <CaseForms onOpened={opened} />
          </section>
        )}
        {current && switching && (
          <section className="switch-case">
            <CaseForms onOpened={opened} />
          </section>
        )}
        {current && info && !switching && <Workspace key={current.path} caseInfo={current} formats={info.formats} onCaseChanged={() => void refresh()} />}
      </main>
    </div>
  );
}

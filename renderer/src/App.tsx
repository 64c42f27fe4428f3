import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../shared/api';
import type { CaseInfo } from '../../shared/model';
import { useAppEvents, useClient } from './api/ClientContext';
import { ErrorMessage } from './components/ErrorMessage';
import { CaseBar } from './features/case/CaseBar';
import { CaseForms } from './features/case/CaseForms';
import { Workspace } from './Workspace';
import { errorText } from './lib/errors';

type AppInfo = MethodOutput<'app.info'>;

export function App() {
  const client = useClient();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [switching, setSwitching] = useState(false);

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
    setInfo((i) => (i ? { ...i, case: c } : i));
    setSwitching(false);
  };

  const current = info?.case ?? null;
  return (
    <div className="app">
      <CaseBar caseInfo={current} version={info?.version ?? null} switching={switching} onSwitch={() => setSwitching((s) => !s)} />
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
        {current && info && <Workspace key={current.path} formats={info.formats} />}
      </main>
    </div>
  );
}

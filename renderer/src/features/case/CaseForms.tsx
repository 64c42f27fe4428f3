import { useState, type FormEvent } from 'react';
import type { CaseInfo } from '../../../../shared/model';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../lib/use-action';
import { forgetCase, loadRecent, type RecentCase } from './recent-cases';

interface Props {
  onOpened: (info: CaseInfo) => void;
}

/** The three ways into a case: open a folder, create one, or try the bundled sample. */
export function CaseForms({ onOpened }: Props) {
  return (
    <div className="case-forms">
      <RecentCases onOpened={onOpened} />
      <OpenCaseForm onOpened={onOpened} />
      <CreateCaseForm onOpened={onOpened} />
      <SampleCaseCard onOpened={onOpened} />
    </div>
  );
}

function OpenCaseForm({ onOpened }: Props) {
  const client = useClient();
  const [dir, setDir] = useState('');
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => onOpened(await client.call('case.open', { dir: dir.trim() })));
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="open-case-title">
      <h2 id="open-case-title">Open case</h2>
      <p className="hint">An existing case folder (it holds case.json and case.sqlite).</p>
      <label>
        Case folder
        <input name="dir" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/cases/acme-2024" required spellCheck={false} />
      </label>
      <button type="submit" disabled={busy || !dir.trim()}>
        {busy ? 'Opening…' : 'Open'}
      </button>
      <ErrorMessage text={error} />
    </form>
  );
}

function CreateCaseForm({ onOpened }: Props) {
  const client = useClient();
  const [dir, setDir] = useState('');
  const [name, setName] = useState('');
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = name.trim() ? { dir: dir.trim(), name: name.trim() } : { dir: dir.trim() };
    void run(async () => onOpened(await client.call('case.create', input)));
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="create-case-title">
      <h2 id="create-case-title">Create case</h2>
      <p className="hint">A new or empty folder; evidence copies and the database go there.</p>
      <label>
        New case folder
        <input name="dir" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/cases/new-case" required spellCheck={false} />
      </label>
      <label>
        <span>
          Name <span className="muted">(optional)</span>
        </span>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Defaults to the folder name" />
      </label>
      <button type="submit" disabled={busy || !dir.trim()}>
        {busy ? 'Creating…' : 'Create'}
      </button>
      <ErrorMessage text={error} />
    </form>
  );
}

function SampleCaseCard({ onOpened }: Props) {
  const client = useClient();
  const { busy, error, run } = useAction();
  return (
    <div className="card" aria-labelledby="sample-case-title">
      <h2 id="sample-case-title">Sample case</h2>
      <p className="hint">A small case with sample logs already imported, to look around before using real evidence.</p>
      <button type="button" disabled={busy} onClick={() => void run(async () => onOpened(await client.call('case.openSample')))}>
        {busy ? 'Opening…' : 'Open sample case'}
      </button>
      <ErrorMessage text={error} />
    </div>
  );
}

function RecentCases({ onOpened }: Props) {
  const client = useClient();
  const [recent, setRecent] = useState<RecentCase[]>(loadRecent);
  const { busy, error, run } = useAction();
  if (recent.length === 0) return null;
  return (
    <div className="card recent" aria-labelledby="recent-title" data-testid="recent-cases">
      <h2 id="recent-title">Recent cases</h2>
      <ul className="mini-list">
        {recent.map((r) => (
          <li key={r.path} className="with-action">
            <button type="button" className="mini-row" disabled={busy} onClick={() => void run(async () => onOpened(await client.call('case.open', { dir: r.path })))} title={r.path}>
              <span className="mini-name">{r.name}</span>
              <span className="mono muted mini-msg">{r.path}</span>
            </button>
            <button type="button" className="chip-x" onClick={() => setRecent(forgetCase(r.path))} aria-label={`Forget ${r.name}`}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage text={error} />
    </div>
  );
}

import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../lib/errors';
import { utc } from '../../lib/format';

// The markdown renderer is a large part of the bundle: load it when the notebook is read.
const NotebookMarkdown = lazy(() => import('./NotebookMarkdown').then((m) => ({ default: m.NotebookMarkdown })));
import { eventReference, queryReference, type Reference } from './references';

interface Props {
  selectedId: number | null;
  query: string;
  onReference: (ref: Reference) => void;
}

/**
 * The investigation narrative in markdown, stored in the case (each save is a revision).
 * References to events and searches are inserted with a click and render as links.
 */
export function Notebook({ selectedId, query, onReference }: Props) {
  const client = useClient();
  const [text, setText] = useState('');
  const [saved, setSaved] = useState<{ text: string; updatedAt: string | null } | null>(null);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    let current = true;
    client.call('notebook.get').then(
      (nb) => {
        if (!current) return;
        setSaved(nb);
        setText(nb.text);
        setEditing(nb.text === '');
      },
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [client]);

  const dirty = saved !== null && text !== saved.text;

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const nb = await client.call('notebook.save', { text });
      setSaved(nb);
      setEditing(false);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const insert = (snippet: string) => {
    const el = area.current;
    const at = el ? el.selectionStart : text.length;
    const next = `${text.slice(0, at)}${snippet}${text.slice(at)}`;
    setText(next);
    setEditing(true);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(at + snippet.length, at + snippet.length);
    });
  };

  return (
    <section className="notebook" data-testid="notebook" aria-label="Investigation notebook">
      <div className="notebook-bar">
        <div className="btn-group" role="tablist">
          <button type="button" role="tab" aria-selected={editing} className={editing ? 'small' : 'secondary small'} onClick={() => setEditing(true)}>
            Write
          </button>
          <button type="button" role="tab" aria-selected={!editing} className={!editing ? 'small' : 'secondary small'} onClick={() => setEditing(false)} data-testid="notebook-preview">
            Read
          </button>
        </div>
        <button type="button" className="secondary small" disabled={selectedId === null} onClick={() => selectedId !== null && insert(eventReference(selectedId))} title="Insert a link to the open event">
          + event
        </button>
        <button type="button" className="secondary small" onClick={() => insert(queryReference(query))} title="Insert a link to the current search">
          + search
        </button>
        <span className="spacer" />
        <span className="muted small" data-testid="notebook-status">
          {dirty ? 'Unsaved changes' : saved?.updatedAt ? `Saved ${utc(saved.updatedAt).slice(0, 19)}` : ''}
        </span>
        <button type="button" className="small" disabled={!dirty || busy} onClick={() => void save()} data-testid="notebook-save">
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
      <ErrorMessage text={error} />
      {editing ? (
        <textarea
          ref={area}
          className="notebook-text"
          data-testid="notebook-input"
          aria-label="Notebook text (markdown)"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              if (dirty) void save();
            } else if (e.key === 'Escape') e.currentTarget.blur();
          }}
          placeholder={'# Findings\n\nWrite what happened, in markdown. Link evidence with + event and + search:\n[the first failed login](event:42) … [all failed logins](search:3)'}
          spellCheck
        />
      ) : text.trim() ? (
        <Suspense fallback={<p className="muted">Rendering…</p>}>
          <NotebookMarkdown text={text} onReference={onReference} />
        </Suspense>
      ) : (
        <p className="muted">The notebook is empty. Choose Write to start the narrative of this investigation.</p>
      )}
    </section>
  );
}

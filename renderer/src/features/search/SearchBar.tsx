import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { QueryError, type QuerySyntaxError } from './QueryError';
import { SyntaxHelp } from './SyntaxHelp';
import { fieldPrefixAt, QUERY_FIELDS } from './query-text';
import type { SearchMode } from '../events/use-event-pages';

const MODE_HELP: Record<SearchMode, string> = {
  text: 'Every word must match; oldest first',
  semantic: 'Ranked by closeness in meaning to your words; field filters still apply',
  hybrid: 'Meaning and keywords together (weighted sum of both scores)',
};

interface Props {
  /** The query in force (what the list and timeline show). */
  query: string;
  onSubmit: (query: string) => void;
  onSave: (name: string, query: string) => Promise<void>;
  syntax: QuerySyntaxError | null;
  busy: boolean;
  inputRef: React.RefObject<HTMLInputElement | null>;
  mode: SearchMode;
  onMode: (mode: SearchMode) => void;
}

interface Completion {
  start: number;
  options: { name: string; help: string }[];
}

/**
 * The query box: field-name completion as you type (Tab or Enter takes it), inline syntax
 * help, the parser's error marked where it is in the query, and saving the query by name.
 */
export function SearchBar({ query, onSubmit, onSave, syntax, busy, inputRef, mode, onMode }: Props) {
  const [text, setText] = useState(query);
  const [completion, setCompletion] = useState<Completion | null>(null);
  const [active, setActive] = useState(0);
  const [help, setHelp] = useState(false);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const applied = useRef(query);

  // A query set from elsewhere (stats, saved search, notebook link) replaces the text.
  useEffect(() => {
    if (query !== applied.current) {
      applied.current = query;
      setText(query);
    }
  }, [query]);

  const complete = (value: string, caret: number) => {
    const at = fieldPrefixAt(value, caret);
    if (!at) return setCompletion(null);
    const options = QUERY_FIELDS.filter((f) => f.name.startsWith(at.prefix) && f.name !== at.prefix);
    setCompletion(options.length > 0 ? { start: at.start, options } : null);
    setActive(0);
  };

  const accept = (fieldName: string) => {
    const input = inputRef.current;
    if (!input || !completion) return;
    const caret = input.selectionStart ?? text.length;
    const next = `${text.slice(0, completion.start)}${fieldName}:${text.slice(caret)}`;
    setText(next);
    setCompletion(null);
    const pos = completion.start + fieldName.length + 1;
    requestAnimationFrame(() => input.setSelectionRange(pos, pos));
  };

  const submit = () => {
    setCompletion(null);
    applied.current = text.trim();
    onSubmit(text.trim());
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (completion) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = completion.options.length;
        setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
        return;
      }
      if (e.key === 'Tab') {
        e.preventDefault();
        accept(completion.options[active]!.name);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setCompletion(null);
        return;
      }
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape') {
      inputRef.current?.blur();
    }
  };

  const save = async () => {
    setSaveError(null);
    try {
      await onSave(name.trim(), text.trim());
      setSaving(false);
      setName('');
    } catch (err) {
      setSaveError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="search-bar">
      <form
        className="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="search-box">
          <input
            ref={inputRef}
            data-testid="search-input"
            aria-label="Query"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              complete(e.target.value, e.target.selectionStart ?? e.target.value.length);
            }}
            onKeyDown={onKey}
            onBlur={() => setCompletion(null)}
            placeholder={mode === 'text' ? 'Search: "Failed password" AND user:root   (press / to focus)' : 'Describe it: someone guessing passwords   host:web-01'}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={syntax !== null}
            aria-autocomplete="list"
            aria-expanded={completion !== null}
            aria-controls="field-completion"
          />
          {completion && (
            <ul className="completion" id="field-completion" role="listbox" data-testid="field-completion">
              {completion.options.map((o, i) => (
                <li
                  key={o.name}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'active' : undefined}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    accept(o.name);
                  }}
                >
                  <span className="mono">{o.name}:</span> <span className="muted">{o.help}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <select aria-label="Search mode" data-testid="search-mode" value={mode} title={MODE_HELP[mode]} onChange={(e) => onMode(e.target.value as SearchMode)}>
          <option value="text">Text</option>
          <option value="semantic">Semantic</option>
          <option value="hybrid">Hybrid</option>
        </select>
        <button type="submit" disabled={busy}>
          Search
        </button>
        <button type="button" className="secondary" onClick={() => setSaving((s) => !s)} aria-expanded={saving}>
          Save…
        </button>
        <button type="button" className="secondary" onClick={() => setHelp((h) => !h)} aria-expanded={help} title="Query syntax">
          ?
        </button>
      </form>
      {saving && (
        <form
          className="save-search"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input aria-label="Name for this search" placeholder="Name for this search" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <button type="submit" disabled={!name.trim()}>
            Save search
          </button>
          {saveError && <span className="error inline-error">{saveError}</span>}
        </form>
      )}
      {syntax && <QueryError error={syntax} />}
      {help && <SyntaxHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

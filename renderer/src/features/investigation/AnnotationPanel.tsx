import { useState, type RefObject } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { utc } from '../../lib/format';
import { TagChip } from './TagChip';
import type { useAnnotation } from './use-annotation';

interface Props {
  state: ReturnType<typeof useAnnotation>;
  tagRef: RefObject<HTMLInputElement | null>;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  knownTags: string[];
}

/** Tags and notes on the open event. Notes are append-only, like the rest of the record. */
export function AnnotationPanel({ state, tagRef, noteRef, knownTags }: Props) {
  const { annotation, error, tag, note } = state;
  const [tagText, setTagText] = useState('');
  const [noteText, setNoteText] = useState('');
  const [busy, setBusy] = useState(false);

  const addTag = async () => {
    const t = tagText.trim();
    if (!t) return;
    setBusy(true);
    if (await tag(t)) setTagText('');
    setBusy(false);
  };
  const addNote = async () => {
    if (!noteText.trim()) return;
    setBusy(true);
    if (await note(noteText)) setNoteText('');
    setBusy(false);
  };

  return (
    <div className="annotations" data-testid="annotations">
      <div className="tag-row">
        {annotation?.tags.map((t) => (
          <TagChip key={t.name} name={t.name} color={t.color} onRemove={() => void tag(t.name, true)} />
        ))}
        <form
          className="tag-form"
          onSubmit={(e) => {
            e.preventDefault();
            void addTag();
          }}
        >
          <input
            ref={tagRef}
            data-testid="tag-input"
            aria-label="Add a tag"
            placeholder="+ tag (t)"
            list="known-tags"
            value={tagText}
            onChange={(e) => setTagText(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
            disabled={busy || !annotation}
            maxLength={64}
          />
          <datalist id="known-tags">
            {knownTags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </form>
      </div>
      {annotation && annotation.notes.length > 0 && (
        <ol className="notes" data-testid="notes">
          {annotation.notes.map((n) => (
            <li key={n.id}>
              <div className="note-meta muted small">
                {utc(n.at)} · {n.actor}
              </div>
              <div className="note-text">{n.text}</div>
            </li>
          ))}
        </ol>
      )}
      <form
        className="note-form"
        onSubmit={(e) => {
          e.preventDefault();
          void addNote();
        }}
      >
        <textarea
          ref={noteRef}
          data-testid="note-input"
          aria-label="Add a note"
          placeholder="Add a note to this event (n); Ctrl+Enter to add"
          rows={2}
          value={noteText}
          onChange={(e) => setNoteText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void addNote();
            } else if (e.key === 'Escape') e.currentTarget.blur();
          }}
          disabled={!annotation}
        />
        <button type="submit" className="secondary small" disabled={busy || !noteText.trim()}>
          Add note
        </button>
      </form>
      <ErrorMessage text={error} testId="annotation-error" />
    </div>
  );
}

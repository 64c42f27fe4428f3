import { useState } from 'react';
import { COLUMNS, type ColumnId } from './columns';

interface Props {
  chosen: ColumnId[];
  onChange: (cols: ColumnId[]) => void;
}

/** Which fields the event list shows; the choice is remembered on this machine. */
export function ColumnChooser({ chosen, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const toggle = (id: ColumnId) => {
    const next = chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id];
    if (next.length > 0) onChange(COLUMNS.map((c) => c.id).filter((c) => next.includes(c)));
  };
  return (
    <div className="popover-anchor">
      <button type="button" className="secondary small" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="column-chooser">
        Columns
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Columns">
          {COLUMNS.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={chosen.includes(c.id)} onChange={() => toggle(c.id)} />
              {c.label}
            </label>
          ))}
          <button type="button" className="secondary small" onClick={() => setOpen(false)}>
            Done
          </button>
        </div>
      )}
    </div>
  );
}

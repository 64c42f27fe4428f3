import { useState } from 'react';
import { EventDetail } from './features/event/EventDetail';
import { ImportPanel } from './features/import/ImportPanel';
import { SearchPanel } from './features/search/SearchPanel';

/** The work area of one open case; it is re-created when another case is opened. */
export function Workspace({ formats }: { formats: string[] }) {
  const [selected, setSelected] = useState<number | null>(null);
  return (
    <div className={selected === null ? 'workspace' : 'workspace with-detail'}>
      <div className="workspace-main">
        <ImportPanel formats={formats} />
        <SearchPanel selectedId={selected} onSelect={setSelected} />
      </div>
      {selected !== null && <EventDetail id={selected} onClose={() => setSelected(null)} />}
    </div>
  );
}

import { useState } from 'react';
import type { Stats } from '../../../../shared/model';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StarredPanel } from '../investigation/StarredPanel';
import { TagsPanel } from '../investigation/TagsPanel';
import { fieldFilter } from '../search/query-text';
import { SavedSearches } from '../search/SavedSearches';
import { StatsPanel } from '../stats/StatsPanel';
import { TemplatesPanel, type TemplateSearch } from '../templates/TemplatesPanel';
import type { useCaseLists } from './use-case-lists';

type Tab = 'stats' | 'templates' | 'work' | 'searches';

interface Props {
  /** False until the event list has its first rows: the panels load after them. */
  primed: boolean;
  epoch: number;
  lists: ReturnType<typeof useCaseLists>;
  onStats: (s: Stats) => void;
  onTags: (names: string[]) => void;
  onFilter: (field: string, value: string) => void;
  onRun: (query: string) => void;
  onSelect: (id: number) => void;
  /** The current search, for the templates of its events. */
  search: TemplateSearch;
}

/** Left column: counts by field (click to filter), log templates, the analyst's stars and tags, saved searches and history. */
export function Sidebar({ primed, epoch, lists, onStats, onTags, onFilter, onRun, onSelect, search }: Props) {
  const [tab, setTab] = useState<Tab>('stats');
  const [top, setTop] = useState(10);
  const TABS: [Tab, string][] = [
    ['stats', 'Stats'],
    ['templates', 'Templates'],
    ['work', `Starred${lists.starred.total ? ` (${lists.starred.total})` : ''}`],
    ['searches', 'Searches'],
  ];
  return (
    <nav className="sidebar" aria-label="Case overview">
      <div className="tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)} data-testid={`side-${id}`}>
            {label}
          </button>
        ))}
      </div>
      <div className="sidebar-body">
        {!primed && <p className="muted small">Loading…</p>}
        <ErrorMessage text={lists.error} />
        {/* Stats stay mounted so the lanes keep their values when another tab is shown. */}
        <div hidden={tab !== 'stats' || !primed}>
          {primed && (
            <>
              <label className="inline top-n">
                Top
                <select value={top} onChange={(e) => setTop(Number(e.target.value))} aria-label="How many values per field">
                  {[5, 10, 25, 50].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
                per field · click to filter
              </label>
              <StatsPanel refreshKey={epoch} top={top} onFilter={onFilter} onStats={onStats} />
            </>
          )}
        </div>
        {primed && tab === 'templates' && <TemplatesPanel refreshKey={epoch} search={search} onRun={onRun} />}
        {primed && <div hidden={tab !== 'work'}>
          <h3>Starred</h3>
          <StarredPanel starredIds={lists.starred.ids} total={lists.starred.total} onSelect={onSelect} onShowAll={() => onRun('is:starred')} />
          <h3>Tags</h3>
          <TagsPanel refreshKey={lists.version} onTags={onTags} onShowTag={(t) => onRun(fieldFilter('tag', t))} onChanged={lists.touch} />
        </div>}
        {tab === 'searches' && <SavedSearches saved={lists.saved} history={lists.history} onRun={onRun} onDelete={(id) => void lists.deleteSearch(id)} />}
      </div>
    </nav>
  );
}

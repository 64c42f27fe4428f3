import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { AppError } from '../../shared/errors';
import type { CaseInfo, Stats } from '../../shared/model';
import { ErrorMessage } from './components/ErrorMessage';
import { EventDetail } from './features/event/EventDetail';
import { ColumnChooser } from './features/events/ColumnChooser';
import { columnsOf, loadColumns, saveColumns, type ColumnId } from './features/events/columns';
import { EventList } from './features/events/EventList';
import { useEventPages, type SearchMode } from './features/events/use-event-pages';
import { FindingsPanel } from './features/findings/FindingsPanel';
import { ImportPanel, type DroppedFiles } from './features/import/ImportPanel';
import { useAnnotation } from './features/investigation/use-annotation';
import { Notebook } from './features/notebook/Notebook';
import type { Reference } from './features/notebook/references';
import type { QuerySyntaxError } from './features/search/QueryError';
import { andQuery, fieldFilter } from './features/search/query-text';
import { SearchBar } from './features/search/SearchBar';
import { SemanticIndex } from './features/semantic/SemanticIndex';
import { ExportDialog } from './features/seal/ExportDialog';
import { VerifyPanel } from './features/seal/VerifyPanel';
import { Timeline } from './features/timeline/Timeline';
import type { TimeRange } from './features/timeline/time-range';
import type { LaneField } from './features/timeline/use-histograms';
import { useLaneValues } from './features/timeline/lane-values';
import { Sidebar } from './features/workspace/Sidebar';
import { useCaseLists } from './features/workspace/use-case-lists';
import { useWorkspaceKeys } from './features/workspace/use-workspace-keys';
import { errorText } from './lib/errors';
import { blurActive } from './lib/hotkeys';
import { count } from './lib/format';

function syntaxOf(err: unknown, query: string): QuerySyntaxError | null {
  if (!(err instanceof AppError) || err.code !== 'query_syntax') return null;
  const pos = err.details?.position;
  const len = err.details?.length;
  return { message: err.message, query, position: typeof pos === 'number' ? pos : null, length: typeof len === 'number' ? len : 1 };
}

interface Selection {
  id: number;
  /** Row index in the current list, when the event was picked there. */
  index: number | null;
}

/** The investigation workstation of one open case; re-created when another case is opened. */
export function Workspace({ caseInfo, formats, onCaseChanged }: { caseInfo: CaseInfo; formats: string[]; onCaseChanged: () => void }) {
  const [query, setQuery] = useState('');
  const [range, setRange] = useState<TimeRange | null>(null);
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [mode, setMode] = useState<SearchMode>('text');
  /** "Find similar": the event the list is ranked against, or null. */
  const [similarTo, setSimilarTo] = useState<number | null>(null);
  // Rebuilt vectors change ranked results without changing the event count.
  const [indexEpoch, setIndexEpoch] = useState(0);
  const onIndexed = useCallback(() => setIndexEpoch((n) => n + 1), []);
  const [selected, setSelected] = useState<Selection | null>(null);
  const [columns, setColumns] = useState<ColumnId[]>(loadColumns);
  const [laneField, setLaneField] = useState<LaneField>('none');
  const [stats, setStats] = useState<Stats | null>(null);
  const lanes = useLaneValues(stats, laneField, caseInfo.events);
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const [rightTab, setRightTab] = useState<'event' | 'notebook' | 'findings'>('event');
  // The findings panel stays mounted once opened, so a running detection keeps its progress.
  const [findingsSeen, setFindingsSeen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [verifyOpen, setVerifyOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(caseInfo.events === 0);
  const [dropped, setDropped] = useState<DroppedFiles | null>(null);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tagRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  // The case's event count changes after imports: list, timeline and stats follow it.
  const epoch = caseInfo.events;
  const ranked = mode !== 'text' || similarTo !== null;
  const pages = useEventPages({ query, range, order, epoch: epoch * 1000 + indexEpoch, mode, similarTo });
  // The engine answers one call at a time: the list and the histogram go first, the side
  // panels (stats, stars, tags, saved searches) once the first rows are there.
  const [primed, setPrimed] = useState(false);
  if (!primed && (pages.total !== null || pages.error !== null)) setPrimed(true);
  const lists = useCaseLists(primed);
  const annotation = useAnnotation(selected?.id ?? null, lists.touch, lists.version);
  const starredSet = useMemo(() => new Set(lists.starred.ids), [lists.starred.ids]);
  const shownColumns = useMemo(() => columnsOf(columns, ranked), [columns, ranked]);
  const selectRow = useCallback((index: number, id: number) => {
    setSelected({ id, index });
    setRightTab('event');
  }, []);
  const syntax = syntaxOf(pages.error, query);

  const runQuery = useCallback(
    (q: string) => {
      setQuery(q);
      setSimilarTo(null);
      setNotice(null);
      lists.addHistory(q);
    },
    [lists],
  );
  const addFilter = (field: string, value: string) => runQuery(andQuery(query, fieldFilter(field, value)));
  const select = (id: number, index: number | null = null) => {
    setSelected({ id, index });
    setRightTab('event');
  };
  const onReference = (ref: Reference) => {
    if (ref.kind === 'event') return select(ref.id);
    if (ref.kind === 'query') return runQuery(ref.query);
    const s = lists.saved.find((x) => x.id === ref.id);
    if (s) runQuery(s.query);
    else setNotice(`Saved search #${ref.id} no longer exists in this case.`);
  };

  const move = async (step: 1 | -1) => {
    const total = pages.total ?? 0;
    if (total === 0) return;
    const from = selected?.index ?? (step === 1 ? -1 : total);
    const next = Math.min(total - 1, Math.max(0, from + step));
    const ev = await pages.fetchRow(next);
    if (ev) select(ev.id, next);
  };

  useWorkspaceKeys({
    focusSearch: () => searchRef.current?.focus(),
    next: () => void move(1),
    previous: () => void move(-1),
    star: () => selected && annotation.annotation && void annotation.star(!annotation.annotation.starred),
    tag: () => {
      setRightTab('event');
      requestAnimationFrame(() => tagRef.current?.focus());
    },
    note: () => {
      setRightTab('event');
      requestAnimationFrame(() => noteRef.current?.focus());
    },
    escape: () => {
      if (!blurActive()) setSelected(null);
    },
  });

  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    setDragging(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length === 0) return;
    setImportOpen(true);
    setDropped({ files, at: performance.now() });
  };

  const otherError = pages.error && !syntax ? errorText(pages.error) : null;
  return (
    <div className={`workspace${dragging ? ' dragging' : ''}`} onDragOver={onDragOver} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
      <Sidebar
        primed={primed}
        epoch={epoch}
        lists={lists}
        onStats={setStats}
        onTags={setKnownTags}
        onFilter={addFilter}
        onRun={runQuery}
        onSelect={(id) => select(id)}
        search={{ query: syntax || ranked ? '' : query, range }}
      />
      <div className="workspace-center">
        <div className="toolbar">
          <SearchBar
            query={query}
            onSubmit={runQuery}
            onSave={lists.saveSearch}
            syntax={syntax}
            busy={false}
            inputRef={searchRef}
            mode={mode}
            onMode={(m) => {
              setMode(m);
              setSimilarTo(null);
            }}
          />
          <button type="button" className={importOpen ? 'small' : 'secondary small'} onClick={() => setImportOpen((o) => !o)} aria-expanded={importOpen}>
            Import…
          </button>
          <button type="button" className="secondary small" onClick={() => setExportOpen(true)} data-testid="export-open">
            Export…
          </button>
          <button type="button" className={verifyOpen ? 'small' : 'secondary small'} onClick={() => setVerifyOpen((o) => !o)} aria-expanded={verifyOpen} data-testid="verify-open">
            Verify…
          </button>
        </div>
        {importOpen && <ImportPanel formats={formats} dropped={dropped} onClose={() => setImportOpen(false)} onCaseChanged={onCaseChanged} />}
        {verifyOpen && <VerifyPanel onClose={() => setVerifyOpen(false)} />}
        {exportOpen && <ExportDialog caseInfo={caseInfo} query={query} onClose={() => setExportOpen(false)} />}
        <ErrorMessage text={notice} />
        {ranked && caseInfo.events > 0 && <SemanticIndex epoch={epoch} onIndexed={onIndexed} />}
        {caseInfo.events > 0 && (
        <Timeline
          query={syntax || ranked ? '' : query}
          range={range}
          onRange={setRange}
          laneField={laneField}
          onLaneField={setLaneField}
          laneValues={lanes}
          epoch={epoch}
        />
        )}
        <div className="list-bar">
          <span data-testid="search-summary" data-ready={pages.total !== null} data-query={query} data-range={range ? `${range.from}/${range.to}` : ''}>
            <strong data-testid="search-total">{pages.total === null ? '…' : count(pages.total)}</strong> {pages.total === 1 ? 'event' : 'events'}
            {similarTo !== null && (
              <span className="muted">
                {' '}
                similar to event #{similarTo}{' '}
                <button type="button" className="link" onClick={() => setSimilarTo(null)} data-testid="similar-clear">
                  back to the search
                </button>
              </span>
            )}
            {query && (
              <span className="muted">{similarTo !== null ? (mode === 'text' ? ' within ' : ' within the field filters of ') : mode === 'text' ? ' matching ' : ' ranked by '}</span>
            )}
            {query && <code className="query-chip">{query}</code>}
            {ranked && pages.index && <span className="muted"> · most relevant first</span>}
            {range && <span className="muted"> in the zoomed range</span>}
            {pages.tookMs !== null && <span className="muted"> · {pages.tookMs.toFixed(0)} ms</span>}
          </span>
          <span className="spacer" />
          <ColumnChooser
            chosen={columns}
            onChange={(c) => {
              setColumns(c);
              saveColumns(c);
            }}
          />
        </div>
        <ErrorMessage text={otherError} testId="search-error" />
        {caseInfo.events === 0 ? (
          <div className="empty-list" data-testid="empty-case">
            <h2>This case has no events yet</h2>
            <p>Import evidence: drop log files or archives on this window, or type their paths in Import evidence above.</p>
          </div>
        ) : pages.total === 0 ? (
          <div className="empty-list">
            <h2>No events match</h2>
            <p>
              {range ? 'Nothing in this time range: reset the zoom or widen the search.' : 'Try fewer terms, or check the field names with ? next to the search box.'}
            </p>
          </div>
        ) : (
          <EventList
            pages={pages}
            columns={shownColumns}
            order={order}
            onOrder={ranked ? undefined : setOrder}
            selectedIndex={selected?.index ?? null}
            selectedId={selected?.id ?? null}
            starred={starredSet}
            onSelect={selectRow}
          />
        )}
      </div>
      <aside className="right">
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={rightTab === 'event'} onClick={() => setRightTab('event')}>
            Event
          </button>
          <button type="button" role="tab" aria-selected={rightTab === 'notebook'} onClick={() => setRightTab('notebook')} data-testid="notebook-tab">
            Notebook
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={rightTab === 'findings'}
            onClick={() => {
              setRightTab('findings');
              setFindingsSeen(true);
            }}
            data-testid="findings-tab"
          >
            Findings
          </button>
        </div>
        {findingsSeen && (
          <div className="findings-pane" hidden={rightTab !== 'findings'}>
            <FindingsPanel
              onShowEvents={(q) => {
                setRange(null);
                setNotice(null);
                setQuery(q);
              }}
            />
          </div>
        )}
        {rightTab === 'findings' ? null : rightTab === 'notebook' ? (
          <Notebook selectedId={selected?.id ?? null} query={query} onReference={onReference} />
        ) : selected ? (
          <EventDetail
            id={selected.id}
            annotation={annotation}
            tagRef={tagRef}
            noteRef={noteRef}
            knownTags={knownTags}
            onClose={() => setSelected(null)}
            onSelect={(id) => select(id)}
            onFilter={addFilter}
            onTemplate={(id) => runQuery(`template:${id}`)}
            onSimilar={(id) => {
              setSimilarTo(id);
              setRange(null);
            }}
          />
        ) : (
          <div className="empty-detail">
            <p>Select an event to see every field, the original record from the evidence file, and the events around it.</p>
            <p className="muted small">
              <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>s</kbd> star · <kbd>t</kbd> tag · <kbd>n</kbd> note · <kbd>/</kbd> search
            </p>
          </div>
        )}
      </aside>
      {dragging && <div className="drop-overlay">Drop files or archives to import them into this case</div>}
    </div>
  );
}

import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { count } from '../../lib/format';
import { useTemplates, type TemplateOrder } from './use-templates';

interface Props {
  /** Changes when the case's events change (imports). */
  refreshKey: number;
  /** Show the events of one template (`template:<id>`). */
  onShow: (id: number) => void;
}

/**
 * The case's log templates: what kinds of events there are, most common first, or the
 * rarest first, where a one-off among millions of routine lines stands out. Template text
 * comes from the evidence and is shown as text only.
 */
export function TemplatesPanel({ refreshKey, onShow }: Props) {
  const [order, setOrder] = useState<TemplateOrder>('common');
  const { list, error } = useTemplates(order, 100, refreshKey);
  return (
    <div className="templates" data-testid="templates-panel">
      <div className="btn-group" role="group" aria-label="Order of the templates">
        {(
          [
            ['common', 'Most common'],
            ['rare', 'Rarest'],
          ] as const
        ).map(([id, label]) => (
          <button key={id} type="button" className="secondary small" aria-pressed={order === id} onClick={() => setOrder(id)} data-testid={`templates-${id}`}>
            {label}
          </button>
        ))}
      </div>
      <ErrorMessage text={error} />
      {!list && !error && <p className="muted small">Loading…</p>}
      {list && (
        <>
          <p className="muted small" data-testid="templates-summary">
            {count(list.total)} templates over {count(list.assigned)} events
            {list.unassigned > 0 && `, ${count(list.unassigned)} without one (see the import’s issues)`} · click to show the events
          </p>
          <ul data-order={order}>
            {list.templates.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  className="stat-row template-row"
                  onClick={() => onShow(t.id)}
                  title={`template:${t.id}\n${t.template}`}
                  data-testid="template-row"
                  data-template-id={t.id}
                >
                  <span className="stat-bar" style={{ width: `${Math.max(1, (t.events / Math.max(1, list.assigned)) * 100)}%` }} aria-hidden="true" />
                  <span className="stat-value mono">{t.template || '(empty message)'}</span>
                  <span className="stat-count">{count(t.events)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

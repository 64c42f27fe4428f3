import { useEffect, useState } from 'react';
import type { TemplateList } from '../../../../shared/model';
import { useClient } from '../../api/ClientContext';
import { errorText } from '../../lib/errors';

export type TemplateOrder = 'common' | 'rare';

/** Only the templates of the events matching a query and time range (counted among them). */
export interface TemplateFilter {
  query: string;
  from?: string;
  to?: string;
}

/** The case's log templates in one order; asked again when the case's events change. */
export function useTemplates(
  order: TemplateOrder,
  limit: number,
  epoch: number,
  enabled = true,
  filter: TemplateFilter = { query: '' },
): { list: TemplateList | null; error: string | null } {
  const client = useClient();
  const [list, setList] = useState<TemplateList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { query, from, to } = filter;
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setError(null);
    client.call('templates.list', { query, ...(from ? { from } : {}), ...(to ? { to } : {}), order, limit }).then(
      (l) => current && setList(l),
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [client, order, limit, epoch, enabled, query, from, to]);
  return { list: enabled ? list : null, error };
}

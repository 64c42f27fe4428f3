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
  const { query, from, to } = filter;
  // The answer is kept with the request it answers, and shown only while that request is the
  // current one: after a change of order or search the previous list is not shown as the new one.
  const request = JSON.stringify([order, limit, epoch, query, from, to]);
  const [answer, setAnswer] = useState<{ request: string; list: TemplateList } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setError(null);
    client.call('templates.list', { query, ...(from ? { from } : {}), ...(to ? { to } : {}), order, limit }).then(
      (list) => current && setAnswer({ request, list }),
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [client, request, enabled]);
  return { list: enabled && answer?.request === request ? answer.list : null, error };
}

import { useEffect, useState } from 'react';
import type { TemplateList } from '../../../../shared/model';
import { useClient } from '../../api/ClientContext';
import { errorText } from '../../lib/errors';

export type TemplateOrder = 'common' | 'rare';

/** The case's log templates in one order; asked again when the case's events change. */
export function useTemplates(order: TemplateOrder, limit: number, epoch: number, enabled = true): { list: TemplateList | null; error: string | null } {
  const client = useClient();
  const [list, setList] = useState<TemplateList | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setError(null);
    client.call('templates.list', { order, limit }).then(
      (l) => current && setList(l),
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [client, order, limit, epoch, enabled]);
  return { list: enabled ? list : null, error };
}

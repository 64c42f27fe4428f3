import { useCallback, useEffect, useReducer, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api';
import { useClient } from '../../api/ClientContext';
import { errorText } from '../../lib/errors';

type Saved = MethodOutput<'search.saved.list'>['searches'];
type History = MethodOutput<'search.history.list'>['entries'];

/**
 * The case's investigation lists the workspace shows beside the events: starred ids (to mark
 * rows), saved searches and the search history. `touch` re-reads after a change.
 */
export function useCaseLists(enabled: boolean) {
  const client = useClient();
  const [version, touch] = useReducer((x: number) => x + 1, 0);
  const [starred, setStarred] = useState<{ ids: number[]; total: number }>({ ids: [], total: 0 });
  const [saved, setSaved] = useState<Saved>([]);
  const [history, setHistory] = useState<History>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    Promise.all([client.call('annotation.starred', { offset: 0, limit: 100_000 }), client.call('search.saved.list'), client.call('search.history.list', { limit: 30 })]).then(
      ([s, sv, h]) => {
        if (!current) return;
        setStarred({ ids: s.eventIds, total: s.total });
        setSaved(sv.searches);
        setHistory(h.entries);
        setError(null);
      },
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [client, version, enabled]);

  const addHistory = useCallback(
    (query: string) => {
      if (!query.trim()) return;
      client.call('search.history.add', { query }).then(touch, () => {
        // History is a convenience: a failed write must not disturb the search itself.
      });
    },
    [client],
  );

  const saveSearch = useCallback(
    async (name: string, query: string) => {
      await client.call('search.saved.save', { name, query });
      touch();
    },
    [client],
  );

  const deleteSearch = useCallback(
    async (id: number) => {
      try {
        await client.call('search.saved.delete', { id });
      } catch (err) {
        setError(errorText(err));
      }
      touch();
    },
    [client],
  );

  return { version, touch, starred, saved, history, error, addHistory, saveSearch, deleteSearch };
}

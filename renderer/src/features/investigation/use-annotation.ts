import { useCallback, useEffect, useState } from 'react';
import type { Annotation } from '../../../../shared/schemas';
import { useClient } from '../../api/ClientContext';
import { errorText } from '../../lib/errors';

/** One event's star, tags and notes, with the calls that change them. */
export function useAnnotation(eventId: number | null, onChanged: () => void, refreshKey = 0) {
  const client = useClient();
  const [annotation, setAnnotation] = useState<Annotation | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setError(null);
    if (eventId === null) {
      setAnnotation(null);
      return;
    }
    // Another event: clear at once; the same event re-read (a tag recoloured): keep it meanwhile.
    setAnnotation((a) => (a?.eventId === eventId ? a : null));
    client.call('annotation.get', { eventId }).then(
      (a) => current && setAnnotation(a),
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [client, eventId, refreshKey]);

  const change = useCallback(
    async (fn: () => Promise<Annotation>): Promise<boolean> => {
      if (eventId === null) return false;
      setError(null);
      try {
        setAnnotation(await fn());
        onChanged();
        return true;
      } catch (err) {
        setError(errorText(err));
        return false;
      }
    },
    [eventId, onChanged],
  );

  return {
    annotation,
    error,
    star: (starred: boolean) => change(() => client.call('annotation.star', { eventId: eventId!, starred })),
    tag: (tag: string, remove = false) => change(() => client.call('annotation.tag', { eventId: eventId!, tag, remove })),
    note: (text: string) => change(() => client.call('annotation.note', { eventId: eventId!, text })),
  };
}

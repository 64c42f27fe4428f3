import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api';
import { useClient } from '../../api/ClientContext';
import { errorText } from '../../lib/errors';

export type Identity = NonNullable<MethodOutput<'identity.get'>>;

/** Who signs here: undefined while asking, null when no identity was created yet. */
export function useIdentity(): { identity: Identity | null | undefined; error: string | null } {
  const client = useClient();
  const [identity, setIdentity] = useState<Identity | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    client.call('identity.get').then(
      (i) => current && setIdentity(i),
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [client]);
  return { identity, error };
}

import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { AuditClient } from '../../../shared/api';
import type { AppEvent } from '../../../shared/events';

const ClientContext = createContext<AuditClient | null>(null);

export function ClientProvider({ client, children }: { client: AuditClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): AuditClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientProvider>');
  return client;
}

/** Listen to pushed events for the component's lifetime; the latest handler is always used. */
export function useAppEvents(handler: (event: AppEvent) => void): void {
  const client = useClient();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => client.on((event) => latest.current(event)), [client]);
}

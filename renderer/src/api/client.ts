import { buildClient, type AuditClient, type Transport } from '../../../shared/api';
import { httpTransport } from './http-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode, where the HTTP bridge is used. */
    sealdesk?: Transport;
  }
}

/** The one place that picks the transport; features get the client through React context. */
export const client: AuditClient = buildClient(window.sealdesk ?? httpTransport());

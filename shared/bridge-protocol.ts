/**
 * The local web bridge's wire protocol (web mode and tests). The Electron app does not use
 * it: there the preload carries the same calls over IPC.
 *
 * - `POST /api/call/<method>` with a JSON body (the method input) and the header
 *   `x-sealdesk-token: <token>` answers a Result envelope `{ ok, value | error }` as JSON
 *   (HTTP 200 for both; 401 with an `unauthorized` envelope for a missing or wrong token).
 * - `GET /api/events?token=<token>` is a Server-Sent Events stream; each `data:` line is
 *   one AppEvent as JSON.
 * - `GET /` and static files serve the built renderer. The page gets the token from the
 *   URL printed by `sealdesk web` (`/?token=...`) and keeps it in sessionStorage.
 */
export const TOKEN_HEADER = 'x-sealdesk-token';
export const CALL_PREFIX = '/api/call/';
export const EVENTS_PATH = '/api/events';
export const TOKEN_QUERY = 'token';

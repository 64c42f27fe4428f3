/** IPC channel carrying one contract call (method, input) → Result. */
export const INVOKE_CHANNEL = 'sealdesk:api.invoke';
/** IPC channel on which the main process pushes AppEvents to the window. */
export const EVENT_CHANNEL = 'sealdesk:api.event';

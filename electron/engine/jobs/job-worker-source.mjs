// Worker entry when running from the TypeScript sources (CLI through tsx, tests): register
// tsx in this thread, then load the real worker. The bundled app uses out/main/job-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./job.worker.ts');

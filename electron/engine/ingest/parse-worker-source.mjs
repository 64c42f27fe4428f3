// Parse worker entry when running from the TypeScript sources (CLI through tsx, tests):
// register tsx in this thread, then load the real worker. The app uses out/main/parse-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./parse.worker.ts');

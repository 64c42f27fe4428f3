import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBridge } from '../../bridge/server';
import { dispatch } from '../../engine/dispatch';
import type { Engine } from '../../engine/engine';
import { intOption, parse } from '../args';
import { UsageError, unwrap } from '../cli-error';

export const WEB_USAGE = `Usage: sealdesk web [<case>] [--port P]

Serve the Sealdesk UI and API on 127.0.0.1 for a browser. The first line printed is the
URL to open, with its one-time token. Without a case, the page offers the sample case.

Example:
  sealdesk web ./case-acme --port 8080`;

/** The built renderer (npm run build:renderer) beside the sources. */
export const RENDERER_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../renderer/dist');

export async function webCommand(engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { port: { type: 'string' } }, WEB_USAGE);
  if (values.help) {
    console.log(WEB_USAGE);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`web takes at most one case folder.\n\n${WEB_USAGE}`);
  const [caseDir] = positionals;
  if (caseDir) unwrap(await dispatch(engine, 'case.open', { dir: caseDir }));
  const bridge = await startBridge({ engine, port: intOption(values.port, 'port', 0, 65535) ?? 0, staticDir: RENDERER_DIST });
  console.log(bridge.url);
  console.error(`Serving ${caseDir ? `case ${caseDir}` : 'Sealdesk (no case open)'} on ${bridge.origin}. Press Ctrl+C to stop.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await bridge.close();
  return 0;
}

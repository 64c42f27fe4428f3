import { AppError } from '../../shared/errors';
import { createEngine, type Engine } from '../engine/engine';
import { APP_VERSION } from '../engine/version';
import { exitCodeFor, UsageError } from './cli-error';
import { caseCommand } from './commands/case.command';
import { detectCommand } from './commands/detect.command';
import { exportCommand } from './commands/export.command';
import { identityCommand } from './commands/identity.command';
import { importCommand } from './commands/import.command';
import { indexCommand } from './commands/index.command';
import { mineCommand } from './commands/mine.command';
import { searchCommand } from './commands/search.command';
import { statsCommand } from './commands/stats.command';
import { templatesCommand } from './commands/templates.command';
import { trustCommand } from './commands/trust.command';
import { verifyCommand } from './commands/verify.command';
import { webCommand } from './commands/web.command';

const USAGE = `Sealdesk ${APP_VERSION}: offline audit workstation

Usage: sealdesk <command> [options]

Commands:
  case create <dir> [--name N]            create a case folder
  import <case> <path>... [--format F]    receive and parse files, folders, archives
  search <case> <query> [--limit N]       search events (--mode, --count, --json, --from, --to)
  index <case> [--model NAME]             build or update the semantic index
  stats <case> [--json]                   counts by source, format, host, user, action
  templates <case> [--rare] [--json]      log templates of the case, common or rare first
  mine <logfile> [--format F] [--csv]     message templates, or one CSV row per line
  web [<case>] [--port P]                 serve the UI and API on 127.0.0.1
  identity create --name N                the analyst's signing key (show, export-public)
  trust add <keyfile> | list              teammates' public keys
  export <case> --out <bundle.zip>        sealed evidence bundle (--query, --starred, --mask)
  verify <case | bundle.zip> [--json]     recompute and check everything
  detect <case> [--rules PATH]... [--json] run Sigma rules; findings

Run "sealdesk <command> --help" for a command's options and examples.
Exit codes: 0 success, 1 input refused or invalid, 2 usage or I/O error.`;

const COMMANDS: Record<string, (engine: Engine, argv: string[]) => Promise<number>> = {
  case: caseCommand,
  import: importCommand,
  search: searchCommand,
  index: indexCommand,
  stats: statsCommand,
  templates: templatesCommand,
  mine: mineCommand,
  web: webCommand,
  identity: identityCommand,
  trust: trustCommand,
  export: exportCommand,
  verify: verifyCommand,
  detect: detectCommand,
};

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    console.log(USAGE);
    return cmd ? 0 : 2;
  }
  if (cmd === '--version' || cmd === '-v' || cmd === 'version') {
    console.log(APP_VERSION);
    return 0;
  }
  const run = COMMANDS[cmd];
  if (!run) throw new UsageError(`Unknown command "${cmd}".\n\n${USAGE}`);
  // The served app keeps the semantic index current after imports, as the desktop app does.
  const engine = createEngine({ autoIndex: cmd === 'web' });
  try {
    return await run(engine, rest);
  } finally {
    await engine.close();
  }
}

// `sealdesk search … | head` closes stdout early: that is a normal end, not a crash.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(err.message);
      process.exitCode = 2;
    } else if (err instanceof AppError) {
      console.error(`sealdesk: ${err.message}`);
      process.exitCode = exitCodeFor(err.code);
    } else {
      console.error(`sealdesk: unexpected error: ${(err as Error).stack ?? String(err)}`);
      process.exitCode = 2;
    }
  },
);

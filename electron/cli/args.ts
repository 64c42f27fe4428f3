import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse a command's arguments; options may come before or after positionals. */
export function parse<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${usage}`);
  }
}

export function intOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${value}").`);
  return n;
}

/** The case folder of a command that takes it as its only argument. */
export function onlyCaseFolder(positionals: string[], command: string, usage: string): string {
  const [caseDir, ...rest] = positionals;
  if (!caseDir || rest.length) throw new UsageError(`${command} needs exactly one case folder.\n\n${usage}`);
  return caseDir;
}

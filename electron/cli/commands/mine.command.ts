import { FORMAT_IDS, type FormatId } from '../../../shared/model';
import { mineFile } from '../../engine/detect/templates/mine-file';
import type { Engine } from '../../engine/engine';
import { intOption, parse } from '../args';
import { UsageError } from '../cli-error';
import { terminalText } from '../terminal-text';

export const MINE_USAGE = `Usage: sealdesk mine <logfile> [--format F] [--csv] [--top N]

Groups the file's lines into message templates (variable parts shown as <*>).
  --format F   force a format (${FORMAT_IDS.join(', ')}); default: detect
  --csv        one row per input line: line,template_id,template (in file order)
  --top N      without --csv: the N most frequent templates (default 50)`;

/** RFC 4180 field: quoted when it holds a comma, quote, line break or edge spaces. */
export function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Write without building the whole output in memory, honouring stdout back-pressure. */
async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
}

export async function mineCommand(_engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string' }, csv: { type: 'boolean' }, top: { type: 'string' } }, MINE_USAGE);
  if (values.help) {
    console.log(MINE_USAGE);
    return 0;
  }
  const [file, ...rest] = positionals;
  if (!file || rest.length) throw new UsageError(`mine needs exactly one log file.\n\n${MINE_USAGE}`);
  if (values.format !== undefined && !(FORMAT_IDS as readonly string[]).includes(values.format)) {
    throw new UsageError(`Unknown format "${values.format}". Known formats: ${FORMAT_IDS.join(', ')}.`);
  }
  const top = intOption(values.top, 'top', 1, 1_000_000) ?? 50;
  const mined = await mineFile(file, { format: values.format as FormatId | undefined });

  if (values.csv) {
    const rows = mined.templates.map(csvField);
    let buf = 'line,template_id,template\n';
    for (let i = 0; i < mined.labels.length; i++) {
      const id = mined.labels[i] as number;
      buf += `${i + 1},${id},${rows[id]}\n`;
      if (buf.length > 1 << 16) {
        await write(buf);
        buf = '';
      }
    }
    await write(buf);
    return 0;
  }
  const order = mined.templates.map((_, id) => id).filter((id) => id > 0);
  order.sort((a, b) => (mined.counts[b] as number) - (mined.counts[a] as number) || a - b);
  console.log(`${mined.labels.length} lines, ${order.length} templates (format ${mined.format})`);
  for (const id of order.slice(0, top)) console.log(`${String(mined.counts[id]).padStart(9)}  #${id}  ${terminalText(mined.templates[id] ?? '')}`);
  return 0;
}

import type { IndexStatus } from '../../../shared/schemas';
import { dispatch } from '../../engine/dispatch';
import type { Engine } from '../../engine/engine';
import type { IndexResult } from '../../engine/search/semantic/index.job';
import { parse } from '../args';
import { UsageError, unwrap } from '../cli-error';
import { jobError, runJob } from '../run-job';

export const INDEX_USAGE = `Usage: sealdesk index <case> [--model NAME] [--list]

Build or update the semantic index of a case: each distinct event text (the message with
its values masked) is embedded once, on this machine, by a local model; new events since
the last run are added. Choosing another model starts the vectors over. Ctrl-C stops at
the next batch; running again goes on from there.

Options:
  --model NAME   the embedding model (a name from --list; default: the bundled
                 sealdesk-glove-100d, or the model the case was indexed with)
  --list         list the installed models and the case's index state, then exit

Models are read from the app's resources/models folder and from <SEALDESK_HOME>/models:
any transformers.js feature-extraction model folder (config.json, tokenizer.json,
onnx/model.onnx), never downloaded.

Examples:
  sealdesk index ./case-acme
  sealdesk search ./case-acme 'someone guessing passwords' --mode hybrid`;

export async function indexCommand(engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { model: { type: 'string' }, list: { type: 'boolean' } }, INDEX_USAGE);
  if (values.help) {
    console.log(INDEX_USAGE);
    return 0;
  }
  const [caseDir, ...extra] = positionals;
  if (!caseDir) throw new UsageError(`index needs a case folder.\n\n${INDEX_USAGE}`);
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".\n\n${INDEX_USAGE}`);
  unwrap(await dispatch(engine, 'case.open', { dir: caseDir }));
  if (values.list) {
    const s = unwrap<IndexStatus>(await dispatch(engine, 'index.status', {}));
    for (const m of s.models) console.log(`${m.name === s.defaultModel ? '*' : ' '} ${m.name.padEnd(28)} ${m.source.padEnd(8)} ${m.id}  ${m.dir}`);
    if (s.models.length === 0) console.log('No embedding model is installed.');
    console.log(`Index: ${s.model ?? 'none'}; ${s.indexedEvents} of ${s.events} events, ${s.embeddedTexts} of ${s.texts} distinct texts embedded.`);
    return 0;
  }
  const { end } = await runJob(engine, 'index.start', values.model ? { model: values.model } : {});
  if (end.status !== 'done') throw jobError(end, 'Indexing did not finish.');
  const r = end.result as IndexResult;
  console.log(
    `Indexed with ${r.model}${r.rebuilt ? ' (vectors made anew for this model)' : ''}: ${r.indexedEvents} of ${r.events} events, ` +
      `${r.texts} distinct texts (${r.textsEmbedded} embedded now, ${r.eventsLinked} new events) in ${r.seconds} s.`,
  );
  return 0;
}

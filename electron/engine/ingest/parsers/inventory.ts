import type { ParseContext, ParseSink, StreamParser } from '../types';

/**
 * `--format inventory` does not read file contents: the import writes one event per file
 * from its intake metadata (see ingest/inventory). Never detected; this entry only gives
 * the format id a parser, for a caller that runs parsers over a file by itself.
 */
async function parse(_file: string, _ctx: ParseContext, sink: ParseSink): Promise<void> {
  sink.skip('file', 'an inventory is made by the import from file metadata; the file content is not parsed');
}

export const inventoryParser: StreamParser = {
  kind: 'stream',
  id: 'inventory',
  label: 'File inventory (path, size, mode, owner, times, SHA-256)',
  detect: () => 0,
  parse,
};

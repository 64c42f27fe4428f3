import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';

const eslint = new ESLint({ cwd: ROOT });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [res] = await eslint.lintText(code, { filePath });
  return res!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('runtime boundaries (ESLint)', () => {
  it.each(['electron/engine/x.ts', 'electron/bridge/x.ts', 'electron/cli/x.ts', 'shared/x.ts', 'renderer/src/x.ts'])('forbids importing electron in %s', async (file) => {
    expect(await restricted(file, "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });

  it('allows electron in the desktop shell', async () => {
    expect(await restricted('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(0);
    expect(await restricted('electron/preload/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(0);
  });

  it('keeps Node modules out of the contract and the renderer', async () => {
    expect(await restricted('shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import path from 'path';\nexport const a = path;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import { x } from '../../electron/engine/engine';\nexport const a = x;\n")).toHaveLength(1);
  });
});

#!/usr/bin/env node
// `npm start`: the desktop app where an Electron binary is installed; otherwise the same UI
// in web mode (engine + local bridge), with a clear note on why.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronBinary = null;
try {
  electronBinary = require('electron');
} catch {
  electronBinary = null;
}

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

if (typeof electronBinary === 'string' && existsSync(electronBinary)) {
  process.exit(run('npx', ['electron-vite', 'preview']) );
}
console.error('No Electron binary is installed here (ELECTRON_SKIP_BINARY_DOWNLOAD or offline install):');
console.error('starting Sealdesk in web mode instead. Open the URL below in a browser.');
if (!existsSync(new URL('../renderer/dist/index.html', import.meta.url))) {
  const code = run('npm', ['run', 'build:renderer']);
  if (code !== 0) process.exit(code);
}
const child = spawn(process.execPath, [new URL('../bin/sealdesk.js', import.meta.url).pathname, 'web', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));

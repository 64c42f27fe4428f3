#!/usr/bin/env node
// The CLI runs from the TypeScript sources through tsx, so `npx sealdesk` works right after
// `npm install` with no build step; job workers start with the same loader.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');

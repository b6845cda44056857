#!/usr/bin/env node
// Entry point of the `smup` command (also `npx smup`). The TypeScript sources are compiled to dist/ by
// `npm install` (the prepare script) or `npm run build`.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error(
    'smup: the program is not built yet; run `npm install` or `npm run build` in the project folder.',
  );
  process.exit(1);
}
await import(main.href);

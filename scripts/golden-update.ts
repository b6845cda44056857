/**
 * Accepts reviewed golden changes (test/golden.ts): every `<name>-changed.<ext>` in test/golden/ replaces
 * its golden `<name>.<ext>`. Run after reading the differences; the next test run compares against them.
 */
import { readdirSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const GOLDEN_DIR = fileURLToPath(new URL('../test/golden/', import.meta.url));

const changed = readdirSync(GOLDEN_DIR).filter((name) => /-changed(\.[^.]+)?$/.test(name));
for (const name of changed) {
  const golden = name.replace(/-changed(\.[^.]+)?$/, '$1');
  renameSync(`${GOLDEN_DIR}${name}`, `${GOLDEN_DIR}${golden}`);
  console.log(`accepted test/golden/${golden}`);
}
if (changed.length === 0) console.log('no changed goldens in test/golden/');

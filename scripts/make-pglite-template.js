// Run by `npm install` (the prepare script, after the build): makes the embedded database's initdb template
// (src/store/pglite-template.ts), as a tar and as a data folder, so the first start copies it instead of
// running initdb. Never fails the install: without a template, PGlite's own initdb makes each new database
// as before.
import { existsSync } from 'node:fs';

try {
  const { makeTemplateFolder, templateFolderPath } = await import('../dist/store/pglite-template.js');
  const path = templateFolderPath();
  if (existsSync(`${path}/PG_VERSION`)) {
    console.log(`embedded database template: ${path} (already made)`);
  } else {
    const started = performance.now();
    const made = await makeTemplateFolder();
    console.log(
      made.path
        ? `embedded database template: ${made.path} (${((performance.now() - started) / 1000).toFixed(1)} s)`
        : `embedded database template not made (${made.error}); new databases run initdb instead`,
    );
  }
} catch (error) {
  console.log(`embedded database template not made (${error}); new databases run initdb instead`);
}

/**
 * Every folder of src/ has a layer rule in eslint.config.js (ARCHITECTURE.md, issue 19): a new folder
 * (reports/, accounts/ …) fails here until its imports are bounded too.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface ConfigEntry {
  readonly files?: readonly string[];
  readonly rules?: Readonly<Record<string, unknown>>;
}
const { default: config } = (await import(new URL('../eslint.config.js', import.meta.url).href)) as {
  default: readonly ConfigEntry[];
};

const folders = readdirSync(fileURLToPath(new URL('.', import.meta.url)), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('layer rules', () => {
  it.each(folders)('src/%s/ has an import rule', (folder) => {
    const rule = config.find(
      (entry) =>
        entry.files?.includes(`src/${folder}/**/*.ts`) &&
        entry.rules?.['no-restricted-imports'] !== undefined,
    );
    expect(
      rule,
      `eslint.config.js has no no-restricted-imports entry for src/${folder}/**/*.ts`,
    ).toBeDefined();
  });
});

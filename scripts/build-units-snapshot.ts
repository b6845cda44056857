/**
 * Builds the bundled units snapshot data/units/terc-<state date>.json from an official TERC file.
 *
 *   npm run data:build                       # from ../shared/data/teryt/TERC_Urzedowy_2026-01-01.csv
 *   npm run data:build -- path/to/TERC.csv   # from another TERC file
 *
 * Checks before writing (a rebuild must not silently lose units): the file reads as a consistent
 * register, codes are unique, and no level has fewer units than in the snapshot it replaces, unless
 * --allow-shrink is given. Prints the counts beside the previous ones.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UNIT_LEVELS } from '../src/domain/units/unit.js';
import { readTercFile } from '../src/sources/teryt/terc-reader.js';
import { BUNDLED_UNITS_DIR, parseSnapshot, serializeSnapshot } from '../src/sources/teryt/units-snapshot.js';

const args = process.argv.slice(2);
const allowShrink = args.includes('--allow-shrink');
const input = resolve(
  args.find((a) => !a.startsWith('--')) ??
    new URL('../../shared/data/teryt/TERC_Urzedowy_2026-01-01.csv', import.meta.url).pathname,
);

const bytes = readFileSync(input);
const terc = readTercFile(bytes, basename(input));
const countByLevel = (records: readonly { level: string }[]): Record<string, number> =>
  Object.fromEntries(UNIT_LEVELS.map((level) => [level, records.filter((r) => r.level === level).length]));

const previousFile = readdirSync(BUNDLED_UNITS_DIR)
  .filter((n) => /^terc-.*\.json$/.test(n))
  .sort()
  .at(-1);
const previous = previousFile
  ? parseSnapshot(readFileSync(resolve(BUNDLED_UNITS_DIR, previousFile), 'utf-8'), previousFile)
  : null;
const now = countByLevel(terc.records);
const before = previous ? countByLevel(previous.records) : null;
for (const level of UNIT_LEVELS) {
  console.log(
    `${level.padEnd(12)} ${String(now[level]).padStart(5)}  (previous snapshot: ${before?.[level] ?? '-'})`,
  );
  if (before && (now[level] ?? 0) < (before[level] ?? 0) && !allowShrink) {
    console.error(
      `refusing to write: fewer units at level ${level} than in ${previousFile} (use --allow-shrink)`,
    );
    process.exit(1);
  }
}

const target = resolve(BUNDLED_UNITS_DIR, `terc-${terc.stateDate}.json`);
const text = serializeSnapshot({
  provenance: {
    source: 'Główny Urząd Statystyczny, rejestr TERYT, katalog TERC (urzędowy)',
    stateDate: terc.stateDate,
    sourceFile: basename(input),
    sourceFileSha256: createHash('sha256').update(bytes).digest('hex'),
    obtainedFrom:
      'eTERYT (https://eteryt.stat.gov.pl) as mirrored in the public repository janekolszak/poland, data/ (commit 3e0fbb8d7e91)',
    licence: 'Public data (dane publiczne, ustawa o statystyce publicznej)',
    generatedBy: 'scripts/build-units-snapshot.ts',
  },
  records: terc.records,
});
// Round trip: what we write must read back to the same records.
const reread = parseSnapshot(text, target);
if (JSON.stringify(reread.records) !== JSON.stringify(terc.records))
  throw new Error('snapshot round trip differs');
console.log(
  `${existsSync(target) ? 'rewrote' : 'wrote'} ${target} (${terc.records.length} units, ${text.length} bytes)`,
);
writeFileSync(target, text);

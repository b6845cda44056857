/**
 * The benchmark context loaded from aggregated cells (store/observation-cells-store.ts) holds exactly what
 * the row-by-row loader it replaced held (test/context-by-rows.ts), on both databases: on the shared real
 * release, and on a small hand-made one with the awkward cases — values that only round-trip if printed
 * exactly, -0, infinities, notes with the separators, quotes, line breaks and JSON in them, missing values
 * with a flag, a code no longer in the register, a value replaced in a later release.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextLookup, indicatorRows } from '../src/api/indicator-values.js';
import { loadBenchmarkContext } from '../src/pipeline/benchmark-context.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { liveReleaseId, openDraft, publishRelease } from '../src/store/releases-store.js';
import { currentUnits } from '../src/store/units-store.js';
import { contextDifferences, loadBenchmarkContextByRows } from './context-by-rows.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';
import { openRealRelease, RELEASE_HOOK_MS, type RealRelease } from './real-release.js';

/** [value as float8 text (null: NULL), the number it must load as]. */
const VALUES: ReadonlyArray<readonly [string | null, number]> = [
  [String(0.1 + 0.2), 0.1 + 0.2],
  [String(1 / 3), 1 / 3],
  ['-0', -0],
  ['5e-324', 5e-324],
  ['1.7976931348623157e308', Number.MAX_VALUE],
  ['-1e-300', -1e-300],
  ['123456789.123456789', Number('123456789.123456789')],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['NaN', NaN],
  [null, NaN],
];
const NOTES = [
  'missing-input: a, b; c',
  'cudzysłów " i \' i \\ ukośnik',
  'wiersz\ndrugi\tz tabulatorem',
  '{"json": [1, 2]}',
  ',;,;',
  '',
];

describe.each(DATABASE_KINDS)('benchmark context load on %s', (kind) => {
  describe('the shared real release', () => {
    let release: RealRelease;
    beforeAll(async () => {
      release = await openRealRelease(kind);
    }, RELEASE_HOOK_MS);
    afterAll(async () => {
      await release?.close();
    });

    it('holds the same values, flags and notes as the row-by-row loader', async () => {
      const db = release.test.db;
      const live = (await liveReleaseId(db)) as number;
      const ids = release.catalog.indicators.map((i) => i.id);
      const structure = release.catalog.catalog.config.structure ?? null;
      const ours = await loadBenchmarkContext(db, live, ids, structure);
      const reference = await loadBenchmarkContextByRows(db, live, ids, structure);
      expect(contextDifferences(ours, reference, ids)).toEqual([]);
      // Not equal by being empty: the release has values of every gmina, and notes of missing inputs.
      const withValues = ids.filter((id) => ours.years(id).length > 0);
      expect(withValues.length).toBeGreaterThanOrEqual(10);
      const gminy = ours.unitsOfLevel(7);
      const cells = withValues.flatMap((id) =>
        ours.years(id).flatMap((year) => gminy.filter((code) => ours.hasCell(id, year, code))),
      );
      const notes = withValues.flatMap((id) =>
        ours.years(id).flatMap((year) => gminy.map((code) => ours.note(id, year, code))),
      );
      expect(cells.length).toBeGreaterThan(100_000);
      expect(notes.filter((n) => n !== null).length).toBeGreaterThan(0);
    });

    it('gives the data routes the cells the database gives them, unit by unit (contextLookup vs indicatorRows)', async () => {
      const db = release.test.db;
      const live = (await liveReleaseId(db)) as number;
      const { indicators } = release.catalog;
      const ids = indicators.map((i) => i.id);
      const context = await loadBenchmarkContext(
        db,
        live,
        ids,
        release.catalog.catalog.config.structure ?? null,
      );
      // One year of every indicator (the year the API benchmark serves): every current unit's cell both ways.
      const year = 2019;
      const stored = await indicatorRows(db, live, { indicators, years: [year] });
      const fromContext = contextLookup(context);
      // A code the context does not hold (not a current unit) has no cell either way.
      const units = [...(await currentUnits(db)), { code: '9999999' }];
      const differences: string[] = [];
      let cells = 0;
      for (const id of ids) {
        const column = fromContext.column(id, year, units);
        expect(fromContext.column(id, year, units), 'asked again with the same units').toEqual(column);
        for (const [u, { code }] of units.entries()) {
          const row = stored.get(id, code, year);
          const expected = row && { value: row.value, flag: row.flag, note: row.note };
          if (row) cells++;
          if (JSON.stringify(column[u]) !== JSON.stringify(expected))
            differences.push(`${id} ${code}: ${JSON.stringify(column[u])} ≠ ${JSON.stringify(expected)}`);
        }
      }
      expect(differences.slice(0, 5)).toEqual([]);
      expect(cells).toBeGreaterThan(20_000);
    });
  });

  describe('a hand-made release with the awkward cases', () => {
    let test: TestDatabase;
    let db: Database;
    let codes: string[];
    let releases: number[];

    const insert = async (release: number, variable: string, code: string, cell: Cell) =>
      db.query(
        `INSERT INTO observation (variable_id, unit_code, year, value, flag, note, first_release)
         VALUES ($1, $2, 2020, $3::text::float8, $4, $5, $6)`,
        [`ind:${variable}`, code, cell.value, cell.flag, cell.note, release],
      );
    interface Cell {
      value: string | null;
      flag: number | null;
      note: string | null;
    }

    beforeAll(async () => {
      test = await openTestDatabase(kind);
      db = test.db;
      await migrate(db);
      await ensureUnitsRegister(db);
      codes = (await currentUnits(db)).filter((u) => u.level === 'gmina').map((u) => u.code);
      releases = [];
      const first = (await openDraft(db, 'test 1')).release.id;
      for (const [i, [value]] of VALUES.entries()) {
        await insert(first, 'a', codes[i] as string, { value, flag: i % 3 === 0 ? null : i, note: null });
      }
      for (const [i, note] of NOTES.entries()) {
        const value = i % 2 === 0 ? null : String(i);
        await insert(first, 'b', codes[i] as string, { value, flag: i === 0 ? 9 : null, note });
      }
      await insert(first, 'a', '9999999', { value: '1', flag: 1, note: 'not in the register' });
      await insert(first, 'c', '9999999', { value: '2', flag: null, note: null });
      await publishRelease(db, first, {});
      // Release 2 replaces one value of `a` and removes one cell of `b`.
      const second = (await openDraft(db, 'test 2')).release.id;
      await db.query(
        `UPDATE observation SET last_release = $1 WHERE variable_id = ANY($2::text[]) AND unit_code = $3`,
        [second, ['ind:a', 'ind:b'], codes[1]],
      );
      await insert(second, 'a', codes[1] as string, { value: '42.5', flag: 3, note: 'zmiana' });
      await publishRelease(db, second, {});
      releases.push(first, second);
    });
    afterAll(async () => {
      await test?.drop();
    });

    it('loads every value exactly, every note whole, and skips codes not in the register', async () => {
      const [first, second] = releases as [number, number];
      const context = await loadBenchmarkContext(db, first, ['a', 'b', 'c'], null);
      const some = codes.slice(0, VALUES.length);
      const values = context.values('a', 2020, some);
      VALUES.forEach(([, expected], i) => expect(Object.is(values[i] ?? NaN, expected)).toBe(true));
      expect(context.flags('a', 2020, some)).toEqual(VALUES.map((_, i) => (i % 3 === 0 ? null : i)));
      expect(NOTES.map((_, i) => context.note('b', 2020, codes[i] as string))).toEqual(NOTES);
      expect(context.flags('b', 2020, codes.slice(0, 1))).toEqual([9]);
      expect(context.years('c')).toEqual([]); // only a code the register no longer has
      expect(context.unit('9999999')).toBeUndefined();

      const later = await loadBenchmarkContext(db, second, ['a', 'b', 'c'], null);
      expect(later.values('a', 2020, [codes[1] as string])).toEqual([42.5]);
      expect(later.note('a', 2020, codes[1] as string)).toBe('zmiana');
      expect(later.hasCell('b', 2020, codes[1] as string)).toBe(false);

      for (const release of releases) {
        const ours = await loadBenchmarkContext(db, release, ['a', 'b', 'c'], null);
        const reference = await loadBenchmarkContextByRows(db, release, ['a', 'b', 'c'], null);
        expect(contextDifferences(ours, reference, ['a', 'b', 'c'])).toEqual([]);
      }
    });
  });
});

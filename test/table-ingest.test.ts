/**
 * `smup ingest table` on both databases with the real BDL portal export of population by economic age group
 * (shared/data/bdl-exports): values land in a published release and match the file; a malformed file is
 * refused whole with line-level reasons and stores nothing.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { runIngest } from '../src/pipeline/ingest.js';
import { BDL_EXPORT_MAPPING, parseMapping, prepareTableJob } from '../src/pipeline/table-ingest.js';
import { FileFormatError } from '../src/sources/files/file-problem.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { observationsIn } from '../src/store/observations-store.js';
import { liveReleaseId } from '../src/store/releases-store.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';
import { repoRoot, sharedFile } from './shared-data.js';

const FILE = 'bdl-exports/ludnosc-ekonomiczne-grupy-wieku-gminy-2010-2019.csv';
const mapping = parseMapping(
  readFileSync(`${repoRoot}/mappings/ludnosc-ekonomiczne-grupy-wieku-gminy.yaml`, 'utf-8'),
  'ludnosc-ekonomiczne-grupy-wieku-gminy.yaml',
);
// The three "ogółem" age groups are stored under their BDL identity (bdl: 149, 152, 155 in the mapping), the
// variables `smup ingest bdl --variable …` updates (test/bdl-identity.test.ts).
const AGE_GROUPS = ['bdl:149', 'bdl:152', 'bdl:155'];

describe.each(DATABASE_KINDS)('table ingest on %s', (kind) => {
  let test: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    db = test.db;
    await migrate(db);
    await ensureUnitsRegister(db);
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('publishes the real export; the age groups of 2019 sum to the populations GUS publishes', async () => {
    const { job, read } = await prepareTableJob(db, {
      bytes: readFileSync(sharedFile(FILE)),
      fileName: 'ludnosc.csv',
      mapping,
    });
    expect(read.problems).toEqual([]);
    const report = await runIngest(db, [job], { description: 'ludność', publish: true });
    expect(report.jobs[0]?.stats?.added).toBe(read.observations.length);
    const release = (await liveReleaseId(db)) as number;
    const rows = await observationsIn(db, release, {
      variableIds: AGE_GROUPS,
      unitCodes: ['1465011', '1261011', '1061011', '3064011'],
      years: [2019],
    });
    const total = (code: string) =>
      rows.filter((r) => r.unitCode === code).reduce((sum, r) => sum + (r.value ?? 0), 0);
    // shared/data/README.md checks: Warszawa 1,790,658; Kraków 779,115; Łódź 679,941; Poznań 534,813.
    expect([total('1465011'), total('1261011'), total('1061011'), total('3064011')]).toEqual([
      1_790_658, 779_115, 679_941, 534_813,
    ]);
    // Pieszyce was a gmina miejska (0202031) until 2015: its series continues under today's 0202033.
    const pieszyce = await observationsIn(db, release, {
      variableIds: [AGE_GROUPS[1] as string],
      unitCodes: ['0202033'],
    });
    expect(pieszyce.map((r) => r.year)).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019]);
  });

  it('refuses a malformed file whole, with every reason by line, and stores nothing', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM observation');
    const bad = [
      'Kod;Nazwa;"w wieku produkcyjnym;ogółem;2019;[osoba]";"w wieku poprodukcyjnym;ogółem;2019;[osoba]"',
      '1261011;Kraków (1);500 123;12,5,1',
      '1465011;Warszawa (1);abc;1',
      '1465011;Warszawa (1);1;2',
    ].join('\r\n');
    const preset = parseMapping(BDL_EXPORT_MAPPING, 'bdl-ctab preset');
    const error = await prepareTableJob(db, {
      bytes: Buffer.from(bad, 'utf-8'),
      fileName: 'bad.csv',
      mapping: preset,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileFormatError);
    const message = (error as FileFormatError).message;
    expect(message).toMatch(
      /bad\.csv, line 2: column w wieku poprodukcyjnym;ogółem;2019;\[osoba\]: expected a number/,
    );
    expect(message).toMatch(
      /bad\.csv, line 3: column w wieku produkcyjnym;ogółem;2019;\[osoba\]: expected a number .*found "abc"/,
    );
    const duplicate = [
      bad.split('\r\n')[0],
      '1465011;Warszawa (1);1;2',
      '1261011;Kraków (1);3;4',
      '1465011;Warszawa (1);5;6',
    ];
    const again = await prepareTableJob(db, {
      bytes: Buffer.from(duplicate.join('\n'), 'utf-8'),
      fileName: 'dup.csv',
      mapping: preset,
    }).catch((e: unknown) => e);
    expect((again as Error).message).toMatch(/dup\.csv, line 4.*line 2/); // the duplicate names both lines
    expect(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM observation')).toEqual(before);
  });
});

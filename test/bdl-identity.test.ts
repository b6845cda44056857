/**
 * One identity per BDL variable (issue 8), on both databases: the real BDL portal export of population by
 * economic age group is ingested with its mapping (`bdl: 149` on "w wieku przedprodukcyjnym;ogółem"), then
 * the same variable comes from the fake BDL API over real HTTP (`smup ingest bdl --variable 149` does the
 * same jobs). It is one variable, bdl:149, and the API's values, equal to the export's, merge as unchanged;
 * a revised value merges as changed, the old one kept in the release that had it.
 *
 * The fake's values are read from the export here independently of the SMUP reader (a plain split of the
 * CSV), for 2018 and 2019, for every unit the export has in those years.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bdlIngestJobs } from '../src/pipeline/bdl-ingest.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { runIngest } from '../src/pipeline/ingest.js';
import { BDL_EXPORT_MAPPING, parseMapping, prepareTableJob } from '../src/pipeline/table-ingest.js';
import { BdlClient } from '../src/sources/bdl/client.js';
import { lockVariables } from '../src/sources/bdl/lock.js';
import { lockIndex, type LockIndex } from '../src/sources/bdl/lock-guard.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { catalogueAsServed } from './fake-bdl-catalogue.js';
import { REGISTERED_QUOTA } from '../src/sources/bdl/quota.js';
import { BDL_SOURCE_ID } from '../src/sources/bdl/variable-meta.js';
import {
  BDL_SOURCE_ID as TABULAR_BDL_SOURCE_ID,
  KNOWN_BDL_PATHS,
} from '../src/sources/tabular/bdl-variable-ids.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { observationsIn } from '../src/store/observations-store.js';
import { liveReleaseId } from '../src/store/releases-store.js';
import { allUnitCodes, currentUnits } from '../src/store/units-store.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';
import {
  bdlUnitIdsByTeryt,
  startFakeBdlServer,
  type FakeBdlServer,
  type FakeDataSet,
} from './fake-bdl-server.js';
import { repoRoot, sharedFile } from './shared-data.js';

const FILE = 'bdl-exports/ludnosc-ekonomiczne-grupy-wieku-gminy-2010-2019.csv';
const PATH = 'w wieku przedprodukcyjnym;ogółem';
const YEARS = [2018, 2019];

/** Fields of one `;`-separated line, with "…" quoting (the header quotes paths that contain `;`). */
function fields(line: string): string[] {
  return [...line.matchAll(/(?:^|;)("(?:[^"]|"")*"|[^;]*)/g)].map((m) =>
    (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"'),
  );
}

/**
 * Variable 149 as the BDL API would answer it: the export's values of PATH for YEARS, by BDL unit id. A
 * code whose kind digit changed since (a gmina wiejska 2 that is miejsko-wiejska 3 today) is answered under
 * today's unit (`current`: the register's current codes), its BDL id made by the rule of
 * shared/data/README.md (the id ends in WOJ POW GMI RODZ: the 2025 table's id with today's kind digit).
 * Whether the live API answers old years under today's unit is not known here: see the report of issue 8.
 */
function dataSetFromExport(
  current: ReadonlySet<string>,
  revise?: { teryt: string; year: number; val: number },
): FakeDataSet {
  const [head = '', ...rows] = readFileSync(sharedFile(FILE), 'utf-8').split(/\r?\n/);
  const header = fields(head);
  const column = new Map(YEARS.map((y) => [y, header.indexOf(`${PATH};${y};[osoba]`)]));
  const ids = bdlUnitIdsByTeryt();
  const byId = new Map<string, FakeDataSet['units'][number]>();
  for (const row of rows) {
    if (row.trim() === '') continue;
    const cells = fields(row);
    const written = cells[0] ?? '';
    const stem = written.slice(0, 6);
    const code = current.has(written) ? written : current.has(`${stem}3`) ? `${stem}3` : null;
    // The Polska row and abolished gminy: no gmina-level unit today.
    if (code === null || code.length !== 7) continue;
    const base = ids.get(code) ?? ['1', '2', '3'].map((k) => ids.get(`${stem}${k}`)).find(Boolean);
    if (base === undefined) continue;
    const id = `${base.slice(0, 11)}${code.slice(6)}`;
    const values = YEARS.flatMap((year) => {
      const text = cells[column.get(year) ?? -1] ?? '';
      if (text === '') return [];
      const own = revise && revise.teryt === code && revise.year === year;
      return [{ year, val: own ? revise.val : Number(text), attrId: 1 }];
    });
    if (values.length === 0) continue;
    const earlier = byId.get(id);
    byId.set(id, {
      id,
      name: cells[1] ?? '',
      values: [...(earlier?.values ?? []), ...values],
    });
  }
  return {
    variableId: 149,
    level: 6,
    names: ['w wieku przedprodukcyjnym', 'ogółem'],
    units: [...byId.values()],
  };
}

/** The fake serving the export's values as bdl:149, with the catalogue's metadata (so the lock confirms it). */
function fakeBdl(dataSet: FakeDataSet): Promise<FakeBdlServer> {
  return startFakeBdlServer({ dataSets: [dataSet], ...catalogueAsServed() });
}

/** A lock made here against the fake, as `smup catalog lock` makes it: ingests take locked ids only. */
async function lockOf(server: FakeBdlServer): Promise<{ index: LockIndex; file: string }> {
  const variable = loadCatalog().catalog.variables.find((v) => v.source === 'bdl' && v.sourceCode === '149');
  if (!variable) throw new Error('bdl:149 is not in the catalogue');
  const result = await lockVariables(clientOf(server), [variable]);
  expect(result.refused).toEqual([]);
  return { index: lockIndex(result.locked), file: 'the lock made by this test' };
}

function clientOf(server: FakeBdlServer): BdlClient {
  let now = 0;
  return new BdlClient(
    { baseUrl: server.url, quota: REGISTERED_QUOTA },
    {
      fetch: globalThis.fetch,
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    },
  );
}

describe('the BDL id table', () => {
  it('uses the BDL API source id and cites only ids of the reference list or the recorded answers', () => {
    expect(TABULAR_BDL_SOURCE_ID).toBe(BDL_SOURCE_ID);
    const reference = new Map(
      readFileSync(sharedFile('bdl-variable-ids-reference.tsv'), 'utf-8')
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((line) => line.split('\t') as [string, string]),
    );
    const recorded = JSON.stringify(
      JSON.parse(readFileSync(sharedFile('bdl-api-samples/samples_raw_variables.json'), 'utf-8')),
    );
    const cited = (id: number): boolean => reference.has(String(id)) || recorded.includes(`"id": ${id},`);
    // "Never invent an id": the known-path table, with the names the list gives the ids…
    for (const known of KNOWN_BDL_PATHS) {
      expect(reference.get(String(known.bdl)), known.path).toBe(known.referenceName);
    }
    // …and every `bdl:` written in mappings/.
    for (const name of ['ludnosc-ekonomiczne-grupy-wieku-gminy.yaml']) {
      const text = readFileSync(`${repoRoot}/mappings/${name}`, 'utf-8');
      for (const match of text.matchAll(/^\s+bdl: (\d+)/gm)) {
        expect(cited(Number(match[1])), `${name}: bdl ${match[1]}`).toBe(true);
      }
    }
  });
});

describe.each(DATABASE_KINDS)('one identity per BDL variable on %s', (kind) => {
  let test: TestDatabase;
  let db: Database;
  let exportRows2018to2019 = 0;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    db = test.db;
    await migrate(db);
    await ensureUnitsRegister(db);
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('stores the export column as bdl:149, then the API merges into it as unchanged', async () => {
    const mapping = parseMapping(
      readFileSync(`${repoRoot}/mappings/ludnosc-ekonomiczne-grupy-wieku-gminy.yaml`, 'utf-8'),
      'ludnosc-ekonomiczne-grupy-wieku-gminy.yaml',
    );
    const { job, read } = await prepareTableJob(db, {
      bytes: readFileSync(sharedFile(FILE)),
      fileName: 'ludnosc-ekonomiczne-grupy-wieku-gminy-2010-2019.csv',
      mapping,
    });
    await runIngest(db, [job], { description: 'eksport BDL', publish: true });
    const first = (await liveReleaseId(db)) as number;
    exportRows2018to2019 = read.observations.filter(
      (o) => o.variableId === 'bdl:149' && YEARS.includes(o.year),
    ).length;

    const current = new Set((await currentUnits(db)).map((u) => u.code));
    const server = await fakeBdl(dataSetFromExport(current));
    try {
      const { jobs, report } = await bdlIngestJobs(clientOf(server), {
        variableIds: [149],
        years: YEARS,
        levels: ['gmina'],
        knownUnits: await allUnitCodes(db),
        lock: await lockOf(server),
      });
      expect(jobs[0]?.source.id).toBe('bdl');
      const result = await runIngest(db, jobs, { description: 'BDL 149', publish: true });
      // Every value the API sent is the export's: nothing added, changed or removed.
      expect(result.jobs[0]?.stats).toEqual({
        added: 0,
        changed: 0,
        removed: 0,
        unchanged: exportRows2018to2019,
      });
      // So publishing changes nothing: no new release, the draft is discarded (issue 14).
      expect(result.published).toMatchObject({ releaseId: first, unchanged: true });
      expect(report.unknownUnits.size).toBe(0);
    } finally {
      await server.close();
    }

    // One variable, under the BDL identity; no portal-export twin.
    const variables = await db.query<{ id: string; sourceId: string; metadata: Record<string, unknown> }>(
      `SELECT id, source_id AS "sourceId", metadata FROM variable
       WHERE source_code IN ('149', 'ludnosc-przedprodukcyjny') ORDER BY id`,
    );
    expect(variables.map((v) => [v.id, v.sourceId])).toEqual([['bdl:149', 'bdl']]);
    // The variable now carries the API's metadata; the export's job stays recorded in the first release, and the
    // API's job went with the discarded draft.
    expect(variables[0]?.metadata).toMatchObject({ bdlLevel: 6 });
    const jobs = await db.query<{ release: number; sourceId: string; description: string }>(
      `SELECT release_id AS release, source_id AS "sourceId", description FROM ingest_job
       WHERE scope->'variables' ? 'bdl:149' ORDER BY id`,
    );
    expect(jobs).toEqual([
      {
        release: first,
        sourceId: 'gus-bdl-portal',
        description: 'ludnosc-ekonomiczne-grupy-wieku-gminy-2010-2019.csv (gus-bdl-portal)',
      },
    ]);
    // Kraków 2019 (BDL 011212161011) is the value of its line in the export.
    const krakow = await observationsIn(db, first, {
      variableIds: ['bdl:149'],
      unitCodes: ['1261011'],
      years: [2019],
    });
    expect(krakow.map((o) => o.value)).toEqual(
      dataSetFromExport(current)
        .units.find((u) => u.id === '011212161011')
        ?.values.filter((v) => v.year === 2019)
        .map((v) => v.val),
    );
  });

  it('merges a revised API value as changed, keeping the export value in the release that had it', async () => {
    const before = (await liveReleaseId(db)) as number;
    const [old] = await observationsIn(db, before, {
      variableIds: ['bdl:149'],
      unitCodes: ['1465011'],
      years: [2019],
    });
    const server = await fakeBdl(
      dataSetFromExport(new Set((await currentUnits(db)).map((u) => u.code)), {
        teryt: '1465011',
        year: 2019,
        val: (old?.value ?? 0) + 1,
      }),
    );
    try {
      const { jobs } = await bdlIngestJobs(clientOf(server), {
        variableIds: [149],
        years: YEARS,
        levels: ['gmina'],
        knownUnits: await allUnitCodes(db),
        lock: await lockOf(server),
      });
      const result = await runIngest(db, jobs, { description: 'BDL 149 revised', publish: true });
      expect(result.jobs[0]?.stats).toEqual({
        added: 0,
        changed: 1,
        removed: 0,
        unchanged: exportRows2018to2019 - 1,
      });
    } finally {
      await server.close();
    }
    const after = (await liveReleaseId(db)) as number;
    const value = async (release: number) =>
      (
        await observationsIn(db, release, { variableIds: ['bdl:149'], unitCodes: ['1465011'], years: [2019] })
      )[0]?.value;
    expect(await value(after)).toBe((old?.value ?? 0) + 1);
    expect(await value(before)).toBe(old?.value);
  });

  it('the preset without a mapping lands a downloaded export on the same BDL variable', async () => {
    const preset = parseMapping(BDL_EXPORT_MAPPING, 'bdl-ctab preset');
    const { read } = await prepareTableJob(db, {
      bytes: readFileSync(sharedFile(FILE)),
      fileName: 'pobrany.csv',
      mapping: preset,
    });
    expect(read.variables.map((v) => v.id)).toEqual([
      'bdl:149',
      'bdl:152',
      'gus-bdl-portal:w-wieku-produkcyjnym-mobilnym-ogolem',
      'gus-bdl-portal:w-wieku-produkcyjnym-niemobilnym-ogolem',
      'bdl:155',
    ]);
  });
});

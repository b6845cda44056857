/**
 * Ingest benchmark: observations per second through the real pipeline (stage pages → merge → publish) into
 * PGlite and into PostgreSQL, next to PostgreSQL's own COPY of the same rows (and PGlite's COPY) as the
 * reference ceiling. The load is the size of issue 3's acceptance run: 5 variables × every gmina × 10 years,
 * in pages of 100 units × 10 years as the BDL API serves them. Values are synthetic (deterministic).
 *
 *   npm run bench:ingest
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { readBundledSnapshot } from '../src/sources/teryt/units-snapshot.js';
import type { Observation } from '../src/domain/observations/observation.js';
import { runIngest, type IngestJobSpec } from '../src/pipeline/ingest.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite-database.js';
import { openPostgres } from '../src/store/postgres-database.js';
import { createPostgresDatabase } from '../test/databases.js';

const VARIABLES = 5;
const YEARS = Array.from({ length: 10 }, (_, i) => 2010 + i);
const gminy = readBundledSnapshot()
  .records.filter((r) => r.level === 'gmina')
  .map((r) => r.code);

function jobs(revision: number): IngestJobSpec[] {
  return Array.from({ length: VARIABLES }, (_, v) => {
    const variableId = `bench:${v}`;
    return {
      source: { id: 'bench', name: 'benchmark', citation: 'synthetic', licence: 'none', url: null },
      jobKey: variableId,
      description: variableId,
      scope: { variables: [variableId], years: YEARS, unitCodeLengths: [7] },
      variables: [
        {
          id: variableId,
          sourceId: 'bench',
          sourceCode: String(v),
          name: `bench ${v}`,
          nameEn: null,
          subjectPath: null,
          measureUnit: null,
          levels: ['gmina'],
          metadata: {},
        },
      ],
      async *pages() {
        for (let start = 0; start < gminy.length; start += 100) {
          const observations: Observation[] = gminy.slice(start, start + 100).flatMap((unitCode) =>
            YEARS.map((year) => ({
              variableId,
              unitCode,
              year,
              value: (Number(unitCode) % 997) * year + revision,
              flag: year === 2019 ? 9 : null,
              note: null,
            })),
          );
          yield { requestKey: `${variableId}:${start}`, observations };
        }
      },
    };
  });
}

const total = VARIABLES * gminy.length * YEARS.length;

async function pipeline(label: string, db: Database): Promise<void> {
  await migrate(db);
  for (const [name, revision] of [
    ['first ingest', 0],
    ['same data again', 0],
    ['every value revised', 1],
  ] as const) {
    const started = performance.now();
    await runIngest(db, jobs(revision), { description: name, publish: true });
    const seconds = (performance.now() - started) / 1000;
    console.log(`| ${label} | ${name} | ${total} | ${seconds.toFixed(2)} | ${Math.round(total / seconds)} |`);
  }
}

function csvRows(): string {
  const lines: string[] = [];
  for (let v = 0; v < VARIABLES; v++) {
    for (const unitCode of gminy) {
      for (const year of YEARS)
        lines.push(
          `bench:${v},${unitCode},${year},${(Number(unitCode) % 997) * year},${year === 2019 ? 9 : ''},,1`,
        );
    }
  }
  return `${lines.join('\n')}\n`;
}

const COPY_TABLE = `CREATE TABLE copy_reference (variable_id text, unit_code text, year smallint, value double precision,
  flag smallint, note text, first_release integer, PRIMARY KEY (variable_id, unit_code, year, first_release))`;

console.log(
  `# Ingest benchmark: ${total} observations (${VARIABLES} variables × ${gminy.length} gminy × ${YEARS.length} years)\n`,
);
console.log('| database | run | observations | seconds | observations/s |\n|---|---|---|---|---|');

const lite = await openPglite(null);
await pipeline('PGlite (memory)', lite);
await lite.close();
const folder = mkdtempSync(join(tmpdir(), 'smup-bench-ingest-'));
const liteOnDisk = await openPglite(folder);
await pipeline('PGlite (folder, as npm start)', liteOnDisk);
await liteOnDisk.close();
rmSync(folder, { recursive: true, force: true });

const database = await createPostgresDatabase();
try {
  const server = await openPostgres(database.url);
  await pipeline('PostgreSQL', server);
  await server.close();

  // Reference: PostgreSQL's own COPY of the same rows from a CSV file into an equally keyed table.
  const file = join(tmpdir(), `smup-bench-${process.pid}.csv`);
  const csv = csvRows();
  writeFileSync(file, csv);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(COPY_TABLE);
  let started = performance.now();
  await client.query(`COPY copy_reference FROM '${file}' WITH (FORMAT csv)`);
  let seconds = (performance.now() - started) / 1000;
  console.log(
    `| PostgreSQL | COPY (reference) | ${total} | ${seconds.toFixed(2)} | ${Math.round(total / seconds)} |`,
  );
  await client.end();
  rmSync(file, { force: true });

  const blobDb = await PGlite.create();
  await blobDb.exec(COPY_TABLE);
  started = performance.now();
  await blobDb.query(`COPY copy_reference FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) });
  seconds = (performance.now() - started) / 1000;
  console.log(
    `| PGlite | COPY (reference) | ${total} | ${seconds.toFixed(2)} | ${Math.round(total / seconds)} |`,
  );
  await blobDb.close();
} finally {
  await database.drop();
}

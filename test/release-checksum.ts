/**
 * What a release holds, as counts and checksums, so a change to how the first start writes it can be shown
 * to leave the content as it was: observations visible in the live release (variable, unit, year, value,
 * flag, note), the variables' metadata and the ingest jobs' descriptions and stats.
 *
 *   npx tsx test/release-checksum.ts <SMUP_DATA_DIR>      (a stopped server's folder)
 */
import type { Queryable } from '../src/store/database.js';
import { openPglite } from '../src/store/pglite-database.js';

export interface ReleaseChecksum {
  readonly release: number | null;
  readonly observations: number;
  readonly observationsMd5: string;
  readonly variables: number;
  readonly variablesMd5: string;
  readonly jobs: number;
  readonly jobsMd5: string;
  /** The release's own stats (added, changed, removed, variables), as publish wrote them. */
  readonly releaseStats: string;
  /** What publish counted the release to hold per variable, year and level (release_coverage). */
  readonly coverage: number;
  readonly coverageMd5: string;
}

export async function releaseChecksum(db: Queryable): Promise<ReleaseChecksum> {
  const [live] = await db.query<{ id: number }>('SELECT release_id AS id FROM live_release');
  const release = live?.id ?? null;
  // One md5 per variable first (small strings), then one over those: the whole table as one string would
  // need hundreds of MB inside PGlite.
  const [obs] = await db.query<{ n: number; md5: string }>(
    `WITH per_variable AS (
       SELECT variable_id, count(*) AS n, md5(string_agg(
         concat_ws('|', unit_code, year, coalesce(value::text, '~'), coalesce(flag::text, '~'), coalesce(note, '~')),
         E'\\n' ORDER BY unit_code, year)) AS md5
       FROM observation o
       WHERE o.first_release <= $1 AND (o.last_release IS NULL OR o.last_release > $1)
       GROUP BY variable_id)
     SELECT coalesce(sum(n), 0)::int AS n, md5(coalesce(string_agg(variable_id || ':' || md5, ',' ORDER BY variable_id), '')) AS md5
     FROM per_variable`,
    [release ?? 0],
  );
  const [variables] = await db.query<{ n: number; md5: string }>(
    `SELECT count(*)::int AS n, md5(coalesce(string_agg(
       concat_ws('|', id, source_id, source_code, name, name_en, subject_path, measure_unit, levels::text, metadata::text),
       E'\\n' ORDER BY id), '')) AS md5 FROM variable`,
  );
  const [jobs] = await db.query<{ n: number; md5: string }>(
    `SELECT count(*)::int AS n, md5(coalesce(string_agg(concat_ws('|', description, status, stats::text), E'\\n'
       ORDER BY description), '')) AS md5 FROM ingest_job WHERE release_id = $1`,
    [release ?? 0],
  );
  const [coverage] = await db.query<{ n: number; md5: string }>(
    `SELECT count(*)::int AS n, md5(coalesce(string_agg(concat_ws('|', variable_id, year, code_length, value_count,
       missing_count), E'\\n' ORDER BY variable_id, year, code_length), '')) AS md5
     FROM release_coverage WHERE release_id = $1`,
    [release ?? 0],
  );
  const [stats] = await db.query<{ stats: string }>(
    'SELECT stats::text AS stats FROM release WHERE id = $1',
    [release ?? 0],
  );
  return {
    release,
    releaseStats: stats?.stats ?? '',
    observations: obs?.n ?? 0,
    observationsMd5: obs?.md5 ?? '',
    variables: variables?.n ?? 0,
    variablesMd5: variables?.md5 ?? '',
    jobs: jobs?.n ?? 0,
    jobsMd5: jobs?.md5 ?? '',
    coverage: coverage?.n ?? 0,
    coverageMd5: coverage?.md5 ?? '',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: tsx test/release-checksum.ts <SMUP_DATA_DIR>');
  const db = await openPglite(dir);
  try {
    console.log(JSON.stringify(await releaseChecksum(db), null, 2));
  } finally {
    await db.close();
  }
}

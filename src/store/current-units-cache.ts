/**
 * The current register, kept in memory between requests. Data routes need every current unit on each
 * request (names, levels, which units of a level exist); reading ~4,000 rows from the database for each one
 * cost more than the data itself (issue 14: uncached indicator-year throughput). The register changes only
 * when a snapshot is loaded (its history is rebuilt in the same transaction, units-import.ts), possibly by
 * another process (`smup units import` beside a running server), so every call checks the snapshot table —
 * one tiny query — and reloads when it moved.
 */
import type { Queryable } from './database.js';
import { currentUnits } from './units-store.js';

type CurrentUnits = Awaited<ReturnType<typeof currentUnits>>;

interface Entry {
  readonly version: string;
  readonly units: Promise<readonly Readonly<CurrentUnits[number]>[]>;
}

const cache = new WeakMap<Queryable, Entry>();

async function registerVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string }>(
    `SELECT coalesce(max(id), 0) || ':' || count(*) AS version FROM register_snapshot`,
  );
  return row?.version ?? '0:0';
}

/** Every unit of the current register (as currentUnits), shared read-only between callers. */
export async function currentUnitsCached(db: Queryable): Promise<readonly Readonly<CurrentUnits[number]>[]> {
  const version = await registerVersion(db);
  const entry = cache.get(db);
  if (entry?.version === version) return entry.units;
  const units = currentUnits(db).then((rows) => Object.freeze(rows.map((u) => Object.freeze(u))));
  cache.set(db, { version, units });
  // A failed read must not stay cached: the next request tries again.
  units.catch(() => {
    if (cache.get(db)?.units === units) cache.delete(db);
  });
  return units;
}

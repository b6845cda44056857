/**
 * What /health reports of the database, in one statement. On PGlite every statement waits its turn behind
 * those before it (one connection, store/pglite-thread.ts): health's three statements waited three turns
 * behind the warm-up's reads, and a later start's health took up to 3.8 s to answer (1 December).
 */
import type { Queryable } from './database.js';
import { TERC_REGISTER } from './units-store.js';

export interface HealthFacts {
  readonly register: {
    /** The state date of the newest register loaded, null before any. */
    readonly stateDate: string | null;
    readonly snapshots: number;
    readonly units: { readonly gminy: number; readonly powiaty: number; readonly wojewodztwa: number };
  };
  readonly liveRelease: number | null;
}

export async function healthFacts(db: Queryable): Promise<HealthFacts> {
  const [row] = await db.query<{
    stateDate: string | null;
    snapshots: number;
    gminy: number;
    powiaty: number;
    wojewodztwa: number;
    live: number | null;
  }>(
    `SELECT
       (SELECT max(state_date) FROM register_snapshot WHERE register = $1) AS "stateDate",
       (SELECT count(*)::int FROM register_snapshot WHERE register = $1) AS snapshots,
       u.gminy, u.powiaty, u.wojewodztwa,
       (SELECT release_id FROM live_release) AS live
     FROM (SELECT count(*) FILTER (WHERE level = 'gmina')::int AS gminy,
                  count(*) FILTER (WHERE level = 'powiat')::int AS powiaty,
                  count(*) FILTER (WHERE level = 'wojewodztwo')::int AS wojewodztwa
           FROM unit_version WHERE valid_to IS NULL) u`,
    [TERC_REGISTER],
  );
  if (!row) throw new Error('the health query returned no row');
  const { stateDate, snapshots, gminy, powiaty, wojewodztwa, live } = row;
  return { register: { stateDate, snapshots, units: { gminy, powiaty, wojewodztwa } }, liveRelease: live };
}

import { setImmediate as yieldToServer } from 'node:timers/promises';
import type { Queryable } from './database.js';

/** One statement of making the table's indexes and constraints again, with its wall time. */
export interface RestoredPart {
  readonly statement: string;
  readonly ms: number;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The observation table's key, references and full indexes as the migrations made them, to be dropped before
 * the bulk write into the empty table and made again after it: building them once over the sorted rows is
 * about three times faster than keeping them up to date row by row (measured: 46 s against 3 s of COPY +
 * 13 s of rebuilding for 1.3 million rows on a busy machine). Read from the catalogue, so they stay whatever
 * the migrations say. The first start (pipeline/first-release.ts) and the SMUP-scale bench (bench/scale)
 * both use it, so the bench builds exactly what the real table has.
 *
 * Kept through the load, as they cost next to nothing per written row and a full scan each when made again
 * (SMUP scale, 28.8 million rows: 2.3 s and 1.9 s): CHECK constraints, and partial indexes. The only partial
 * index, on last_release, holds closed rows, and a bulk write writes open ones, so no row enters it. With
 * that index in place, the reference on last_release is checked through it rather than by a scan.
 *
 * The returned function makes them again, in the same transaction, and says what each statement took.
 */
export async function suspendObservationIndexes(tx: Queryable): Promise<() => Promise<RestoredPart[]>> {
  const indexes = await tx.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
     FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
     WHERE x.indrelid = 'observation'::regclass AND x.indpred IS NULL
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
     ORDER BY c.relname`,
  );
  // Key first when made again (references do not depend on it, but the order is stable).
  const constraints = await tx.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = 'observation'::regclass AND contype IN ('p', 'f') ORDER BY contype DESC, conname`,
  );
  for (const index of indexes) await tx.query(`DROP INDEX ${quoteIdent(index.name)}`);
  for (const constraint of constraints) {
    await tx.query(`ALTER TABLE observation DROP CONSTRAINT ${quoteIdent(constraint.name)}`);
  }
  return async () => {
    const statements = [
      ...constraints.map(
        (c) => `ALTER TABLE observation ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`,
      ),
      ...indexes.map((i) => i.definition),
    ];
    const parts: RestoredPart[] = [];
    for (const statement of statements) {
      const at = performance.now();
      await tx.query(statement);
      parts.push({ statement, ms: performance.now() - at });
      await yieldToServer();
    }
    return parts;
  };
}

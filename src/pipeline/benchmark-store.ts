/**
 * What benchmarking reads besides a release's values, behind one narrow interface: the per-release contexts
 * (benchmark-context-cache.ts), neighbours from the boundary layer, and saved sets. The service
 * (benchmarking.ts) sees only this, so its rules do not depend on how the store is queried.
 */
import type { StructureIndicators } from '../domain/catalog/schema.js';
import type { Database } from '../store/database.js';
import { getReferenceSet, saveReferenceSet, type StoredReferenceSet } from '../store/reference-sets-store.js';
import type { BenchmarkContext } from './benchmark-context.js';
import { BenchmarkContextCache, type BenchmarkContextCacheOptions } from './benchmark-context-cache.js';
import { neighbourCodes } from './neighbours.js';

export interface BenchmarkStore {
  /** The in-memory context of a published release. */
  context(release: number): Promise<BenchmarkContext>;
  /** The context if it is the live release's or already in memory, else null (BenchmarkContextCache.ifCheap). */
  cheapContext(release: number): Promise<BenchmarkContext | null>;
  /** Current codes sharing a border with the unit; null when the boundary layer has no boundary of it. */
  neighbours(code: string): Promise<readonly string[] | null>;
  /** A saved set by its short id (reading it counts as opening it), or null. */
  savedSet(id: string): Promise<StoredReferenceSet | null>;
  saveSet(set: {
    name: string;
    level: string;
    units: readonly string[];
  }): Promise<{ id: string; created: boolean }>;
}

/** The store adapter over a database: one context cache per adapter. */
export function databaseBenchmarkStore(
  db: Database,
  indicatorIds: readonly string[],
  structure: StructureIndicators | null,
  options: BenchmarkContextCacheOptions = {},
): BenchmarkStore {
  const contexts = new BenchmarkContextCache(db, indicatorIds, structure, options);
  return {
    context: (release) => contexts.get(release),
    cheapContext: (release) => contexts.ifCheap(release),
    neighbours: (code) => neighbourCodes(db, code),
    savedSet: (id) => getReferenceSet(db, id),
    saveSet: (set) => saveReferenceSet(db, set),
  };
}

/**
 * Benchmark contexts in memory: the live release's context is pinned (never evicted), other releases'
 * contexts are kept least-recently-used within a byte budget. Requests pinning old releases (`release=`,
 * permalinks, citations) therefore never make the live release reload (issue 19): before, two releases
 * were kept and the oldest entry dropped, so two old permalinks evicted the live one.
 */
import type { StructureIndicators } from '../domain/catalog/schema.js';
import type { Database } from '../store/database.js';
import type { CellReader } from '../store/observation-cells-store.js';
import { liveReleaseId } from '../store/releases-store.js';
import { loadBenchmarkContext, type BenchmarkContext } from './benchmark-context.js';

/** Loads one release's context (loadBenchmarkContext by default; a test may count loads). */
export type ContextLoader = (release: number) => Promise<BenchmarkContext>;

export interface BenchmarkContextCacheOptions {
  /** Bytes the contexts of releases other than the live one may hold together (default 256 MiB). */
  readonly otherReleasesBytes?: number;
  readonly load?: ContextLoader;
  /** Cells of a release already in memory, read instead of the database by the release's first load. */
  readonly seeds?: ContextSeeds;
}

/**
 * The cells of a release that is still in memory when it is published (the first start's, built in memory:
 * pipeline/first-release.ts), offered to the cache so its first load of that release reads them instead of
 * the database (measured: 2.9 s of statements that held PGlite, and health with it, during the warm-up).
 * One release at a time; taken once, or cleared, and then let go.
 */
export class ContextSeeds {
  private seed: { readonly release: number; readonly cells: CellReader } | null = null;

  offer(release: number, cells: CellReader): void {
    this.seed = { release, cells };
  }

  /** The cells of `release` if offered (and no longer held here), else undefined. */
  take(release: number): CellReader | undefined {
    if (this.seed?.release !== release) return undefined;
    const { cells } = this.seed;
    this.seed = null;
    return cells;
  }

  clear(): void {
    this.seed = null;
  }
}

interface Entry {
  readonly release: number;
  readonly context: Promise<BenchmarkContext>;
  /** Known once loaded; 0 while loading. */
  bytes: number;
}

export class BenchmarkContextCache {
  private live: Entry | null = null;
  /** Other releases, least recently used first (a Map keeps insertion order; a hit re-inserts). */
  private readonly others = new Map<number, Entry>();
  private readonly budget: number;
  private readonly load: ContextLoader;

  constructor(
    private readonly db: Database,
    indicatorIds: readonly string[],
    structure: StructureIndicators | null,
    options: BenchmarkContextCacheOptions = {},
  ) {
    this.budget = options.otherReleasesBytes ?? 256 * 2 ** 20;
    const { seeds } = options;
    this.load =
      options.load ??
      ((release) =>
        loadBenchmarkContext(db, release, indicatorIds, structure, undefined, seeds?.take(release)));
  }

  /** The context of a published release, loaded on first use; a failed load is forgotten (next one retries). */
  async get(release: number): Promise<BenchmarkContext> {
    if (this.live?.release === release) return this.live.context;
    const other = this.others.get(release);
    if (other) {
      this.others.delete(release);
      this.others.set(release, other);
      return other.context;
    }
    // A miss: ask which release is live (one small query) so a newly published release takes the pinned
    // slot, and the release it replaces becomes an ordinary one.
    const live = await liveReleaseId(this.db);
    const again = this.live?.release === release ? this.live : this.others.get(release);
    if (again) return again.context;
    const entry: Entry = { release, context: this.load(release), bytes: 0 };
    entry.context.then(
      (context) => {
        entry.bytes = context.bytes;
        this.evict();
      },
      () => this.forget(entry),
    );
    if (release === live) {
      if (this.live) this.others.set(this.live.release, this.live);
      this.live = entry;
      this.evict();
    } else {
      this.others.set(release, entry);
    }
    return entry.context;
  }

  /**
   * The context when it costs no load of an old release: the live release's (loaded on first use and
   * pinned) or one already in memory; null for any other release. Data routes read values from it instead of
   * the database, but a request pinning an old release must not make the server load that release whole
   * (seconds of work for one small answer), so for those they keep the database.
   */
  async ifCheap(release: number): Promise<BenchmarkContext | null> {
    if (this.live?.release === release) return this.live.context;
    if (this.others.has(release)) return this.get(release);
    return release === (await liveReleaseId(this.db)) ? this.get(release) : null;
  }

  /** Releases in memory: the live one first, then the others from least to most recently used. */
  releases(): { live: number | null; others: number[] } {
    return { live: this.live?.release ?? null, others: [...this.others.keys()] };
  }

  private forget(entry: Entry): void {
    if (this.live === entry) this.live = null;
    if (this.others.get(entry.release) === entry) this.others.delete(entry.release);
  }

  /** Drops least recently used other releases over the budget; the most recent one always stays. */
  private evict(): void {
    let total = 0;
    for (const entry of this.others.values()) total += entry.bytes;
    for (const [release, entry] of this.others) {
      if (total <= this.budget || this.others.size <= 1) break;
      this.others.delete(release);
      total -= entry.bytes;
    }
  }
}

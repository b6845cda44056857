/**
 * What `smup sync` fetches and how long the BDL quotas make it take, before anything is asked. Pure.
 *
 *   catalogue (indicators → inputs, variables) + lock ──syncTargets──► locked variables some indicator reads,
 *     each at every level of gmina, powiat, województwo that BDL has it at (the lock's level) ∩ --levels:
 *     BDL's own value of a powiat or województwo wins over the sum of its gminy (aggregate.ts), and
 *     indicators are computed at every level; needed but not locked → listed (the run goes on without
 *     them; `smup catalog lock` brings them)
 *   targets × levels × pages ──planSync──► requests, ETA anonymous and with a key (simulateSchedule)
 *
 * Quotas (quota.ts): anonymous 5/s, 100/15 min, 1,000/12 h, 10,000/7 days; with an X-ClientId key 10/s,
 * 500/15 min, 5,000/12 h, 50,000/7 days — as shared/data/README.md records them from the provider's
 * documentation (https://api.stat.gov.pl/Home/BdlApi), the same periods pyLDB's rate limiter enforces
 * (AN0DA/pyLDB docs, "Rate Limiting": per second, per 15 minutes, per 12 hours, per 7 days).
 */
import type { CatalogIndicator } from '../domain/catalog/indicators.js';
import { storedVariableId, type Catalog } from '../domain/catalog/schema.js';
import { MAX_PAGE_SIZE } from '../sources/bdl/client.js';
import { UNITS_PER_LEVEL } from '../sources/bdl/plan.js';
import { simulateSchedule, type QuotaWindow } from '../sources/bdl/quota.js';
import type { LockIndex } from '../sources/bdl/lock-guard.js';
import type { BdlIngestLevel } from './bdl-ingest.js';

export const SYNC_LEVELS: readonly BdlIngestLevel[] = ['gmina', 'powiat', 'wojewodztwo'];

/** The BDL level number at which a level's units are (the lock's `level` is the variable's lowest). */
const LEVEL_NUMBER: Record<BdlIngestLevel, number> = { gmina: 6, powiat: 5, wojewodztwo: 2 };

export interface SyncTarget {
  readonly catalogueId: string;
  readonly bdlId: number;
  readonly levels: readonly BdlIngestLevel[];
}

export interface SyncTargets {
  readonly targets: readonly SyncTarget[];
  /** BDL variables some indicator reads that the lock does not hold (catalogue ids). */
  readonly unlocked: readonly string[];
}

/**
 * The locked BDL variables the catalogue's indicators read (or `only` these, by catalogue id), each at the
 * levels BDL has it at (a gmina variable also at powiat and województwo; a powiat one not at gmina) that
 * `levels` allows.
 */
export function syncTargets(
  catalog: Pick<Catalog, 'variables'>,
  indicators: readonly Pick<CatalogIndicator, 'inputs'>[],
  lock: LockIndex,
  { only, levels = SYNC_LEVELS }: { only?: readonly string[]; levels?: readonly BdlIngestLevel[] } = {},
): SyncTargets {
  const byCatalogueId = new Map([...lock.values()].map((e) => [e.catalogueId, e]));
  const targets: SyncTarget[] = [];
  const unlocked: string[] = [];
  for (const variable of catalog.variables) {
    if (variable.source !== 'bdl') continue;
    if (only && !only.includes(variable.id)) continue;
    const stored = storedVariableId(variable);
    if (!only && !indicators.some((i) => i.inputs.includes(stored))) continue;
    const entry = byCatalogueId.get(variable.id);
    if (!entry) {
      unlocked.push(variable.id);
      continue;
    }
    const chosen = levels.filter((l) => Number(entry.level) >= LEVEL_NUMBER[l]);
    if (chosen.length > 0)
      targets.push({ catalogueId: variable.id, bdlId: Number(entry.id), levels: chosen });
  }
  return { targets, unlocked };
}

export interface SyncPlan {
  readonly variables: number;
  readonly dataRequests: number;
  /** GET /variables/{id} and its subject chain (shared subjects asked once): about two per variable. */
  readonly metadataRequests: number;
  readonly anonymous: { readonly etaMs: number; readonly bindingWindow: string | null };
  readonly withKey: { readonly etaMs: number; readonly bindingWindow: string | null };
}

/**
 * Requests of a sync and its time under each quota from an empty history (what a fresh machine would
 * take), data pages counted as `ceil(units at the level / 100)` per variable and level (years ride in one
 * request chain), minus the pages already staged. The first page of each chain tells the real count.
 */
export function planSync(
  targets: readonly SyncTarget[],
  {
    anonymousQuota,
    keyQuota,
    alreadyChecked = 0,
    alreadyFetched = 0,
  }: {
    anonymousQuota: readonly QuotaWindow[];
    keyQuota: readonly QuotaWindow[];
    alreadyChecked?: number;
    alreadyFetched?: number;
  },
): SyncPlan {
  let pages = 0;
  for (const t of targets) {
    for (const level of t.levels) pages += Math.max(1, Math.ceil(UNITS_PER_LEVEL[level] / MAX_PAGE_SIZE));
  }
  const dataRequests = Math.max(0, pages - alreadyFetched);
  const metadataRequests = 2 * Math.max(0, targets.length - alreadyChecked);
  const eta = (quota: readonly QuotaWindow[]) => {
    const { endsAt, waitedByWindow } = simulateSchedule(dataRequests + metadataRequests, quota, 0, {
      history: [],
      responseMs: 0,
    });
    let bindingWindow: string | null = null;
    let longest = 0;
    for (const [name, waited] of waitedByWindow) {
      if (waited > longest) [bindingWindow, longest] = [name, waited];
    }
    return { etaMs: endsAt, bindingWindow };
  };
  return {
    variables: targets.length,
    dataRequests,
    metadataRequests,
    anonymous: eta(anonymousQuota),
    withKey: eta(keyQuota),
  };
}

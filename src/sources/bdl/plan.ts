/**
 * How many requests an ingest of BDL variables will make and how long the quota will make it take, before
 * it starts ("250 requests, ETA 30 min 9 s"). Pure: the caller passes the quota windows, the clock and the
 * quota history (quota.ts), so the estimate is the schedule the client will follow.
 *
 *   variables × levels × year chunks = request chains
 *   chain pages = ceil(units at the level / page size)          gmina 2,500 → 25, powiat 380 → 4, woj 16 → 1
 *   requests = Σ pages ──simulateSchedule(quota, history)──► ETA, and the window that holds it back most
 */
import type { BdlLevelName } from './api-types.js';
import { MAX_PAGE_SIZE } from './client.js';
import { simulateSchedule, type QuotaWindow } from './quota.js';

/**
 * Units BDL answers per level, rounded up so the estimate does not fall short: 2,479 gminy in TERC
 * 2026-01-01 plus units of past registers that BDL keeps (2,511 in the 2019 list) → 2,500; 380 powiaty
 * (314 + 66 cities); 16 województwa; 17 regions and 73 podregiony (NUTS 2 and 3 of 2018); 7 makroregiony.
 * The first page of a chain tells the real number (`totalRecords`).
 */
export const UNITS_PER_LEVEL: Readonly<Record<BdlLevelName, number>> = {
  polska: 1,
  makroregion: 7,
  wojewodztwo: 16,
  region: 17,
  podregion: 73,
  powiat: 380,
  gmina: 2_500,
};

export interface PlanInput {
  /** How many variables (each is fetched separately: data by variable). */
  readonly variables: number;
  readonly years: readonly number[];
  readonly levels: readonly BdlLevelName[];
  readonly quota: readonly QuotaWindow[];
  /** Now, in ms since the epoch (default 0: only durations matter then). */
  readonly now?: number;
  /** Times of recent requests (the persisted quota state), which the new ones must share windows with. */
  readonly history?: readonly number[];
  /** Units per page (default 100, the most the API gives). */
  readonly pageSize?: number;
  /** Years per request chain (default all in one, as fetchVariableData does). */
  readonly maxYearsPerRequest?: number;
  /** Expected time for one answer (default 0: the quota alone). */
  readonly responseMs?: number;
  /** Overrides of UNITS_PER_LEVEL, e.g. from a first page's totalRecords. */
  readonly unitsPerLevel?: Partial<Record<BdlLevelName, number>>;
}

export interface RequestPlan {
  readonly requests: number;
  readonly chains: number;
  readonly byLevel: ReadonlyArray<{
    readonly level: BdlLevelName;
    readonly units: number;
    readonly pagesPerChain: number;
    readonly requests: number;
  }>;
  /** From now until the last answer, in ms. */
  readonly etaMs: number;
  /** The window that held the run back longest ("100 per 15 min"), null when none will. */
  readonly bindingWindow: string | null;
}

export function planRequests(input: PlanInput): RequestPlan {
  const pageSize = input.pageSize ?? MAX_PAGE_SIZE;
  const years = new Set(input.years).size;
  const chunk = input.maxYearsPerRequest ?? Math.max(1, years);
  const yearChunks = years === 0 ? 0 : Math.ceil(years / chunk);
  const chainsPerLevel = input.variables * yearChunks;
  const byLevel = [...new Set(input.levels)].map((level) => {
    const units = input.unitsPerLevel?.[level] ?? UNITS_PER_LEVEL[level];
    const pagesPerChain = Math.max(1, Math.ceil(units / pageSize));
    return { level, units, pagesPerChain, requests: pagesPerChain * chainsPerLevel };
  });
  const requests = byLevel.reduce((sum, l) => sum + l.requests, 0);
  const now = input.now ?? 0;
  const { endsAt, waitedByWindow } = simulateSchedule(requests, input.quota, now, {
    history: input.history ?? [],
    responseMs: input.responseMs ?? 0,
  });
  let bindingWindow: string | null = null;
  let longest = 0;
  for (const [name, waited] of waitedByWindow) {
    if (waited > longest) [bindingWindow, longest] = [name, waited];
  }
  return { requests, chains: chainsPerLevel * byLevel.length, byLevel, etaMs: endsAt - now, bindingWindow };
}

/**
 * Data of one variable at one level for a set of years, page by page, mapped to TERYT: the iterator the
 * ingest pipeline consumes (README.md of this folder, "Interface for the pipeline").
 *
 * A chain of requests is GET /data/by-variable/{id}?unit-level=N&year=…&page=0,1,2…&page-size=100. The
 * URL of page p is built here (not copied from `links.next`), so that its request key is known before
 * the page is fetched and a resumed run can skip it; `links.next` (or its absence) says whether the
 * chain goes on, and `totalRecords` gives the number of pages.
 */
import { flagInfo } from '../../domain/observations/flags.js';
import { BDL_LEVELS, yearNumber, type BdlLevelName, type BdlUnitData } from './api-types.js';
import { MAX_PAGE_SIZE, type BdlClient, type BdlLang } from './client.js';
import { bdlIdToTeryt, type MappedLevel } from './unit-ids.js';

export interface FetchVariableDataOptions {
  readonly variableId: number;
  /** Years wanted; sorted and de-duplicated, then asked in one request chain (repeated `year=`). */
  readonly years: readonly number[];
  /** BDL level: 'gmina' (6), 'powiat' (5), 'wojewodztwo' (2), 'polska' (0), or the levels without TERYT. */
  readonly level: BdlLevelName;
  /** Language of unit names (default: the client's). */
  readonly lang?: BdlLang;
  /** Units per page, at most 100 (default 100). */
  readonly pageSize?: number;
  /** Years per request chain (default: all in one). A smaller number makes more, smaller chains. */
  readonly maxYearsPerRequest?: number;
  /** True for a page a previous run already stored: it is not fetched and not yielded. */
  readonly skipPage?: (requestKey: string) => boolean;
}

export interface BdlObservation {
  readonly variableId: number;
  readonly bdlUnitId: string;
  /** TERYT code (2, 4 or 7 digits); null for Polska (BDL id 000000000000), which has no TERYT code. */
  readonly teryt: string | null;
  readonly level: MappedLevel;
  readonly unitName: string;
  readonly year: number;
  /**
   * The value; null when its flag says there is none (attrId 4/91 "x" no data or confidential, 14, 15
   * "-", 50 "n" not yet available: the API then sends 0, which must not be stored as a real 0).
   */
  readonly value: number | null;
  /** BDL attrId as sent (1 = a plain value; see domain/observations/flags.ts for the rest). */
  readonly attrId: number;
}

export interface BdlUnmappedUnit {
  readonly bdlUnitId: string;
  readonly unitName: string;
  readonly reason: string;
  /** How many values of this unit the page held (left out of `observations`). */
  readonly values: number;
}

export interface BdlDataPage {
  /** Stable key of the request (path + query, no host, no key): record it to skip the page on resume. */
  readonly requestKey: string;
  /** From 0. */
  readonly page: number;
  /** Pages of this chain (from `totalRecords` and the page size). */
  readonly totalPages: number;
  readonly totalRecords: number;
  /** Years this chain asked for. */
  readonly years: readonly number[];
  readonly observations: readonly BdlObservation[];
  readonly unmapped: readonly BdlUnmappedUnit[];
}

export async function* fetchVariableData(
  client: BdlClient,
  options: FetchVariableDataOptions,
): AsyncGenerator<BdlDataPage, void, undefined> {
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`);
  }
  const years = [...new Set(options.years)].sort((a, b) => a - b);
  if (years.length === 0) throw new RangeError('fetchVariableData needs at least one year');
  const chunk = options.maxYearsPerRequest ?? years.length;
  for (let start = 0; start < years.length; start += chunk) {
    yield* fetchChain(client, options, years.slice(start, start + chunk), pageSize);
  }
}

async function* fetchChain(
  client: BdlClient,
  options: FetchVariableDataOptions,
  years: readonly number[],
  pageSize: number,
): AsyncGenerator<BdlDataPage, void, undefined> {
  const lang = options.lang ?? client.lang;
  const skip = options.skipPage ?? (() => false);
  const base = { variableId: options.variableId, unitLevel: BDL_LEVELS[options.level], years, pageSize };
  const keyOf = (page: number): string => {
    const { path, params } = client.dataByVariableRequest({ ...base, page });
    return client.requestKey(path, params, lang);
  };

  // Unknown until a page is fetched. Pages a previous run stored are skipped without fetching; if every
  // page so far was skipped, the next one is fetched to learn the total (past the end it comes back
  // empty, and the chain ends there).
  let totalPages: number | null = null;
  for (let page = 0; totalPages === null || page < totalPages; page++) {
    // A guard, not a limit: 2,500 gminy are 25 pages; only a skipPage that says yes to everything gets here.
    if (page > 100_000) throw new Error(`fetchVariableData: skipPage skipped 100,000 pages of ${keyOf(0)}`);
    const requestKey = keyOf(page);
    if (skip(requestKey)) continue;
    const answer = await client.dataByVariablePage({ ...base, page }, lang);
    totalPages = Math.max(1, Math.ceil(answer.totalRecords / pageSize));
    const more = answer.links?.next !== undefined && answer.results.length > 0;
    if (page > 0 && answer.results.length === 0) return;
    yield {
      requestKey,
      page,
      totalPages,
      totalRecords: answer.totalRecords,
      years,
      ...mapUnits(options.variableId, answer.results, years),
    };
    // `links.next` is the API's own word that the chain goes on; without it, stop even if totalRecords
    // suggested more (and with it, go on even if totalRecords was short).
    if (!more) return;
    totalPages = Math.max(totalPages, page + 2);
  }
}

/** Units of one page → observations with TERYT codes, and units that have none. */
export function mapUnits(
  variableId: number,
  units: readonly BdlUnitData[],
  years: readonly number[] | null = null,
): { observations: BdlObservation[]; unmapped: BdlUnmappedUnit[] } {
  const wanted = years === null ? null : new Set(years);
  const observations: BdlObservation[] = [];
  const unmapped: BdlUnmappedUnit[] = [];
  for (const unit of units) {
    const mapping = bdlIdToTeryt(unit.id);
    if (!mapping.mapped) {
      unmapped.push({
        bdlUnitId: unit.id,
        unitName: unit.name,
        reason: mapping.reason,
        values: unit.values.length,
      });
      continue;
    }
    for (const value of unit.values) {
      const year = yearNumber(value.year);
      // The API answers only the years asked; a stray year would fall outside the job's scope.
      if (wanted !== null && !wanted.has(year)) continue;
      observations.push({
        variableId,
        bdlUnitId: unit.id,
        teryt: mapping.teryt,
        level: mapping.level,
        unitName: unit.name,
        year,
        value: value.val === null || flagInfo(value.attrId)?.missing ? null : value.val,
        attrId: value.attrId,
      });
    }
  }
  return { observations, unmapped };
}

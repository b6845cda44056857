/**
 * One identity per BDL variable, whichever way it came: a column of a BDL portal export whose BDL variable
 * id is known is stored as that variable (`bdl:<id>`, source `bdl`), the same id `smup ingest bdl
 * --variable <id>` stores, so either path updates the same series (merge: unchanged / changed / removed).
 *
 *   mapping `bdl: 149` on a variable ──┐
 *                                      ├─► variable bdl:149 (source bdl), export kept in its metadata
 *   known path table below (bdl-ctab) ─┘
 *   neither ─► <mapping source>:<mapping id>, e.g. gus-bdl-portal:ludnosc-produkcyjny-mobilny
 *
 * Never invent an id: every id here (and every `bdl:` in mappings/) is taken from
 * shared/data/bdl-variable-ids-reference.tsv or the recorded API answers in shared/data/bdl-api-samples/
 * (test/bdl-identity.test.ts checks both). The reference list is not confirmed against the live API: the
 * first `smup ingest bdl --variable <id>` shows whether its name and unit agree with the export's column.
 */

/** The BDL API's source id (sources/bdl/variable-meta.ts BDL_SOURCE_ID; a test keeps the two equal). */
export const BDL_SOURCE_ID = 'bdl';

/** Where an id of this table comes from, recorded with each variable stored under it. */
export const BDL_ID_REFERENCE = 'shared/data/bdl-variable-ids-reference.tsv';

export interface KnownBdlPath {
  /** The variable part of a BDL portal export header (before the year), as the portal writes it. */
  readonly path: string;
  /** The [unit] of the header: a path alone is ambiguous across subjects ("ogółem"), path + unit less so. */
  readonly measureUnit: string;
  /** The BDL variable id (`GET /variables/{id}`). */
  readonly bdl: number;
  /** The name the reference list gives the id, to show why the path is that variable. */
  readonly referenceName: string;
}

/**
 * Paths of BDL portal exports whose BDL variable id is known. Subject "Ludność według ekonomicznych grup
 * wieku" (LUDN, stan 31 XII, osoby): the three "ogółem" groups are ids 149, 152 and 155 of the reference
 * list ("Ludność w wieku przedprodukcyjnym / produkcyjnym / poprodukcyjnym"). Own revenue of "gminy łącznie
 * z miastami na prawach powiatu", column "razem" [zł], is 76070 ("Źródła dochodów: dochody własne"; the
 * column is own revenue, not total revenue: shared/data/README.md, bdl-ids-evidence.tsv "confirmed"). Not
 * here, because no source we have gives their id: "w wieku produkcyjnym mobilnym/niemobilnym", area in km²
 * by year, the categories of own revenue (76077 "podatek od nieruchomości" is confirmed by name only and may
 * be the series without the cities with powiat rights), registered unemployed "ogółem".
 */
export const KNOWN_BDL_PATHS: readonly KnownBdlPath[] = [
  {
    path: 'w wieku przedprodukcyjnym;ogółem',
    measureUnit: 'osoba',
    bdl: 149,
    referenceName: 'Ludność w wieku przedprodukcyjnym',
  },
  {
    path: 'w wieku produkcyjnym;ogółem',
    measureUnit: 'osoba',
    bdl: 152,
    referenceName: 'Ludność w wieku produkcyjnym',
  },
  {
    path: 'w wieku poprodukcyjnym;ogółem',
    measureUnit: 'osoba',
    bdl: 155,
    referenceName: 'Ludność w wieku poprodukcyjnym',
  },
  {
    path: 'gminy łącznie z miastami na prawach powiatu;razem',
    measureUnit: 'zł',
    bdl: 76070,
    referenceName: 'Źródła dochodów: dochody własne',
  },
];

/** The known BDL variable of an export column, matched on its exact path and [unit]; undefined if none. */
export function knownBdlVariable(path: string, measureUnit: string): KnownBdlPath | undefined {
  return KNOWN_BDL_PATHS.find((known) => known.path === path && known.measureUnit === measureUnit);
}

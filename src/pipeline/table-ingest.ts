/**
 * Tabular files (CSV, XLSX) into the draft release: read the whole file with its mapping first (a file with
 * any hard error imports nothing), then one ingest job whose key is the file's content hash, so the same
 * file ingested twice is one job, and a corrected file replaces what the earlier one brought within its scope.
 *
 * A column with a BDL identity (the mapping's `bdl:` or a known export path, sources/tabular/bdl-variable-ids.ts)
 * is stored as `bdl:<id>` of source bdl, so this job and a later `smup ingest bdl --variable <id>` merge into
 * the same variable: mergeJob compares by variable, unit and year, whatever source the job came from.
 */
import { createHash } from 'node:crypto';
import { loadMapping, type TableMapping } from '../sources/tabular/mapping-schema.js';
import { readTable, type TableReadResult } from '../sources/tabular/reader.js';
import { makeUnitResolver } from '../sources/tabular/unit-resolver.js';
import type { Queryable } from '../store/database.js';
import { upsertSource } from '../store/observations-store.js';
import { currentUnits } from '../store/units-store.js';
import { BDL_SOURCE } from './bdl-ingest.js';
import { pagesOf, type IngestJobSpec } from './ingest.js';

/** Rows per staged page: keeps each page's transaction small and shows progress on big files. */
const PAGE_ROWS = 20_000;

export interface TableInput {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly mapping: TableMapping;
}

export function parseMapping(text: string, mappingFile: string): TableMapping {
  return loadMapping(text, mappingFile);
}

/** Reads and checks the file against the register; throws FileFormatError listing every hard error. */
export async function prepareTableJob(
  db: Queryable,
  input: TableInput,
): Promise<{ job: IngestJobSpec; read: TableReadResult }> {
  const resolver = makeUnitResolver(await currentUnits(db));
  const read = await readTable(input.bytes, input.fileName, input.mapping, { resolveUnit: resolver });
  const hash = createHash('sha256').update(input.bytes).digest('hex').slice(0, 16);
  // The job registers the file's own source; variables stored under their BDL identity reference the bdl
  // source, which must exist first (a first start has no BDL API ingest before the bundled files). Only
  // the source's citation row is written here, never data: the values still go through the draft.
  const bdlVariables = read.variables.filter((v) => v.sourceId === BDL_SOURCE.id);
  if (bdlVariables.length > 0) await upsertSource(db, BDL_SOURCE);
  // A BDL variable the API ingest stored before keeps its API metadata (level, subject, years); the file's
  // provenance (file, columns, arrivedVia) is written over it, not instead of it.
  const earlier = new Map(
    (
      await db.query<{ id: string; metadata: Record<string, unknown> }>(
        'SELECT id, metadata FROM variable WHERE id = ANY($1::text[])',
        [bdlVariables.map((v) => v.id)],
      )
    ).map((row) => [row.id, row.metadata]),
  );
  const variables = read.variables.map((v) => {
    const before = earlier.get(v.id);
    return before ? { ...v, metadata: { ...before, ...v.metadata } } : v;
  });
  const job: IngestJobSpec = {
    source: read.source,
    jobKey: `table:${read.source.id}:${hash}`,
    description: `${input.fileName} (${read.source.id})`,
    scope: read.scope,
    variables,
    pages: pagesOf(read.observations, hash, PAGE_ROWS),
  };
  return { job, read };
}

/**
 * The mapping of a BDL portal export (CTAB layout): the preset needs only the source. Every column gets an
 * id made from its path, except the paths whose BDL variable id is known (bdl-variable-ids.ts), which are
 * stored under that BDL identity (`bdl:152` for "w wieku produkcyjnym;ogółem" [osoba]).
 */
export const BDL_EXPORT_MAPPING = `
layout: bdl-ctab
source:
  id: gus-bdl-portal
  name: GUS, Bank Danych Lokalnych — eksport z portalu (CSV)
  citation: Główny Urząd Statystyczny, Bank Danych Lokalnych
  licence: dane publiczne GUS, ponowne wykorzystanie z podaniem źródła
  url: https://bdl.stat.gov.pl
unit:
  unknown: skip
`;

/**
 * Tabular files (CSV, XLSX) into the draft release: read the whole file with its mapping first (a file with
 * any hard error imports nothing), then one ingest job whose key is the file's content hash, so the same
 * file ingested twice is one job, and a corrected file replaces what the earlier one brought within its scope.
 */
import { createHash } from 'node:crypto';
import { loadMapping, type TableMapping } from '../sources/tabular/mapping-schema.js';
import { readTable, type TableReadResult } from '../sources/tabular/reader.js';
import { makeUnitResolver } from '../sources/tabular/unit-resolver.js';
import type { Queryable } from '../store/database.js';
import { currentUnits } from '../store/units-store.js';
import type { IngestJobSpec } from './ingest.js';

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
  const job: IngestJobSpec = {
    source: read.source,
    jobKey: `table:${read.source.id}:${hash}`,
    description: `${input.fileName} (${read.source.id})`,
    scope: read.scope,
    variables: read.variables,
    async *pages(alreadyFetched) {
      for (let start = 0; start < read.observations.length; start += PAGE_ROWS) {
        const requestKey = `${hash}:${start}`;
        if (alreadyFetched(requestKey)) continue;
        yield { requestKey, observations: read.observations.slice(start, start + PAGE_ROWS) };
      }
    },
  };
  return { job, read };
}

/** The mapping of a BDL portal export (CTAB layout): the preset needs only the source. */
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

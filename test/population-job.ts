/**
 * The test population variable and a small ingest job of it, for suites that build a few releases of their
 * own (releases, admin releases, admin pages). Values are real: population on 31 XII 2019 from the BDL portal
 * export in shared/data.
 */
import type { VariableMeta } from '../src/domain/observations/observation.js';
import type { IngestJobSpec } from '../src/pipeline/ingest.js';

export const VARIABLE = 'test:ludnosc';

export const POPULATION_VARIABLE: VariableMeta = {
  id: VARIABLE,
  sourceId: 'test',
  sourceCode: 'ludnosc',
  name: 'Ludność ogółem (31 XII)',
  nameEn: 'Population (31 Dec)',
  subjectPath: null,
  measureUnit: 'osoba',
  levels: ['gmina'],
  metadata: {},
};

/** Warszawa, Kraków, Łódź, Poznań. */
export const POPULATION_2019: Readonly<Record<string, number>> = {
  '1465011': 1_790_658,
  '1261011': 779_115,
  '1061011': 679_941,
  '3064011': 534_813,
};

/**
 * One ingest job writing `values` (2019) of the test population variable: its scope is the variable, so a
 * value left out is removed. The release-administration suites build their releases from it.
 */
export function populationJob(values: Record<string, number>): IngestJobSpec {
  return {
    source: { id: 'test', name: 'GUS BDL (test)', citation: 'Źródło: GUS', licence: 'CC BY 4.0', url: null },
    jobKey: `test:${JSON.stringify(values)}`,
    description: 'ludność 2019',
    scope: { variables: [VARIABLE], years: [2019], unitCodeLengths: [7] },
    variables: [POPULATION_VARIABLE],
    async *pages() {
      yield {
        requestKey: 'all',
        observations: Object.entries(values).map(([unitCode, value]) => ({
          variableId: VARIABLE,
          unitCode,
          year: 2019,
          value,
          flag: null,
          note: null,
        })),
      };
    },
  };
}

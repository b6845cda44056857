/** A small ingest job for suites that need a few releases of their own (admin releases, admin pages). */
import type { IngestJobSpec } from '../src/pipeline/ingest.js';

export const VARIABLE = 'test:ludnosc';

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
    variables: [
      {
        id: VARIABLE,
        sourceId: 'test',
        sourceCode: 'ludnosc',
        name: 'Ludność ogółem (31 XII)',
        nameEn: 'Population (31 Dec)',
        subjectPath: null,
        measureUnit: 'osoba',
        levels: ['gmina'],
        metadata: {},
      },
    ],
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

/**
 * The catalogue's BDL variables as the fake BDL API serves their metadata (GET /variables/{id},
 * /variables?subject-id=): each as the catalogue expects it (its `expect`, else its name and unit), so
 * `smup catalog lock` run against the fake confirms them — and a lock made in a test is a real lock, not a
 * bypass. `wrong` plants ids that point at another concept: 155 (post-working age) answered as the
 * pre-working-age variable, while 72293, the competing id public sources give for the concept
 * (bdl-ids-evidence.tsv), answers as post-working age. A variable without an id is served as the only one of its
 * subject, under an id of the fake's own (9 000 000 on).
 */
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { FAKE_CATALOGUE, type FakeSubject, type FakeVariable } from './fake-bdl-server.js';

/** The subject of catalogue variables that state none (the fake's own id). */
export const CATALOGUE_SUBJECT = 'P9000';

export function catalogueAsServed({
  dir,
  plantWrong155 = false,
}: { dir?: string; plantWrong155?: boolean } = {}): {
  variables: FakeVariable[];
  subjects: Record<string, FakeSubject>;
} {
  const { catalog, idless } = loadCatalog(dir);
  const bdl = catalog.variables.filter((v) => v.source === 'bdl' && !idless.has(v.id));
  const variables: FakeVariable[] = bdl
    .filter((v) => !FAKE_CATALOGUE.some((f) => String(f.id) === v.sourceCode))
    .map((v) => ({
      id: Number(v.sourceCode),
      subjectId: v.expect?.subject ?? CATALOGUE_SUBJECT,
      n: {
        pl:
          plantWrong155 && v.sourceCode === '155'
            ? ['ludność w wieku przedprodukcyjnym, ogółem']
            : (v.expect?.names ?? [v.name]),
        en: [v.nameEn ?? v.name],
      },
      level: v.expect?.level ?? 6,
      measureUnitId: 26,
      measureUnitName: v.expect?.measureUnit ?? v.measureUnit ?? 'osoba',
    }));
  // A variable stated only by its expectation: the one variable of its subject, under an id of the fake's own.
  catalog.variables
    .filter((v) => idless.has(v.id))
    .forEach((v, i) =>
      variables.push({
        id: 9_000_000 + i,
        subjectId: v.expect?.subject ?? CATALOGUE_SUBJECT,
        n: { pl: v.expect?.names ?? [v.name], en: [v.nameEn ?? v.name] },
        level: v.expect?.level ?? 6,
        measureUnitId: 26,
        measureUnitName: v.expect?.measureUnit ?? v.measureUnit ?? 'osoba',
      }),
    );
  variables.push({
    id: 72293,
    subjectId: CATALOGUE_SUBJECT,
    n: { pl: ['Ludność w wieku poprodukcyjnym ogółem'], en: ['population of post-working age'] },
    level: 6,
    measureUnitId: 26,
    measureUnitName: 'osoba',
  });
  return {
    variables,
    subjects: { [CATALOGUE_SUBJECT]: { pl: 'Zmienne katalogu', en: 'Catalogue variables', levels: [6] } },
  };
}

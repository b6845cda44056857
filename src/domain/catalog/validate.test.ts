import { describe, expect, it } from 'vitest';
import { formatCatalogProblem, validateCatalog, type CatalogFiles } from './validate.js';

const text = (pl: string) => ({ pl, en: pl });
const config = {
  version: 1,
  sources: { bdl: { name: 'GUS BDL', citation: 'Źródło: GUS', licence: 'public' } },
  normalisation: { population: 'pop', area: 'area' },
};
const variable = (id: string, code: string, extra: Record<string, unknown> = {}) => ({
  id,
  source: 'bdl',
  sourceCode: code,
  name: id,
  measureUnit: null,
  levels: ['gmina'],
  aggregation: 'sum',
  confirmation: { kind: 'reference-list', verified: false, file: 'bdl-variable-ids-reference.tsv' },
  ...extra,
});
const indicator = (id: string, formula: string, dimension = 'ilosc') => ({
  id,
  name: text(id),
  definition: text(id),
  formula,
  measureUnit: '%',
  dimension,
  direction: 'neutral',
  levels: ['gmina'],
  sources: ['bdl'],
  notes: { pl: 'uwagi' },
});
/** A valid catalogue of one area with the four dimensions; tests break one thing each. */
const files = (
  indicators: unknown[] = [
    indicator('a.one', 'per_capita(x)', 'ilosc'),
    indicator('a.two', 'share(x, pop)', 'jakosc'),
    indicator('a.three', 'per_km2(x)', 'dostepnosc'),
    indicator('a.four', 'x / pop', 'efektywnosc_kosztowa'),
  ],
  variables: unknown[] = [variable('x', '1'), variable('pop', '2'), variable('area', '3')],
): CatalogFiles => ({
  config: { file: 'config.yaml', data: config },
  variables: { file: 'variables.yaml', data: { variables } },
  areas: [
    {
      file: 'areas/a.yaml',
      data: {
        id: 'a',
        order: 1,
        name: text('Edukacja'),
        services: [{ id: 'a.s', name: text('S'), indicators }],
      },
    },
  ],
});
const messages = (f: CatalogFiles) => validateCatalog(f).problems.map((p) => formatCatalogProblem(p));

describe('validateCatalog', () => {
  it('accepts a complete catalogue and compiles every indicator', () => {
    const result = validateCatalog(files());
    expect(result.problems).toEqual([]);
    expect(result.catalog?.areas).toHaveLength(1);
    expect([...result.compiled.keys()].sort()).toEqual(['a.four', 'a.one', 'a.three', 'a.two']);
    expect(result.compiled.get('a.one')?.inputs).toEqual(['bdl:1', 'bdl:2']); // x and the population
  });

  it('names the file, the indicator and the field of a schema error, as an instruction', () => {
    const broken = indicator('a.four', 'x', 'efektywnosc');
    expect(
      messages(files([indicator('a.one', 'x'), indicator('a.two', 'x'), indicator('a.three', 'x'), broken])),
    ).toEqual([
      'areas/a.yaml: indicator a.four, field services[0].indicators[3].dimension: expected one of ilosc, jakosc, dostepnosc, efektywnosc_kosztowa, kontekst, found "efektywnosc"',
    ]);
  });

  it('refuses an unknown field and says which fields exist', () => {
    const typo = { ...indicator('a.one', 'x'), direciton: 'neutral' };
    expect(
      messages(
        files([typo, indicator('a.two', 'x'), indicator('a.three', 'x'), indicator('a.four', 'x')]),
      )[0],
    ).toContain('field services[0].indicators[0].direciton: expected only the fields id, name, definition');
  });

  it('refuses a reference-list id claimed as verified', () => {
    const claimed = variable('x', '1', {
      confirmation: { kind: 'reference-list', verified: true, file: 'bdl-variable-ids-reference.tsv' },
    });
    expect(
      messages(files(undefined, [claimed, variable('pop', '2'), variable('area', '3')])).join('\n'),
    ).toContain('variables.yaml: variable x, field variables[0].confirmation');
  });

  it('reports duplicate ids of indicators and of stored variables, naming the first', () => {
    const result = messages(
      files(
        [
          indicator('a.one', 'x', 'ilosc'),
          indicator('a.one', 'x', 'jakosc'),
          indicator('a.three', 'x', 'dostepnosc'),
          indicator('a.four', 'x', 'efektywnosc_kosztowa'),
        ],
        [variable('x', '1'), variable('pop', '1'), variable('area', '3')],
      ),
    );
    // (the duplicate is left out of the rest of the checks, so the catalogue then also lacks "jakosc")
    expect(result.slice(0, 2)).toEqual([
      'variables.yaml: variable pop, field variables[1].sourceCode: expected an id not used elsewhere (variables[0] (x) has it), found bdl:1',
      'areas/a.yaml: indicator a.one, field services[0].indicators[1].id: expected an id not used elsewhere (areas/a.yaml services[0].indicators[0] has it), found a.one',
    ]);
  });

  it('reports an unknown variable in a formula with the indicator, the field and a caret', () => {
    const [problem] = messages(
      files([
        indicator('a.one', 'per_capita(y)'),
        indicator('a.two', 'x', 'jakosc'),
        indicator('a.three', 'x', 'dostepnosc'),
        indicator('a.four', 'x', 'efektywnosc_kosztowa'),
      ]),
    );
    expect(problem).toBe(
      'areas/a.yaml: indicator a.one, field services[0].indicators[0].formula: expected a formula that compiles:\n' +
        '    a.one, column 12: expected the name of a variable of catalog/variables.yaml, a derived variable or an indicator, found "y"; did you mean "x"?\n' +
        '        per_capita(y)\n' +
        '                   ^',
    );
  });

  it('reports a cycle between indicators as a → b → a', () => {
    const result = messages(
      files([
        indicator('a.one', 'a.two + 1'),
        indicator('a.two', 'a.one * 2', 'jakosc'),
        indicator('a.three', 'x', 'dostepnosc'),
        indicator('a.four', 'x', 'efektywnosc_kosztowa'),
      ]),
    );
    expect(result).toHaveLength(1);
    expect(result[0]).toContain('a formula may not use itself, even through others: a.one → a.two → a.one');
  });

  it('requires every source an indicator reads from to be cited', () => {
    const portal = {
      ...config,
      sources: { ...config.sources, portal: { name: 'p', citation: 'c', licence: 'l' } },
    };
    const f = files(undefined, [
      variable('x', '1'),
      variable('pop', '2', { source: 'portal' }),
      variable('area', '3'),
    ]);
    const result = validateCatalog({ ...f, config: { file: 'config.yaml', data: portal } }).problems.map(
      (p) => formatCatalogProblem(p),
    );
    // a.one reads the population (source portal) through per_capita, but cites only bdl.
    expect(result[0]).toBe(
      'areas/a.yaml: indicator a.one, field services[0].indicators[0].sources: expected the sources of its variables: [bdl, portal], found [bdl]',
    );
  });

  it('requires at least 4 indicators per area and every service dimension in the catalogue', () => {
    expect(messages(files([indicator('a.one', 'x', 'ilosc')]))).toEqual([
      'areas/a.yaml: service a.s, field services[0]: expected an indicator of every dimension (ilosc, jakosc, dostepnosc, efektywnosc_kosztowa), or under missingDimensions the reason a dimension has none, found none of jakosc, dostepnosc, efektywnosc_kosztowa',
      'areas/a.yaml: area a, field services: expected at least 4 indicators in the area, found 1',
      'areas/: field (top): expected at least one indicator of dimension jakosc in the catalogue, found (none)',
      'areas/: field (top): expected at least one indicator of dimension dostepnosc in the catalogue, found (none)',
      'areas/: field (top): expected at least one indicator of dimension efektywnosc_kosztowa in the catalogue, found (none)',
    ]);
  });

  it('checks that the normalisation names a known variable', () => {
    const f = files();
    const bad = { ...config, normalisation: { population: 'ludnosc', area: 'area' } };
    const result = validateCatalog({ ...f, config: { file: 'config.yaml', data: bad } }).problems.map((p) =>
      formatCatalogProblem(p),
    );
    expect(result[0]).toBe(
      'config.yaml: field normalisation.population: expected the id of a variable or derived variable of variables.yaml, found ludnosc',
    );
  });

  it('checks that the structure names indicators of the catalogue', () => {
    const f = files();
    const structure = {
      population: 'a.one',
      density: 'a.three',
      share_post_working_age: 'a.two',
      revenue_per_resident: 'a.nine',
    };
    const result = validateCatalog({ ...f, config: { file: 'config.yaml', data: { ...config, structure } } });
    expect(result.problems.map((p) => formatCatalogProblem(p))).toEqual([
      'config.yaml: field structure.revenue_per_resident: expected the id of an indicator of areas/, found a.nine',
    ]);
  });

  it('warns about variables no formula reads', () => {
    const result = validateCatalog(
      files(undefined, [
        variable('x', '1'),
        variable('pop', '2'),
        variable('area', '3'),
        variable('unused', '4'),
      ]),
    );
    expect(result.problems).toEqual([]);
    expect(result.warnings.map((w) => w.subject)).toEqual(['variable unused']);
  });

  it('accepts a service that says why a dimension is missing, and an area beyond SMUP under any name', () => {
    const f = files(
      [indicator('a.one', 'x', 'ilosc'), indicator('a.two', 'x', 'ilosc')].concat([
        indicator('a.three', 'x', 'jakosc'),
        indicator('a.four', 'x', 'efektywnosc_kosztowa'),
      ]),
    );
    const area = f.areas[0]?.data as { services: Array<Record<string, unknown>> };
    const service = area.services[0] as Record<string, unknown>;
    service.missingDimensions = { dostepnosc: text('brak danych') };
    // The service says why; only the catalogue-wide rule (every dimension somewhere) is left.
    const catalogueWide =
      'areas/: field (top): expected at least one indicator of dimension dostepnosc in the catalogue, found (none)';
    expect(messages(f)).toEqual([catalogueWide]);
    const other = { ...(f.areas[0]?.data as object), name: text('Zdrowie'), beyondSmup: true };
    const beyond = { ...f, areas: [{ file: 'areas/a.yaml', data: other }] };
    delete service.missingDimensions;
    expect(messages(beyond)).toEqual([catalogueWide]);
    const misnamed = { ...f, areas: [{ file: 'areas/a.yaml', data: { ...other, beyondSmup: undefined } }] };
    expect(messages(misnamed)).toEqual([
      'areas/a.yaml: area a, field name.pl: expected one of SMUP\'s ten area names (Edukacja; Lokalna polityka społeczna; Kultura i rekreacja; Drogownictwo i Transport; Ochrona Środowiska; Gospodarowanie nieruchomościami; Inwestycje i budownictwo; Geodezja i kartografia; Podatki i opłaty lokalne; Finanse JST), or "beyondSmup: true" for an area beyond them, found Zdrowie',
      'areas/a.yaml: service a.s, field services[0]: expected an indicator of every dimension (ilosc, jakosc, dostepnosc, efektywnosc_kosztowa), or under missingDimensions the reason a dimension has none, found none of dostepnosc',
      catalogueWide,
    ]);
  });

  it('expands a family into indicators with predictable ids, and points a family problem at its variant', () => {
    const family = {
      id: 'a.wydatki',
      name: text('Wydatki'),
      definition: text('Wydatki.'),
      measure: { gmina: 'x', powiat: 'area' },
      unit: { pl: 'zł', en: 'PLN' },
      levels: ['gmina'],
      sources: ['bdl'],
      notes: { pl: 'uwagi' },
      variants: [
        { norm: 'na_mieszkanca', dimension: 'ilosc', adds: text('na mieszkańca') },
        { norm: 'udzial', dimension: 'ilosc', per: 'pop', base: text('całości'), adds: text('udział') },
      ],
    };
    const f = files();
    const area = f.areas[0]?.data as { services: Array<Record<string, unknown>> };
    (area.services[0] as Record<string, unknown>).families = [family];
    const result = validateCatalog(f);
    expect(result.problems).toEqual([]);
    const ids = result.catalog?.areas[0]?.services[0]?.indicators.map((i) => i.id);
    expect(ids).toEqual([
      'a.one',
      'a.two',
      'a.three',
      'a.four',
      'a.wydatki__na_mieszkanca',
      'a.wydatki__na_mieszkanca__powiat',
      'a.wydatki__udzial',
      'a.wydatki__udzial__powiat',
    ]);
    expect(result.compiled.get('a.wydatki__udzial__powiat')?.inputs).toEqual(['bdl:2', 'bdl:3']);

    const broken = { ...family, variants: [{ norm: 'udzial', dimension: 'ilosc', adds: text('udział') }] };
    (area.services[0] as Record<string, unknown>).families = [broken];
    expect(messages(f)).toEqual([
      'areas/a.yaml: family a.wydatki, field services[0].families[0].variants[0].per: expected the whole of a udzial variant (a formula), found (missing)',
      'areas/a.yaml: family a.wydatki, field services[0].families[0].variants[0].base: expected what a udzial variant is per, in words ({ pl, en }), found (missing)',
    ]);
    // Two variants with one key would give one id twice: refused at the second, with the key to set.
    const twice = { ...family, variants: [family.variants[0], family.variants[0]] };
    (area.services[0] as Record<string, unknown>).families = [twice];
    expect(messages(f)).toEqual([
      'areas/a.yaml: family a.wydatki, field services[0].families[0].variants[1].key: expected a key not used by another variant of the family (variant 1 has "na_mieszkanca"); set "key", found na_mieszkanca',
    ]);
  });

  it('takes an input of a source not loaded yet only with its report, and never for BDL', () => {
    const stated = { kind: 'report-stated', verified: false };
    const report = {
      form: 'Rb-28S',
      column: 'wykonanie',
      classification: 'dział 801',
      classificationChecked: false,
    };
    const withMf = {
      ...config,
      sources: { ...config.sources, mf: { name: 'MF', citation: 'MF', licence: 'public' } },
    };
    const base = [variable('x', '1'), variable('pop', '2'), variable('area', '3')];
    const ok = files(undefined, [
      ...base,
      variable('w', 'rb28s.gmina.801', { source: 'mf', confirmation: stated, report }),
    ]);
    expect(validateCatalog({ ...ok, config: { file: 'config.yaml', data: withMf } }).problems).toEqual([]);
    const f = files(undefined, [
      ...base,
      variable('y', '9', { confirmation: stated, report }),
      variable('z', 'rb28s.gmina.801', { source: 'mf', confirmation: stated }),
    ]);
    const result = validateCatalog({ ...f, config: { file: 'config.yaml', data: withMf } });
    expect(result.problems.map((p) => formatCatalogProblem(p))).toEqual([
      'variables.yaml: variable y, field variables[3].confirmation.kind: expected for a BDL variable: expectation (no id, the lock finds it), reference-list or recorded-response, found report-stated',
      'variables.yaml: variable z, field variables[4].report: expected where the values are: report { form, column, classification?, jst?, classificationChecked }, found (missing)',
    ]);
  });
});

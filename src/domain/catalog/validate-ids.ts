/**
 * The ids of a catalogue whose files have their shape (validate.ts): one namespace for the names formulas
 * use (variables, derived variables, indicators), one for areas, one for services, one for stored variable
 * ids; a reused id is a problem naming where it was first defined. Sources named by variables and
 * indicators must be sources of config.yaml.
 */
import {
  storedVariableId,
  type CatalogArea,
  type CatalogConfig,
  type DerivedVariable,
  type Indicator,
  type VariablesFile,
} from './schema.js';
import { isUnlockedCode } from './idless-variables.js';

/** `services[0].indicators[2].formula` for ["services", 0, "indicators", 2, "formula"]. */
export function fieldPath(path: ReadonlyArray<string | number>): string {
  return (
    path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('') ||
    '(top)'
  );
}

/** The files, past their schema, and where problems go. */
export interface ShapedCatalog {
  readonly config: CatalogConfig;
  readonly configFile: string;
  readonly variablesFile: VariablesFile;
  readonly vfile: string;
  readonly derived: readonly DerivedVariable[];
  /**
   * The areas with every service's indicators as written and as generated from its families
   * (families.ts); `paths[s][i]` is where indicator i of service s is defined in the file.
   */
  readonly areas: ReadonlyArray<{
    file: string;
    area: CatalogArea;
    paths: ReadonlyArray<ReadonlyArray<Path>>;
  }>;
  readonly problem: (
    file: string,
    path: Array<string | number>,
    subject: string | null,
    expected: string,
    found: string | null,
  ) => void;
}

type Path = Array<string | number>;

/** Where an indicator is defined. */
export interface IndicatorPlace {
  readonly file: string;
  readonly path: Array<string | number>;
  readonly indicator: Indicator;
}

type Claim = (
  map: Map<string, string>,
  id: string,
  where: string,
  file: string,
  path: Array<string | number>,
  subject: string,
) => void;

const claimer =
  (c: ShapedCatalog): Claim =>
  (map, id, where, file, path, subject) => {
    const first = map.get(id);
    if (first !== undefined) c.problem(file, path, subject, `an id not used elsewhere (${first} has it)`, id);
    else map.set(id, where);
  };

/** Checks every id and cited source; returns the place of each indicator, by id (first definition). */
export function checkIds(c: ShapedCatalog): Map<string, IndicatorPlace> {
  const names = new Map<string, string>();
  const claim = claimer(c);
  checkVariables(c, names, claim);
  return checkAreas(c, names, claim);
}

function sourceProblem(
  c: ShapedCatalog,
  file: string,
  path: Array<string | number>,
  subject: string,
  id: string,
) {
  if (!(id in c.config.sources)) {
    c.problem(
      file,
      path,
      subject,
      `a source of config.yaml (${Object.keys(c.config.sources).join(', ')})`,
      id,
    );
  }
}

function checkVariables(c: ShapedCatalog, names: Map<string, string>, claim: Claim): void {
  const { vfile, variablesFile } = c;
  variablesFile.variables.forEach((v, i) => {
    claim(names, v.id, `${vfile} variables[${i}]`, vfile, ['variables', i, 'id'], `variable ${v.id}`);
    sourceProblem(c, vfile, ['variables', i, 'source'], `variable ${v.id}`, v.source);
    const placeholder = v.confirmation.kind === 'expectation' && isUnlockedCode(v.sourceCode);
    if (v.source === 'bdl' && !placeholder && !/^[0-9]+$/.test(v.sourceCode)) {
      c.problem(
        vfile,
        ['variables', i, 'sourceCode'],
        `variable ${v.id}`,
        'a BDL variable id: digits only',
        v.sourceCode,
      );
    }
    checkExpected(c, v, i);
    // A file column is stored under a BDL id only when a mapping states that id (`bdl: <id>`, one identity
    // per BDL variable whichever way it came); without a mapping a file column is its own source.
    if (v.source === 'bdl' && v.confirmation.kind === 'shared-data-file' && v.confirmation.mapping === null) {
      c.problem(
        vfile,
        ['variables', i, 'confirmation', 'mapping'],
        `variable ${v.id}`,
        'the mapping that loads the file column under this BDL id (`bdl: <id>`), or recorded-response or reference-list for a BDL API id',
        'null',
      );
    }
  });
  const storedIds = new Map<string, string>();
  variablesFile.variables.forEach((v, i) =>
    claim(
      storedIds,
      storedVariableId(v),
      `variables[${i}] (${v.id})`,
      vfile,
      ['variables', i, 'sourceCode'],
      `variable ${v.id}`,
    ),
  );
  c.derived.forEach((d, i) =>
    claim(names, d.id, `${vfile} derived[${i}]`, vfile, ['derived', i, 'id'], `derived variable ${d.id}`),
  );
}

function checkAreas(c: ShapedCatalog, names: Map<string, string>, claim: Claim): Map<string, IndicatorPlace> {
  const areaIds = new Map<string, string>();
  const serviceIds = new Map<string, string>();
  const indicatorPlace = new Map<string, IndicatorPlace>();
  for (const { file, area, paths } of c.areas) {
    claim(areaIds, area.id, file, file, ['id'], `area ${area.id}`);
    for (const [k, former] of (area.formerIds ?? []).entries()) {
      claim(areaIds, former, `${file} formerIds`, file, ['formerIds', k], `area ${area.id}`);
    }
    area.services.forEach((service, s) => {
      claim(
        serviceIds,
        service.id,
        `${file} services[${s}]`,
        file,
        ['services', s, 'id'],
        `service ${service.id}`,
      );
      service.indicators.forEach((indicator, i) => {
        const path = paths[s]?.[i] ?? ['services', s, 'indicators', i];
        const subject = `indicator ${indicator.id}`;
        claim(names, indicator.id, `${file} ${fieldPath(path)}`, file, [...path, 'id'], subject);
        if (!indicatorPlace.has(indicator.id)) indicatorPlace.set(indicator.id, { file, path, indicator });
        for (const [k, sourceId] of indicator.sources.entries()) {
          sourceProblem(c, file, [...path, 'sources', k], subject, sourceId);
        }
      });
    });
  }
  return indicatorPlace;
}

/**
 * An input of a source SMUP does not load yet (kind report-stated: MF, SIO, CKE, GUGiK, PZP-1, Policja) says in
 * `report` where its values are; a BDL variable is never of this kind (a BDL id is confirmed, or stated by its
 * expectation for the lock).
 */
function checkExpected(c: ShapedCatalog, v: VariablesFile['variables'][number], i: number): void {
  if (v.confirmation.kind !== 'report-stated') return;
  const subject = `variable ${v.id}`;
  if (v.source === 'bdl') {
    c.problem(
      c.vfile,
      ['variables', i, 'confirmation', 'kind'],
      subject,
      'for a BDL variable: expectation (no id, the lock finds it), reference-list or recorded-response',
      'report-stated',
    );
  } else if (!v.report) {
    c.problem(
      c.vfile,
      ['variables', i, 'report'],
      subject,
      'where the values are: report { form, column, classification?, jst?, classificationChecked }',
      '(missing)',
    );
  }
}

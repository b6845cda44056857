/**
 * Comparison groups (grupy porównawcze): a typology of units kept as configuration data
 * (config/comparison-groups.yaml), applied per year. See README.md in this folder for the rule and a
 * diagram.
 *
 * A config has families (kind of unit: gminy wiejskie, miasta na prawach powiatu…), each split into
 * population classes [min, max). A unit falls in the first family that matches it and in the class of its
 * population that year. A class with fewer than `minMembers` units that year is merged with a neighbouring
 * class of the same family, deterministically, and the merge is reported.
 */
// Over 400 lines: the comparison-group typology: its YAML schema and the assignment, which read each other closely.
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { parse as parseYaml } from 'yaml';
import type { UnitKind, UnitLevel } from '../units/unit.js';

const Label = Type.Object(
  { pl: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

const ClassSchema = Type.Object(
  {
    id: Type.String({
      pattern: '^[a-z0-9][a-z0-9.-]*$',
      description: 'stable id: lower-case, digits, - and .',
    }),
    label: Label,
    min: Type.Optional(Type.Number({ minimum: 0, description: 'population from (inclusive); default 0' })),
    max: Type.Optional(
      Type.Union([Type.Number({ exclusiveMinimum: 0 }), Type.Null()], {
        description: 'population below (exclusive); null or absent for no upper bound',
      }),
    ),
  },
  { additionalProperties: false },
);

const FamilySchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]*$' }),
    label: Label,
    level: Type.Union([Type.Literal('wojewodztwo'), Type.Literal('powiat'), Type.Literal('gmina')]),
    kinds: Type.Optional(Type.Array(Type.String(), { minItems: 1, description: 'unit kinds matched' })),
    cityWithPowiatRights: Type.Optional(
      Type.Boolean({
        description: 'match only cities with powiat rights (true) or only other units (false)',
      }),
    ),
    classes: Type.Array(ClassSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const TypologyConfigSchema = Type.Object(
  {
    version: Type.Literal(1),
    minMembers: Type.Integer({ minimum: 1, description: 'smallest group size; sparser classes are merged' }),
    families: Type.Array(FamilySchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type TypologyConfig = Static<typeof TypologyConfigSchema>;
export type FamilyConfig = Static<typeof FamilySchema>;
export type ClassConfig = Static<typeof ClassSchema>;

const checker = TypeCompiler.Compile(TypologyConfigSchema);

export class TypologyConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: invalid comparison-group typology:\n- ${problems.join('\n- ')}`);
    this.name = 'TypologyConfigError';
  }
}

/** Checks a parsed config (shape, unique ids, classes contiguous from 0 to no upper bound). */
export function parseTypologyConfig(data: unknown, source: string): TypologyConfig {
  const problems = [...checker.Errors(data)].map((e) => `${e.path || '/'}: ${e.message}`);
  if (problems.length > 0) throw new TypologyConfigError(source, problems);
  const config = data as TypologyConfig;
  const familyIds = new Set<string>();
  const classIds = new Set<string>();
  for (const family of config.families) {
    if (familyIds.has(family.id)) problems.push(`family id "${family.id}" is used twice`);
    familyIds.add(family.id);
    for (const { id } of family.classes) {
      // Class ids become group ids, so they must be unique across families.
      if (classIds.has(id)) problems.push(`class id "${id}" is used twice: class ids must be unique`);
      classIds.add(id);
    }
    let from = 0;
    family.classes.forEach((c, i) => {
      const min = c.min ?? 0;
      const max = c.max ?? null;
      const last = i === family.classes.length - 1;
      if (min !== from) {
        problems.push(`${family.id}/${c.id}: min must be ${from} (the previous class's max), found ${min}`);
      }
      if (last && max !== null) problems.push(`${family.id}/${c.id}: the last class must have no max`);
      if (!last && (max === null || max <= min)) {
        problems.push(
          `${family.id}/${c.id}: max must be a number above min ${min} (only the last class is open)`,
        );
      }
      from = max ?? from;
    });
  }
  if (problems.length > 0) throw new TypologyConfigError(source, problems);
  return config;
}

/** The YAML text of a typology file (config/comparison-groups.yaml), checked. */
export function typologyConfigFromYaml(text: string, source: string): TypologyConfig {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new TypologyConfigError(source, [`not YAML: ${(error as Error).message}`]);
  }
  return parseTypologyConfig(data, source);
}

export interface TypologyUnit {
  readonly code: string;
  readonly level: UnitLevel;
  readonly kind: UnitKind;
}

export interface Bounds {
  readonly min: number;
  /** null = no upper bound. */
  readonly max: number | null;
}

export interface ComparisonGroup {
  /** The class id, or the merged class ids joined by "+" (e.g. "gmw-30k-50k+gmw-50k-plus"). */
  readonly id: string;
  readonly familyId: string;
  readonly level: UnitLevel;
  readonly label: { readonly pl: string; readonly en: string };
  readonly classIds: readonly string[];
  readonly population: Bounds;
  /** Member codes, sorted. */
  readonly members: readonly string[];
}

export interface GroupAssignment {
  readonly code: string;
  readonly groupId: string;
  readonly familyId: string;
  /** The class the unit's own population put it in (before any merge). */
  readonly classId: string;
  /** The population that decided it (null for a family with a single unbounded class). */
  readonly population: number | null;
  /** The rule in words, for "why is this unit in this group". */
  readonly rule: { readonly pl: string; readonly en: string };
}

export interface ClassMerge {
  readonly familyId: string;
  readonly groupId: string;
  /** Each original class with its member count this year. */
  readonly classes: readonly { readonly id: string; readonly members: number }[];
  readonly reason: string;
}

export interface Unassigned {
  readonly code: string;
  readonly reason: 'no-family' | 'no-population';
  readonly detail: string;
}

export interface GroupAssignmentResult {
  readonly year: number;
  readonly minMembers: number;
  readonly groups: readonly ComparisonGroup[];
  /** By unit code. */
  readonly assignments: ReadonlyMap<string, GroupAssignment>;
  readonly merges: readonly ClassMerge[];
  /** Classes with no unit this year (left out, not merged). */
  readonly emptyClasses: readonly string[];
  /** Groups still below minMembers because their whole family is (reported, kept). */
  readonly undersized: readonly string[];
  readonly unassigned: readonly Unassigned[];
}

export interface AssignGroupsInput {
  /** Units to group (wojewodztwa, powiaty, gminy; parts of gminy match no family). */
  readonly units: readonly TypologyUnit[];
  /** Residents of a unit on 31 XII of a year (BDL), null when unknown. */
  readonly population: (code: string, year: number) => number | null;
  readonly year: number;
  readonly config: TypologyConfig;
}

/**
 * TERC numbers miasta na prawach powiatu from 61 up within a województwo (0261 Jelenia Góra, 1261 Kraków,
 * 1465 Warszawa), powiaty ziemskie from 01: used for a gmina whose powiat is not among the units given.
 */
const FIRST_CITY_POWIAT_NUMBER = 61;

function isCityWithPowiatRights(unit: TypologyUnit, powiatKinds: ReadonlyMap<string, UnitKind>): boolean {
  if (unit.level === 'powiat') return unit.kind === 'miasto_na_prawach_powiatu';
  if (unit.level !== 'gmina') return false;
  const powiat = unit.code.slice(0, 4);
  const kind = powiatKinds.get(powiat);
  if (kind !== undefined) return kind === 'miasto_na_prawach_powiatu';
  return Number(powiat.slice(2)) >= FIRST_CITY_POWIAT_NUMBER;
}

function matches(family: FamilyConfig, unit: TypologyUnit, city: boolean): boolean {
  if (family.level !== unit.level) return false;
  if (family.kinds !== undefined && !family.kinds.includes(unit.kind)) return false;
  if (family.cityWithPowiatRights !== undefined && family.cityWithPowiatRights !== city) return false;
  return true;
}

const boundsOf = (c: ClassConfig): Bounds => ({ min: c.min ?? 0, max: c.max ?? null });

// Made once: toLocaleString makes a formatter at every call (6,000 calls: 31 ms against 4 ms with one).
const POPULATION = { pl: new Intl.NumberFormat('pl'), en: new Intl.NumberFormat('en') };
const BOUNDS = {
  pl: new Intl.NumberFormat('pl', { useGrouping: 'always' }),
  en: new Intl.NumberFormat('en', { useGrouping: 'always' }),
};

function formatBounds(b: Bounds, lang: 'pl' | 'en'): string {
  const n = (x: number) => BOUNDS[lang].format(x);
  if (b.max === null) return b.min === 0 ? (lang === 'pl' ? 'każda' : 'any') : `≥ ${n(b.min)}`;
  return `${n(b.min)}–${n(b.max - 1)}`;
}

interface Segment {
  classes: ClassConfig[];
  members: string[];
  counts: number[];
}

/**
 * Merges sparse classes of one family, in place: while a segment has fewer than min members and there are
 * two or more, the smallest segment (the lower one on a tie) joins its smaller neighbour (the lower one on
 * a tie; an end segment has one neighbour). Same counts, same result: deterministic.
 */
function mergeSparse(segments: Segment[], min: number): void {
  for (;;) {
    if (segments.length < 2) return;
    let smallest = -1;
    segments.forEach((s, i) => {
      if (
        s.members.length < min &&
        (smallest < 0 || s.members.length < (segments[smallest] as Segment).members.length)
      ) {
        smallest = i;
      }
    });
    if (smallest < 0) return;
    const left = segments[smallest - 1];
    const right = segments[smallest + 1];
    const withLeft =
      left !== undefined && (right === undefined || left.members.length <= right.members.length);
    const [a, b] = withLeft ? [smallest - 1, smallest] : [smallest, smallest + 1];
    const first = segments[a] as Segment;
    const second = segments[b] as Segment;
    segments.splice(a, 2, {
      classes: [...first.classes, ...second.classes],
      members: [...first.members, ...second.members],
      counts: [...first.counts, ...second.counts],
    });
  }
}

// Over 80 lines: its steps share many locals and run once, in order; not yet split by concept (issue 19 lists it).
/** Puts every unit in its comparison group for one year. Pure: population is a lookup passed in. */
export function assignGroups(input: AssignGroupsInput): GroupAssignmentResult {
  const { units, population, year, config } = input;
  const powiatKinds = new Map(units.filter((u) => u.level === 'powiat').map((u) => [u.code, u.kind]));
  const unassigned: Unassigned[] = [];
  const byClass = new Map<string, string[]>();
  const populationOf = new Map<string, number | null>();
  const familyOf = new Map<string, FamilyConfig>();

  for (const unit of units) {
    const city = isCityWithPowiatRights(unit, powiatKinds);
    const family = config.families.find((f) => matches(f, unit, city));
    if (!family) {
      unassigned.push({
        code: unit.code,
        reason: 'no-family',
        detail: `no family of the typology matches ${unit.level} ${unit.kind}${city ? ' (city with powiat rights)' : ''}`,
      });
      continue;
    }
    const only = family.classes.length === 1 ? family.classes[0] : undefined;
    const needsPopulation = !(only && (only.min ?? 0) === 0 && (only.max ?? null) === null);
    const people = needsPopulation ? population(unit.code, year) : null;
    if (needsPopulation && (people === null || !Number.isFinite(people))) {
      unassigned.push({
        code: unit.code,
        reason: 'no-population',
        detail: `no population for ${year}: family ${family.id} is split by population`,
      });
      continue;
    }
    const cls = needsPopulation
      ? family.classes.find((c) => {
          const b = boundsOf(c);
          return (people as number) >= b.min && (b.max === null || (people as number) < b.max);
        })
      : only;
    if (!cls) throw new Error(`unreachable: validated classes cover [0, ∞), population ${people}`);
    const list = byClass.get(cls.id) ?? [];
    list.push(unit.code);
    byClass.set(cls.id, list);
    populationOf.set(unit.code, people);
    familyOf.set(unit.code, family);
  }

  const groups: ComparisonGroup[] = [];
  const merges: ClassMerge[] = [];
  const emptyClasses: string[] = [];
  const undersized: string[] = [];
  const groupOfClass = new Map<string, ComparisonGroup>();
  for (const family of config.families) {
    const segments: Segment[] = [];
    for (const c of family.classes) {
      const members = byClass.get(c.id) ?? [];
      if (members.length === 0) emptyClasses.push(c.id);
      else segments.push({ classes: [c], members, counts: [members.length] });
    }
    mergeSparse(segments, config.minMembers);
    for (const s of segments) {
      const first = s.classes[0] as ClassConfig;
      const last = s.classes[s.classes.length - 1] as ClassConfig;
      const bounds: Bounds = { min: boundsOf(first).min, max: boundsOf(last).max };
      const id = s.classes.map((c) => c.id).join('+');
      const label =
        s.classes.length === 1
          ? first.label
          : {
              pl: `${family.label.pl}, ludność ${formatBounds(bounds, 'pl')} (klasy połączone)`,
              en: `${family.label.en}, population ${formatBounds(bounds, 'en')} (merged classes)`,
            };
      const group: ComparisonGroup = {
        id,
        familyId: family.id,
        level: family.level,
        label,
        classIds: s.classes.map((c) => c.id),
        population: bounds,
        members: [...s.members].sort(),
      };
      groups.push(group);
      for (const c of s.classes) groupOfClass.set(c.id, group);
      if (s.classes.length > 1) {
        merges.push({
          familyId: family.id,
          groupId: id,
          classes: s.classes.map((c, i) => ({ id: c.id, members: s.counts[i] as number })),
          reason: `${s.classes
            .map((c, i) => `${c.id} (${s.counts[i]})`)
            .join(' + ')}: a class had fewer than ${config.minMembers} members in ${year}`,
        });
      }
      if (s.members.length < config.minMembers) undersized.push(id);
    }
  }

  const assignments = new Map<string, GroupAssignment>();
  for (const [classId, codes] of byClass) {
    const group = groupOfClass.get(classId) as ComparisonGroup;
    for (const code of codes) {
      const family = familyOf.get(code) as FamilyConfig;
      const people = populationOf.get(code) ?? null;
      const merged = group.classIds.length > 1 ? ` → ${group.id}` : '';
      const rule = {
        pl:
          people === null
            ? `${family.label.pl}: jedna grupa`
            : `${family.label.pl}, ludność ${POPULATION.pl.format(people)} (${year}): klasa ${classId}${merged}`,
        en:
          people === null
            ? `${family.label.en}: one group`
            : `${family.label.en}, population ${POPULATION.en.format(people)} (${year}): class ${classId}${merged}`,
      };
      assignments.set(code, {
        code,
        groupId: group.id,
        familyId: family.id,
        classId,
        population: people,
        rule,
      });
    }
  }
  return {
    year,
    minMembers: config.minMembers,
    groups,
    assignments,
    merges,
    emptyClasses,
    undersized,
    unassigned,
  };
}

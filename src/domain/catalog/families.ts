/**
 * Expands a measure family (family-schema.ts) into the indicators it stands for — pure, so the catalogue
 * states each measure once and its variants cannot drift apart:
 *
 *   family { id: edukacja.wydatki_sp, measure, variants: [na_mieszkanca, na_uzytkownika (key na_ucznia)] }
 *     ──► edukacja.wydatki_sp__na_mieszkanca, edukacja.wydatki_sp__na_ucznia
 *   measure { gmina: a, miasto_npp: b, powiat: c } ──► …__na_mieszkanca, …__na_mieszkanca__miasto_npp,
 *     …__na_mieszkanca__powiat (SMUP's separate sets; a city with powiat rights reads its joint budget)
 *
 * Ids are `<family id>__<key>` (key: the variant's `key`, by default its normalisation), plus `__<set>` for
 * the miasto_npp and powiat sets: predictable from the YAML, stable as long as the family id and key are.
 */
import type { Bilingual, CatalogLevel, Indicator, JstType } from './schema.js';
import type { Family, FamilyVariant, Normalisation } from './family-schema.js';

export interface FamilyProblem {
  /** Path inside the family: ["variants", 2, "per"]. */
  readonly path: ReadonlyArray<string | number>;
  readonly expected: string;
  readonly found: string | null;
}

export interface GeneratedIndicator {
  readonly indicator: Indicator;
  /** The variant it comes from (its index in `variants`), for messages that point at the YAML. */
  readonly variant: number;
}

const SET_NAMES: Readonly<Record<JstType, Bilingual>> = {
  gmina: { pl: 'gminy', en: 'gminas' },
  miasto_npp: { pl: 'miasta na prawach powiatu', en: 'cities with powiat rights' },
  powiat: { pl: 'powiaty', en: 'land powiats' },
};
const SET_NOTES: Readonly<Record<JstType, Bilingual>> = {
  gmina: {
    pl: 'Zestaw gmin: budżet gminy (w miastach na prawach powiatu — osobny zestaw).',
    en: 'The gmina set: the gmina budget (cities with powiat rights have their own set).',
  },
  miasto_npp: {
    pl: 'Zestaw miast na prawach powiatu: wspólny budżet miasta, które wykonuje zadania gminy i powiatu.',
    en: 'The set of cities with powiat rights: the joint budget of a city doing both gmina and powiat tasks.',
  },
  powiat: {
    pl: 'Zestaw powiatów ziemskich: budżet samorządu powiatu, nie suma budżetów gmin.',
    en: 'The set of land powiats: the budget of the powiat self-government, not the sum of its gminas.',
  },
};

/** Variants that need a denominator or whole (`per`) and a name for it (`base`). */
const NEEDS_PER: ReadonlySet<Normalisation> = new Set(['na_grupe_docelowa', 'na_uzytkownika', 'udzial']);
/** Which `scale` each normalisation accepts. */
const SCALES: Readonly<Record<Normalisation, readonly number[]>> = {
  poziom: [],
  na_mieszkanca: [1000, 10000],
  na_grupe_docelowa: [100, 1000, 10000],
  na_uzytkownika: [100, 1000],
  na_km2: [100],
  udzial: [],
  zmiana_rr: [],
};

const perText = (scale: number | undefined): Bilingual =>
  scale === undefined
    ? { pl: '', en: '' }
    : scale === 10000
      ? { pl: '10 tys. ', en: '10,000 ' }
      : { pl: `${scale} `, en: `${scale.toLocaleString('en')} ` };

/** The sets of the family: the keys of `measure` when it is given per set, else one unnamed set. */
function setsOf(family: Family): Array<{ set: JstType | null; measure: string }> {
  if (typeof family.measure === 'string') return [{ set: null, measure: family.measure }];
  const measures = family.measure;
  return (['gmina', 'miasto_npp', 'powiat'] as const)
    .filter((set) => measures[set] !== undefined)
    .map((set) => ({ set, measure: measures[set] as string }));
}

/** Problems of a family that the schema cannot see (per and base where needed, scales, unique keys). */
export function familyProblems(family: Family): FamilyProblem[] {
  const problems: FamilyProblem[] = [];
  const sets = setsOf(family).map((s) => s.set);
  const keys = new Map<string, number>();
  family.variants.forEach((variant, v) => {
    const key = variant.key ?? variant.norm;
    const first = keys.get(key);
    if (first !== undefined) {
      problems.push({
        path: ['variants', v, 'key'],
        expected: `a key not used by another variant of the family (variant ${first + 1} has "${key}"); set "key"`,
        found: key,
      });
    } else keys.set(key, v);
    if (NEEDS_PER.has(variant.norm)) {
      if (variant.per === undefined)
        problems.push({
          path: ['variants', v, 'per'],
          expected: `the ${variant.norm === 'udzial' ? 'whole' : 'denominator'} of a ${variant.norm} variant (a formula)`,
          found: '(missing)',
        });
      if (variant.base === undefined)
        problems.push({
          path: ['variants', v, 'base'],
          expected: `what a ${variant.norm} variant is per, in words ({ pl, en })`,
          found: '(missing)',
        });
    } else if (variant.per !== undefined || variant.base !== undefined) {
      problems.push({
        path: ['variants', v, variant.per !== undefined ? 'per' : 'base'],
        expected: `no per or base: a ${variant.norm} variant divides by what the catalogue config names`,
        found: variant.per !== undefined ? 'per' : 'base',
      });
    }
    if (variant.per !== undefined && typeof variant.per !== 'string') {
      const perSets = Object.keys(variant.per).sort();
      if (perSets.join(',') !== [...sets].map(String).sort().join(',')) {
        problems.push({
          path: ['variants', v, 'per'],
          expected: `one formula per set of the measure (${sets.join(', ')})`,
          found: perSets.join(', '),
        });
      }
    }
    if (variant.scale !== undefined && !SCALES[variant.norm].includes(variant.scale)) {
      problems.push({
        path: ['variants', v, 'scale'],
        expected: `for ${variant.norm}: ${SCALES[variant.norm].length ? SCALES[variant.norm].join(', ') : 'no scale'}`,
        found: String(variant.scale),
      });
    }
  });
  return problems;
}

/** The indicators of a family, in variant order (then set order); assumes `familyProblems` is empty. */
export function expandFamily(family: Family): GeneratedIndicator[] {
  const out: GeneratedIndicator[] = [];
  const sets = setsOf(family);
  family.variants.forEach((variant, v) => {
    for (const { set, measure } of sets) {
      out.push({ indicator: variantIndicator(family, variant, set, measure), variant: v });
    }
  });
  return out;
}

function variantIndicator(
  family: Family,
  variant: FamilyVariant,
  set: JstType | null,
  measure: string,
): Indicator {
  const per =
    variant.per === undefined
      ? null
      : typeof variant.per === 'string'
        ? variant.per
        : (variant.per[set ?? 'gmina'] ?? null);
  const text = normalisationText(family, variant, measure, per);
  const setSuffix = set === null ? null : SET_NAMES[set];
  const key = variant.key ?? variant.norm;
  const levels: CatalogLevel[] =
    variant.levels ?? (set === 'miasto_npp' || set === 'powiat' ? ['powiat'] : family.levels);
  const decimals =
    variant.decimals ??
    (variant.norm === 'udzial' || variant.norm === 'zmiana_rr' ? 1 : family.unit.pl === 'zł' ? 0 : 1);
  const setNote = set === null ? null : SET_NOTES[set];
  return {
    id: `${family.id}__${key}${set === null || set === 'gmina' ? '' : `__${set}`}`,
    name: {
      pl: `${text.name.pl}${setSuffix ? ` (${setSuffix.pl})` : ''}`,
      en: `${text.name.en}${setSuffix ? ` (${setSuffix.en})` : ''}`,
    },
    definition: {
      pl: `${family.definition.pl} ${text.definition.pl} Wariant: ${variant.adds.pl}`,
      en: `${family.definition.en} ${text.definition.en} Variant: ${variant.adds.en}`,
    },
    formula: text.formula,
    measureUnit: text.unit.pl,
    measureUnitEn: text.unit.en,
    decimals,
    dimension: variant.dimension,
    direction: variant.direction ?? family.direction ?? 'neutral',
    levels,
    sources: family.sources,
    notes: {
      pl: setNote ? `${family.notes.pl} ${setNote.pl}` : family.notes.pl,
      ...(family.notes.en ? { en: setNote ? `${family.notes.en} ${setNote.en}` : family.notes.en } : {}),
    },
    family: { id: family.id, variant: key, set, adds: variant.adds },
  };
}

interface NormalisationText {
  readonly name: Bilingual;
  readonly definition: Bilingual;
  readonly formula: string;
  readonly unit: Bilingual;
}

// One case per normalisation: name, sentence, formula and unit of each kept side by side.
function normalisationText(
  family: Family,
  variant: FamilyVariant,
  measure: string,
  per: string | null,
): NormalisationText {
  const m = `(${measure})`;
  const name = family.name;
  const unit = family.unit;
  const scale = perText(variant.scale);
  const base = variant.base ?? { pl: '', en: '' };
  const times = variant.scale === undefined ? '' : ` * ${variant.scale}`;
  switch (variant.norm) {
    case 'poziom':
      return {
        name,
        definition: { pl: 'Wartość bezwzględna.', en: 'The absolute value.' },
        formula: measure,
        unit,
      };
    case 'na_mieszkanca': {
      const fn = variant.scale === 1000 ? 'per_1000' : variant.scale === 10000 ? 'per_10000' : 'per_capita';
      const residents =
        variant.scale === undefined
          ? { pl: 'mieszkańca', en: 'resident' }
          : {
              pl: `${scale.pl}mieszkańców`,
              en: `${scale.en}residents`,
            };
      return {
        name: { pl: `${name.pl} na ${residents.pl}`, en: `${name.en} per ${residents.en}` },
        definition: {
          pl: `W przeliczeniu na ${residents.pl} (ludność ogółem).`,
          en: `Per ${residents.en} (total population).`,
        },
        formula: `${fn}${m}`,
        unit: { pl: `${unit.pl} na ${residents.pl}`, en: `${unit.en} per ${residents.en}` },
      };
    }
    case 'na_grupe_docelowa':
    case 'na_uzytkownika': {
      const whom = { pl: `${scale.pl}${base.pl}`, en: `${scale.en}${base.en}` };
      return {
        name: { pl: `${name.pl} na ${whom.pl}`, en: `${name.en} per ${whom.en}` },
        definition: {
          pl: `Podzielone przez ${variant.norm === 'na_uzytkownika' ? 'liczbę korzystających' : 'liczbę mieszkańców grupy docelowej'} (${per}).`,
          en: `Divided by the ${variant.norm === 'na_uzytkownika' ? 'number of users' : 'residents of the target group'} (${per}).`,
        },
        formula: `${m} / (${per})${times}`,
        unit: { pl: `${unit.pl} na ${whom.pl}`, en: `${unit.en} per ${whom.en}` },
      };
    }
    case 'na_km2': {
      const km = variant.scale === 100 ? { pl: '100 km²', en: '100 km²' } : { pl: 'km²', en: 'km²' };
      return {
        name: { pl: `${name.pl} na ${km.pl}`, en: `${name.en} per ${km.en}` },
        definition: { pl: `W przeliczeniu na ${km.pl} powierzchni.`, en: `Per ${km.en} of area.` },
        formula: `per_km2${m}${times}`,
        unit: { pl: `${unit.pl} na ${km.pl}`, en: `${unit.en} per ${km.en}` },
      };
    }
    case 'udzial':
      return {
        name: { pl: `${name.pl} — udział w ${base.pl}`, en: `${name.en} as a share of ${base.en}` },
        definition: { pl: `Jako odsetek: ${per}.`, en: `As a percentage of: ${per}.` },
        formula: `share(${m}, ${per})`,
        unit: { pl: '%', en: '%' },
      };
    case 'zmiana_rr':
      return {
        name: { pl: `${name.pl} — zmiana rok do roku`, en: `${name.en} — change on the year before` },
        definition: {
          pl: 'Zmiana wobec roku poprzedniego w procentach (ceny bieżące dla kwot).',
          en: 'Change on the year before in per cent (current prices for amounts).',
        },
        formula: `share(${m} - lag(${m}, 1), lag(${m}, 1))`,
        unit: { pl: '%', en: '%' },
      };
  }
}

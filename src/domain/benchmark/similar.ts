/**
 * Most similar units (issue 5): the k nearest units on standardised structural variables, with the
 * distance and each variable's share of it ("why it is near"). Pure: values come in as arrays aligned
 * with the candidates' codes; OWID's findClosestByValue is the model (pure search, loading apart).
 *
 *   raw values ─(transform: none | log)─► z = (x − mean) / sd over the candidates that have x
 *   distance(t, c) = √( Σ_v w_v · (z_v(t) − z_v(c))² )            weighted Euclidean
 *   contribution_v = w_v · (z_v(t) − z_v(c))² / distance²          shares summing to 1
 *
 * - sd is the population standard deviation (divide by n), over every candidate with a value, target
 *   included; a variable with sd = 0 (or fewer than 2 values) separates no one and is left out.
 * - Missing values: a variable the target lacks is left out of the search (reported in
 *   `variablesUsed` / `variablesLeftOut`); a candidate lacking a variable the target has is not ranked
 *   (listed in `excluded` with the variables it lacks) rather than given a guessed value.
 * - Ties in distance: by code, so the answer does not depend on input order.
 */

export interface StructuralVariable {
  readonly id: string;
  /** Values aligned with the candidates' codes; null, NaN or ±Infinity = missing. */
  readonly values: ArrayLike<number | null>;
  /** Weight in the distance (default 1; 0 leaves the variable out). */
  readonly weight?: number;
  /** 'log' for skewed variables (population, density): ln(x), and x ≤ 0 is missing. Default 'none'. */
  readonly transform?: 'none' | 'log';
}

/**
 * The variables SMUP uses by default (issue 5): population and density on a log scale (they span three
 * orders of magnitude: 1,3 thousand to 1,8 million residents), age structure, own revenue per resident,
 * urbanisation. Ids are the variables the caller loads; weights 1.
 */
export const DEFAULT_SIMILARITY_VARIABLES: readonly Pick<
  StructuralVariable,
  'id' | 'weight' | 'transform'
>[] = [
  { id: 'population', transform: 'log', weight: 1 },
  { id: 'density', transform: 'log', weight: 1 },
  { id: 'share_post_working_age', weight: 1 },
  { id: 'own_revenue_per_resident', weight: 1 },
  { id: 'urbanisation', weight: 1 },
];

export interface VariableScale {
  readonly id: string;
  readonly weight: number;
  readonly transform: 'none' | 'log';
  readonly mean: number;
  readonly sd: number;
  /** Candidates with a value. */
  readonly count: number;
}

export interface SimilarityIndex {
  readonly codes: readonly string[];
  readonly scales: readonly VariableScale[];
  /** z-scores, row-major by candidate: z[i * variables + v]; NaN = missing. */
  readonly z: Float64Array;
  /** Raw values as given, same layout. */
  readonly raw: Float64Array;
}

export interface SimilarityIndexInput {
  readonly codes: readonly string[];
  readonly variables: readonly StructuralVariable[];
}

const toNumber = (x: number | null | undefined): number =>
  x === null || x === undefined || !Number.isFinite(x) ? NaN : x;

/** Standardises every variable once; then each nearestUnits call is O(candidates × variables). */
export function buildSimilarityIndex(input: SimilarityIndexInput): SimilarityIndex {
  const { codes, variables } = input;
  const n = codes.length;
  const m = variables.length;
  const z = new Float64Array(n * m).fill(NaN);
  const raw = new Float64Array(n * m).fill(NaN);
  const scales = variables.map((variable, v): VariableScale => {
    if (variable.values.length !== n) {
      throw new RangeError(`${variable.id}: ${variable.values.length} values for ${n} codes`);
    }
    const transform = variable.transform ?? 'none';
    const weight = variable.weight ?? 1;
    if (!(weight >= 0)) throw new RangeError(`${variable.id}: weight must be ≥ 0, found ${weight}`);
    let count = 0;
    let sum = 0;
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = toNumber(variable.values[i]);
      raw[i * m + v] = x;
      t[i] = transform === 'log' ? (x > 0 ? Math.log(x) : NaN) : x;
      if (!Number.isNaN(t[i] as number)) {
        count++;
        sum += t[i] as number;
      }
    }
    const mean = count > 0 ? sum / count : NaN;
    let squares = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(t[i] as number)) squares += ((t[i] as number) - mean) ** 2;
    const sd = count > 0 ? Math.sqrt(squares / count) : NaN;
    for (let i = 0; i < n; i++) {
      const ti = t[i] as number;
      // sd = 0: every value equal; z = 0 keeps "has a value" apart from NaN "missing".
      if (!Number.isNaN(ti)) z[i * m + v] = sd > 0 ? (ti - mean) / sd : 0;
    }
    return { id: variable.id, weight, transform, mean, sd, count };
  });
  return { codes, scales, z, raw };
}

export interface Contribution {
  readonly variable: string;
  readonly targetValue: number;
  readonly value: number;
  /** z(candidate) − z(target). */
  readonly zDifference: number;
  /** Share of the squared distance, 0–1 (0 for all when the distance is 0). */
  readonly share: number;
}

export interface SimilarUnit {
  readonly code: string;
  readonly distance: number;
  /** Per variable used, largest share first. */
  readonly contributions: readonly Contribution[];
}

export interface SimilarUnitsResult {
  readonly target: string;
  readonly k: number;
  readonly units: readonly SimilarUnit[];
  readonly variablesUsed: readonly string[];
  readonly variablesLeftOut: readonly { readonly variable: string; readonly reason: string }[];
  /** Candidates not ranked because they lack a variable the search uses. */
  readonly excluded: readonly { readonly code: string; readonly missing: readonly string[] }[];
}

export interface NearestOptions {
  /** Code of the unit whose neighbours are sought; must be among the index's codes. */
  readonly target: string;
  /** How many units to return (default 15, as issue 5 asks). */
  readonly k?: number;
  /** Only these candidates may be returned (e.g. the same level); default every other code. */
  readonly eligible?: (code: string) => boolean;
}

export function nearestUnits(index: SimilarityIndex, options: NearestOptions): SimilarUnitsResult {
  const { target, k = 15, eligible } = options;
  const { codes, scales, z, raw } = index;
  const m = scales.length;
  const t = codes.indexOf(target);
  if (t < 0) throw new RangeError(`unit ${target} is not among the candidates`);
  const used: number[] = [];
  const leftOut: { variable: string; reason: string }[] = [];
  scales.forEach((s, v) => {
    if (s.weight === 0) leftOut.push({ variable: s.id, reason: 'weight 0' });
    else if (Number.isNaN(z[t * m + v] as number))
      leftOut.push({ variable: s.id, reason: `${target} has no value` });
    else if (!(s.sd > 0)) leftOut.push({ variable: s.id, reason: 'no spread among the candidates (sd = 0)' });
    else used.push(v);
  });
  const excluded: { code: string; missing: string[] }[] = [];
  const found: { i: number; d2: number }[] = [];
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as string;
    if (i === t || (eligible && !eligible(code))) continue;
    let d2 = 0;
    const missing: string[] = [];
    for (const v of used) {
      const diff = (z[i * m + v] as number) - (z[t * m + v] as number);
      if (Number.isNaN(diff)) missing.push((scales[v] as VariableScale).id);
      else d2 += (scales[v] as VariableScale).weight * diff * diff;
    }
    if (missing.length > 0) excluded.push({ code, missing });
    else found.push({ i, d2 });
  }
  found.sort((a, b) => a.d2 - b.d2 || ((codes[a.i] as string) < (codes[b.i] as string) ? -1 : 1));
  const units = found.slice(0, k).map(({ i, d2 }): SimilarUnit => {
    const contributions = used.map((v): Contribution => {
      const scale = scales[v] as VariableScale;
      const diff = (z[i * m + v] as number) - (z[t * m + v] as number);
      return {
        variable: scale.id,
        targetValue: raw[t * m + v] as number,
        value: raw[i * m + v] as number,
        zDifference: diff,
        share: d2 > 0 ? (scale.weight * diff * diff) / d2 : 0,
      };
    });
    contributions.sort((a, b) => b.share - a.share || (a.variable < b.variable ? -1 : 1));
    return { code: codes[i] as string, distance: Math.sqrt(d2), contributions };
  });
  return {
    target,
    k,
    units,
    variablesUsed: used.map((v) => (scales[v] as VariableScale).id),
    variablesLeftOut: leftOut,
    excluded,
  };
}

export interface FindSimilarInput extends SimilarityIndexInput, NearestOptions {}

/** One search: standardise and find. For many targets, build the index once and call nearestUnits. */
export function findSimilarUnits(input: FindSimilarInput): SimilarUnitsResult {
  return nearestUnits(buildSimilarityIndex(input), input);
}

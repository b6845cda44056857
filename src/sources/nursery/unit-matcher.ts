/**
 * Finds the gmina of a register row from its names alone: województwo → powiat within it → gmina within
 * that powiat. Each step compares name keys (name-key.ts) and stops at the first step that finds nothing
 * or more than one unit, with a reason that names what was looked for and where. The rules, in order:
 *
 * 1. All three names must be present; a row missing any of them is `empty`.
 * 2. Województwo by name (the register writes them in capitals, as TERC does).
 * 3. Powiat by name among the powiat-level units of that województwo. TERC names land powiaty by their
 *    adjective ("wielicki") and cities with powiat rights by the city ("Kraków"), as the register does.
 * 4. Gmina by name among the gminy of that powiat. A gmina miejsko-wiejska bears its town's name in TERC,
 *    so the town name finds it. Gminy of the same name in other powiaty are never candidates: the powiat
 *    decides.
 * 5. Else, by a part of a city: the delegatury of Kraków, Łódź, Poznań, Wrocław ("Kraków-Podgórze", as
 *    TERC names them) and Warsaw's dzielnice ("Warszawa - Mokotów"; TERC says just "Mokotów", so the key
 *    "<city> <dzielnica>" is tried as well). The row goes to the part's gmina (1261011, 1465011, ...).
 * 6. A gmina miejska and a gmina wiejska of the same name in one powiat (Bolesławiec 0201011 and 0201022;
 *    142 such pairs in TERC 2026, 121 of them holding 394 rows of the 2025 register) cannot be told apart
 *    by names. The row's locality (Miejscowość) decides: a gmina miejska is its town and nothing else, so
 *    a żłobek whose locality is the town lies in the gmina miejska, and one in any other locality lies in
 *    the gmina wiejska around it. With no locality the row stays ambiguous. `sameNameRule: 'unmatched'`
 *    turns this rule off (the rows then go to `unmatched` as ambiguous).
 *
 * Anything else that fits more than one unit is `ambiguous`, listing the candidates; nothing is guessed.
 */
import type { UnitRecord } from '../../domain/units/unit.js';
import { nameKey } from './name-key.js';

export type UnmatchedReason =
  'empty' | 'unknown-wojewodztwo' | 'unknown-powiat' | 'unknown-gmina' | 'ambiguous';

/** How a matched row found its gmina (rules 4, 5 and the two outcomes of 6 above). */
export type MatchRule = 'name' | 'city-part' | 'town-by-locality' | 'rural-by-locality';
export const MATCH_RULES: readonly MatchRule[] = [
  'name',
  'city-part',
  'town-by-locality',
  'rural-by-locality',
];

export type SameNameRule = 'locality' | 'unmatched';

export interface RowNames {
  readonly wojewodztwo: string;
  readonly powiat: string;
  readonly gmina: string;
  readonly locality: string;
}

export type MatchResult =
  | { readonly matched: true; readonly gmina: UnitRecord; readonly rule: MatchRule }
  | { readonly matched: false; readonly reason: UnmatchedReason; readonly detail: string };

type KeyIndex = Map<string, UnitRecord[]>;

export interface UnitMatcher {
  match(row: RowNames): MatchResult;
}

export function makeUnitMatcher(
  units: readonly UnitRecord[],
  options: { sameNameRule?: SameNameRule } = {},
): UnitMatcher {
  const sameNameRule = options.sameNameRule ?? 'locality';
  const byCode = new Map(units.map((u) => [u.code, u]));
  const wojewodztwa: KeyIndex = new Map();
  const powiaty = new Map<string, KeyIndex>();
  const gminy = new Map<string, KeyIndex>();
  // Keyed by the powiat of the part's city; the value is the city's gmina, not the part.
  const cityParts = new Map<string, KeyIndex>();

  for (const unit of units) {
    if (unit.level === 'wojewodztwo') add(wojewodztwa, nameKey(unit.name), unit);
    else if (unit.level === 'powiat' && unit.parentCode)
      add(indexOf(powiaty, unit.parentCode), nameKey(unit.name), unit);
    else if (unit.level === 'gmina' && unit.parentCode)
      add(indexOf(gminy, unit.parentCode), nameKey(unit.name), unit);
  }
  for (const unit of units) {
    if (unit.kind !== 'delegatura' && unit.kind !== 'dzielnica') continue;
    const city = unit.parentCode ? byCode.get(unit.parentCode) : undefined;
    if (!city?.parentCode) continue;
    const index = indexOf(cityParts, city.parentCode);
    add(index, nameKey(unit.name), city);
    add(index, nameKey(`${city.name} ${unit.name}`), city);
  }

  return {
    match(row) {
      const missing = (['wojewodztwo', 'powiat', 'gmina'] as const).filter((f) => row[f].trim() === '');
      if (missing.length > 0) {
        const labels = missing.map((f) => (f === 'wojewodztwo' ? 'województwo' : f));
        return fail('empty', `the register row names no ${labels.join(', ')}`);
      }

      const woj = one(wojewodztwa.get(nameKey(row.wojewodztwo)));
      if (woj.kind === 'none')
        return fail('unknown-wojewodztwo', `no województwo named "${row.wojewodztwo}"`);
      if (woj.kind === 'many')
        return fail('ambiguous', `województwo "${row.wojewodztwo}" ${between(woj.units)}`);
      const inWoj = `in województwo ${woj.unit.name} (${woj.unit.code})`;

      const pow = one(powiaty.get(woj.unit.code)?.get(nameKey(row.powiat)));
      if (pow.kind === 'none') return fail('unknown-powiat', `no powiat named "${row.powiat}" ${inWoj}`);
      if (pow.kind === 'many')
        return fail('ambiguous', `powiat "${row.powiat}" ${inWoj} ${between(pow.units)}`);
      const inPow = `in powiat ${pow.unit.name} (${pow.unit.code})`;

      const key = nameKey(row.gmina);
      const byName = one(gminy.get(pow.unit.code)?.get(key));
      if (byName.kind === 'one') return { matched: true, gmina: byName.unit, rule: 'name' };
      if (byName.kind === 'many') return sameName(byName.units, row, inPow);

      const byPart = one(cityParts.get(pow.unit.code)?.get(key));
      if (byPart.kind === 'one') return { matched: true, gmina: byPart.unit, rule: 'city-part' };
      if (byPart.kind === 'many')
        return fail('ambiguous', `gmina "${row.gmina}" ${inPow} ${between(byPart.units)}`);
      return fail('unknown-gmina', `no gmina (nor delegatura or dzielnica) named "${row.gmina}" ${inPow}`);
    },
  };

  /** Rule 6: a town and the rural gmina around it share a name; the locality says which one. */
  function sameName(candidates: readonly UnitRecord[], row: RowNames, inPow: string): MatchResult {
    const ambiguous = `gmina "${row.gmina}" ${inPow} ${between(candidates)}`;
    const town = candidates.find((u) => u.kind === 'miejska');
    const rural = candidates.find((u) => u.kind === 'wiejska');
    if (sameNameRule !== 'locality' || candidates.length !== 2 || !town || !rural) {
      return fail('ambiguous', ambiguous);
    }
    const locality = nameKey(row.locality);
    if (locality === '') return fail('ambiguous', `${ambiguous}, and the row gives no locality`);
    return locality === nameKey(town.name)
      ? { matched: true, gmina: town, rule: 'town-by-locality' }
      : { matched: true, gmina: rural, rule: 'rural-by-locality' };
  }
}

function fail(reason: UnmatchedReason, detail: string): MatchResult {
  return { matched: false, reason, detail };
}

function between(units: readonly UnitRecord[]): string {
  const names = units.map((u) => `${u.name} (${u.code}, ${u.description})`);
  return `is ambiguous between ${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

type One = { kind: 'none' } | { kind: 'one'; unit: UnitRecord } | { kind: 'many'; units: UnitRecord[] };

function one(units: readonly UnitRecord[] | undefined): One {
  const distinct = [...new Map((units ?? []).map((u) => [u.code, u])).values()];
  const [first] = distinct;
  if (!first) return { kind: 'none' };
  return distinct.length === 1 ? { kind: 'one', unit: first } : { kind: 'many', units: distinct };
}

function indexOf(map: Map<string, KeyIndex>, parentCode: string): KeyIndex {
  let index = map.get(parentCode);
  if (!index) map.set(parentCode, (index = new Map()));
  return index;
}

function add(index: KeyIndex, key: string, unit: UnitRecord): void {
  const list = index.get(key);
  if (list) list.push(unit);
  else index.set(key, [unit]);
}

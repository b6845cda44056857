/**
 * From the unit code a file writes to the TERYT code SMUP stores. The reader takes the resolver as a
 * dependency (the register lives in the database); `makeUnitResolver` is the pure implementation over a
 * list of current units, used by the pipeline with the units it loaded and by the tests with the
 * bundled snapshot.
 *
 *   file code ──normalise (kind)──► candidate TERYT ──look up in the register──► { teryt } | { error }
 *     "201011"   teryt6              "0201011"           exact, or the gmina of the same stem when only
 *     "126101"   gmina-stem6         stem "126101"       the kind digit changed (2 → 3 when a village
 *     "011212161011" bdl12           "1261011"           got town rights), reported as a note
 */
import { gminaStem } from '../../domain/units/teryt-code.js';
import { POLAND_CODE } from '../../domain/units/unit.js';
import type { CodeKind } from './mapping-schema.js';

export type ResolvedUnit =
  | {
      readonly teryt: string;
      /** Level of the unit in the register, when the resolver knows it. */
      readonly level?: string;
      /** Why the stored code differs from the file's (a changed kind digit, a district of a city). */
      readonly note?: string;
    }
  | { readonly error: string };

export type UnitResolver = (code: string, kind: CodeKind) => ResolvedUnit;

export interface RegisterUnit {
  readonly code: string;
  readonly level: string;
  /** For a part of a gmina (dzielnica, delegatura, town or rural area): the gmina it belongs to. */
  readonly parentCode?: string | null;
}

/**
 * BDL unit id (12 characters) → TERYT, by the rule of shared/data/README.md (bdl-ids): the id is
 * makroregion(2) województwo(2) region(1) podregion(2) powiat(2) gmina(2) kind(1), so WOJ, POW, GMI and
 * RODZ sit at fixed places and need no table in this direction (the table is needed only from TERYT to
 * BDL, for the makroregion and podregion). Levels without a TERYT code (Polska, makroregion, region,
 * podregion) are refused. Examples from teryt_to_bdl_id_2025_DERIVED.csv: 011212161011 → 1261011,
 * 030210101000 → 0201, 030200000000 → 02.
 */
export function terytOfBdlId(id: string): { teryt: string } | { error: string } {
  if (!/^\d{12}$/.test(id)) return { error: `a BDL unit id is 12 digits; "${id}" is not one` };
  const woj = id.slice(2, 4);
  const pow = id.slice(7, 9);
  const gmiRodz = id.slice(9, 12);
  if (woj !== '00' && id.slice(4) === '00000000') return { teryt: woj };
  if (woj !== '00' && pow !== '00' && gmiRodz === '000') return { teryt: woj + pow };
  if (woj !== '00' && pow !== '00' && gmiRodz.slice(0, 2) !== '00' && gmiRodz[2] !== '0') {
    return { teryt: woj + pow + gmiRodz };
  }
  return {
    error: `BDL id ${id} is a unit with no TERYT code (Polska, a makroregion, region or podregion); leave it out with unit.skip`,
  };
}

/** Pads a code whose leading zeros a spreadsheet dropped (a number cell "201011") to `length` digits. */
function padTo(code: string, length: number): string {
  return code.length < length ? code.padStart(length, '0') : code;
}

/**
 * The candidate TERYT code of a file's code, by kind, before the register is asked; or why the code cannot
 * be one. gmina-stem6 gives a stem (6 digits), resolved to its gmina by the register.
 */
export function normaliseUnitCode(
  raw: string,
  kind: CodeKind,
): { code: string; stem?: boolean } | { error: string } {
  const code = raw.replace(/[\s\u00a0]/g, '');
  const digits = (lengths: readonly number[], what: string): { code: string } | { error: string } =>
    /^\d+$/.test(code) && lengths.includes(code.length) ? { code } : { error: `"${raw}" is not ${what}` };
  switch (kind) {
    case 'teryt':
      return digits([2, 4, 7], 'a TERYT code of 2, 4 or 7 digits');
    case 'teryt7':
    case 'teryt6': {
      const checked = digits(
        kind === 'teryt7' ? [7] : [6, 7],
        `a 7-digit TERYT code${kind === 'teryt6' ? ' (or 6 digits without its leading zero)' : ''}`,
      );
      if ('error' in checked) {
        return kind === 'teryt7' && /^\d{6}$/.test(code)
          ? {
              error: `"${raw}" has 6 digits, not 7: if a spreadsheet dropped the leading zero, set unit.code: teryt6`,
            }
          : checked;
      }
      const full = padTo(checked.code, 7);
      // BDL exports write upper levels in 7 digits: województwo WOJ+00000, powiat WOJ+POW+000. No gmina
      // code ends in 000 (GMI starts at 01 and RODZ at 1), so the forms cannot be confused.
      // BDL's Polska row: the country, which the register holds as unit "0" (domain/units/unit.ts).
      if (full === '0000000') return { code: POLAND_CODE };
      if (full.endsWith('00000')) return { code: full.slice(0, 2) };
      if (full.endsWith('000')) return { code: full.slice(0, 4) };
      return { code: full };
    }
    case 'gmina-stem6': {
      if (!/^\d{5,7}$/.test(code)) return { error: `"${raw}" is not a 6-digit WOJ+POW+GMI code` };
      // 5 digits: a number cell that lost the leading zero ("20101"); 7: a full code whose kind digit is
      // ignored on purpose (CKE writes the town or rural part, 4 or 5, of a gmina miejsko-wiejska).
      return { code: code.length === 7 ? code.slice(0, 6) : padTo(code, 6), stem: true };
    }
    case 'bdl12': {
      const bdl = terytOfBdlId(code);
      return 'error' in bdl ? bdl : { code: bdl.teryt };
    }
    case 'powiat4':
      return /^\d{3,4}$/.test(code)
        ? { code: padTo(code, 4) }
        : { error: `"${raw}" is not a 4-digit powiat code` };
    case 'woj2':
      return /^\d{1,2}$/.test(code)
        ? { code: padTo(code, 2) }
        : { error: `"${raw}" is not a 2-digit województwo code` };
  }
}

/**
 * A resolver over a list of current units (a register snapshot). Unknown and ambiguous codes are errors
 * naming the code; codes that moved are resolved with a note saying how.
 */
export function makeUnitResolver(units: readonly RegisterUnit[]): UnitResolver {
  const byCode = new Map<string, RegisterUnit>();
  const gminyByStem = new Map<string, RegisterUnit[]>();
  const partsByStem = new Map<string, RegisterUnit[]>();
  for (const unit of units) {
    byCode.set(unit.code, unit);
    if (unit.code.length !== 7) continue;
    const index = unit.level === 'gmina' ? gminyByStem : partsByStem;
    const list = index.get(gminaStem(unit.code)) ?? [];
    list.push(unit);
    index.set(gminaStem(unit.code), list);
  }

  const gminaOfStem = (stem: string, shown: string): ResolvedUnit => {
    const gminy = gminyByStem.get(stem) ?? [];
    const [only] = gminy;
    if (gminy.length === 1 && only) return { teryt: only.code, level: only.level };
    if (gminy.length > 1) {
      return {
        error: `${shown} matches several gminy (${gminy.map((g) => g.code).join(', ')}): give the full 7-digit code`,
      };
    }
    // A dzielnica of Warszawa or a delegatura of Kraków, Łódź, Poznań, Wrocław has a stem of its own but
    // belongs to its city's gmina.
    const parents = new Set((partsByStem.get(stem) ?? []).map((part) => part.parentCode ?? ''));
    const [parent] = parents;
    const gmina = parent ? byCode.get(parent) : undefined;
    if (parents.size === 1 && gmina?.level === 'gmina') {
      return { teryt: gmina.code, level: gmina.level, note: `${shown} is a district of gmina ${gmina.code}` };
    }
    return { error: `no gmina of the register has the code stem ${stem} (from ${shown})` };
  };

  return (raw, kind) => {
    const normal = normaliseUnitCode(raw, kind);
    if ('error' in normal) return normal;
    if (normal.stem) return gminaOfStem(normal.code, `"${raw}"`);
    const unit = byCode.get(normal.code);
    if (unit) return { teryt: unit.code, level: unit.level };
    // A gmina whose kind digit changed (wiejska 2 → miejsko-wiejska 3) keeps its identity: an older file's
    // code resolves to the current gmina of the same stem (the register links the two codes).
    if (normal.code.length === 7 && ['1', '2', '3'].includes(normal.code.slice(6))) {
      const gminy = gminyByStem.get(gminaStem(normal.code)) ?? [];
      const [only] = gminy;
      if (gminy.length === 1 && only) {
        return {
          teryt: only.code,
          level: only.level,
          note: `gmina ${normal.code} is ${only.code} in the register (its kind digit changed)`,
        };
      }
    }
    return {
      error: `${normal.code}${normal.code === raw ? '' : ` (from "${raw}")`} is not a unit of the register`,
    };
  };
}

/**
 * BDL unit ids ↔ TERYT codes. The TERYT code is the identity of a unit in SMUP; the 12-character BDL id is
 * an alias (CONVENTIONS.md). Rule (shared/data/README.md, bdl-ids; it reproduces all 2,387 gmina ids of the
 * 2019 BDL list and every id of teryt_to_bdl_id_2025_DERIVED.csv):
 *
 *   BDL id   0 1 │ 2 3 │ 4 │ 5 6 │ 7 8 │ 9 10 │ 11
 *            MM  │ WW  │ R │ SS  │ PP  │ GG   │ K      makroregion, województwo, region, podregion,
 *                                                      powiat, gmina, kind (RODZ)
 *   gmina (level 6)       WW PP GG K    011212161011 → 1261011 Kraków
 *   powiat (level 5)      WW PP         011212001000 → 1201 (ids ending "000")
 *   województwo (level 2) WW            011200000000 → 12 (ids ending "00000000")
 *   Polska (level 0)      —             000000000000 (no TERYT code: teryt null)
 *
 * From BDL to TERYT the digits sit at fixed places and no table is needed. The other way needs the
 * makroregion, region and podregion digits, which TERYT does not have: they come from the powiat's BDL
 * id (bdl_level5_units_2019_from_Rbdl.csv), so `makeTerytToBdl` takes the powiat ids as its table.
 * Makroregiony, regiony, podregiony and anything malformed are reported as unmapped with the reason,
 * never guessed.
 */
export type MappedLevel = 'polska' | 'wojewodztwo' | 'powiat' | 'gmina' | 'czesc_gminy';

export type BdlUnitMapping =
  | { readonly mapped: true; readonly level: MappedLevel; readonly teryt: string | null }
  | { readonly mapped: false; readonly reason: string };

export const POLSKA_BDL_ID = '000000000000';

/**
 * RODZ digits a BDL gmina-level id may end in (TERC documentation, domain/units/teryt-code.ts): 1, 2, 3
 * gminy; 4 town and 5 rural area of a gmina miejsko-wiejska, 8 dzielnica of Warszawa, 9 delegatura.
 */
const GMINA_KINDS = new Set(['1', '2', '3']);
const PART_KINDS = new Set(['4', '5', '8', '9']);

export function bdlIdToTeryt(id: string): BdlUnitMapping {
  if (!/^\d{12}$/.test(id)) {
    return { mapped: false, reason: `not a BDL unit id (12 digits expected): ${JSON.stringify(id)}` };
  }
  if (id === POLSKA_BDL_ID) return { mapped: true, level: 'polska', teryt: null };
  const woj = id.slice(2, 4);
  const region = id.slice(4, 5);
  const podregion = id.slice(5, 7);
  const pow = id.slice(7, 9);
  const gmi = id.slice(9, 11);
  const kind = id.slice(11, 12);
  if (woj === '00') {
    return {
      mapped: false,
      reason: `${id} is a makroregion (or has no województwo digits), a level TERYT does not have`,
    };
  }
  if (id.slice(4) === '00000000') return { mapped: true, level: 'wojewodztwo', teryt: woj };
  if (pow === '00') {
    if (id.slice(7) !== '00000')
      return { mapped: false, reason: `${id} has a gmina part but no powiat digits` };
    return {
      mapped: false,
      reason:
        podregion === '00'
          ? `${id} is a region (NUTS 2, region ${region}), a level TERYT does not have`
          : `${id} is a podregion (NUTS 3), a level TERYT does not have`,
    };
  }
  if (gmi === '00' && kind === '0') return { mapped: true, level: 'powiat', teryt: woj + pow };
  if (gmi === '00' || kind === '0') {
    return {
      mapped: false,
      reason: `${id} has a gmina number ${gmi} with kind ${kind}: one of them is missing`,
    };
  }
  if (GMINA_KINDS.has(kind)) return { mapped: true, level: 'gmina', teryt: woj + pow + gmi + kind };
  if (PART_KINDS.has(kind)) return { mapped: true, level: 'czesc_gminy', teryt: woj + pow + gmi + kind };
  return { mapped: false, reason: `${id} ends in kind ${kind}, which is not a TERC RODZ (1–5, 8, 9)` };
}

/**
 * TERYT → BDL id, from the BDL ids of the powiaty (level 5, ids ending "000"). A gmina takes its powiat's
 * id[0:9] + GMI + RODZ; a powiat its own id; a województwo the first four digits of any of its powiaty
 * + "00000000". Returns null for a code whose powiat is not in the table (say a powiat created later).
 */
export function makeTerytToBdl(powiatBdlIds: Iterable<string>): (teryt: string) => string | null {
  const byPowiat = new Map<string, string>();
  const byWojewodztwo = new Map<string, string>();
  for (const id of powiatBdlIds) {
    const mapping = bdlIdToTeryt(id);
    if (!mapping.mapped || mapping.level !== 'powiat' || mapping.teryt === null) {
      throw new Error(`${id} is not the BDL id of a powiat (level 5, ending in 000)`);
    }
    byPowiat.set(mapping.teryt, id);
    byWojewodztwo.set(mapping.teryt.slice(0, 2), `${id.slice(0, 4)}00000000`);
  }
  return (teryt) => {
    if (/^\d{2}$/.test(teryt)) return byWojewodztwo.get(teryt) ?? null;
    if (/^\d{4}$/.test(teryt)) return byPowiat.get(teryt) ?? null;
    if (/^\d{7}$/.test(teryt)) {
      const powiat = byPowiat.get(teryt.slice(0, 4));
      return powiat === undefined ? null : powiat.slice(0, 9) + teryt.slice(4);
    }
    return null;
  };
}

import type { Migration } from './migration.js';

/**
 * Poland as a unit of the register (domain/units/unit.ts: level `kraj`, code "0"), for databases whose
 * register was loaded before it existed; a register loaded later adds it itself (register-history.ts,
 * withCountry). Valid from the earliest state date the register has.
 */
export const countryUnit: Migration = {
  id: '004-country-unit',
  statements: [
    `INSERT INTO unit_version (code, valid_from, valid_to, level, kind, name, official_name, description,
       parent_code, search_name, name_rank)
     SELECT '0', min(valid_from), NULL, 'kraj', 'kraj', 'Polska', 'Polska',
       'kraj (poziom 0 BDL; TERC nie nadaje mu kodu)', NULL, 'polska', 0
     FROM unit_version
     HAVING count(*) > 0 AND NOT bool_or(code = '0')`,
  ],
};

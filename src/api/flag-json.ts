import { flagInfo } from '../domain/observations/flags.js';

/** A stored flag as the API shows it; a flag the table does not know is still shown by its number. */
export function flagJson(flag: number | null) {
  if (flag === null) return null;
  const info = flagInfo(flag);
  return {
    id: flag,
    symbol: info?.symbol ?? '?',
    label: { pl: info?.pl ?? `atrybut ${flag}`, en: info?.en ?? `attribute ${flag}` },
  };
}

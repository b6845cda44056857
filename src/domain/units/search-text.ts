/**
 * Text folding for name search: case-insensitive and with Polish letters optional, so that "lodz",
 * "ŁÓDŹ" and "Łódź" all match. NFD decomposition removes most diacritics (ą ć ę ń ó ś ź ż), but ł has no
 * decomposition in Unicode and is mapped by hand. Hyphens and repeated spaces fold to one space so that
 * "bielsko biala" finds "Bielsko-Biała".
 */
export function foldForSearch(text: string): string {
  return text
    .toLocaleLowerCase('pl')
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[-‐–—_.,/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

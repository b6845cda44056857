/**
 * Polish alphabetical order of unit names, as ranks a database can sort by.
 *
 * Neither PGlite nor a default PostgreSQL build is guaranteed to have a Polish (ICU) collation, so the
 * order is computed once here with Intl.Collator('pl') — Ł after L, Ś after S, Ż last — and stored as
 * an integer beside each name. Ties on the name fall back to the code so the order is total and paging
 * is stable.
 */
const collator = new Intl.Collator('pl', { sensitivity: 'variant', numeric: true });

export function polishNameRanks<T extends { name: string; code: string }>(
  items: readonly T[],
): Map<T, number> {
  const sorted = [...items].sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
  return new Map(sorted.map((item, index) => [item, index]));
}

export function comparePolish(a: string, b: string): number {
  return collator.compare(a, b);
}

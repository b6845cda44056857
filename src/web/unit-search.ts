/**
 * Unit search for people (issue 16, point 4): each result says what it is and where — kind, powiat,
 * województwo and population — so two "Dąbrowa" are told apart, and the results come in the order a
 * resident most likely means them:
 *
 *  1. how well the name matches: the whole name, then the name's start, then any part;
 *  2. among equal matches, the larger population first (a resident more often means the town than the
 *     village of the same name);
 *  3. a city with powiat rights is listed twice in TERYT, as a powiat (`1261`) and as its gmina
 *     (`1261011`); the gmina entry comes first, and the powiat entry right after it, whenever the release
 *     has at least as many indicators with data for gminy as for powiaty (the powiat entry is then the
 *     emptier one; otherwise the powiat entry comes first).
 */
import type { FastifyInstance } from 'fastify';
import { apiOk } from './api-client.js';
import { countOf, type Lang } from './format.js';

export interface FoundUnit {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly kind: string;
  readonly kindLabel: { readonly pl: string; readonly en: string };
  /** "powiat krakowski, woj. małopolskie · 12 345 mieszkańców (2024)": what tells this unit apart. */
  readonly context: { readonly pl: string; readonly en: string };
}

interface ApiUnit {
  code: string;
  name: string;
  level: string;
  kind: string;
  kindLabel: { pl: string; en: string };
  parentCode: string | null;
}

const POPULATION = 'kontekst.ludnosc';
const CITY_POWIAT = 'miasto_na_prawach_powiatu';
/** Candidates read from the API before ordering: a page of results is chosen from these. */
const CANDIDATES = 50;

const RESIDENTS = {
  pl: { one: 'mieszkaniec', few: 'mieszkańców', many: 'mieszkańców' },
  en: { one: 'resident', other: 'residents' },
};

/** Lower case without Polish letters: "Łódź" and "lodz" match. */
export const fold = (text: string): string =>
  text
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/** 0: the whole name, 1: the start of the name or of one of its words, 2: elsewhere (or by code). */
export function matchRank(name: string, query: string): number {
  const n = fold(name);
  const q = fold(query.trim());
  if (n === q) return 0;
  if (n.startsWith(q) || n.split(/[\s-]+/).some((w) => w.startsWith(q))) return 1;
  return 2;
}

/**
 * The order of the rule above, on units with a population (null: unknown, last among equals). Pure, so it
 * is tested on literal data.
 */
export function orderUnits<T extends { code: string; name: string; kind: string; population: number | null }>(
  units: readonly T[],
  query: string,
  gminaFirst: boolean,
): T[] {
  const sorted = [...units].sort(
    (a, b) =>
      matchRank(a.name, query) - matchRank(b.name, query) ||
      (b.population ?? -1) - (a.population ?? -1) ||
      a.code.localeCompare(b.code),
  );
  // A city's two entries side by side: its gmina (`XXYY011`) and its powiat (`XXYY`), emptier one second.
  const cityPowiats = new Map(sorted.filter((u) => u.kind === CITY_POWIAT).map((u) => [u.code, u]));
  const placed = new Set<string>();
  const out: T[] = [];
  for (const unit of sorted) {
    if (placed.has(unit.code)) continue;
    const powiat = unit.code.length === 7 ? cityPowiats.get(unit.code.slice(0, 4)) : undefined;
    const gmina =
      unit.kind === CITY_POWIAT
        ? sorted.find((g) => g.code.length === 7 && g.code.startsWith(unit.code))
        : undefined;
    const pair = powiat ? [unit, powiat] : gmina ? [gmina, unit] : [unit];
    const ordered = pair.length === 2 && !gminaFirst ? [pair[1] as T, pair[0] as T] : pair;
    for (const u of ordered) {
      if (!placed.has(u.code)) {
        placed.add(u.code);
        out.push(u);
      }
    }
  }
  return out;
}

/** The results for `q`, ordered and described; `total` is how many units the register matched. */
export async function searchUnits(
  app: FastifyInstance,
  q: string,
  limit: number,
): Promise<{ total: number; items: FoundUnit[] }> {
  const [found, voivodeships, powiats, gminaIndicators, powiatIndicators] = await Promise.all([
    apiOk<{ total: number; items: ApiUnit[] }>(
      app,
      `/api/v1/units?q=${encodeURIComponent(q)}&pageSize=${CANDIDATES}`,
    ),
    apiOk<{ items: ApiUnit[] }>(app, '/api/v1/units?level=wojewodztwo&pageSize=50'),
    apiOk<{ items: ApiUnit[] }>(app, '/api/v1/units?level=powiat&pageSize=500'),
    apiOk<{ total: number }>(app, '/api/v1/indicators?available=true&level=gmina'),
    apiOk<{ total: number }>(app, '/api/v1/indicators?available=true&level=powiat'),
  ]);
  const names = new Map([...voivodeships.items, ...powiats.items].map((u) => [u.code, u]));
  const population = await populations(
    app,
    found.items.map((u) => u.code),
  );
  const units = found.items.map((u) => ({ ...u, population: population.get(u.code)?.value ?? null }));
  const ordered = orderUnits(units, q, gminaIndicators.total >= powiatIndicators.total).slice(0, limit);
  return {
    total: found.total,
    items: ordered.map((u) => {
      const powiat = u.code.length === 7 ? names.get(u.code.slice(0, 4)) : undefined;
      const voivodeship = u.code.length > 2 ? names.get(u.code.slice(0, 2)) : undefined;
      const people = population.get(u.code);
      const describe = (lang: Lang): string => {
        const where = [
          powiat
            ? powiat.kind === CITY_POWIAT
              ? `${powiat.kindLabel[lang]} ${powiat.name}`
              : `powiat ${powiat.name}`
            : '',
          voivodeship ? (lang === 'pl' ? `woj. ${voivodeship.name}` : `${voivodeship.name} voivodeship`) : '',
        ].filter(Boolean);
        const size = people ? `${countOf(people.value, lang, RESIDENTS)} (${people.year})` : '';
        return [u.kindLabel[lang], where.join(', '), size, `TERYT ${u.code}`].filter(Boolean).join(' · ');
      };
      return {
        code: u.code,
        name: u.name,
        level: u.level,
        kind: u.kind,
        kindLabel: u.kindLabel,
        context: { pl: describe('pl'), en: describe('en') },
      };
    }),
  };
}

/** The latest population of each unit, read in one comparison request (at most 50 units). */
async function populations(
  app: FastifyInstance,
  codes: readonly string[],
): Promise<Map<string, { value: number; year: number }>> {
  const out = new Map<string, { value: number; year: number }>();
  if (codes.length === 0) return out;
  const answer = await apiOk<{ items: Array<{ unit: string; year: number; value: number | null }> }>(
    app,
    `/api/v1/compare?units=${codes.join(',')}&indicators=${POPULATION}`,
  ).catch(() => ({ items: [] }));
  for (const item of answer.items) {
    if (item.value === null) continue;
    const known = out.get(item.unit);
    if (!known || item.year > known.year) out.set(item.unit, { value: item.value, year: item.year });
  }
  return out;
}

/**
 * A fake GUS BDL API v1 served over real HTTP on 127.0.0.1 (a free port), for tests of the BDL client, the
 * ingest and the CLI. It answers in the exact shapes of the recorded responses in
 * shared/data/bdl-api-samples/ (paging wrapper `totalRecords, page, pageSize, links, results`; values
 * `{year: "2020", val, attrId}`; variables with n1…n5, subjectId, level, measureUnitId/Name, years).
 *
 * Data is generated, deterministic: any variable id, any years, at levels 0 (Polska), 1 (makroregiony),
 * 2 (16 województwa), 5 (380 powiaty) and 6 (2,479 gminy), with the real BDL unit ids of
 * shared/data/bdl-ids/teryt_to_bdl_id_2025_DERIVED.csv, so TERYT mapping works as on the real API.
 * `fakeValue` says which value and flag a unit and year get (every 50th is attrId 4 "x" with val 0).
 *
 * A data set (`startFakeBdlServer({ dataSets })`) replaces the generated values of one variable at one
 * level with given units and values (e.g. the values of a real BDL portal export, to show that the API and
 * the export land as one variable); its units are answered in the given order, parts of gminy included.
 *
 * Faults on purpose (`fail`): 429 with Retry-After, 500, a slow answer (for client timeouts), a body that is
 * not JSON, a body of the wrong shape. Every request is recorded (`requests`).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sharedFile } from './shared-data.js';

export type FakeFault =
  | { readonly kind: 'rate-limit'; readonly retryAfter?: string }
  | { readonly kind: 'server-error'; readonly status?: number }
  | { readonly kind: 'slow'; readonly ms: number }
  | { readonly kind: 'malformed-json' }
  | { readonly kind: 'wrong-shape' };

export interface RecordedRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly clientId: string | null;
  /** The fault answered instead of the data, if any. */
  readonly fault: FakeFault['kind'] | null;
}

export interface FakeUnit {
  readonly id: string;
  readonly name: string;
}

/** Given values of one variable at one level, served instead of generated ones (see the header). */
export interface FakeDataSet {
  readonly variableId: number;
  readonly level: number;
  /** Dimension names n1…n of the variable (Polish), e.g. ['w wieku przedprodukcyjnym', 'ogółem']. */
  readonly names: readonly string[];
  /** Units answered, each with its values; a year the units do not list is simply absent. */
  readonly units: ReadonlyArray<
    FakeUnit & { readonly values: ReadonlyArray<{ year: number; val: number; attrId: number }> }
  >;
}

export interface FakeBdlServerOptions {
  readonly dataSets?: readonly FakeDataSet[];
  /** Variable metadata served besides FAKE_CATALOGUE (GET /variables/{id}, /variables?subject-id=). */
  readonly variables?: readonly FakeVariable[];
  /** Subjects served besides the built-in ones, by id. */
  readonly subjects?: Readonly<Record<string, FakeSubject>>;
  /** Only these units are served (e.g. one województwo, to keep a test small): every level, every variable. */
  readonly keepUnit?: (unit: FakeUnit, level: number) => boolean;
}

export interface FakeSubject {
  readonly parentId?: string;
  readonly pl: string;
  readonly en: string;
  readonly levels: number[];
}

export interface FakeBdlServer {
  /** API root, e.g. http://127.0.0.1:41234/api/v1 (no trailing slash). */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Answers the next `times` requests whose path matches (default: any) with a fault. */
  fail(fault: FakeFault, options?: { times?: number; path?: RegExp }): void;
  unitsAt(level: number): readonly FakeUnit[];
  close(): Promise<void>;
}

/** Years every generated variable has (as in the recorded get_variable sample: 1995–2024). */
export const FAKE_YEARS: readonly number[] = Array.from({ length: 30 }, (_, i) => 1995 + i);

/** FNV-1a: a stable, cheap hash so values are the same in every run and on every machine. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The value and flag the fake gives a variable, unit and year: every 50th is "x" (attrId 4, val 0). */
export function fakeValue(variableId: number, unitId: string, year: number): { val: number; attrId: number } {
  const h = hash(`${variableId}|${unitId}|${year}`);
  return h % 50 === 0 ? { val: 0, attrId: 4 } : { val: (h % 100_000) / 10, attrId: 1 };
}

export type FakeVariable = CatalogueVariable;

interface CatalogueVariable {
  readonly id: number;
  readonly subjectId: string;
  readonly n: { readonly pl: readonly string[]; readonly en: readonly string[] };
  readonly level: number;
  readonly measureUnitId: number;
  /** The unit's name when it is none of MEASURES' (the catalogue's own units: "km²", "%"). */
  readonly measureUnitName?: string;
}

/** Variables the search finds (names in the style of real BDL variables). Other ids are generated. */
export const FAKE_CATALOGUE: readonly CatalogueVariable[] = [
  {
    id: 60559,
    subjectId: 'P2622',
    n: { pl: ['wydatki ogółem', 'oświata i wychowanie'], en: ['expenditure total', 'education'] },
    level: 6,
    measureUnitId: 4,
  },
  {
    id: 60560,
    subjectId: 'P2622',
    n: { pl: ['wydatki bieżące', 'oświata i wychowanie'], en: ['current expenditure', 'education'] },
    level: 6,
    measureUnitId: 4,
  },
  {
    id: 8,
    subjectId: 'P1312',
    n: { pl: ['kobiety'], en: ['females'] },
    level: 6,
    measureUnitId: 26,
  },
  {
    id: 34032,
    subjectId: 'P1313',
    n: { pl: ['ogółem', 'ogółem'], en: ['total', 'total'] },
    level: 6,
    measureUnitId: 26,
  },
  {
    id: 3096,
    subjectId: 'P1317',
    n: { pl: ['kobiety'], en: ['females'] },
    level: 5,
    measureUnitId: 26,
  },
];

const BUILT_IN_SUBJECTS: Record<string, FakeSubject> = {
  K27: { pl: 'FINANSE PUBLICZNE', en: 'PUBLIC FINANCE', levels: [3, 5, 6] },
  G195: { parentId: 'K27', pl: 'Budżety gmin', en: 'Budgets of gminas', levels: [6] },
  P2622: {
    parentId: 'G195',
    pl: 'Wydatki budżetów gmin wg działów',
    en: 'Gmina expenditure by division',
    levels: [6],
  },
  K3: { pl: 'WYBORY', en: 'ELECTIONS', levels: [5, 6] },
  G2: { parentId: 'K3', pl: 'Radni', en: 'Councillors', levels: [5, 6] },
  P1312: { parentId: 'G2', pl: 'Radni gmin według płci', en: 'Gmina councillors by sex', levels: [6] },
  P1313: {
    parentId: 'G2',
    pl: 'Radni gmin według płci i wieku',
    en: 'Gmina councillors by sex and age',
    levels: [6],
  },
  P1317: { parentId: 'G2', pl: 'Radni powiatów według płci', en: 'Powiat councillors by sex', levels: [5] },
  // The subject of data-set variables; its id is the fake's own, not a real BDL subject id.
  FAKE_DATASET: { pl: 'Zbiór danych testu', en: 'Test data set', levels: [2, 5, 6] },
};

const MEASURES: Record<number, { name: string; description: string }> = {
  4: { name: 'zł', description: 'złoty' },
  26: { name: 'osoba', description: 'osoba' },
};

/** As recorded in samples_raw_levels.json. */
const LEVELS = [
  'Poziom Polski',
  'Poziom Makroregionów',
  'Poziom Województw',
  'Poziom Regionów',
  'Poziom Podregionów',
  'Poziom Powiatów',
  'Poziom Gmin',
  'Poziom miejscowości statystycznej',
].map((name, id) => ({ id, name }));

function loadUnits(): Map<number, FakeUnit[]> {
  const text = readFileSync(sharedFile('bdl-ids/teryt_to_bdl_id_2025_DERIVED.csv'), 'utf-8');
  const byLevel = new Map<number, FakeUnit[]>([
    [0, [{ id: '000000000000', name: 'POLSKA' }]],
    [1, []],
    [2, []],
    [5, []],
    [6, []],
  ]);
  const levelOfType: Record<string, number> = {
    wojewodztwo: 2,
    powiat: 5,
    'gmina miejska': 6,
    'gmina wiejska': 6,
    'gmina miejsko-wiejska': 6,
  };
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [, name = '', type = '', id = ''] = line.split(';');
    const level = levelOfType[type];
    if (level !== undefined) byLevel.get(level)?.push({ id, name });
  }
  const macro = new Set((byLevel.get(2) ?? []).map((u) => u.id.slice(0, 2)));
  byLevel.set(
    1,
    [...macro].sort().map((m) => ({ id: `${m}0000000000`, name: `MAKROREGION ${m}` })),
  );
  return byLevel;
}

export async function startFakeBdlServer(options: FakeBdlServerOptions = {}): Promise<FakeBdlServer> {
  const units = loadUnits();
  const keep = options.keepUnit;
  if (keep)
    for (const [level, list] of units)
      units.set(
        level,
        list.filter((u) => keep(u, level)),
      );
  const dataSets = options.dataSets ?? [];
  const catalogue = [...FAKE_CATALOGUE, ...(options.variables ?? [])];
  const SUBJECTS: Record<string, FakeSubject> = { ...BUILT_IN_SUBJECTS, ...options.subjects };
  const requests: RecordedRequest[] = [];
  const faults: Array<{ fault: FakeFault; times: number; path: RegExp | null }> = [];
  const timers = new Set<NodeJS.Timeout>();
  let root = '';

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    // A fault's pattern is tested against the path and the query ("/data/by-variable/8?…&page=5&…").
    const target = `${path}?${url.searchParams.toString()}`;
    const entry = faults.find(
      (f) => f.times > 0 && (f.path === null || f.path.test(path) || f.path.test(target)),
    );
    if (entry) entry.times--;
    const clientId = req.headers['x-clientid'];
    requests.push({
      path,
      query: url.searchParams,
      clientId: typeof clientId === 'string' ? clientId : null,
      fault: entry?.fault.kind ?? null,
    });
    const fault = entry?.fault;
    if (fault?.kind === 'slow') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer(req, res, path, url.searchParams);
      }, fault.ms);
      timers.add(timer);
      return;
    }
    if (fault) return answerFault(res, fault);
    answer(req, res, path, url.searchParams);
  });

  function answer(_req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): void {
    const lang = query.get('lang') === 'en' ? 'en' : 'pl';
    const pageSize = Number(query.get('page-size') ?? 10);
    const page = Number(query.get('page') ?? 0);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      return json(res, 400, { errors: [{ field: 'page-size', message: 'Maksymalna wartość to 100' }] });
    }
    let match: RegExpMatchArray | null;
    if ((match = path.match(/^\/data\/by-variable\/(\d+)$/))) {
      const variableId = Number(match[1]);
      const level = Number(query.get('unit-level') ?? 0);
      const asked = query.getAll('year').map(Number);
      const years = asked.length > 0 ? asked : FAKE_YEARS;
      const dataSet = dataSets.find((d) => d.variableId === variableId && d.level === level);
      if (dataSet) {
        const wanted = new Set(years);
        const results = dataSet.units.slice(page * pageSize, (page + 1) * pageSize).map((unit) => ({
          id: unit.id,
          name: unit.name,
          values: unit.values
            .filter((v) => wanted.has(v.year))
            .map((v) => ({ year: String(v.year), val: v.val, attrId: v.attrId })),
        }));
        return json(res, 200, {
          ...paging(path, query, dataSet.units.length, page, pageSize),
          results,
          variableId,
          measureUnitId: variableOf(variableId, lang).measureUnitId,
          lastUpdate: '2025-05-14T15:05:15.743',
        });
      }
      const all = units.get(level) ?? [];
      const results = all.slice(page * pageSize, (page + 1) * pageSize).map((unit) => ({
        id: unit.id,
        name: unit.name,
        values: years
          .filter((y) => FAKE_YEARS.includes(y))
          .map((year) => ({ year: String(year), ...fakeValue(variableId, unit.id, year) })),
      }));
      return json(res, 200, {
        ...paging(path, query, all.length, page, pageSize),
        results,
        variableId,
        measureUnitId: variableOf(variableId, lang).measureUnitId,
        lastUpdate: '2025-05-14T15:05:15.743',
      });
    }
    if (path === '/variables/search') {
      const words = (query.get('name') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const found = catalogue
        .map((v) => variableOf(v.id, lang))
        .filter((v) => {
          const text = [v.n1, v.n2].join(' ').toLowerCase();
          return words.every((w) => text.includes(w));
        });
      return json(res, 200, {
        ...paging(path, query, found.length, page, pageSize),
        results: found.slice(page * pageSize, (page + 1) * pageSize).map(({ years: _years, ...v }) => v),
      });
    }
    if (path === '/variables' && query.get('subject-id')) {
      const subject = query.get('subject-id');
      const found = catalogue.filter((v) => v.subjectId === subject).map((v) => variableOf(v.id, lang));
      return json(res, 200, {
        ...paging(path, query, found.length, page, pageSize),
        results: found.slice(page * pageSize, (page + 1) * pageSize).map(({ years: _years, ...v }) => v),
      });
    }
    if ((match = path.match(/^\/variables\/(\d+)$/))) {
      return json(res, 200, variableOf(Number(match[1]), lang));
    }
    if ((match = path.match(/^\/subjects\/(\w+)$/))) {
      const id = match[1] ?? '';
      const subject = SUBJECTS[id];
      if (!subject) return json(res, 404, { errorResult: `Brak tematu ${id}` });
      const children = Object.entries(SUBJECTS)
        .filter(([, s]) => s.parentId === id)
        .map(([childId]) => childId);
      return json(res, 200, {
        id,
        ...(subject.parentId ? { parentId: subject.parentId } : {}),
        name: subject[lang],
        hasVariables: id.startsWith('P'),
        children,
        levels: subject.levels,
      });
    }
    if ((match = path.match(/^\/measures\/(\d+)$/))) {
      const id = Number(match[1]);
      const measure = MEASURES[id];
      if (!measure) return json(res, 404, { errorResult: `Brak miary ${id}` });
      return json(res, 200, { id, ...measure });
    }
    if (path === '/levels') {
      return json(res, 200, { ...paging(path, query, LEVELS.length, page, pageSize), results: LEVELS });
    }
    return json(res, 404, { errorResult: `Nieznany zasób ${path}` });
  }

  function variableOf(id: number, lang: 'pl' | 'en') {
    const known = catalogue.find((v) => v.id === id);
    const dataSet = dataSets.find((d) => d.variableId === id);
    const n = known
      ? known.n[lang]
      : dataSet
        ? dataSet.names
        : lang === 'pl'
          ? ['ogółem', `grupa ${id % 7}`]
          : ['total', `group ${id % 7}`];
    const measureUnitId = known?.measureUnitId ?? 26;
    const measure = MEASURES[measureUnitId];
    return {
      id,
      subjectId: known?.subjectId ?? (dataSet ? 'FAKE_DATASET' : 'P1313'),
      ...Object.fromEntries(n.map((part, i) => [`n${i + 1}`, part])),
      level: known?.level ?? dataSet?.level ?? 6,
      measureUnitId,
      measureUnitName:
        known?.measureUnitName ?? (lang === 'pl' ? measure?.name : measureUnitId === 26 ? 'person' : 'PLN'),
      years: FAKE_YEARS,
    } as {
      id: number;
      subjectId: string;
      n1?: string;
      n2?: string;
      level: number;
      measureUnitId: number;
      measureUnitName: string;
      years: readonly number[];
    };
  }

  function paging(path: string, query: URLSearchParams, total: number, page: number, pageSize: number) {
    const last = Math.max(0, Math.ceil(total / pageSize) - 1);
    const link = (p: number): string => {
      const q = new URLSearchParams(query);
      q.set('page', String(p));
      q.set('page-size', String(pageSize));
      return `${root}${path}?${q.toString()}`;
    };
    return {
      totalRecords: total,
      page,
      pageSize,
      links: {
        first: link(0),
        ...(page > 0 ? { prev: link(page - 1) } : {}),
        self: link(page),
        ...(page < last ? { next: link(page + 1) } : {}),
        last: link(last),
      },
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;

  return {
    url: root,
    requests,
    fail(fault, { times = 1, path } = {}) {
      faults.push({ fault, times, path: path ?? null });
    },
    unitsAt: (level) => units.get(level) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answerFault(res: ServerResponse, fault: Exclude<FakeFault, { kind: 'slow' }>): void {
  switch (fault.kind) {
    case 'rate-limit':
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': fault.retryAfter ?? '2' });
      res.end(JSON.stringify({ errorResult: 'Przekroczono limit zapytań' }));
      return;
    case 'server-error':
      res.writeHead(fault.status ?? 500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
      return;
    case 'malformed-json':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"totalRecords": 2479, "page": 0, "results": [{"id": "0112');
      return;
    case 'wrong-shape':
      json(res, 200, {
        totalRecords: 'many',
        results: [{ id: '011212161011', name: 'Kraków', values: [{ year: '2020' }] }],
      });
      return;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * TERYT code → BDL unit id, from the same derived table the fake's units come from
 * (shared/data/bdl-ids/teryt_to_bdl_id_2025_DERIVED.csv), parts of gminy (4, 5) included.
 */
export function bdlUnitIdsByTeryt(): Map<string, string> {
  const text = readFileSync(sharedFile('bdl-ids/teryt_to_bdl_id_2025_DERIVED.csv'), 'utf-8');
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [teryt = '', , , id = ''] = line.split(';');
    if (teryt !== '' && id !== '') out.set(teryt, id);
  }
  return out;
}

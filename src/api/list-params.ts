/**
 * Parsing of the list parameters of data queries — `units=1261011,1465011`, `indicators=a.b,c.d`,
 * `years=2015-2019` — with the limits that keep one answer bounded (issue 6: "limits on the size of
 * comparisons, with 400 errors saying the limit"). Pure: throws ApiProblem, touches no I/O.
 */
import { ApiProblem } from './problem.js';

/** Limits of one data query, announced in the OpenAPI descriptions and in every 400 that enforces them. */
export const DATA_LIMITS = {
  /** Units in one comparison (the portal compares up to 10; the API allows more for analysts). */
  units: 50,
  /** Indicators in one comparison or unit query. */
  indicators: 50,
  /** Years in one `years=` range (financial data start in 2010, so 30 years cover everything). */
  years: 30,
} as const;

/** A comma list without duplicates, in the order given (the order rows and columns come back in). */
export function parseList(text: string, param: string, limit: number): string[] {
  const items = [...new Set(text.split(',').map((s) => s.trim()))].filter((s) => s !== '');
  if (items.length === 0) {
    throw new ApiProblem(
      400,
      'invalid-parameter',
      { pl: `Parametr '${param}': pusta lista.`, en: `Parameter '${param}': empty list.` },
      param,
    );
  }
  if (items.length > limit) {
    throw new ApiProblem(
      400,
      'limit-exceeded',
      {
        pl: `Parametr '${param}': podano ${items.length} pozycji, limit to ${limit} w jednym zapytaniu.`,
        en: `Parameter '${param}': ${items.length} items given, the limit is ${limit} per request.`,
      },
      param,
    );
  }
  return items;
}

/** `2019` or `2015-2019` → every year of the range, ascending; at most DATA_LIMITS.years of them. */
export function parseYears(text: string, param = 'years'): number[] {
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(text.trim());
  if (!match) {
    throw new ApiProblem(
      400,
      'invalid-parameter',
      {
        pl: `Parametr '${param}': oczekiwano roku lub zakresu lat, np. 2019 albo 2015-2019.`,
        en: `Parameter '${param}': expected a year or a range of years, e.g. 2019 or 2015-2019.`,
      },
      param,
    );
  }
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (to < from) {
    throw new ApiProblem(
      400,
      'invalid-parameter',
      {
        pl: `Parametr '${param}': rok końcowy ${to} jest wcześniejszy niż początkowy ${from}.`,
        en: `Parameter '${param}': the last year ${to} is before the first year ${from}.`,
      },
      param,
    );
  }
  const count = to - from + 1;
  if (count > DATA_LIMITS.years) {
    throw new ApiProblem(
      400,
      'limit-exceeded',
      {
        pl: `Parametr '${param}': zakres obejmuje ${count} lat, limit to ${DATA_LIMITS.years}.`,
        en: `Parameter '${param}': the range spans ${count} years, the limit is ${DATA_LIMITS.years}.`,
      },
      param,
    );
  }
  return Array.from({ length: count }, (_, i) => from + i);
}

/** One page of a list in its stable order, with the links a client follows to page through it. */
export function pageOf<T>(
  items: readonly T[],
  { page, pageSize, url }: { page: number; pageSize: number; url: string },
): {
  page: number;
  pageSize: number;
  items: T[];
  links: { self: string; next: string | null; prev: string | null };
} {
  const link = (target: number): string => {
    const [path, query = ''] = url.split('?');
    const params = new URLSearchParams(query);
    params.set('page', String(target));
    params.set('pageSize', String(pageSize));
    return `${path}?${params.toString()}`;
  };
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  return {
    page,
    pageSize,
    items: items.slice((page - 1) * pageSize, page * pageSize),
    links: {
      self: link(page),
      next: page < pages ? link(page + 1) : null,
      prev: page > 1 ? link(Math.min(page - 1, pages)) : null,
    },
  };
}

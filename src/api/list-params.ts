/**
 * The list parameters of data queries — `units=1261011,1465011`, `indicators=a.b,c.d`, `years=2015-2019`
 * — as 400 problem answers when they break a rule of domain/query-params.ts (shared with the portal), and
 * the paging of lists. Pure: throws ApiProblem, touches no I/O.
 */
import {
  apiParam,
  DATA_LIMITS,
  parseList as parseListRule,
  parseYearRange,
  type Parsed,
} from '../domain/query-params.js';
import { ApiProblem } from './problem.js';

export { DATA_LIMITS };

/** The value, or a 400 problem naming the parameter (the rules are domain/query-params.ts's). */
function orProblem<T>(parsed: Parsed<T>, param: string): T {
  if (parsed.ok) return parsed.value;
  throw new ApiProblem(400, parsed.problem.code, parsed.problem.messages, param);
}

/** A comma list without duplicates, in the order given, at most `limit` items. */
export function parseList(text: string, param: string, limit: number): string[] {
  return orProblem(parseListRule(text, apiParam(param), limit), param);
}

/** `2019` or `2015-2019` → every year of the range, ascending; at most DATA_LIMITS.years of them. */
export function parseYears(text: string, param = 'years'): number[] {
  const { from, to } = orProblem(parseYearRange(text, apiParam(param)), param);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** A page of a list of `total` items: which items it holds (`from` ≤ k < `to`) and the links around it. */
export function pageRange(
  total: number,
  { page, pageSize, url }: { page: number; pageSize: number; url: string },
): {
  page: number;
  pageSize: number;
  from: number;
  to: number;
  links: { self: string; next: string | null; prev: string | null };
} {
  const link = (target: number): string => {
    const [path, query = ''] = url.split('?');
    const params = new URLSearchParams(query);
    params.set('page', String(target));
    params.set('pageSize', String(pageSize));
    return `${path}?${params.toString()}`;
  };
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return {
    page,
    pageSize,
    from: Math.min((page - 1) * pageSize, total),
    to: Math.min(page * pageSize, total),
    links: {
      self: link(page),
      next: page < pages ? link(page + 1) : null,
      prev: page > 1 ? link(Math.min(page - 1, pages)) : null,
    },
  };
}

/** One page of a list in its stable order, with the links a client follows to page through it. */
export function pageOf<T>(
  items: readonly T[],
  paging: { page: number; pageSize: number; url: string },
): {
  page: number;
  pageSize: number;
  items: T[];
  links: { self: string; next: string | null; prev: string | null };
} {
  const { page, pageSize, from, to, links } = pageRange(items.length, paging);
  return { page, pageSize, items: items.slice(from, to), links };
}

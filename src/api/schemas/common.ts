import { Type, type TSchema } from '@sinclair/typebox';

/** A string enum as JSON Schema `enum` (validation errors then list the allowed values). */
export const StringEnum = <T extends string>(values: readonly T[], options: Record<string, unknown> = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

export const IsoDate = (description: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description, examples: ['2026-01-01'] });

export const Label = Type.Object({ pl: Type.String(), en: Type.String() });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Page = Type.Integer({
  minimum: 1,
  maximum: 100_000,
  default: 1,
  description: 'Page number, from 1.',
});

export const MAX_PAGE_SIZE = 500;
export const PageSize = Type.Integer({
  minimum: 1,
  maximum: MAX_PAGE_SIZE,
  default: 50,
  description: `Items per page, at most ${MAX_PAGE_SIZE}.`,
});

/** Output format of data endpoints (issue 6): by `format=` or the Accept header. */
export const FormatParams = {
  format: Type.Optional(
    StringEnum(['json', 'csv', 'xlsx', 'jsonstat'] as const, {
      description:
        'Format odpowiedzi / response format: json (default), csv, xlsx (with a metadata sheet), jsonstat (JSON-stat 2.0). Also by Accept.',
    }),
  ),
  sep: Type.Optional(
    StringEnum(['comma', 'semicolon'] as const, {
      description: 'CSV: separator; semicolon for Polish Excel (default comma).',
    }),
  ),
  decimal: Type.Optional(
    StringEnum(['point', 'comma'] as const, { description: 'CSV: decimal separator (default point).' }),
  ),
};

/** `years=2015-2019` (or one year): a range of at most DATA_LIMITS.years years (list-params.ts). */
export const YearsParam = Type.String({
  pattern: '^\\d{4}(-\\d{4})?$',
  description:
    'Rok lub zakres lat / a year or a range of years, e.g. 2019 or 2015-2019 (at most 30 years; default: every year the release holds).',
  examples: ['2015-2019'],
});

export const MAX_DATA_PAGE_SIZE = 10_000;
/**
 * Paging of data answers in JSON (CSV, XLSX and JSON-stat carry the whole table, which the limits bound).
 * The default page holds every gmina of one year (2,477), so one indicator-year is one page.
 */
export const DataPageParams = {
  page: Type.Optional(Page),
  pageSize: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_DATA_PAGE_SIZE,
      default: 5000,
      description: `Strona / items per page of the JSON answer, at most ${MAX_DATA_PAGE_SIZE} (default 5000).`,
    }),
  ),
};

export const PageLinks = Type.Object({
  self: Type.String(),
  next: Nullable(Type.String()),
  prev: Nullable(Type.String()),
});

/** The one error shape of the API (problem.ts): RFC 9457 problem details plus code, param and messages. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'urn:smup:problem:<code>' }),
    title: Type.String({ description: 'HTTP status text.' }),
    status: Type.Integer(),
    detail: Type.String({ description: 'The English message.' }),
    instance: Type.Optional(Type.String({ description: 'The request URL.' })),
    code: Type.String({
      description:
        'Stable error code, e.g. invalid-parameter, limit-exceeded, unit-not-found, indicator-not-found, rate-limited.',
    }),
    param: Type.Optional(Type.String({ description: 'The offending parameter.' })),
    message: Type.Object(
      { pl: Type.String(), en: Type.String() },
      { description: 'Komunikat po polsku i angielsku / the message in Polish and English.' },
    ),
  },
  {
    title: 'Problem',
    description: 'Błąd (application/problem+json, RFC 9457) / an error in the problem+json shape.',
  },
);

import { Type, type TSchema } from '@sinclair/typebox';

/** A string enum as JSON Schema `enum` (validation errors then list the allowed values). */
export const StringEnum = <T extends string>(values: readonly T[], options: Record<string, unknown> = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

/**
 * Text a person types (a search, a set's name): no C0/C1 control characters, NUL included — PostgreSQL
 * refuses NUL in text (it answered 500, issue 14) and no name or search needs a control character.
 */
export const NO_CONTROL_CHARACTERS = '^[^\\u0000-\\u001F\\u007F-\\u009F]*$';
export const SafeText = (options: { minLength?: number; maxLength: number; description: string }) =>
  Type.String({ pattern: NO_CONTROL_CHARACTERS, ...options });

/**
 * A calendar date `yyyy-mm-dd` that exists: the pattern bounds month and day (`2024-13-45` fails it) and the
 * `date` format (ajv-formats, RFC 3339 full-date) refuses the rest, e.g. `2024-02-30`.
 */
export const IsoDate = (description: string) =>
  Type.String({
    pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
    format: 'date',
    description,
    examples: ['2026-01-01'],
  });

/** A published release's id: PostgreSQL `integer` (larger values answered 500 before, issue 14). */
export const MAX_RELEASE_ID = 2_147_483_647;
export const ReleaseParam = Type.Integer({
  minimum: 1,
  maximum: MAX_RELEASE_ID,
  description: 'Opublikowane wydanie / a published release (default: the live one).',
});

/** A statistical year: the data start in 1995 at the earliest; 1900–2100 bounds every plausible one. */
export const Year = (description: string) => Type.Integer({ minimum: 1900, maximum: 2100, description });

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
  lang: Type.Optional(
    StringEnum(['pl', 'en'] as const, {
      description:
        'CSV, XLSX: język nagłówków i opisów / language of the headers, names and words (default pl).',
    }),
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

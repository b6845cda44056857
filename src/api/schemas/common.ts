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

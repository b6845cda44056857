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

/**
 * The saved-work forms' fields → the API's body (issue 18, point 2). Field names are those of the portal's
 * URLs (`jst`, `wsk`, `lata`, `porownaj`, `rok`), so a page's state goes into a form as it is; lists may be
 * repeated fields or one field of codes separated by commas or spaces. Nothing is judged here: the API
 * checks every value and names the field at fault.
 */
import { SAVED_KINDS, type SavedKind } from '../domain/accounts/saved-items.js';

/** Longest list a form may carry: more than any kind takes (a set: 500), so the API names the excess. */
const MAX_LIST = 600;

export function kindOf(value: string | null): SavedKind | null {
  return (SAVED_KINDS as readonly string[]).includes(value ?? '') ? (value as SavedKind) : null;
}

function listOf(form: URLSearchParams, name: string): string[] {
  return form
    .getAll(name)
    .flatMap((v) => v.split(/[\s,;]+/))
    .filter((v) => v !== '')
    .slice(0, MAX_LIST)
    .map((v) => v.slice(0, 120));
}

const text = (form: URLSearchParams, name: string, max = 100): string | undefined => {
  const value = (form.get(name) ?? '').trim().slice(0, max);
  return value === '' ? undefined : value;
};

/** The settings of an item of `kind` from a form (undefined fields are left out of the JSON). */
export function settingsFromForm(kind: SavedKind, form: URLSearchParams): Record<string, unknown> {
  switch (kind) {
    case 'set':
      return { units: listOf(form, 'jst') };
    case 'compare':
      return {
        units: listOf(form, 'jst'),
        indicators: listOf(form, 'wsk'),
        years: text(form, 'lata') ?? null,
      };
    case 'report':
      return {
        unit: text(form, 'jednostka') ?? '',
        against: text(form, 'porownaj'),
        // As typed: the API refuses what is not a year, naming the field.
        year: text(form, 'rok') ?? null,
        areas: listOf(form, 'obszary'),
        format: text(form, 'format'),
        lang: text(form, 'jezyk'),
      };
  }
}

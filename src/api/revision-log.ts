/**
 * One page of the changes from one release to another, as the API answers it: counts by variable and kind,
 * the changed values with old → new, variables named and units named. Read by the public revision log of a
 * release (routes/revisions.ts: against the previous published release) and by the data stewards' diff of
 * any two releases, drafts included (routes/admin-releases.ts).
 */
import type { Queryable } from '../store/database.js';
import {
  revisionCounts,
  revisions,
  variableLabels,
  type RevisionFilter,
  type RevisionKind,
  type RevisionSide,
} from '../store/revisions-store.js';
import { unitsAt } from '../store/units-store.js';
import { flagJson } from './flag-json.js';
import { ApiProblem } from './problem.js';

const MAX_LIST = 100;

/** A comma-separated parameter as a list (at most 100 items, else a 400 naming the parameter). */
export function listParam(value: string | undefined, param: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [...new Set(value.split(',').map((s) => s.trim()))].filter(Boolean);
  if (items.length > MAX_LIST) {
    throw new ApiProblem(
      400,
      'limit-exceeded',
      {
        pl: `Parametr „${param}”: najwyżej ${MAX_LIST} pozycji, podano ${items.length}.`,
        en: `Parameter "${param}": at most ${MAX_LIST} items, ${items.length} given.`,
      },
      param,
    );
  }
  return items;
}

/** The filter of a revision query (`variable`, `unit`, `kind`). */
export function revisionFilter(query: {
  variable?: string;
  unit?: string;
  kind?: RevisionKind;
}): RevisionFilter {
  return {
    variableIds: listParam(query.variable, 'variable'),
    unitCodes: listParam(query.unit, 'unit'),
    kinds: query.kind ? [query.kind] : undefined,
  };
}

const side = (s: RevisionSide | null) => s && { value: s.value, flag: flagJson(s.flag), note: s.note };

/** What changed from release `from` to release `to` (either order), one page of it. */
export async function revisionLogPage(
  db: Queryable,
  {
    from,
    to,
    filter,
    page,
    pageSize,
  }: {
    from: number;
    to: number;
    filter: RevisionFilter;
    page: number;
    pageSize: number;
  },
) {
  const [counts, rows] = await Promise.all([
    revisionCounts(db, from, to, filter),
    revisions(db, from, to, filter, { offset: (page - 1) * pageSize, limit: pageSize }),
  ]);
  const variableIds = [...new Set([...counts.map((c) => c.variableId), ...rows.map((r) => r.variableId)])];
  const [labels, units] = await Promise.all([
    variableLabels(db, variableIds),
    unitsAt(db, [...new Set(rows.map((r) => r.unitCode))], null),
  ]);
  const labelOf = new Map(labels.map((l) => [l.id, l]));
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  const variable = (vid: string) => ({
    id: vid,
    name: labelOf.get(vid)?.name ?? null,
    measureUnit: labelOf.get(vid)?.measureUnit ?? null,
  });
  const summary = new Map<string, Record<RevisionKind, number>>();
  for (const c of counts) {
    let entry = summary.get(c.variableId);
    if (!entry) summary.set(c.variableId, (entry = { new: 0, revised: 0, flag: 0, note: 0, removed: 0 }));
    entry[c.kind] = c.count;
  }
  return {
    summary: [...summary].map(([vid, n]) => ({ variable: variable(vid), ...n })),
    total: counts.reduce((s, c) => s + c.count, 0),
    items: rows.map((r) => ({
      variable: variable(r.variableId),
      unit: {
        code: r.unitCode,
        name: unitName.get(r.unitCode) ?? (r.unitCode === '0' ? 'Polska' : null),
      },
      year: r.year,
      kind: r.kind,
      before: side(r.before),
      after: side(r.after),
    })),
  };
}

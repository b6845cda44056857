/**
 * Which values a page shows changed in the release it shows (issue 18, point 3): each one links to its entry
 * in that release's revision log (`/wydania/{id}/zmiany`). Read through the API like everything else.
 */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { RevisionLog } from '../api/schemas/revisions.js';
import { apiGet } from './api-client.js';
import type { Lang } from './format.js';
import { html, type Html } from './html.js';
import { changeLink } from './pages/release-changes.js';

export type ChangedValues = ReadonlyMap<string, string>;

const key = (variableId: string, unitCode: string, year: number) => `${variableId}|${unitCode}|${year}`;

/** Pages of the log read at most: a unit's or an indicator's changes in one release fit many times over. */
const MAX_PAGES = 10;

/**
 * The values of `release` that changed (filtered by unit or variable), each with the URL of its log entry.
 * A log that cannot be read leaves the page without links rather than failing it.
 */
export async function changedValues(
  app: FastifyInstance,
  release: number,
  filter: { unit?: string; variable?: string },
  lang: Lang,
): Promise<ChangedValues> {
  const out = new Map<string, string>();
  const query = new URLSearchParams({ pageSize: '500' });
  if (filter.unit) query.set('unit', filter.unit);
  if (filter.variable) query.set('variable', filter.variable);
  for (let page = 1; page <= MAX_PAGES; page++) {
    query.set('page', String(page));
    const answer = await apiGet<Static<typeof RevisionLog>>(
      app,
      `/api/v1/releases/${release}/changes?${query.toString()}`,
    );
    if (answer.status !== 200) break;
    for (const item of answer.body.items) {
      const href = `${changeLink(release, item.variable.id, item.unit.code, lang)}#${item.variable.id}-${item.unit.code}-${item.year}`;
      out.set(key(item.variable.id, item.unit.code, item.year), href);
    }
    if (page * answer.body.pageSize >= answer.body.total) break;
  }
  return out;
}

/** A "changed" link beside a value that changed in the release shown, or nothing. */
export function changeMark(
  changes: ChangedValues,
  variableId: string,
  unitCode: string,
  year: number | null,
  release: number,
  lang: Lang,
): Html | '' {
  if (year === null) return '';
  const href = changes.get(key(variableId, unitCode, year));
  if (!href) return '';
  return html` <a class="changed" href="${href}"
    >${lang === 'pl' ? `zmiana w wydaniu ${release}` : `changed in release ${release}`}</a
  >`;
}

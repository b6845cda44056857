/**
 * Two levels of every unit and indicator page (issue 16, point 2): the **basic** view for residents
 * (plain words, only indicators with data, strong and weak points, no codes or commands) is the default;
 * the **advanced** view for analysts (`?widok=zaawansowany`) adds everything else: what is missing and why,
 * group rules with their codes, formulas, input variables and the commands that would load missing data.
 */
import type { Lang } from './format.js';
import { html, type Html } from './html.js';
import { withLang } from './layout.js';
import { PageError } from './page-error.js';

export type ViewLevel = 'basic' | 'advanced';

export const VIEW_PARAM = 'widok';
const ADVANCED = 'zaawansowany';
const BASIC = 'podstawowy';

export function parseViewLevel(text: string | undefined): ViewLevel {
  if (text === undefined || text === '' || text === BASIC) return 'basic';
  if (text === ADVANCED) return 'advanced';
  throw new PageError(400, {
    pl: `Parametr „${VIEW_PARAM}”: dozwolone „${BASIC}” albo „${ADVANCED}”; otrzymano „${text}”.`,
    en: `Parameter "${VIEW_PARAM}": allowed "${BASIC}" or "${ADVANCED}"; got "${text}".`,
  });
}

/** The page's URL (`context.url`, without language) in the other view. */
export function urlInView(url: string, level: ViewLevel): string {
  const [path = '/', query = ''] = url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  if (level === 'advanced') params.set(VIEW_PARAM, ADVANCED);
  else params.delete(VIEW_PARAM);
  const rest = params.toString();
  return rest ? `${path}?${rest}` : path;
}

/** A hidden field that keeps the advanced view when a page's GET form is sent. */
export const viewField = (level: ViewLevel): Html | '' =>
  level === 'advanced' ? html`<input type="hidden" name="${VIEW_PARAM}" value="${ADVANCED}" />` : '';

/** "Widok: podstawowy | zaawansowany": the current one as text, the other as a link. */
export function viewSwitch(lang: Lang, url: string, level: ViewLevel): Html {
  const basic = lang === 'pl' ? 'podstawowy (dla mieszkańców)' : 'basic (for residents)';
  const advanced = lang === 'pl' ? 'zaawansowany (dla analityków)' : 'advanced (for analysts)';
  const link = (to: ViewLevel, text: string) =>
    level === to
      ? html`<strong aria-current="page">${text}</strong>`
      : html`<a href="${withLang(urlInView(url, to), lang)}">${text}</a>`;
  return html`<p class="view-switch">
    ${lang === 'pl' ? 'Widok' : 'View'}: ${link('basic', basic)} · ${link('advanced', advanced)}
  </p>`;
}

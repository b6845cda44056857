/** An error page (404, 400, 429, 503, 500) in the portal's shell, with a way back and the search. */
import type { Lang } from '../format.js';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { page, withLang } from '../layout.js';

export function errorPage(
  lang: Lang,
  status: number,
  messages: { pl: string; en: string },
  url: string,
): string {
  const title = t(
    lang,
    status === 404
      ? 'notFound'
      : status === 429
        ? 'tooManyRequests'
        : status === 503
          ? 'unavailable'
          : status >= 500
            ? 'serverError'
            : 'badRequest',
  );
  return page({
    lang,
    url,
    title,
    body: html`<h1>${title}</h1>
      <p>${messages[lang]}</p>
      <p><a href="${withLang('/', lang)}">${t(lang, 'backHome')}</a></p>`,
  });
}

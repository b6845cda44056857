/**
 * Two small pages of saved work (issue 18, point 2): `/udostepnione/{token}`, an item shared by a link —
 * read-only for anyone who has the link, no form on it — and `/zapisz/raport/{teryt}`, where the Raport
 * form's "Zapisz ustawienia" lands: the settings in words, a name, and the POST that saves them.
 */
import type { Static } from '@sinclair/typebox';
import type { SharedItem } from '../../api/schemas/saved.js';
import type { Lang } from '../format.js';
import { html } from '../html.js';
import { page, withLang } from '../layout.js';
import type { Session } from '../session.js';
import { csrfField, errorBox } from './account.js';
import { describeSettings, kindLabel, sayS, type CatalogueNames, type Settings } from './saved-text.js';

export function sharedItemPage(
  lang: Lang,
  item: Static<typeof SharedItem>,
  options: { names: CatalogueNames; url: string },
): string {
  const body = html`<h1>${item.name}</h1>
    <p class="lead">${sayS(lang, 'sharedLead')}</p>
    <p class="muted">${kindLabel(lang, item.kind)}</p>
    ${describeSettings(lang, item.kind, item.settings, options.names)}
    <p class="downloads">
      <a class="button" href="${withLang(item.links.view, lang)}">${sayS(lang, 'open')}</a>
      ${
        item.links.data
          ? html`<a class="button secondary" href="${item.links.data}"
              >${sayS(lang, item.kind === 'report' ? 'download' : 'data')}</a
            >`
          : ''
      }
    </p>`;
  return page({ lang, title: item.name, url: options.url, body });
}

/** The form fields that carry report settings to POST /zapisz (names as the portal's URLs spell them). */
export function reportFields(settings: Settings): Record<string, string> {
  return {
    rodzaj: 'report',
    jednostka: settings.unit ?? '',
    porownaj: settings.against ?? 'group',
    rok: settings.year ? String(settings.year) : '',
    obszary: (settings.areas ?? []).join(','),
    format: settings.format ?? 'pdf',
    jezyk: settings.lang ?? 'pl',
  };
}

export function reportConfirmPage(
  lang: Lang,
  session: Session,
  options: {
    settings: Settings;
    unitName: string;
    names: CatalogueNames;
    back: string;
    url: string;
    error?: { pl: string; en: string } | null;
  },
): string {
  const title = sayS(lang, 'confirmTitle');
  const fields = { ...reportFields(options.settings), wroc: options.back };
  const name = `${options.unitName} — ${sayS(lang, 'confirmTitle').toLowerCase()}`.slice(0, 200);
  const body = html`<h1>${title}</h1>
    <p class="lead">${sayS(lang, 'confirmLead')}</p>
    ${errorBox(lang, options.error ?? null)}
    <p><strong>${options.unitName}</strong></p>
    ${describeSettings(lang, 'report', options.settings, options.names)}
    <form class="account" method="post" action="${withLang('/zapisz', lang)}">
      ${csrfField(session)}
      ${Object.entries(fields)
        .filter(([, value]) => value !== '')
        .map(([key, value]) => html`<input type="hidden" name="${key}" value="${value}" />`)}
      <div>
        <label for="f-nazwa">${sayS(lang, 'name')}</label>
        <input type="text" id="f-nazwa" name="nazwa" required maxlength="200" value="${name}" />
      </div>
      <div><button type="submit">${sayS(lang, 'saveButton')}</button></div>
    </form>
    <p><a href="${options.back}">${sayS(lang, 'cancel')}</a></p>`;
  return page({ lang, title, url: options.url, body });
}

/** A saving form that did not work: what went wrong, and the ways back (the page, the list). */
export function actionErrorPage(
  lang: Lang,
  message: { pl: string; en: string },
  options: { back: string | null; url: string },
): string {
  const title = sayS(lang, 'errorTitle');
  const body = html`<h1>${title}</h1>
    ${errorBox(lang, message)}
    <ul class="account-links">
      ${options.back ? html`<li><a href="${options.back}">${sayS(lang, 'backToPage')}</a></li>` : ''}
      <li><a href="${withLang('/konto/zapisane', lang)}">${sayS(lang, 'title')}</a></li>
    </ul>`;
  return page({ lang, title, url: options.url, body });
}

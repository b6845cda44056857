/**
 * What the admin pages show on top: their own navigation (what the visitor's role may open) and a notice
 * (an action done, or refused with its reason). Shared by the release and ingestion pages.
 */
import type { Lang } from './format.js';
import { html, type Html } from './html.js';
import { withLang } from './layout.js';
import type { Session } from './session.js';

type Text = { readonly pl: string; readonly en: string };
export type Notice = { readonly kind: 'ok' | 'error'; readonly message: Text };

const LINKS: ReadonlyArray<readonly [string, Text, 'admin' | 'steward']> = [
  ['/admin/uzytkownicy', { pl: 'Użytkownicy i role', en: 'Users and roles' }, 'admin'],
  ['/admin/dziennik', { pl: 'Dziennik audytu', en: 'Audit log' }, 'admin'],
  ['/admin/wydania', { pl: 'Wydania danych', en: 'Data releases' }, 'steward'],
  ['/admin/wczytywanie', { pl: 'Wczytywanie danych', en: 'Data ingestion' }, 'steward'],
];

/** The admin pages' own navigation: what the visitor's role may open. */
export function adminNav(lang: Lang, session: Session, here: string): Html {
  // Stewards' pages are the administrator's too; users and the audit log are the administrator's alone.
  const links = LINKS.filter(([, , who]) => who === 'steward' || session.user?.role === 'admin');
  return html`<nav aria-label="${lang === 'pl' ? 'Administracja' : 'Administration'}">
    <ul class="account-links">
      ${links.map(([href, text]) =>
        href === here
          ? html`<li><a href="${withLang(href, lang)}" aria-current="page">${text[lang]}</a></li>`
          : html`<li><a href="${withLang(href, lang)}">${text[lang]}</a></li>`,
      )}
    </ul>
  </nav>`;
}

export function noticeBox(notice: Notice | null, lang: Lang): Html | '' {
  if (!notice) return '';
  return notice.kind === 'ok'
    ? html`<div class="form-ok" role="status"><p>${notice.message[lang]}</p></div>`
    : html`<div class="form-error" role="alert"><p>${notice.message[lang]}</p></div>`;
}

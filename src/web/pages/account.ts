/**
 * Sign-in and the account page (issue 18), in Polish and English. Plain HTML forms (no JavaScript), each with
 * its CSRF token in a hidden field; an error is announced (role="alert") and tied to its field.
 */
import { ROLE_LABELS } from '../../domain/accounts/roles.js';
import type { Lang } from '../format.js';
import { html, type Html } from '../html.js';
import { page, withLang } from '../layout.js';
import type { Session } from '../session.js';

type Text = { readonly pl: string; readonly en: string };
export const ACCOUNT_TEXT = {
  signIn: { pl: 'Logowanie', en: 'Sign in' },
  email: { pl: 'Adres e-mail', en: 'E-mail address' },
  password: { pl: 'Hasło', en: 'Password' },
  submitSignIn: { pl: 'Zaloguj się', en: 'Sign in' },
  account: { pl: 'Twoje konto', en: 'Your account' },
  signedInAs: { pl: 'Zalogowano jako', en: 'Signed in as' },
  name: { pl: 'Nazwa', en: 'Name' },
  role: { pl: 'Rola', en: 'Role' },
  units: { pl: 'Jednostki (TERYT)', en: 'Units (TERYT)' },
  signOut: { pl: 'Wyloguj się', en: 'Sign out' },
  signOutEverywhere: { pl: 'Wyloguj ze wszystkich urządzeń', en: 'Sign out on every device' },
  signedOutEverywhere: {
    pl: 'Zakończono wszystkie sesje tego konta.',
    en: 'Every session of this account has ended.',
  },
  alreadySignedIn: { pl: 'Jesteś już zalogowany.', en: 'You are signed in already.' },
  goToAccount: { pl: 'Przejdź do konta', en: 'Go to your account' },
  errorPrefix: { pl: 'Błąd:', en: 'Error:' },
  forgotten: { pl: 'Nie pamiętam hasła', en: 'Forgotten password' },
  signUp: { pl: 'Załóż konto', en: 'Create an account' },
  changePassword: { pl: 'Zmień hasło', en: 'Change your password' },
} as const satisfies Record<string, Text>;

const say = (lang: Lang, key: keyof typeof ACCOUNT_TEXT): string => ACCOUNT_TEXT[key][lang];

/** A hidden field with the CSRF token: every form that changes state carries one. */
export const csrfField = (session: Session): Html =>
  html`<input type="hidden" name="_csrf" value="${session.csrfToken}" />`;

/**
 * The name of a saved item, as the save forms and the edit page ask for it: required, at most the 200
 * characters the API keeps; `invalid` marks it for a form answered with an error.
 */
export const savedNameField = (id: string, label: string, value: string, invalid: Html | '' = ''): Html =>
  html`<div>
    <label for="${id}">${label}</label>
    <input
      type="text"
      id="${id}"
      name="nazwa"
      required
      maxlength="200"
      value="${value.slice(0, 200)}"
      ${invalid}
    />
  </div>`;

export function errorBox(lang: Lang, message: Text | null, id = 'form-error'): Html | '' {
  return message
    ? html`<div class="form-error" role="alert" id="${id}">
        <p><strong>${say(lang, 'errorPrefix')}</strong> ${message[lang]}</p>
      </div>`
    : '';
}

/** Only a path of this site may be where sign-in returns to (no open redirect). */
export function safeNext(next: string | null | undefined): string | null {
  return next && /^\/(?![/\\])[^\s]*$/.test(next) && next.length <= 500 ? next : null;
}

export function loginPage(
  lang: Lang,
  session: Session,
  options: { error?: Text | null; email?: string; next?: string | null } = {},
): string {
  const title = say(lang, 'signIn');
  if (session.user) {
    return page({
      lang,
      url: '/logowanie',
      title,
      body: html`<h1>${title}</h1>
        <p>${say(lang, 'alreadySignedIn')} ${say(lang, 'signedInAs')} ${session.user.email}.</p>
        <p><a href="${withLang('/konto', lang)}">${say(lang, 'goToAccount')}</a></p>`,
    });
  }
  const error = options.error ?? null;
  const described = error ? 'form-error' : undefined;
  return page({
    lang,
    url: '/logowanie',
    title,
    body: html`<h1>${title}</h1>
      ${errorBox(lang, error)}
      <form class="account" method="post" action="${withLang('/logowanie', lang)}">
        ${csrfField(session)}
        ${options.next ? html`<input type="hidden" name="next" value="${options.next}" />` : ''}
        <div>
          <label for="email">${say(lang, 'email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            maxlength="254"
            value="${options.email ?? ''}"
            ${error ? html`aria-invalid="true" aria-describedby="${described}"` : ''}
          />
        </div>
        <div>
          <label for="password">${say(lang, 'password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxlength="200"
            ${error ? html`aria-invalid="true" aria-describedby="${described}"` : ''}
          />
        </div>
        <div><button type="submit">${say(lang, 'submitSignIn')}</button></div>
      </form>
      <p><a href="${withLang('/haslo/reset', lang)}">${say(lang, 'forgotten')}</a></p>
      <p><a href="${withLang('/rejestracja', lang)}">${say(lang, 'signUp')}</a></p>`,
  });
}

/** The account's ways on: saved work and watches for everyone, JST data and admin pages by role. */
function accountLinks(lang: Lang, user: NonNullable<Session['user']>): Html {
  return html`<ul class="account-links">
    <li>
      <a href="${withLang('/konto/zapisane', lang)}"
        >${lang === 'pl' ? 'Moje zestawienia: zapisane zestawy, porównania i raporty' : 'My saved sets, comparisons and reports'}</a
      >
    </li>
    <li>
      <a href="${withLang('/zmiany', lang)}"
        >${lang === 'pl' ? 'Zmiany w obserwowanych jednostkach i wskaźnikach' : 'Changes in what you watch'}</a
      >
    </li>
    ${
      user.role === 'user'
        ? ''
        : html`<li>
            <a href="${withLang('/dane-jst', lang)}"
              >${lang === 'pl' ? 'Dane przekazywane przez JST' : 'Data supplied by the JST'}</a
            >
          </li>`
    }
    ${
      user.role === 'admin' || user.role === 'steward'
        ? html`<li>
              <a href="${withLang('/admin/wydania', lang)}"
                >${lang === 'pl' ? 'Wydania danych: publikacja, różnice, przywracanie' : 'Data releases: publish, diff, roll back'}</a
              >
            </li>
            <li>
              <a href="${withLang('/admin/wczytywanie', lang)}"
                >${lang === 'pl' ? 'Wczytywanie danych: pliki, przebiegi, walidacja' : 'Data ingestion: files, runs, validation'}</a
              >
            </li>`
        : ''
    }
    ${
      user.role === 'admin'
        ? html`<li>
              <a href="${withLang('/admin/uzytkownicy', lang)}"
                >${lang === 'pl' ? 'Użytkownicy i role' : 'Users and roles'}</a
              >
            </li>
            <li>
              <a href="${withLang('/admin/dziennik', lang)}"
                >${lang === 'pl' ? 'Dziennik audytu' : 'Audit log'}</a
              >
            </li>`
        : ''
    }
  </ul>`;
}

export function accountPage(
  lang: Lang,
  session: Session & { user: NonNullable<Session['user']> },
  notice: Text | null = null,
): string {
  const { user } = session;
  const title = say(lang, 'account');
  return page({
    lang,
    url: '/konto',
    title,
    body: html`<h1>${title}</h1>
      ${notice ? html`<div class="form-ok" role="status"><p>${notice[lang]}</p></div>` : ''}
      <dl class="account">
        <dt>${say(lang, 'email')}</dt>
        <dd>${user.email}</dd>
        <dt>${say(lang, 'name')}</dt>
        <dd>${user.displayName}</dd>
        <dt>${say(lang, 'role')}</dt>
        <dd>${ROLE_LABELS[user.role][lang]}</dd>
        ${
          user.units.length > 0
            ? html`<dt>${say(lang, 'units')}</dt>
                <dd>${user.units.join(', ')}</dd>`
            : ''
        }
      </dl>
      <p><a href="${withLang('/haslo', lang)}">${say(lang, 'changePassword')}</a></p>
      ${accountLinks(lang, user)}
      <form class="inline" method="post" action="${withLang('/wyloguj', lang)}">
        ${csrfField(session)}<button type="submit">${say(lang, 'signOut')}</button>
      </form>
      <form class="inline" method="post" action="${withLang('/wyloguj-wszedzie', lang)}">
        ${csrfField(session)}<button type="submit" class="secondary">
          ${say(lang, 'signOutEverywhere')}
        </button>
      </form>`,
  });
}

/**
 * The small account forms (issue 18): ask for a reset link, set a password by a link, sign up, confirm, and
 * change the password. One renderer: labelled fields, the CSRF token, an error announced and tied to the
 * fields, or a notice after success. Links from e-mail open a page with a button: a GET never uses a link up
 * (mail scanners open links).
 */
import type { Lang } from '../format.js';
import { html } from '../html.js';
import { page, withLang } from '../layout.js';
import type { Session } from '../session.js';
import { csrfField, errorBox } from './account.js';

type Text = { readonly pl: string; readonly en: string };

export interface Field {
  readonly name: string;
  readonly label: Text;
  readonly type: 'email' | 'password' | 'text';
  readonly autocomplete: string;
  readonly value?: string;
  readonly hint?: Text;
}

export interface FormPage {
  readonly title: Text;
  /** The page's URL without language (also where the form posts). */
  readonly url: string;
  readonly intro?: Text;
  readonly fields: readonly Field[];
  readonly hidden?: Readonly<Record<string, string>>;
  readonly submit: Text;
  readonly error?: Text | null;
  /** After success: the message instead of the form, with a link onward. */
  readonly done?: { readonly message: Text; readonly link?: { href: string; text: Text } } | null;
}

export function formPage(lang: Lang, session: Session, form: FormPage): string {
  const title = form.title[lang];
  const path = form.url.split('?', 1)[0] ?? form.url;
  if (form.done) {
    return page({
      lang,
      url: form.url,
      title,
      body: html`<h1>${title}</h1>
        <div class="form-ok" role="status"><p>${form.done.message[lang]}</p></div>
        ${
          form.done.link
            ? html`<p><a href="${withLang(form.done.link.href, lang)}">${form.done.link.text[lang]}</a></p>`
            : ''
        }`,
    });
  }
  const error = form.error ?? null;
  return page({
    lang,
    url: form.url,
    title,
    body: html`<h1>${title}</h1>
      ${form.intro ? html`<p>${form.intro[lang]}</p>` : ''} ${errorBox(lang, error)}
      <form class="account" method="post" action="${withLang(path, lang)}">
        ${csrfField(session)}
        ${Object.entries(form.hidden ?? {}).map(
          ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
        )}
        ${form.fields.map(
          (field) =>
            html`<div>
              <label for="f-${field.name}">${field.label[lang]}</label>
              ${field.hint ? html`<p class="hint" id="h-${field.name}">${field.hint[lang]}</p>` : ''}
              <input
                id="f-${field.name}"
                name="${field.name}"
                type="${field.type}"
                autocomplete="${field.autocomplete}"
                required
                maxlength="${field.type === 'email' ? 254 : 200}"
                value="${field.value ?? ''}"
                ${
                  error || field.hint
                    ? html`aria-describedby="${[
                        error ? 'form-error' : '',
                        field.hint ? `h-${field.name}` : '',
                      ]
                        .filter(Boolean)
                        .join(' ')}"`
                    : ''
                }
                ${error ? html`aria-invalid="true"` : ''}
              />
            </div>`,
        )}
        <div><button type="submit">${form.submit[lang]}</button></div>
      </form>`,
  });
}

export const FORM_TEXT = {
  newPasswordHint: {
    pl: 'Co najmniej 10 znaków; najlepiej kilka słów.',
    en: 'At least 10 characters; a few words work well.',
  },
  email: { pl: 'Adres e-mail', en: 'E-mail address' },
  name: { pl: 'Imię i nazwisko lub nazwa', en: 'Name' },
  password: { pl: 'Hasło', en: 'Password' },
  newPassword: { pl: 'Nowe hasło', en: 'New password' },
  currentPassword: { pl: 'Obecne hasło', en: 'Current password' },
  resetTitle: { pl: 'Nie pamiętam hasła', en: 'Forgotten password' },
  resetIntro: {
    pl: 'Podaj adres konta: wyślemy link do ustawienia nowego hasła, ważny godzinę.',
    en: 'Give your account’s address: we will send a link to set a new password, valid for an hour.',
  },
  resetSubmit: { pl: 'Wyślij link', en: 'Send the link' },
  setTitle: { pl: 'Ustaw hasło', en: 'Set your password' },
  setSubmit: { pl: 'Zapisz hasło', en: 'Save the password' },
  setDone: {
    pl: 'Hasło ustawione. Możesz się zalogować.',
    en: 'Your password is set. You can sign in now.',
  },
  signUpTitle: { pl: 'Załóż konto', en: 'Create an account' },
  signUpSubmit: { pl: 'Załóż konto', en: 'Create the account' },
  confirmTitle: { pl: 'Potwierdź konto', en: 'Confirm your account' },
  confirmSubmit: { pl: 'Potwierdzam', en: 'Confirm' },
  confirmDone: {
    pl: 'Konto potwierdzone. Możesz się zalogować.',
    en: 'Your account is confirmed. You can sign in now.',
  },
  changeTitle: { pl: 'Zmień hasło', en: 'Change your password' },
  changeSubmit: { pl: 'Zmień hasło', en: 'Change the password' },
  changeDone: {
    pl: 'Hasło zmienione; pozostałe sesje tego konta zakończono.',
    en: 'Your password is changed; the account’s other sessions have ended.',
  },
  signIn: { pl: 'Zaloguj się', en: 'Sign in' },
  toAccount: { pl: 'Wróć do konta', en: 'Back to your account' },
} as const satisfies Record<string, Text>;

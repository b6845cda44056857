/**
 * "Zapisz" and "Obserwuj" on the unit and compare pages and in the Raport form (issue 18, points 2–3). A
 * signed-in visitor gets plain HTML forms — POST with the CSRF token (`/zapisz`, `/zmiany/obserwuj`), then a
 * redirect back here with a status the page announces (role="status") — and an anonymous visitor one link,
 * "Zaloguj się, aby zapisać", which returns here after signing in. Without JavaScript, as every form.
 */
import type { Static } from '@sinclair/typebox';
import type { WatchList } from '../../api/schemas/submissions.js';
import type { Lang } from '../format.js';
import { html, type Html } from '../html.js';
import { withLang } from '../layout.js';
import type { PageContext } from '../page-error.js';
import type { Session } from '../session.js';
import { csrfField, savedNameField } from './account.js';

/** Query parameters the forms' redirects add to say what happened; not part of a page's permalink. */
export const STATUS_PARAMS = ['zapisano', 'obserwujesz', 'nieobserwujesz'] as const;

type Text = { readonly pl: string; readonly en: string };
export const SAVE_TEXT = {
  heading: { pl: 'Zapisz i obserwuj', en: 'Save and watch' },
  signIn: { pl: 'Zaloguj się, aby zapisać', en: 'Sign in to save' },
  signInWhy: {
    pl: 'ten widok na swoim koncie albo obserwować zmiany danych.',
    en: 'this view under your account or watch changes in the data.',
  },
  name: { pl: 'Nazwa', en: 'Name' },
  save: { pl: 'Zapisz', en: 'Save' },
  saveSet: { pl: 'Zapisz jednostki jako zestaw', en: 'Save the units as a set' },
  saveReport: { pl: 'Zapisz ustawienia', en: 'Save the settings' },
  watch: { pl: 'Obserwuj', en: 'Watch' },
  watchWhat: { pl: 'Co obserwować', en: 'What to watch' },
  unwatch: { pl: 'Przestań obserwować', en: 'Stop watching' },
  watchingUnit: { pl: 'Obserwujesz tę jednostkę.', en: 'You watch this unit.' },
  allWatched: {
    pl: 'Obserwujesz już wszystkie jednostki i wskaźniki tego porównania.',
    en: 'You already watch every unit and indicator of this comparison.',
  },
  saved: {
    pl: 'Zapisano na Twoim koncie.',
    en: 'Saved under your account.',
  },
  watching: {
    pl: 'Dodano do obserwowanych: co zmienią nowe wydania danych, pokaże strona „Zmiany”.',
    en: 'Added to what you watch: the Changes page shows what new data releases change.',
  },
  unwatched: { pl: 'Usunięto z obserwowanych.', en: 'Removed from what you watch.' },
  mySaved: { pl: 'Moje zestawienia', en: 'My saved items' },
  changes: { pl: 'Zmiany', en: 'Changes' },
  unitPrefix: { pl: 'jednostka', en: 'unit' },
  indicatorPrefix: { pl: 'wskaźnik', en: 'indicator' },
} as const satisfies Record<string, Text>;

const say = (lang: Lang, key: keyof typeof SAVE_TEXT): string => SAVE_TEXT[key][lang];

type Watch = Static<typeof WatchList>['items'][number];
type SignedIn = Session & { user: NonNullable<Session['user']> };

/** What a page needs to show the forms: the signed-in session (null: the sign-in link), watches, status. */
export interface AccountView {
  readonly session: SignedIn | null;
  readonly watches: readonly Watch[];
  readonly status: keyof typeof STATUS_MESSAGES | null;
  /** The page's own URL in its language: where the forms return to and sign-in comes back to. */
  readonly back: string;
}

const STATUS_MESSAGES = { zapisano: 'saved', obserwujesz: 'watching', nieobserwujesz: 'unwatched' } as const;

export async function accountView({ visitor, query, url, lang }: PageContext): Promise<AccountView> {
  const session = await visitor.session();
  const watches = session
    ? await visitor
        .get<Static<typeof WatchList>>('/api/v1/me/watches')
        .then((a) => (a.status === 200 ? a.body.items : []))
    : [];
  const status = STATUS_PARAMS.find((name) => query[name] !== undefined) ?? null;
  return { session, watches, status, back: withLang(url, lang) };
}

function statusBox(lang: Lang, view: AccountView): Html | '' {
  if (!view.status) return '';
  const message = say(lang, STATUS_MESSAGES[view.status]);
  const link =
    view.status === 'zapisano'
      ? html` <a href="${withLang('/konto/zapisane', lang)}">${say(lang, 'mySaved')}</a>`
      : view.status === 'obserwujesz'
        ? html` <a href="${withLang('/zmiany', lang)}">${say(lang, 'changes')}</a>`
        : '';
  return html`<div class="form-ok" role="status">
    <p>${message}${link}</p>
  </div>`;
}

/** The anonymous visitor's link: sign in, then come back to this page. */
export function signInToSave(lang: Lang, back: string): Html {
  return html`<p class="sign-in-to-save">
    <a href="${withLang('/logowanie', lang)}?next=${encodeURIComponent(back)}">${say(lang, 'signIn')}</a>
    ${say(lang, 'signInWhy')}
  </p>`;
}

const hidden = (fields: Record<string, string>): Html[] =>
  Object.entries(fields)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`);

/** A POST /zapisz form: the item's kind and settings as hidden fields, a name to edit, "Zapisz". */
function saveForm(
  lang: Lang,
  view: AccountView & { session: SignedIn },
  options: { id: string; fields: Record<string, string>; name: string; button?: keyof typeof SAVE_TEXT },
): Html {
  return html`<form class="controls" method="post" action="${withLang('/zapisz', lang)}">
    ${csrfField(view.session)} ${hidden({ ...options.fields, wroc: view.back })}
    ${savedNameField(options.id, say(lang, 'name'), options.name)}
    <button type="submit">${say(lang, options.button ?? 'save')}</button>
  </form>`;
}

function watchForm(
  lang: Lang,
  view: AccountView & { session: SignedIn },
  verb: 'add' | 'remove',
  body: Html,
) {
  const action = withLang(verb === 'add' ? '/zmiany/obserwuj' : '/zmiany/usun', lang);
  return html`<form class="controls" method="post" action="${action}">
    ${csrfField(view.session)} ${hidden({ wroc: view.back })} ${body}
  </form>`;
}

function section(lang: Lang, view: AccountView, inner: (v: AccountView & { session: SignedIn }) => Html) {
  const { session } = view;
  return html`<section aria-labelledby="zapisz-h" class="save-section">
    <h2 id="zapisz-h">${say(lang, 'heading')}</h2>
    ${statusBox(lang, view)}
    ${
      session
        ? html`${inner({ ...view, session })}
            <p>
              <a href="${withLang('/konto/zapisane', lang)}">${say(lang, 'mySaved')}</a> ·
              <a href="${withLang('/zmiany', lang)}">${say(lang, 'changes')}</a>
            </p>`
        : signInToSave(lang, view.back)
    }
  </section>`;
}

/** The unit page's block: save this view (report settings of the unit, set and year), watch the unit. */
export function unitSaveBlock(
  lang: Lang,
  view: AccountView,
  unit: { code: string; name: string; against: string; againstLabel: string; year: number | undefined },
): Html {
  return section(lang, view, (signedIn) => {
    const watched = signedIn.watches.some((w) => w.unit === unit.code && w.indicator === null);
    const name = `${unit.name} — ${unit.againstLabel}${unit.year ? `, ${unit.year}` : ''}`;
    return html`${saveForm(lang, signedIn, {
      id: 'zapisz-nazwa',
      name,
      fields: {
        rodzaj: 'report',
        jednostka: unit.code,
        porownaj: unit.against,
        rok: unit.year ? String(unit.year) : '',
        jezyk: lang,
      },
    })}
    ${
      watched
        ? watchForm(
            lang,
            signedIn,
            'remove',
            html`<p>${say(lang, 'watchingUnit')}</p>
              <input type="hidden" name="unit" value="${unit.code}" />
              <button type="submit" class="secondary">${say(lang, 'unwatch')}</button>`,
          )
        : watchForm(
            lang,
            signedIn,
            'add',
            html`<input type="hidden" name="unit" value="${unit.code}" />
              <button type="submit">${say(lang, 'watch')}</button>`,
          )
    }`;
  });
}

/**
 * The compare page's block: save the comparison (its query as the URL has it), save its units as a set (2
 * or more of one level), watch one of its units or indicators.
 */
export function compareSaveBlock(
  lang: Lang,
  view: AccountView,
  compared: {
    units: ReadonlyArray<{ code: string; label: string; level: string }>;
    indicators: ReadonlyArray<{ id: string; name: Text }>;
    query: { jst: string; wsk: string; lata: string };
    title: string;
  },
): Html {
  return section(lang, view, (signedIn) => {
    const { units, indicators } = compared;
    const watchedUnits = new Set(signedIn.watches.flatMap((w) => (w.unit && !w.indicator ? [w.unit] : [])));
    const watchedIndicators = new Set(
      signedIn.watches.flatMap((w) => (w.indicator && !w.unit ? [w.indicator] : [])),
    );
    const options = [
      ...units
        .filter((u) => !watchedUnits.has(u.code))
        .map((u) => ({ value: `jst:${u.code}`, label: `${say(lang, 'unitPrefix')}: ${u.label}` })),
      ...indicators
        .filter((i) => !watchedIndicators.has(i.id))
        .map((i) => ({ value: `wsk:${i.id}`, label: `${say(lang, 'indicatorPrefix')}: ${i.name[lang]}` })),
    ];
    const oneLevel = units.length >= 2 && new Set(units.map((u) => u.level)).size === 1;
    return html`${saveForm(lang, signedIn, {
      id: 'zapisz-nazwa',
      name: compared.title,
      fields: { rodzaj: 'compare', ...compared.query },
    })}
    ${
      oneLevel
        ? saveForm(lang, signedIn, {
            id: 'zapisz-zestaw-nazwa',
            name: units.map((u) => u.label).join(', '),
            fields: { rodzaj: 'set', jst: compared.query.jst },
            button: 'saveSet',
          })
        : ''
    }
    ${
      options.length === 0
        ? html`<p>${say(lang, 'allWatched')}</p>`
        : watchForm(
            lang,
            signedIn,
            'add',
            html`<div>
                <label for="obserwuj-co">${say(lang, 'watchWhat')}</label>
                <select id="obserwuj-co" name="co">
                  ${options.map((o) => html`<option value="${o.value}">${o.label}</option>`)}
                </select>
              </div>
              <button type="submit">${say(lang, 'watch')}</button>`,
          )
    }`;
  });
}

/**
 * The Raport form's second button: the same fields, sent (GET, no secret in the URL) to a page that names
 * the settings and saves them by POST with the CSRF token; for an anonymous visitor the sign-in link.
 */
export function reportSaveButton(lang: Lang, view: AccountView | null, code: string): Html | '' {
  if (!view) return '';
  if (!view.session) return signInToSave(lang, view.back);
  return html`<button
    type="submit"
    class="secondary"
    formmethod="get"
    formaction="${withLang(`/zapisz/raport/${code}`, lang)}"
  >
    ${say(lang, 'saveReport')}
  </button>`;
}

/**
 * "Moje zestawienia" (`/konto/zapisane`, issue 18, point 2): a signed-in user's saved items, each with its
 * settings in words and plain HTML forms (CSRF token in each) to open, edit, delete, share by a read-only
 * link and revoke it; the edit page of one item, and the page that asks before an item is deleted. Personal: never cached (saved-routes.ts).
 */
import type { Static } from '@sinclair/typebox';
import type { SavedItem, SavedList } from '../../api/schemas/saved.js';
import type { Lang } from '../format.js';
import { html, type Html } from '../html.js';
import { page, withLang } from '../layout.js';
import type { Session } from '../session.js';
import { csrfField, errorBox, savedNameField } from './account.js';
import { AGAINST_OPTIONS } from './unit-text.js';
import {
  dateText,
  describeSettings,
  FORMAT_LABELS,
  kindLabel,
  LANG_LABELS,
  sayS,
  type CatalogueNames,
} from './saved-text.js';

type Item = Static<typeof SavedItem>;
type Text = { readonly pl: string; readonly en: string };

/** What a form's redirect to the list says happened (`?zapisano=ID`…), by query parameter. */
export const LIST_NOTICES = {
  zapisano: 'saved',
  zmieniono: 'changed',
  usunieto: 'deleted',
  udostepniono: 'shared',
  cofnieto: 'unshared',
} as const;

const action = (lang: Lang, item: Item, verb: string) => withLang(`/konto/zapisane/${item.id}${verb}`, lang);

function itemForm(session: Session, url: string, label: string, item: Item, secondary = true) {
  return html`<form class="inline" method="post" action="${url}">
    ${csrfField(session)}
    <button type="submit" class="${secondary ? 'secondary' : ''}" aria-label="${`${label}: ${item.name}`}">
      ${label}
    </button>
  </form>`;
}

function shareBlock(lang: Lang, session: Session, item: Item, origin: string): Html {
  if (!item.share) return itemForm(session, action(lang, item, '/udostepnij'), sayS(lang, 'share'), item);
  const field = `link-${item.id}`;
  return html`<div class="embed-code share-link">
    <label for="${field}">${sayS(lang, 'shareLink')}</label>
    <input
      type="text"
      id="${field}"
      readonly
      value="${origin}${withLang(item.share.url, lang)}"
      aria-describedby="${field}-hint"
    />
    <p class="hint" id="${field}-hint">${sayS(lang, 'shareHint')}</p>
    <button type="button" class="secondary" data-copy-target="${field}">${sayS(lang, 'copy')}</button>
    ${itemForm(session, action(lang, item, '/cofnij-udostepnienie'), sayS(lang, 'unshare'), item)}
  </div>`;
}

function itemSection(lang: Lang, session: Session, item: Item, names: CatalogueNames, origin: string): Html {
  const id = `poz-${item.id}`;
  return html`<li>
    <section aria-labelledby="${id}" class="saved-item">
      <h2 id="${id}">${item.name}</h2>
      <p class="muted">
        ${kindLabel(lang, item.kind)} · ${sayS(lang, 'updated')} ${dateText(lang, item.updatedAt)}
      </p>
      ${describeSettings(lang, item.kind, item.settings, names)}
      <p class="downloads">
        <a class="button" href="${withLang(item.links.view, lang)}"
          >${sayS(lang, 'open')}<span class="visually-hidden">: ${item.name}</span></a
        >
        ${
          item.links.data
            ? html`<a class="button secondary" href="${item.links.data}"
                >${sayS(lang, item.kind === 'report' ? 'download' : 'data')}<span class="visually-hidden"
                  >: ${item.name}</span
                ></a
              >`
            : ''
        }
        <a href="${action(lang, item, '')}"
          >${sayS(lang, 'edit')}<span class="visually-hidden">: ${item.name}</span></a
        >
      </p>
      ${shareBlock(lang, session, item, origin)}
      <p>
        <a class="button secondary" href="${action(lang, item, '/usun')}"
          >${sayS(lang, 'remove')}<span class="visually-hidden">: ${item.name}</span></a
        >
      </p>
    </section>
  </li>`;
}

export function savedListPage(
  lang: Lang,
  session: Session,
  list: Static<typeof SavedList>,
  options: { names: CatalogueNames; notice: Text | null; origin: string },
): string {
  const title = sayS(lang, 'title');
  const body = html`<h1>${title}</h1>
    <p class="lead">${sayS(lang, 'lead')}</p>
    ${options.notice ? html`<div class="form-ok" role="status"><p>${options.notice[lang]}</p></div>` : ''}
    <p>${sayS(lang, 'count')}: ${list.total} / ${list.limit}</p>
    ${
      list.items.length === 0
        ? html`<p>${sayS(lang, 'none')}</p>`
        : html`<ul class="saved-list">
            ${list.items.map((item) => itemSection(lang, session, item, options.names, options.origin))}
          </ul>`
    }`;
  return page({ lang, title, url: '/konto/zapisane', body });
}

/** A text field of the edit form, with its label and an optional hint. */
function field(options: {
  name: string;
  label: string;
  value: string;
  hint?: string;
  required?: boolean;
}): Html {
  const id = `f-${options.name}`;
  return html`<div>
    <label for="${id}">${options.label}</label>
    <input
      type="text"
      id="${id}"
      name="${options.name}"
      value="${options.value}"
      maxlength="${options.name === 'jst' ? 4000 : 200}"
      ${options.required ? 'required' : ''}
      ${options.hint ? html`aria-describedby="${id}-hint"` : ''}
    />
    ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''}
  </div>`;
}

function select(
  id: string,
  label: string,
  options: ReadonlyArray<{ value: string; label: string; selected: boolean }>,
  multiple: { hint: string } | null = null,
): Html {
  return html`<div>
    <label for="f-${id}">${label}</label>
    <select
      id="f-${id}"
      name="${id}"
      ${multiple ? html`multiple size="8" aria-describedby="f-${id}-hint"` : ''}
    >
      ${options.map((o) => html`<option value="${o.value}" ${o.selected ? 'selected' : ''}>${o.label}</option>`)}
    </select>
    ${multiple ? html`<p class="hint" id="f-${id}-hint">${multiple.hint}</p>` : ''}
  </div>`;
}

/** The settings fields of an item's kind, filled with what it holds (or what the visitor sent back). */
function settingsFields(lang: Lang, item: Item, names: CatalogueNames): Html {
  const s = item.settings;
  const units = { name: 'jst', label: sayS(lang, 'units'), value: (s.units ?? []).join(', ') };
  if (item.kind === 'set') return field({ ...units, hint: sayS(lang, 'unitsHint'), required: true });
  if (item.kind === 'compare') {
    const chosen = new Set(s.indicators ?? []);
    return html`${field({ ...units, hint: sayS(lang, 'unitsHint'), required: true })}
    ${select(
      'wsk',
      sayS(lang, 'indicators'),
      [...names.indicators].map(([id, name]) => ({ value: id, label: name[lang], selected: chosen.has(id) })),
      { hint: sayS(lang, 'indicatorsHint') },
    )}
    ${field({ name: 'lata', label: sayS(lang, 'years'), value: s.years ?? '', hint: sayS(lang, 'yearsHint') })}`;
  }
  const against = s.against ?? 'group';
  const againstOptions: Array<readonly [string, Text]> = [...AGAINST_OPTIONS];
  if (!againstOptions.some(([id]) => id === against))
    againstOptions.push([against, { pl: against, en: against }]);
  const areas = new Set(s.areas ?? []);
  return html`${field({ name: 'jednostka', label: sayS(lang, 'unit'), value: s.unit ?? '', required: true })}
  ${select(
    'porownaj',
    sayS(lang, 'set'),
    againstOptions.map(([id, label]) => ({ value: id, label: label[lang], selected: id === against })),
  )}
  ${field({ name: 'rok', label: sayS(lang, 'year'), value: s.year ? String(s.year) : '', hint: sayS(lang, 'latest') })}
  ${select(
    'obszary',
    sayS(lang, 'areas'),
    [...names.areas].map(([id, name]) => ({ value: id, label: name[lang], selected: areas.has(id) })),
    { hint: `${sayS(lang, 'allAreas')}: ${lang === 'pl' ? 'bez zaznaczenia' : 'none chosen'}.` },
  )}
  ${select(
    'format',
    sayS(lang, 'format'),
    Object.entries(FORMAT_LABELS).map(([id, label]) => ({
      value: id,
      label: label[lang],
      selected: id === s.format,
    })),
  )}
  ${select(
    'jezyk',
    sayS(lang, 'lang'),
    Object.entries(LANG_LABELS).map(([id, label]) => ({
      value: id,
      label: label[lang],
      selected: id === s.lang,
    })),
  )}`;
}

export function savedEditPage(
  lang: Lang,
  session: Session,
  item: Item,
  options: { names: CatalogueNames; error: Text | null },
): string {
  const title = `${sayS(lang, 'edit')}: ${item.name}`;
  const invalid = options.error ? html`aria-invalid="true" aria-describedby="form-error"` : '';
  const body = html`<h1>${title}</h1>
    <p class="muted">${kindLabel(lang, item.kind)}</p>
    ${errorBox(lang, options.error)}
    <form class="account" method="post" action="${action(lang, item, '')}">
      ${csrfField(session)} ${savedNameField('f-nazwa', sayS(lang, 'name'), item.name, invalid)}
      ${settingsFields(lang, item, options.names)}
      <div><button type="submit">${sayS(lang, 'submitEdit')}</button></div>
    </form>
    <p><a href="${withLang('/konto/zapisane', lang)}">${sayS(lang, 'back')}</a></p>`;
  return page({ lang, title, url: `/konto/zapisane/${item.id}`, body });
}

/**
 * "Usunąć …?": what the item is, what deleting it does (its share link stops too; nothing brings it back),
 * and the one POST form that deletes it; `potwierdz` tells the POST it comes from here (saved-routes.ts).
 */
export function savedDeletePage(lang: Lang, session: Session, item: Item, names: CatalogueNames): string {
  const title = lang === 'pl' ? `Usunąć „${item.name}”?` : `Delete “${item.name}”?`;
  const body = html`<h1>${title}</h1>
    <p class="lead">${sayS(lang, item.share ? 'removeSharedLead' : 'removeLead')}</p>
    <p class="muted">
      ${kindLabel(lang, item.kind)} · ${sayS(lang, 'updated')} ${dateText(lang, item.updatedAt)}
    </p>
    ${describeSettings(lang, item.kind, item.settings, names)}
    <form class="inline" method="post" action="${action(lang, item, '/usun')}">
      ${csrfField(session)}<input type="hidden" name="potwierdz" value="1" />
      <button type="submit">${sayS(lang, 'removeSubmit')}</button>
    </form>
    <p>
      <a href="${withLang(`/konto/zapisane#poz-${item.id}`, lang)}">${sayS(lang, 'removeCancel')}</a>
    </p>`;
  return page({ lang, title, url: `/konto/zapisane/${item.id}/usun`, body });
}

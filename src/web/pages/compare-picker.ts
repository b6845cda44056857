/**
 * The compare page's picker: the choice of units (search by name, add and remove links), of indicators and of
 * years, as plain GET forms (no JavaScript needed).
 */
import { unitText } from '../measure-unit.js';
import type { Static } from '@sinclair/typebox';
import type { UnitList } from '../../api/schemas/units.js';
import { formatNumber, type Lang } from '../format.js';
import { html, type Html } from '../html.js';
import { withLang } from '../layout.js';
import { COMPARE_TEXT } from './compare-text.js';
import {
  MAX_UNITS,
  stateQuery,
  yearsText,
  type CompareState,
  type IndicatorSummary,
} from './compare-state.js';
import type { ComparedUnit } from './compare-data.js';
import { slug } from './compare-figure.js';

const say = (lang: Lang, key: keyof typeof COMPARE_TEXT): string => COMPARE_TEXT[key][lang];

interface Area {
  id: string;
  name: { pl: string; en: string };
  services: Array<{ id: string; indicators: string[] }>;
}

/** The choice of units (search by name, add and remove links) and of indicators and years: plain GET forms. */
// Over 80 lines: one form in reading order (units, search, indicators, years), plain HTML without JavaScript.
export function picker(
  lang: Lang,
  state: CompareState,
  units: readonly ComparedUnit[],
  q: string,
  found: Static<typeof UnitList> | null,
  areas: readonly Area[],
  catalogue: readonly IndicatorSummary[],
): Html {
  const action = withLang('/porownaj', lang);
  const href = (next: CompareState, extra: Record<string, string> = {}) => {
    const query = stateQuery(next, extra);
    return withLang(query ? `/porownaj?${query}` : '/porownaj', lang);
  };
  const full = state.units.length >= MAX_UNITS;
  const byId = new Map(catalogue.map((i) => [i.id, i]));
  const chosen = new Set(state.indicators);
  const groups = areas
    .map((area) => ({
      area,
      items: area.services
        .flatMap((s) => s.indicators)
        .flatMap((id) => byId.get(id) ?? [])
        .filter((i) => i.available || chosen.has(i.id)),
    }))
    .filter((g) => g.items.length > 0);
  const hidden = (name: string, value: string) =>
    value === '' ? '' : html`<input type="hidden" name="${name}" value="${value}" />`;
  return html`<div class="compare-picker">
    <section aria-labelledby="wybrane-h">
      <h3 id="wybrane-h">${say(lang, 'selection')} (${units.length}/${MAX_UNITS})</h3>
      ${
        units.length === 0
          ? html`<p>${say(lang, 'noSelection')}</p>`
          : html`<ul class="selection">
              ${units.map(
                (u) =>
                  html`<li>
                    <a href="${withLang(`/jst/${u.code}`, lang)}">${u.name}</a>
                    <span class="muted">${u.kindLabel[lang]}, TERYT ${u.code}</span>
                    <a
                      class="remove"
                      href="${href({ ...state, units: state.units.filter((c) => c !== u.code) }, { q })}"
                      >${say(lang, 'remove')}<span class="visually-hidden">: ${u.name}</span></a
                    >
                  </li>`,
              )}
            </ul>`
      }
    </section>
    <form class="search compare-find" role="search" method="get" action="${action}">
      ${hidden('jst', state.units.join(','))} ${hidden('wsk', state.indicators.join(','))}
      ${hidden('lata', yearsText(state.years))}
      <label for="q">${say(lang, 'findLabel')}</label>
      <div class="row">
        <input
          id="q"
          name="q"
          type="search"
          autocomplete="off"
          spellcheck="false"
          maxlength="100"
          value="${q}"
          aria-describedby="q-hint"
        />
        <button type="submit">${say(lang, 'find')}</button>
      </div>
      <p id="q-hint" class="hint">${say(lang, 'findHint')}</p>
    </form>
    ${
      found
        ? html`<section aria-labelledby="znalezione-h">
            <h3 id="znalezione-h">${say(lang, 'found')} (${formatNumber(found.total, 0, lang)})</h3>
            ${full ? html`<p class="notice">${say(lang, 'limitReached')}</p>` : ''}
            ${
              found.items.length === 0
                ? html`<p>${say(lang, 'nothingFound')}</p>`
                : html`<ul class="results">
                    ${found.items.map(
                      (u) =>
                        html`<li>
                          ${u.name} <span class="muted">${u.kindLabel[lang]}, TERYT ${u.code}</span>
                          ${
                            state.units.includes(u.code)
                              ? html`<span class="chosen-mark">${say(lang, 'chosen')}</span>`
                              : full
                                ? ''
                                : html`<a
                                    class="add"
                                    href="${href({ ...state, units: [...state.units, u.code] }, { q })}"
                                    >${say(lang, 'add')}<span class="visually-hidden">: ${u.name}</span></a
                                  >`
                          }
                        </li>`,
                    )}
                  </ul>`
            }
          </section>`
        : ''
    }
    <form class="compare-options" method="get" action="${action}">
      ${hidden('jst', state.units.join(','))}
      <fieldset class="indicator-choice" aria-describedby="wsk-hint">
        <legend>${say(lang, 'indicators')}</legend>
        <p id="wsk-hint" class="hint">${say(lang, 'indicatorsHint')}</p>
        ${groups.map(
          ({ area, items }) =>
            html`<fieldset>
              <legend>${area.name[lang]}</legend>
              ${items.map(
                (i) =>
                  html`<div class="check">
                    <input
                      type="checkbox"
                      id="wsk-${slug(i.id)}"
                      name="wsk"
                      value="${i.id}"
                      ${chosen.has(i.id) ? 'checked' : ''}
                    />
                    <label for="wsk-${slug(i.id)}"
                      >${i.name[lang]} <span class="muted">(${unitText(i.measureUnit, lang)})</span></label
                    >
                  </div>`,
              )}
            </fieldset>`,
        )}
      </fieldset>
      <div class="years">
        <label for="lata">${say(lang, 'years')}</label>
        <input
          id="lata"
          name="lata"
          type="text"
          inputmode="numeric"
          pattern="\\d{4}(-\\d{4})?"
          size="10"
          value="${yearsText(state.years)}"
          aria-describedby="lata-hint"
        />
        <p id="lata-hint" class="hint">${say(lang, 'yearsHint')}</p>
      </div>
      <button type="submit">${say(lang, 'show')}</button>
    </form>
  </div>`;
}

/**
 * The unit page's words for residents (issue 16, point 2): its strong and weak points (indicators in the
 * best or weakest quarter of the comparison set, read through each indicator's direction) and, per area,
 * one line naming the indicators without data instead of a row each.
 */
import { withUnit } from '../measure-unit.js';
import type { Static } from '@sinclair/typebox';
import type { Profile } from '../../api/schemas/profile.js';
import { countOf, type Lang } from '../format.js';
import { html, type Html } from '../html.js';

type ProfileItem = Static<typeof Profile>['items'][number];

export const INDICATORS_WORD = {
  pl: { one: 'wskaźnik', few: 'wskaźniki', many: 'wskaźników' },
  en: { one: 'indicator', other: 'indicators' },
};

/** How many points of each kind are named: the rest are in the tables below. */
const MAX_POINTS = 5;

function point(lang: Lang, item: ProfileItem): Html {
  const d = item.indicator.decimals;
  const unit = item.indicator.measureUnit;
  const median = item.statistics?.median ?? null;
  return html`<li>
    <a href="#w-${item.indicator.id.replace(/[^a-z0-9]+/g, '-')}">${item.indicator.name[lang]}</a>:
    ${withUnit(item.value, d, unit, lang)}${
      median === null
        ? ''
        : lang === 'pl'
          ? ` (mediana zbioru ${withUnit(median, d, unit, lang)})`
          : ` (the set's median ${withUnit(median, d, unit, lang)})`
    }
  </li>`;
}

/** "Mocne strony" and "Słabe strony": the rated indicators with a value in the best and weakest 25%. */
export function strongAndWeak(lang: Lang, items: readonly ProfileItem[]): Html {
  const rated = items.filter((i) => i.value !== null && i.position);
  const strong = rated.filter((i) => i.position?.positionClass === 'top25');
  const weak = rated.filter((i) => i.position?.positionClass === 'bottom25');
  if (strong.length === 0 && weak.length === 0) {
    return html`<p>
      ${
        lang === 'pl'
          ? 'Żaden oceniany wskaźnik z danymi nie wypada w najlepszej ani w najsłabszej ćwiartce zbioru.'
          : 'No rated indicator with data is in the best or the weakest quarter of the set.'
      }
    </p>`;
  }
  const list = (title: string, points: readonly ProfileItem[], none: string) =>
    html`<div>
      <h3>${title}</h3>
      ${
        points.length === 0
          ? html`<p class="muted">${none}</p>`
          : html`<ul>
              ${points.slice(0, MAX_POINTS).map((i) => point(lang, i))}
            </ul>`
      }
    </div>`;
  return html`<section aria-labelledby="mocne-h" class="strengths">
    <h2 id="mocne-h">${lang === 'pl' ? 'Mocne i słabe strony' : 'Strong and weak points'}</h2>
    <p class="muted">
      ${
        lang === 'pl'
          ? 'Wskaźniki, w których jednostka jest wśród najlepszych albo najsłabszych 25% zbioru porównawczego (z uwzględnieniem kierunku: np. niższe bezrobocie to lepiej).'
          : 'Indicators where the unit is among the best or the weakest 25% of its comparison set (direction taken into account: e.g. lower unemployment is better).'
      }
    </p>
    <div class="strengths-lists">
      ${list(
        lang === 'pl' ? 'Mocne strony' : 'Strong points',
        strong,
        lang === 'pl' ? 'brak w tym zbiorze' : 'none in this set',
      )}
      ${list(
        lang === 'pl' ? 'Słabe strony' : 'Weak points',
        weak,
        lang === 'pl' ? 'brak w tym zbiorze' : 'none in this set',
      )}
    </div>
  </section>`;
}

/** "3 wskaźniki bez danych w tym wydaniu: A, B, C." — one line for an area's indicators without a value. */
export function missingLine(lang: Lang, missing: readonly ProfileItem[]): Html | '' {
  if (missing.length === 0) return '';
  const names = missing.map((i) => i.indicator.name[lang]).join(', ');
  return html`<p class="missing-line">
    ${countOf(missing.length, lang, INDICATORS_WORD)}
    ${lang === 'pl' ? 'bez danych w tym wydaniu' : 'without data in this release'}: ${names}.
  </p>`;
}

/**
 * `/jst/{teryt}`: the heart of the portal. A unit's header (kind, parents, population, group, neighbours),
 * then every area and service with its indicators: the unit's value, the comparison set's median and
 * quartiles, the rank, a position that respects the indicator's direction (colour and words), a trend and
 * the flags or the reason a value is missing. The set is switched with a plain GET form, so the state is
 * in the URL (a permalink) and the page works without JavaScript.
 */
// Over 400 lines: the unit page and its section renderers; to be split by section (issue 19).
import { unitFor, withUnit } from '../measure-unit.js';
import { UNIT_CODE } from '../../domain/units/teryt-code.js';
import type { Static } from '@sinclair/typebox';
import type { UnitData } from '../../api/schemas/compare.js';
import type { Peers, Profile } from '../../api/schemas/profile.js';
import type { UnitDetail } from '../../api/schemas/units.js';
import { apiOk } from '../api-client.js';
import { band, sparkline } from '../charts/micro.js';
import { countOf, formatNumber, UNITS_WORD, type Lang } from '../format.js';
import { flagLegend, flagMark } from '../flag-legend.js';
import { changedValues, changeMark, type ChangedValues } from '../changed-values.js';
import { html, type Html } from '../html.js';
import { POSITION_LABELS, REASON_LABELS } from '../i18n.js';
import { page, withLang } from '../layout.js';
import { isSavedSetReference } from '../../domain/query-params.js';
import { parseAgainst, parseYear } from '../page-params.js';
import { PageError, type PageContext } from '../page-error.js';
import { AGAINST_OPTIONS, UNIT_TEXT } from './unit-text.js';
import { reportForm } from './report-form.js';
import { accountView, reportSaveButton, unitSaveBlock } from './save-controls.js';
import { INDICATORS_WORD, missingLine, strongAndWeak } from './unit-summary.js';
import { parseViewLevel, urlInView, viewField, viewSwitch, type ViewLevel } from '../view-level.js';

type ProfileItem = Static<typeof Profile>['items'][number];
type Series = Static<typeof UnitData>['indicators'][number]['series'];

interface Area {
  id: string;
  name: { pl: string; en: string };
  services: Array<{ id: string; name: { pl: string; en: string }; indicators: string[] }>;
}

const say = (lang: Lang, key: keyof typeof UNIT_TEXT): string => UNIT_TEXT[key][lang];

// Over 80 lines: the page's sections in reading order, one template over one set of API answers; not yet split by section (issue 19).
export async function unitPage(
  context: PageContext,
  { embed = false }: { embed?: boolean } = {},
): Promise<string> {
  const { app, lang, params, query, url, origin } = context;
  const code = params.teryt ?? '';
  if (!UNIT_CODE.test(code)) {
    throw new PageError(404, {
      pl: `„${code}” nie jest kodem TERYT województwa (2 cyfry), powiatu (4) ani gminy (7).`,
      en: `"${code}" is not the TERYT code of a voivodeship (2 digits), powiat (4) or gmina (7).`,
    });
  }
  const year = parseYear(query.rok);
  const against = parseAgainst(query.porownaj);
  const level = embed ? 'basic' : parseViewLevel(query.widok);
  const unit = await apiOk<Static<typeof UnitDetail>>(app, `/api/v1/units/${code}`);
  const profileQuery = new URLSearchParams({ against, ...(year ? { year: String(year) } : {}) });
  // Every value of the unit (all indicators, all years), its headers and words in the page's language, and
  // in the year each table row shows the set's median, quartiles, rank and position against this page's set.
  const dataUrl = `/api/v1/units/${code}/data?lang=${lang}&against=${encodeURIComponent(against)}${
    year ? `&setYear=${year}` : ''
  }`;
  const [profile, peers, data, areas, config] = await Promise.all([
    apiOk<Static<typeof Profile>>(app, `/api/v1/units/${code}/profile?${profileQuery.toString()}`),
    apiOk<Static<typeof Peers>>(app, `/api/v1/units/${code}/peers`),
    apiOk<Static<typeof UnitData>>(app, `/api/v1/units/${code}/data`),
    apiOk<{ items: Area[] }>(app, '/api/v1/areas'),
    // Which indicator is the population: the catalogue says (catalog/config.yaml `structure`), not code.
    apiOk<{ structure: { population: string } | null }>(app, '/api/v1/config'),
  ]);
  const changes = await changedValues(app, profile.release, { unit: code }, lang);
  // Zapisz / Obserwuj (issue 18): the visitor's forms, or the sign-in link; none in an embedded profile.
  const account = embed ? null : await accountView(context);
  const items = new Map(profile.items.map((i) => [i.indicator.id, i]));
  const series = new Map(data.indicators.map((i) => [i.id, i.series]));
  const withData = profile.items.filter((i) => i.value !== null).length;
  const setInfo = profile.items.find((i) => i.set !== null)?.set ?? null;
  const link = (u: { code: string; name: string }) =>
    html`<a href="${withLang(`/jst/${u.code}`, lang)}">${u.name}</a>`;

  const population = config.structure ? items.get(config.structure.population) : undefined;
  // Poland is the reference of every other unit: no group, no neighbours, no set to compare it with.
  const isCountry = unit.level === 'kraj';
  const peerFacts = isCountry
    ? html`<div>
        <dt>${lang === 'pl' ? 'Punkt odniesienia' : 'The reference'}</dt>
        <dd>
          ${
            lang === 'pl'
              ? 'Wartości Polski (ze źródła albo sumy województw) są linią odniesienia dla wszystkich jednostek; Polski nie porównuje się z grupą ani z sąsiadami.'
              : "Poland's values (the source's, or the sum of the voivodeships) are the reference for every unit; Poland is not compared with a group or neighbours."
          }
        </dd>
      </div>`
    : html`<div>
          <dt>${say(lang, 'group')}</dt>
          <dd>
            ${
              peers.group
                ? html`${peers.group.label[lang]}
                    <span class="muted"
                      >(${countOf(peers.group.members.length, lang, UNITS_WORD)}
                      ${say(lang, 'groupMembers')}${
                        // The rule names the group classes by code: for analysts only.
                        level === 'advanced' ? html`; ${peers.group.rule[lang]}` : ''
                      })</span
                    >`
                : (peers.groupMessage?.[lang] ?? '—')
            }
          </dd>
        </div>
        <div>
          <dt>${say(lang, 'neighbours')}</dt>
          <dd>
            ${
              peers.neighbours && peers.neighbours.length > 0
                ? peers.neighbours.map((n, i) => html`${i > 0 ? ', ' : ''}${link(n)}`)
                : (peers.neighboursMessage?.[lang] ?? '—')
            }
          </dd>
        </div>`;
  const header = html`<p class="muted">
      ${unit.kindLabel[lang]} · ${say(lang, 'teryt')}
      ${unit.code}${
        unit.parents.length > 0
          ? html` · ${say(lang, 'partOf')}:
            ${unit.parents.map((p, i) => html`${i > 0 ? ', ' : ''}${link(p)}`)}`
          : ''
      }
    </p>
    <dl class="facts">
      ${
        population && population.value !== null
          ? html`<div>
              <dt>${say(lang, 'populationOf')}</dt>
              <dd>
                ${formatNumber(population.value, 0, lang)} ${lang === 'pl' ? 'osób' : 'persons'}
                <span class="muted">(${say(lang, 'populationNote')} ${population.year ?? ''}; GUS BDL)</span>
              </dd>
            </div>`
          : ''
      }
      ${peerFacts}
      ${
        peers.similar.units.length > 0
          ? html`<div>
              <dt>${say(lang, 'similar')}</dt>
              <dd>
                ${peers.similar.units.slice(0, 5).map((s, i) => html`${i > 0 ? ', ' : ''}${link(s.unit)}`)}
              </dd>
            </div>`
          : ''
      }
    </dl>`;

  const years = data.years;
  const form = html`<form class="controls" method="get" action="${withLang(`/jst/${code}`, lang)}">
    ${
      isCountry
        ? ''
        : html`<div>
            <label for="porownaj">${say(lang, 'compareWith')}</label>
            <select id="porownaj" name="porownaj">
              ${AGAINST_OPTIONS.map(
                ([id, label]) =>
                  html`<option value="${id}" ${id === against ? 'selected' : ''}>${label[lang]}</option>`,
              )}
              ${isSavedSetReference(against) ? html`<option value="${against}" selected>${against}</option>` : ''}
            </select>
          </div>`
    }
    <div>
      <label for="rok">${say(lang, 'year')}</label>
      <select id="rok" name="rok">
        <option value="" ${year === undefined ? 'selected' : ''}>${say(lang, 'latestYear')}</option>
        ${[...years].reverse().map((y) => html`<option value="${y}" ${y === year ? 'selected' : ''}>${y}</option>`)}
      </select>
    </div>
    ${viewField(level)}
    <button type="submit">${say(lang, 'show')}</button>
  </form>`;

  const setLine = isCountry
    ? html``
    : setInfo
      ? html`<p>
          <strong>${say(lang, 'comparedWith')}:</strong> ${setInfo.label[lang]}
          (${countOf(setInfo.members, lang, UNITS_WORD)}${setInfo.year ? html`, ${setInfo.year}` : ''}).
          ${setInfo.message ? html`<span class="muted">${setInfo.message[lang]}</span>` : ''}
        </p>`
      : html`<p class="notice">${profile.items.find((i) => i.reason)?.detail ?? ''}</p>`;

  const areaSections = areas.items
    .map((area) => {
      const services = area.services
        .map((service) => ({ service, rows: service.indicators.flatMap((id) => items.get(id) ?? []) }))
        .filter((s) => s.rows.length > 0);
      return { area, services };
    })
    .filter((a) => a.services.length > 0);

  const hasValue = (a: (typeof areaSections)[number]) =>
    a.services.some((s) => s.rows.some((r) => r.value !== null));
  // The basic view shows the areas with data only, each with one line for its indicators without data;
  // the areas without any data are named together in one line at the end.
  const shownAreas = level === 'basic' ? areaSections.filter(hasValue) : areaSections;
  const emptyAreas = areaSections.filter((a) => !hasValue(a));
  const sectionsOf = (sections: typeof areaSections) =>
    sections.map(
      ({ area, services }) =>
        html`<section aria-labelledby="obszar-${area.id}">
          <h2 id="obszar-${area.id}">${area.name[lang]}</h2>
          ${services.map(({ service, rows }) => serviceTable(lang, service, rows, series, code, level, { changes, release: profile.release }))}
          ${
            level === 'basic'
              ? missingLine(
                  lang,
                  services.flatMap((s) => s.rows.filter((r) => r.value === null)),
                )
              : ''
          }
        </section>`,
    );
  const emptyAreasLine =
    level === 'basic' && emptyAreas.length > 0
      ? html`<p class="missing-line">
          ${
            lang === 'pl'
              ? 'Obszary bez danych tej jednostki w tym wydaniu'
              : 'Areas without data for this unit in this release'
          }:
          ${emptyAreas
            .map(
              (a) =>
                `${a.area.name[lang]} (${countOf(
                  a.services.reduce((n, s) => n + s.rows.length, 0),
                  lang,
                  INDICATORS_WORD,
                )})`,
            )
            .join(', ')}.
          <a href="${withLang(urlInView(url, 'advanced'), lang)}"
            >${lang === 'pl' ? 'Szczegóły w widoku zaawansowanym' : 'Details in the advanced view'}</a
          >
        </p>`
      : '';
  const sourceLine = html`<p class="muted">
    ${say(lang, 'source')}: ${say(lang, 'sourceText')} ${profile.release}.
  </p>`;
  if (embed) {
    // The embedded profile: the areas with values only, the set and the source, a link to the full page.
    const full = withLang(url.replace(/^\/osadz\/profil\//, '/jst/'), lang);
    const body = html`<h1>${unit.name}</h1>
      ${setLine} ${sectionsOf(areaSections.filter(hasValue))} ${sourceLine}
      <p class="embed-link">
        <a href="${full}" target="_top"
          >${lang === 'pl' ? 'Pełny widok w SMUP' : 'Full view in SMUP'}: ${unit.name}</a
        >
      </p>`;
    return page({ lang, title: unit.name, url, body, bare: true });
  }
  const embedQuery = new URLSearchParams({
    porownaj: against,
    ...(year ? { rok: String(year) } : {}),
  }).toString();
  const embedCode = `<iframe src="${origin}${withLang(`/osadz/profil/${code}?${embedQuery}`, lang)}" title="${unit.name.replace(/"/g, '&quot;')} — SMUP" width="100%" height="900" style="border:0" loading="lazy"></iframe>`;
  const body = html`<h1>${unit.name}</h1>
    ${viewSwitch(lang, url, level)} ${header} ${form} ${setLine}
    ${
      account && !isCountry
        ? unitSaveBlock(lang, account, {
            code,
            name: unit.name,
            against,
            againstLabel:
              setInfo?.label[lang] ?? AGAINST_OPTIONS.find(([id]) => id === against)?.[1][lang] ?? against,
            year,
          })
        : ''
    }
    ${isCountry ? '' : strongAndWeak(lang, profile.items)}
    <p class="legend"><span class="muted">${say(lang, 'legend')}</span></p>
    <p>${withData} / ${profile.items.length} ${say(lang, 'indicatorsWithData')}.</p>
    <nav aria-labelledby="spis-h" class="toc">
      <h2 id="spis-h" class="visually-hidden">${say(lang, 'contents')}</h2>
      <ul>
        ${shownAreas.map(({ area }) => html`<li><a href="#obszar-${area.id}">${area.name[lang]}</a></li>`)}
      </ul>
    </nav>
    ${sectionsOf(shownAreas)} ${emptyAreasLine}
    ${
      isCountry || years.length === 0
        ? ''
        : reportForm({
            lang,
            code,
            against,
            years,
            year,
            areas: areaSections.map((a) => a.area),
            save: reportSaveButton(lang, account, code),
          })
    }
    <section aria-labelledby="pobierz-h" class="downloads-section">
      <h2 id="pobierz-h">${say(lang, 'download')}</h2>
      <p>${say(lang, 'downloadWhat')}</p>
      <p class="downloads">
        <a class="button secondary" href="${dataUrl}&format=csv&sep=semicolon&decimal=comma" download
          >${say(lang, 'csvExcel')}</a
        >
        <a class="button secondary" href="${dataUrl}&format=csv" download>${say(lang, 'csvPlain')}</a>
        <a class="button secondary" href="${dataUrl}&format=xlsx" download>XLSX</a>
        <a class="button secondary" href="${dataUrl}&format=json">JSON</a>
        <a href="/api/v1/units/${code}/profile?${profileQuery.toString()}">${say(lang, 'profileJson')}</a>
        <a href="${withLang(url, lang)}">${say(lang, 'permalink')}</a>
      </p>
      <div class="embed-code">
        <label for="osadz-profil">${say(lang, 'embed')}</label>
        <textarea id="osadz-profil" readonly rows="3">${embedCode}</textarea>
        <button type="button" class="secondary" data-copy-target="osadz-profil">${say(lang, 'copy')}</button>
      </div>
      ${sourceLine}
    </section>
    ${
      unit.children.length > 0
        ? html`<section aria-labelledby="podrzedne-h">
            <h2 id="podrzedne-h">${say(lang, 'children')}</h2>
            <ul class="columns">
              ${unit.children.map((c) => html`<li>${link(c)} <span class="muted">${c.kindLabel[lang]}</span></li>`)}
            </ul>
          </section>`
        : ''
    }`;
  return page({ lang, title: unit.name, url, body });
}

/**
 * A service's indicators with a value in a table; those without one (most, while the release holds few
 * sources) in a short list under it, each with the reason in words, so the tables stay readable on a phone.
 */
function serviceTable(
  lang: Lang,
  service: Area['services'][number],
  rows: readonly ProfileItem[],
  series: ReadonlyMap<string, Series>,
  code: string,
  level: ViewLevel,
  changed: { changes: ChangedValues; release: number },
): Html {
  const withValue = rows.filter((r) => r.value !== null);
  const missing = rows.filter((r) => r.value === null);
  const missingList =
    missing.length === 0 || level === 'basic'
      ? ''
      : html`<details class="missing-list">
          <summary>
            ${withValue.length === 0 ? html`${service.name[lang]}: ` : ''}${say(lang, 'withoutValue')}
            (${missing.length})
          </summary>
          <ul>
            ${missing.map((item) => {
              const reason = item.reason ? (REASON_LABELS[item.reason]?.[lang] ?? item.reason) : '';
              return html`<li>
                <a href="${withLang(`/wskaznik/${item.indicator.id}?jst=${code}`, lang)}"
                  >${item.indicator.name[lang]}</a
                >
                — <span class="muted">${reason}${item.year ? html` (${item.year})` : ''}</span>
              </li>`;
            })}
          </ul>
        </details>`;
  if (withValue.length === 0)
    return missingList ? html`<div class="service-empty">${missingList}</div>` : html``;
  return html`<div
      class="table-wrap stacked"
      tabindex="0"
      role="region"
      aria-labelledby="usluga-${service.id}"
    >
      <table class="data profile stack" data-sortable>
        <caption id="usluga-${service.id}">
          ${service.name[lang]}
        </caption>
        <thead>
          <tr>
            <th scope="col">${say(lang, 'indicator')}</th>
            <th scope="col" class="num">${say(lang, 'value')}</th>
            <th scope="col" class="num">${say(lang, 'median')}</th>
            <th scope="col" class="num">${say(lang, 'quartiles')}</th>
            <th scope="col">${say(lang, 'rank')}</th>
            <th scope="col" data-no-sort>${say(lang, 'spread')}</th>
            <th scope="col" data-no-sort>${say(lang, 'trend')}</th>
          </tr>
        </thead>
        <tbody>
          ${withValue.map((item) => profileRow(lang, item, series.get(item.indicator.id) ?? [], code, changed))}
        </tbody>
      </table>
    </div>
    ${flagLegend(
      withValue.map((r) => r.flag),
      lang,
    )}
    ${missingList}`;
}

function profileRow(
  lang: Lang,
  item: ProfileItem,
  points: Series,
  code: string,
  { changes, release }: { changes: ChangedValues; release: number },
): Html {
  const { indicator } = item;
  const d = indicator.decimals;
  const n = (v: number | null) => formatNumber(v, d, lang);
  const name = html`<th scope="row" id="w-${indicator.id.replace(/[^a-z0-9]+/g, '-')}">
    <a href="${withLang(`/wskaznik/${indicator.id}?jst=${code}`, lang)}">${indicator.name[lang]}</a>
  </th>`;
  const s = item.statistics;
  const pos = item.position;
  const unitOf = html`<span class="unit"
    >${item.value === null ? indicator.measureUnit : unitFor(item.value, d, indicator.measureUnit, lang)}</span
  >`;
  const flag = flagMark(item.flag, lang);
  const label = (key: keyof typeof UNIT_TEXT) => say(lang, key);
  const known = points.filter((p) => p.value !== null);
  const first = known[0];
  const last = known[known.length - 1];
  const trendLabel =
    first && last && first !== last
      ? `${say(lang, 'trend')} ${first.year}–${last.year}: ${n(first.value)} → ${withUnit(last.value, d, indicator.measureUnit, lang)}`
      : '';
  return html`<tr>
    ${name}
    <td class="num" data-label="${label('value')}">
      <span class="cell"
        >${n(item.value)}${flag} ${unitOf}<br /><span class="muted">${item.year ?? ''}</span
        >${changeMark(changes, `ind:${indicator.id}`, code, item.year, release, lang)}</span
      >
    </td>
    <td class="num" data-label="${label('median')}"><span class="cell">${s ? n(s.median) : '—'}</span></td>
    <td class="num" data-label="${label('quartiles')}">
      <span class="cell">${s ? html`${n(s.q1)} – ${n(s.q3)}` : '—'}</span>
    </td>
    <td data-label="${label('rank')}">
      <span class="cell"
        >${
          pos
            ? html`${pos.rank} ${say(lang, 'of')} ${pos.rankedCount}<br /><span
                  class="pos pos-${pos.positionClass}"
                  >${POSITION_LABELS[pos.positionClass]?.[lang] ?? pos.positionClass}</span
                >`
            : '—'
        }</span
      >
    </td>
    <td data-label="${label('spread')}">
      <span class="cell">${s ? band(s, item.value, pos?.positionClass ?? 'neutral') : ''}</span>
    </td>
    <td data-label="${label('trend')}" class="${trendLabel ? '' : 'optional'}">
      <span class="cell">${trendLabel ? sparkline(points, trendLabel) : ''}</span>
    </td>
  </tr>`;
}

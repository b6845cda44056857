/** The page shell: language, skip link, landmarks, navigation, footer with sources and licence. */
import type { Lang } from './format.js';
import { html, type Html } from './html.js';
import { t } from './i18n.js';
import { assetUrl, hasAsset } from './static-assets.js';

export interface PageOptions {
  readonly lang: Lang;
  readonly title: string;
  /** The page's URL without language (`/jst/1261011?against=neighbours`): links to the other language. */
  readonly url: string;
  readonly body: Html;
  /** A page without the site's header and footer (an embedded chart). */
  readonly bare?: boolean;
}

/** A portal URL in a language: Polish as is, English under `/en` (`/jst/1261011` → `/en/jst/1261011`). */
export const withLang = (url: string, lang: Lang): string =>
  lang === 'pl' ? url : url === '/' || url.startsWith('/?') ? `/en${url.slice(1)}` : `/en${url}`;

export function page({ lang, title, url, body, bare = false }: PageOptions): string {
  const other: Lang = lang === 'pl' ? 'en' : 'pl';
  const script = hasAsset('main.js')
    ? html`<script type="module" src="${assetUrl('main.js')}"></script>`
    : '';
  const chrome = (inner: Html): Html =>
    bare
      ? html`<main id="tresc">${inner}</main>`
      : html`<a class="skip" href="#tresc">${t(lang, 'skip')}</a>
          <header class="site">
            <a class="brand" href="${withLang('/', lang)}"
              ><span aria-hidden="true">SMUP</span
              ><span class="visually-hidden">${t(lang, 'siteName')}</span></a
            >
            <nav aria-label="${t(lang, 'mainNav')}">
              <ul>
                <li><a href="${withLang('/', lang)}">${t(lang, 'home')}</a></li>
                <li><a href="${withLang('/porownaj', lang)}">${t(lang, 'compare')}</a></li>
                <li><a href="/api/docs">${t(lang, 'api')}</a></li>
                <li>
                  <a href="${withLang(url, other)}" lang="${other}" hreflang="${other}"
                    >${t(lang, 'otherLang')}</a
                  >
                </li>
              </ul>
            </nav>
          </header>
          <main id="tresc" tabindex="-1">${inner}</main>
          <footer class="site">
            <nav aria-label="${lang === 'pl' ? 'O serwisie' : 'About the site'}">
              <ul class="footer-links">
                <li><a href="${withLang('/jak-korzystac', lang)}">${t(lang, 'guide')}</a></li>
                <li><a href="${withLang('/metodologia', lang)}">${t(lang, 'methodology')}</a></li>
                <li>
                  <a href="${withLang('/deklaracja-dostepnosci', lang)}">${t(lang, 'accessibility')}</a>
                </li>
              </ul>
            </nav>
            <p>${t(lang, 'footer')}</p>
          </footer>`;
  return `<!doctype html>\n${html`<html lang="${lang}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title} — SMUP</title>
      <link rel="alternate" hreflang="${other}" href="${withLang(url, other)}" />
      <link rel="icon" href="${assetUrl('favicon.svg')}" type="image/svg+xml" />
      <link rel="stylesheet" href="${assetUrl('smup.css')}" />
      ${script}
    </head>
    <body class="${bare ? 'bare' : ''}">
      ${chrome(body)}
    </body>
  </html>`}`;
}

/**
 * Page weight and first view of the portal's heaviest pages (issue 16, point 7), against a running server
 * (`npm start`, or any `smup serve`: BENCH_BASE, default http://127.0.0.1:3000) with a release that has
 * gmina data. Prints, with no assertions, for each page: HTML bytes as sent and gzipped (zlib here), the
 * requests it makes, and in Chromium at 390 px (cold browser context each run; the server warm): DOM
 * content loaded, load and first contentful paint, medians of BENCH_RUNS (default 5).
 *
 * The reference in the same run is the indicator page's content as one page, as it was served before this
 * issue: every gmina in the ranking (`strona=wszystkie`) plus the map inline (the embeddable map page
 * carries the same inline SVG); the ratio column divides each page by it. (Before this issue the page was
 * 1.13 MB; its rows now carry labels for phones, so the all-rows page is heavier than it was.)
 *
 *   npm run bench:portal-weight
 */
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../test/browser.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const performance: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const BASE = process.env.BENCH_BASE ?? 'http://127.0.0.1:3000';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const INDICATOR = process.env.BENCH_INDICATOR ?? 'kontekst.gestosc_zaludnienia';

const PAGES: ReadonlyArray<readonly [string, string]> = [
  ['indicator, gminy (new default)', `/wskaznik/${INDICATOR}`],
  ['indicator, gminy, Kraków chosen', `/wskaznik/${INDICATOR}?jst=1261011`],
  ['indicator, gminy, woj. 12', `/wskaznik/${INDICATOR}?woj=12`],
  ['indicator, all rows (reference part 1)', `/wskaznik/${INDICATOR}?strona=wszystkie`],
  ['inline map page (reference part 2)', `/osadz/mapa/${INDICATOR}`],
  ['unit page, basic', '/jst/1261011'],
  ['unit page, advanced', '/jst/1261011?widok=zaawansowany'],
  ['compare, 4 cities', '/porownaj?jst=1261011,1061011,0264011,1465011'],
];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function firstView(page: Page, url: string) {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      dcl: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      fcp: fcp ? fcp.startTime : 0,
      requests: performance.getEntriesByType('resource').length + 1,
    };
  });
}

const browser = await launchChromium();
console.log(`portal weight: ${BASE}, Chromium ${browser.version()} (${CHROMIUM_PATH}), 390 px, ${RUNS} runs`);
const rows: Array<{
  label: string;
  bytes: number;
  gzip: number;
  dcl: number;
  load: number;
  fcp: number;
  requests: number;
}> = [];
for (const [label, path] of PAGES) {
  const html = Buffer.from(await (await fetch(BASE + path)).arrayBuffer());
  const views = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    views.push(await firstView(await context.newPage(), BASE + path));
    await context.close();
  }
  rows.push({
    label,
    bytes: html.length,
    gzip: gzipSync(html).length,
    dcl: median(views.map((v) => v.dcl)),
    load: median(views.map((v) => v.load)),
    fcp: median(views.map((v) => v.fcp)),
    requests: median(views.map((v) => v.requests)),
  });
}
await browser.close();
const reference = (rows[3]?.bytes ?? 0) + (rows[4]?.bytes ?? 0);
console.log(
  `reference (everything inline: all rows + inline map): ${(reference / 1024).toFixed(0)} KB of HTML`,
);
const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(
  `${'page'.padEnd(40)}${pad('HTML KB', 9)}${pad('gzip KB', 9)}${pad('÷ref', 7)}${pad('req', 5)}${pad('DCL ms', 8)}${pad('load ms', 9)}${pad('FCP ms', 8)}`,
);
for (const r of rows) {
  console.log(
    `${r.label.padEnd(40)}${pad((r.bytes / 1024).toFixed(0), 9)}${pad((r.gzip / 1024).toFixed(0), 9)}${pad((r.bytes / reference).toFixed(2), 7)}${pad(r.requests, 5)}${pad(r.dcl.toFixed(0), 8)}${pad(r.load.toFixed(0), 9)}${pad(r.fcp.toFixed(0), 8)}`,
  );
}

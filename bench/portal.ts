/**
 * Portal benchmark in a real browser: Debian's Chromium (test/browser.ts) against the server on loopback,
 * on the bundled release in PostgreSQL (set up as bench/api.ts does). Prints, with no assertions:
 *
 *  1. the first view of a unit page (/jst/1261011) with a cold server (a new server instance, so its answer
 *     cache is empty; PostgreSQL's own buffers stay warm) and a cold browser (a new context: no HTTP cache),
 *     then a new server after its own warm-up (src/web/warm-up.ts, as `smup serve` does) + cold browser,
 *     then warm server + cold browser, then a second visit in the same browser (the page is `max-age=60`,
 *     the files immutable, so it is served from the browser's cache):
 *     navigation timing (TTFB = responseStart, DOMContentLoaded, load, first contentful paint);
 *  2. bytes per page: HTML and JS as transferred (compressed, from Resource Timing) and the JS gzipped here
 *     with zlib as a cross-check;
 *  3. the indicator page and its map, a server-rendered inline SVG: the same timings, the SVG's size and
 *     shape count, and the browser's time to lay out and paint it (display toggled off and on, then two
 *     animation frames; the same two frames without the toggle as the baseline) and to parse, lay out and
 *     paint a fresh copy of it.
 *
 *   npm run bench:portal        (BENCH_RUNS=5 by default)
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildServer } from '../src/server.js';
import { warmUpPortal } from '../src/web/warm-up.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { bundledReleaseJobs } from '../src/pipeline/bundled-release.js';
import { computeIndicators } from '../src/pipeline/compute.js';
import { runIngest } from '../src/pipeline/ingest.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { migrate } from '../src/store/migrate.js';
import { openPostgres } from '../src/store/postgres-database.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../test/browser.js';
import { createPostgresDatabase } from '../test/databases.js';
import { repoRoot } from '../test/shared-data.js';

// Callbacks of page.evaluate run in the page; this program has no DOM library (lib ES2023 only).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const performance: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const UNIT_PAGE = '/jst/1261011';
const PREFERRED_INDICATOR = 'kontekst.gestosc_zaludnienia';

interface View {
  status: number;
  ttfb: number;
  server: number;
  dcl: number;
  load: number;
  fcp: number | null;
  htmlTransfer: number;
  htmlBytes: number;
  jsTransfer: number;
  jsFiles: number;
  requests: number;
}

/** One navigation, timed by the page's own Navigation/Resource/Paint Timing. */
async function view(page: Page, url: string): Promise<View> {
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0);
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources: Array<{ name: string; transferSize: number }> = performance.getEntriesByType('resource');
    const scripts = resources.filter((r) => /\.js(\?|$)/.test(new URL(r.name).pathname + '?'));
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      ttfb: nav.responseStart,
      server: nav.responseStart - nav.requestStart,
      dcl: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      fcp: fcp ? fcp.startTime : null,
      htmlTransfer: nav.transferSize,
      htmlBytes: nav.decodedBodySize,
      jsTransfer: scripts.reduce((sum, r) => sum + r.transferSize, 0),
      jsFiles: scripts.length,
      requests: resources.length + 1,
    };
  });
  return { status: response?.status() ?? 0, ...timing };
}

interface MapRender {
  svgBytes: number;
  shapes: number;
  toggle: number;
  baseline: number;
  fresh: number;
}

/**
 * The largest inline SVG of the page (the map): its size and the browser's time to render it. Plain source
 * text, not a function: tsx's transform would add helpers (`__name`) that do not exist in the page.
 */
const MAP_RENDER = `(async () => {
  const svgs = [...document.querySelectorAll('svg')];
  if (svgs.length === 0) return null;
  const svg = svgs.reduce((a, b) => (b.outerHTML.length > a.outerHTML.length ? b : a));
  const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await frames();
  let t = performance.now();
  await frames();
  const baseline = performance.now() - t;
  t = performance.now();
  svg.style.display = 'none';
  svg.getBoundingClientRect();
  svg.style.display = '';
  svg.getBoundingClientRect();
  await frames();
  const toggle = performance.now() - t;
  const markup = svg.outerHTML;
  t = performance.now();
  const holder = document.createElement('div');
  holder.innerHTML = markup;
  (svg.parentElement || document.body).append(holder);
  holder.getBoundingClientRect();
  await frames();
  const fresh = performance.now() - t;
  holder.remove();
  return {
    svgBytes: new TextEncoder().encode(markup).length,
    shapes: svg.querySelectorAll('path, circle, rect, polygon').length,
    toggle,
    baseline,
    fresh,
  };
})()`;

const mapRender = (page: Page): Promise<MapRender | null> => page.evaluate<MapRender | null>(MAP_RENDER);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const ms = (v: number | null): string => (v === null ? '—' : `${v.toFixed(0)} ms`);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

function row(label: string, views: View[]): string {
  const col = (pick: (v: View) => number | null) => {
    const values = views.map(pick).filter((v): v is number => v !== null);
    return values.length ? ms(median(values)) : '—';
  };
  return [
    label.padEnd(48),
    col((v) => v.server).padStart(8),
    col((v) => v.ttfb).padStart(8),
    col((v) => v.fcp).padStart(8),
    col((v) => v.dcl).padStart(8),
    col((v) => v.load).padStart(8),
    kb(median(views.map((v) => v.htmlTransfer))).padStart(10),
    kb(median(views.map((v) => v.jsTransfer))).padStart(9),
  ].join(' ');
}

const HEADER = [
  'median of runs'.padEnd(48),
  'server'.padStart(8),
  'TTFB'.padStart(8),
  'FCP'.padStart(8),
  'DCL'.padStart(8),
  'load'.padStart(8),
  'HTML wire'.padStart(10),
  'JS wire'.padStart(9),
].join(' ');

if (!hasChromium()) {
  console.log(`bench:portal: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium); nothing measured.`);
  process.exit(0);
}

const catalog = loadCatalog();
const database = await createPostgresDatabase();
const db = await openPostgres(database.url);
let browser: Browser | null = null;
try {
  const t = performance.now();
  await migrate(db);
  await ensureUnitsRegister(db);
  await runIngest(db, await bundledReleaseJobs(db), { description: 'bench', publish: false });
  await computeIndicators(db, catalog.indicators, { publish: true });
  console.log(`bundled release in PostgreSQL ready in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  browser = await launchChromium();
  console.log(`Chromium ${browser.version()} (headless, ${CHROMIUM_PATH}), loopback HTTP, ${RUNS} runs`);

  const start = async (): Promise<{ app: FastifyInstance; base: string }> => {
    const app = await buildServer({ db, version: 'bench', logLevel: 'silent', catalog });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
  };
  const newContext = (b: Browser): Promise<BrowserContext> =>
    b.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pl-PL' });

  const probe = await start();
  const available = (await (await fetch(`${probe.base}/api/v1/indicators?available=true`)).json()) as {
    items: Array<{ id: string }>;
  };
  await probe.app.close();
  const ids = available.items.map((i) => i.id);
  const indicator = ids.includes(PREFERRED_INDICATOR) ? PREFERRED_INDICATOR : (ids[0] ?? PREFERRED_INDICATOR);
  const pages = [
    ['unit page', UNIT_PAGE],
    ['indicator page (map)', `/wskaznik/${indicator}?jst=1261011`],
    ['embedded map', `/osadz/mapa/${indicator}`],
  ] as const;

  const results = new Map<
    string,
    { cold: View[]; afterWarmUp: View[]; warmServer: View[]; warmBoth: View[]; maps: MapRender[] }
  >();
  for (const [label] of pages)
    results.set(label, { cold: [], afterWarmUp: [], warmServer: [], warmBoth: [], maps: [] });
  const firstAfterStart: View[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (const [label, path] of pages) {
      const entry = results.get(label)!;
      // A new server per page and run: its answer cache is empty (cold), the database is not restarted.
      const { app, base } = await start();
      try {
        const cold = await newContext(browser);
        const coldPage = await cold.newPage();
        const first = await view(coldPage, base + path);
        if (first.status !== 200) {
          console.log(`${label}: HTTP ${first.status} at ${path}; skipped`);
          await cold.close();
          continue;
        }
        entry.cold.push(first);
        if (label === 'unit page' && run === 0) firstAfterStart.push(first);
        await cold.close();
        const warm = await newContext(browser);
        const warmPage = await warm.newPage();
        entry.warmServer.push(await view(warmPage, base + path));
        const again = await warm.newPage();
        entry.warmBoth.push(await view(again, base + path));
        if (label !== 'unit page') {
          const map = await mapRender(again);
          if (map) entry.maps.push(map);
        }
        await warm.close();
      } finally {
        await app.close();
      }
      // A new server that first warms itself up as `smup serve` does (src/web/warm-up.ts), then a cold browser.
      const warmed = await start();
      try {
        await warmUpPortal(warmed.app);
        const context = await newContext(browser);
        entry.afterWarmUp.push(await view(await context.newPage(), warmed.base + path));
        await context.close();
      } finally {
        await warmed.app.close();
      }
    }
  }

  console.log(`\n${HEADER}`);
  for (const [label, path] of pages) {
    const entry = results.get(label)!;
    if (entry.cold.length === 0) continue;
    console.log(`${label}: ${path}`);
    console.log(row('  cold server, cold browser (first view)', entry.cold));
    console.log(row('  new server after its warm-up, cold browser', entry.afterWarmUp));
    console.log(row('  warm server, cold browser', entry.warmServer));
    console.log(row('  2nd visit, same browser (all from its cache)', entry.warmBoth));
  }
  const first = firstAfterStart[0];
  if (first) {
    console.log(
      `\nvery first unit page after the bench started (JIT cold too): TTFB ${ms(first.ttfb)}, load ${ms(first.load)}`,
    );
  }

  console.log(
    '\nbytes per page (cold browser; "wire" = Resource Timing transferSize, compressed + headers):',
  );
  for (const [label] of pages) {
    const v = results.get(label)!.cold[0];
    if (!v) continue;
    console.log(
      `  ${label.padEnd(22)} HTML ${kb(v.htmlBytes)} (wire ${kb(v.htmlTransfer)}), ` +
        `JS ${v.jsFiles} files, wire ${kb(v.jsTransfer)}, ${v.requests} requests`,
    );
  }
  const clientDir = join(repoRoot, 'dist', 'client');
  const js = readdirSync(clientDir).filter((name) => name.endsWith('.js'));
  const raw = js.reduce((sum, name) => sum + readFileSync(join(clientDir, name)).length, 0);
  const gz = js.reduce(
    (sum, name) => sum + gzipSync(readFileSync(join(clientDir, name)), { level: 9 }).length,
    0,
  );
  console.log(
    `  dist/client: ${js.length} modules, ${kb(raw)} raw, ${kb(gz)} gzip -9 (each file alone; budget 250 KiB)`,
  );

  for (const [label] of pages) {
    const maps = results.get(label)!.maps;
    if (maps.length === 0) continue;
    const m = maps[0]!;
    console.log(
      `\n${label}: map SVG ${kb(m.svgBytes)} inline, ${m.shapes} shapes; render (median of ${maps.length}):\n` +
        `  display off/on + 2 frames ${ms(median(maps.map((x) => x.toggle)))}` +
        ` (2 idle frames alone: ${ms(median(maps.map((x) => x.baseline)))});` +
        ` parse + lay out + paint a fresh copy + 2 frames ${ms(median(maps.map((x) => x.fresh)))}`,
    );
  }
} catch (error) {
  console.error('bench:portal failed:', error);
  process.exitCode = 1;
} finally {
  await browser?.close();
  await db.close();
  await database.drop();
}

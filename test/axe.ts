/**
 * axe-core's WCAG 2.1 A and AA rules on pages in Chromium, for the portal's browser suites.
 *
 * axe's minified build is registered on a browser context as an init script, so Chromium puts it in every
 * document the context opens, before the page's own scripts, and a renderer compiles the same source once.
 * @axe-core/playwright's AxeBuilder instead sends axe's 1.5 MB source through the DevTools protocol for every
 * page and opens a blank page to merge each run's results. Measured on the portal's 16 page kinds (pl, 1280 px):
 * axe took 3.0 s a page with AxeBuilder, and those 16 cases 84 s in all against 33 s now. The rules and the
 * tags are the same; only the delivery differs.
 * Our pages have no iframes, so AxeBuilder's cross-origin frame support is not needed (the init script also
 * reaches same-origin frames).
 */
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/** The tags of WCAG 2.1 levels A and AA (Polish law requires AA of public sites). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export type Violations = AxeResults['violations'];

/** A new browser context whose every document carries axe (see the module comment). */
export async function newAxeContext(
  browser: Browser,
  options: BrowserContextOptions,
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await addAxe(context);
  return context;
}

/** Adds axe to a context before its pages are opened. */
async function addAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ path: AXE_PATH });
}

/**
 * axe's violations of WCAG 2.1 A/AA on the page as it is now (after any clicks or scripts); with `include`,
 * only in the elements those selectors match.
 */
export function axeViolations(page: Page, include: readonly string[] = []): Promise<Violations> {
  return page.evaluate(
    async ({ tags, include }) => {
      // The init script defines `axe` on the page's window; the tests' program has no DOM library.
      const { axe, document } = globalThis as unknown as {
        axe?: { run: (context: unknown, options: unknown) => Promise<{ violations: Violations }> };
        document: unknown;
      };
      if (!axe) throw new Error('axe is not on this page: open it in a context made by newAxeContext');
      const context = include.length > 0 ? { include } : document;
      return (await axe.run(context, { runOnly: { type: 'tag', values: tags } })).violations;
    },
    { tags: [...WCAG_TAGS], include: [...include] },
  );
}

/** One line per violation with up to six of the elements it found: what to fix, for a failure message. */
export function violationLines(violations: Violations): string[] {
  return violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}; ${v.help}) × ${v.nodes.length}: ${v.nodes
        .slice(0, 6)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

/** The violations' lines as one text ('' when there are none). */
export function describeViolations(violations: Violations): string {
  return violationLines(violations).join('\n');
}

/**
 * PDF through Chromium (playwright-core driving the system's Chromium, path from SMUP_CHROMIUM, default
 * /usr/bin/chromium): the report's HTML printed on A4 with `tagged: true` (structure tree from the HTML:
 * headings, tables with header cells, figures with their alternative text, the document language) and
 * `outline: true` (bookmarks from the headings), page numbers in the footer. One browser is started on the
 * first PDF and kept; each PDF gets its own page.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];

export class PdfPrinter {
  private browser: Promise<Browser> | null = null;

  constructor(readonly executablePath: string = process.env.SMUP_CHROMIUM || DEFAULT_CHROMIUM) {}

  /** Whether Chromium is installed where the setting says (no PDF otherwise; the other formats work). */
  available(): boolean {
    return existsSync(this.executablePath);
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      // Imported here, not at the top: playwright-core took 1.2 s of every server start to load (a profile
      // of a later start on 1 December), for a PDF most runs never make.
      this.browser = import('playwright-core').then(({ chromium }) =>
        chromium.launch({ executablePath: this.executablePath, args: ARGS, headless: true }),
      );
      // A failed start is not kept: the next PDF tries again.
      this.browser.catch(() => {
        this.browser = null;
      });
    }
    return this.browser;
  }

  async print(html: string, footer: { title: string; page: string }): Promise<Buffer> {
    const browser = await this.launch();
    const page = await browser.newPage();
    try {
      // Everything (fonts too) is inline: nothing to fetch, so "load" is enough.
      await page.setContent(html, { waitUntil: 'load' });
      const escape = (t: string) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      return await page.pdf({
        format: 'A4',
        tagged: true,
        outline: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: `<div style="font-family:'Noto Sans',sans-serif;font-size:8pt;width:100%;margin:0 15mm;display:flex;justify-content:space-between;color:#4d5661"><span>${escape(footer.title)}</span><span>${escape(footer.page)} <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
        margin: { top: '18mm', bottom: '20mm', left: '18mm', right: '18mm' },
      });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser).close();
  }
}

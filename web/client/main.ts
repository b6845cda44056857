/**
 * The portal's browser modules, loaded by every page as `<script type="module">` (src/web/layout.ts). They
 * only enhance server-rendered HTML that works without them: search as you type, sortable tables, table
 * filters and copy buttons. One failing module does not stop the others.
 */
import { initCopyButtons } from './copy.js';
import { initLiveSearch } from './live-search.js';
import { initSortableTables } from './sortable.js';
import { initTableFilters } from './table-filter.js';

const MODULES: ReadonlyArray<readonly [string, () => void]> = [
  ['live search', () => initLiveSearch()],
  ['sortable tables', () => initSortableTables()],
  ['table filters', () => initTableFilters()],
  ['copy buttons', () => initCopyButtons()],
];

function start(): void {
  document.documentElement.classList.add('js');
  for (const [name, init] of MODULES) {
    try {
      init();
    } catch (error) {
      console.warn(`SMUP: ${name} not started`, error);
    }
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();

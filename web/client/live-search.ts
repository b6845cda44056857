/**
 * Search as you type on the home page (`form[data-live-search]`): the units matching the text, fetched from
 * the public API while the user types (debounced, the previous request aborted), shown as a list of links in
 * the page's results section below the form, with the count announced in its polite live region. Keys: ↓ from
 * the field moves to the first result, ↑/↓ move through the results (↑ from the first goes back to the
 * field), Escape closes the list and returns to the field. Without JavaScript the form submits and the
 * server renders the same list.
 *
 * Deliberately not an ARIA combobox: a plain list of links after the field and a status message is simpler
 * and reads the same in every screen reader.
 */
import { announce, formatCount, localUrl, pageLang, type Lang } from './dom.js';

interface UnitItem {
  code: string;
  name: string;
  kindLabel: { pl: string; en: string };
  /** Kind, powiat, voivodeship, population and code: what tells two units of one name apart. */
  context: { pl: string; en: string };
}

const TEXT = {
  pl: {
    results: 'Wyniki wyszukiwania',
    found: (n: string, shown: number) => `Znaleziono: ${n}${shown > 0 ? `, pokazano ${shown}` : ''}.`,
    none: 'Nic nie znaleziono.',
    failed: 'Nie udało się wyszukać; naciśnij „Szukaj”.',
    hint: 'Strzałka w dół przenosi do wyników.',
  },
  en: {
    results: 'Search results',
    found: (n: string, shown: number) => `Found: ${n}${shown > 0 ? `, showing ${shown}` : ''}.`,
    none: 'Nothing found.',
    failed: 'Search failed; press “Search”.',
    hint: 'Arrow down moves to the results.',
  },
} as const;

const DEBOUNCE_MS = 150;

export function initLiveSearch(root: ParentNode = document): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-live-search]')) enhance(form);
}

function enhance(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[type="search"], input[name="q"]');
  if (!input) return;
  const lang = pageLang();
  const text = TEXT[lang];
  const section = resultsSection(form, input);
  const heading = section.querySelector<HTMLElement>('h2, h3');
  let status = section.querySelector<HTMLElement>('[data-live-status], [role="status"]');
  if (!status) {
    status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    section.append(status);
  }
  if (!status.hasAttribute('aria-live')) status.setAttribute('aria-live', 'polite');
  const liveStatus = status;

  let timer: number | undefined;
  let controller: AbortController | null = null;
  let lastQuery = input.value.trim();

  const list = (): HTMLUListElement | null => section.querySelector<HTMLUListElement>('ul.results');
  const links = (): HTMLAnchorElement[] => [...(list()?.querySelectorAll<HTMLAnchorElement>('a') ?? [])];

  const clear = (): void => {
    list()?.remove();
    section.querySelector('[data-live-empty]')?.remove();
    if (heading) {
      heading.textContent = text.results;
      heading.classList.add('visually-hidden');
    }
    liveStatus.textContent = '';
  };

  const render = (items: UnitItem[], total: number): void => {
    list()?.remove();
    section.querySelector('[data-live-empty]')?.remove();
    // Drop any server-rendered "nothing found" paragraph of an earlier submission.
    for (const p of section.querySelectorAll('p:not([role="status"])')) p.remove();
    if (heading) {
      heading.textContent = `${text.results} (${formatCount(total, lang)})`;
      heading.classList.remove('visually-hidden');
    }
    if (items.length === 0) {
      const empty = document.createElement('p');
      empty.dataset.liveEmpty = '';
      empty.textContent = text.none;
      (heading ?? liveStatus).after(empty);
      announce(liveStatus, text.none);
      return;
    }
    const ul = document.createElement('ul');
    ul.className = 'results';
    for (const unit of items) ul.append(resultItem(unit, lang));
    (heading ?? liveStatus).after(ul);
    announce(liveStatus, text.found(formatCount(total, lang), items.length));
  };

  const search = async (query: string): Promise<void> => {
    controller?.abort();
    if (query === '') {
      controller = null;
      clear();
      return;
    }
    const current = new AbortController();
    controller = current;
    // The portal's own search (src/web/unit-search.ts): the same order and descriptions as without JS.
    const url = `/wyszukaj?q=${encodeURIComponent(query)}`;
    try {
      const response = await fetch(url, { signal: current.signal, headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { items: UnitItem[]; total: number };
      if (current.signal.aborted) return;
      render(body.items, body.total);
    } catch (error) {
      if (current.signal.aborted || (error instanceof DOMException && error.name === 'AbortError')) return;
      announce(liveStatus, text.failed);
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      const query = input.value.trim();
      if (query === lastQuery && list()) return;
      lastQuery = query;
      void search(query);
    }, DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      const first = links()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Escape' && list()) {
      event.preventDefault();
      clear();
      lastQuery = '';
    }
  });

  section.addEventListener('keydown', (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (at === 0) input.focus();
      else all[at - 1]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      clear();
      lastQuery = '';
      input.focus();
    }
  });

  // Tell keyboard users about the arrow keys, next to the existing hint.
  const hint = document.getElementById(input.getAttribute('aria-describedby')?.split(/\s+/)[0] ?? '');
  if (hint && !hint.dataset.liveHint) {
    hint.dataset.liveHint = '';
    hint.append(` ${text.hint}`);
  }
}

/** The element that holds the results: `aria-controls` of the field, else a section made after the form. */
function resultsSection(form: HTMLFormElement, input: HTMLInputElement): HTMLElement {
  const id = input.getAttribute('aria-controls');
  const existing = id ? document.getElementById(id) : null;
  if (existing) return existing;
  const section = document.createElement('div');
  section.id = `${input.id || 'q'}-wyniki`;
  form.after(section);
  input.setAttribute('aria-controls', section.id);
  return section;
}

function resultItem(unit: UnitItem, lang: Lang): HTMLLIElement {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = localUrl(`/jst/${encodeURIComponent(unit.code)}`, lang);
  a.textContent = unit.name;
  const meta = document.createElement('span');
  meta.className = 'muted';
  meta.textContent = unit.context[lang];
  li.append(a, ' ', meta);
  return li;
}

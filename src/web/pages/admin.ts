/**
 * Administration pages (issue 18, point 5): users and roles, and the audit log with its filters and CSV
 * download. Read through the API as the visitor (admin only: the API answers 401/403 to anyone else).
 * Tables have captions and column headers; filters are a plain GET form.
 */
import { ROLE_LABELS, type Role } from '../../domain/accounts/roles.js';
import type { Lang } from '../format.js';
import { html } from '../html.js';
import { page, withLang } from '../layout.js';

type Text = { readonly pl: string; readonly en: string };
const T = {
  users: { pl: 'Użytkownicy i role', en: 'Users and roles' },
  audit: { pl: 'Dziennik audytu', en: 'Audit log' },
  email: { pl: 'E-mail', en: 'E-mail' },
  name: { pl: 'Nazwa', en: 'Name' },
  role: { pl: 'Rola', en: 'Role' },
  units: { pl: 'Jednostki', en: 'Units' },
  status: { pl: 'Status', en: 'Status' },
  when: { pl: 'Kiedy (UTC)', en: 'When (UTC)' },
  who: { pl: 'Kto', en: 'Who' },
  what: { pl: 'Co', en: 'What' },
  target: { pl: 'Obiekt', en: 'Target' },
  change: { pl: 'Przed → po', en: 'Before → after' },
  action: { pl: 'Czynność (np. user.update)', en: 'Action (e.g. user.update)' },
  from: { pl: 'Od dnia', en: 'From' },
  to: { pl: 'Do dnia (bez niego)', en: 'To (exclusive)' },
  filter: { pl: 'Filtruj', en: 'Filter' },
  csv: { pl: 'Pobierz CSV (wszystkie pasujące wiersze)', en: 'Download CSV (every matching row)' },
  total: { pl: 'Wierszy', en: 'Rows' },
} as const satisfies Record<string, Text>;

const STATUS_LABELS: Readonly<Record<string, Text>> = {
  active: { pl: 'aktywne', en: 'active' },
  pending: { pl: 'oczekuje na potwierdzenie', en: 'pending confirmation' },
  disabled: { pl: 'wyłączone', en: 'disabled' },
};

export interface AdminUser {
  readonly id: number;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly units: readonly string[];
  readonly status: string;
}

export function usersPage(lang: Lang, users: { total: number; items: readonly AdminUser[] }): string {
  const title = T.users[lang];
  return page({
    lang,
    url: '/admin/uzytkownicy',
    title,
    body: html`<h1>${title}</h1>
      <p><a href="${withLang('/admin/dziennik', lang)}">${T.audit[lang]}</a></p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="uzytkownicy">
        <table class="data">
          <caption id="uzytkownicy">
            ${title} (${users.total})
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">${T.email[lang]}</th>
              <th scope="col">${T.name[lang]}</th>
              <th scope="col">${T.role[lang]}</th>
              <th scope="col">${T.units[lang]}</th>
              <th scope="col">${T.status[lang]}</th>
            </tr>
          </thead>
          <tbody>
            ${users.items.map(
              (u) =>
                html`<tr>
                  <td>${u.id}</td>
                  <td>${u.email}</td>
                  <td>${u.displayName}</td>
                  <td>${ROLE_LABELS[u.role][lang]}</td>
                  <td>${u.units.join(', ')}</td>
                  <td>${STATUS_LABELS[u.status]?.[lang] ?? u.status}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  });
}

export interface AuditRow {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

const json = (value: unknown): string =>
  value === null || value === undefined ? '—' : JSON.stringify(value);

export function auditPage(
  lang: Lang,
  filters: Readonly<Record<string, string>>,
  log: { total: number; items: readonly AuditRow[] },
): string {
  const title = T.audit[lang];
  const query = new URLSearchParams(filters);
  query.set('format', 'csv');
  const field = (name: string, label: Text, type: 'text' | 'date') =>
    html`<div>
      <label for="a-${name}">${label[lang]}</label>
      <input id="a-${name}" name="${name}" type="${type}" value="${filters[name] ?? ''}" />
    </div>`;
  return page({
    lang,
    url: '/admin/dziennik',
    title,
    body: html`<h1>${title}</h1>
      <p><a href="${withLang('/admin/uzytkownicy', lang)}">${T.users[lang]}</a></p>
      <form class="controls" method="get" action="${withLang('/admin/dziennik', lang)}">
        ${field('actor', T.who, 'text')} ${field('action', T.action, 'text')} ${field('from', T.from, 'date')}
        ${field('to', T.to, 'date')}
        <div><button type="submit">${T.filter[lang]}</button></div>
      </form>
      <p><a href="/api/v1/admin/audit?${query.toString()}" download>${T.csv[lang]}</a></p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="dziennik">
        <table class="data audit">
          <caption id="dziennik">
            ${title}: ${T.total[lang]} ${log.total}
          </caption>
          <thead>
            <tr>
              <th scope="col">${T.when[lang]}</th>
              <th scope="col">${T.who[lang]}</th>
              <th scope="col">${T.what[lang]}</th>
              <th scope="col">${T.target[lang]}</th>
              <th scope="col">${T.change[lang]}</th>
            </tr>
          </thead>
          <tbody>
            ${log.items.map(
              (r) =>
                html`<tr>
                  <td>${r.at}</td>
                  <td>${r.actor}</td>
                  <td>${r.action}</td>
                  <td>${r.targetType} ${r.targetId ?? ''}</td>
                  <td><code>${json(r.before)}</code> → <code>${json(r.after)}</code></td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  });
}

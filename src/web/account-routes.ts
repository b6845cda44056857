/**
 * The portal's account URLs (issue 18): sign-in, sign-out, the account page, in Polish and under /en. Each
 * acts through the API as the visitor (session.ts); every POST has passed the CSRF check of
 * api/auth/install.ts before it gets here. Nothing here is cached: the pages are personal.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from './format.js';
import { withLang } from './layout.js';
import { accountPage, ACCOUNT_TEXT, loginPage, safeNext } from './pages/account.js';
import { auditPage, usersPage, type AdminUser, type AuditRow } from './pages/admin.js';
import { adminPage } from './admin-page.js';
import { apiAs, problemMessage, sessionOf, type Session } from './session.js';
import { FORM_TEXT as T, formPage, type FormPage } from './pages/account-forms.js';

type LangOf = (request: FastifyRequest) => Lang;

function formOf(request: FastifyRequest): URLSearchParams {
  return request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
}

function personal(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
}

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export async function accountRoutes(app: FastifyInstance, langOf: LangOf): Promise<void> {
  for (const prefix of ['', '/en']) {
    app.get(`${prefix}/logowanie`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const session = await sessionOf(request, reply);
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      return personal(reply).send(loginPage(lang, session, { next: safeNext(query.get('next')) }));
    });

    app.post(`${prefix}/logowanie`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const form = formOf(request);
      const email = (form.get('email') ?? '').slice(0, 254);
      const next = safeNext(form.get('next'));
      const answer = await apiAs<Session>(request, reply, 'POST', '/api/v1/auth/login', {
        email,
        password: (form.get('password') ?? '').slice(0, 200),
      });
      if (answer.status === 200) return reply.redirect(next ?? withLang('/konto', lang), 303);
      const session = await sessionOf(request, reply);
      if (answer.retryAfter) reply.header('retry-after', answer.retryAfter);
      return personal(reply.code(answer.status >= 500 ? 503 : answer.status)).send(
        loginPage(lang, session, { error: problemMessage(answer.body), email, next }),
      );
    });

    app.get(`${prefix}/konto`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const session = await sessionOf(request, reply);
      if (!session.user) {
        return reply.redirect(
          `${withLang('/logowanie', lang)}?next=${encodeURIComponent(withLang('/konto', lang))}`,
          303,
        );
      }
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      const notice = query.get('zakonczono') === '1' ? ACCOUNT_TEXT.signedOutEverywhere : null;
      return personal(reply).send(accountPage(lang, { ...session, user: session.user }, notice));
    });

    for (const form of FORMS) {
      app.get(`${prefix}${form.path}`, { schema: { hide: true } }, async (request, reply) => {
        const lang = langOf(request);
        const session = await sessionOf(request, reply);
        const query = new URLSearchParams(request.url.split('?')[1] ?? '');
        if (form.signedIn && !session.user) {
          return reply.redirect(
            `${withLang('/logowanie', lang)}?next=${encodeURIComponent(withLang(form.path, lang))}`,
            303,
          );
        }
        const token = (query.get('token') ?? '').slice(0, 100);
        return personal(reply).send(formPage(lang, session, form.page(token === '' ? {} : { token })));
      });
      app.post(`${prefix}${form.path}`, { schema: { hide: true } }, async (request, reply) => {
        const lang = langOf(request);
        const fields = formOf(request);
        const answer = await apiAs(request, reply, 'POST', form.api, form.body(fields));
        const session = await sessionOf(request, reply);
        const hidden: Record<string, string> = fields.get('token')
          ? { token: (fields.get('token') ?? '').slice(0, 100) }
          : {};
        const view = form.page(hidden);
        if (answer.status < 300) {
          return personal(reply).send(formPage(lang, session, { ...view, done: form.done(answer.body) }));
        }
        if (answer.retryAfter) reply.header('retry-after', answer.retryAfter);
        const refilled = view.fields.map((f) =>
          f.type === 'password' ? f : { ...f, value: (fields.get(f.name) ?? '').slice(0, 254) },
        );
        return personal(reply.code(answer.status >= 500 ? 503 : answer.status)).send(
          formPage(lang, session, { ...view, fields: refilled, error: problemMessage(answer.body) }),
        );
      });
    }

    // Admin pages: the API decides who may read them (401 → sign in first, 403 → the error page).
    app.get(`${prefix}/admin/uzytkownicy`, { schema: { hide: true } }, async (request, reply) =>
      adminPage<{ total: number; items: AdminUser[] }>(
        request,
        reply,
        langOf(request),
        '/api/v1/admin/users?pageSize=500',
        (body) => usersPage(langOf(request), body),
      ),
    );
    app.get(`${prefix}/admin/dziennik`, { schema: { hide: true } }, async (request, reply) => {
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      const filters: Record<string, string> = {};
      for (const name of ['actor', 'action', 'from', 'to']) {
        const value = (query.get(name) ?? '').trim().slice(0, 254);
        if (value !== '') filters[name] = value;
      }
      const api = `/api/v1/admin/audit?${new URLSearchParams({ ...filters, pageSize: '200' }).toString()}`;
      return adminPage<{ total: number; items: AuditRow[] }>(request, reply, langOf(request), api, (body) =>
        auditPage(langOf(request), filters, body),
      );
    });

    app.post(`${prefix}/wyloguj`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      await apiAs(request, reply, 'POST', '/api/v1/auth/logout');
      return reply.redirect(withLang('/', lang), 303);
    });

    app.post(`${prefix}/wyloguj-wszedzie`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      await apiAs(request, reply, 'POST', '/api/v1/auth/logout-everywhere');
      return reply.redirect(`${withLang('/logowanie', lang)}`, 303);
    });
  }
}

interface AccountForm {
  /** Portal path (Polish; also under /en). */
  readonly path: string;
  /** The API it posts to, as the visitor. */
  readonly api: string;
  readonly signedIn?: boolean;
  page(hidden: Record<string, string>): FormPage;
  body(form: URLSearchParams): Record<string, string>;
  done(answer: unknown): NonNullable<FormPage['done']>;
}

const get = (form: URLSearchParams, name: string, max = 200): string => (form.get(name) ?? '').slice(0, max);
const signInLink = { href: '/logowanie', text: T.signIn };

const setPasswordForm = (path: string): AccountForm => ({
  path,
  api: '/api/v1/auth/password-by-link',
  page: (hidden) => ({
    title: T.setTitle,
    url: path,
    hidden,
    fields: [
      {
        name: 'password',
        label: T.newPassword,
        type: 'password',
        autocomplete: 'new-password',
        hint: T.newPasswordHint,
      },
    ],
    submit: T.setSubmit,
  }),
  body: (form) => ({ token: get(form, 'token', 100), password: get(form, 'password') }),
  done: () => ({ message: T.setDone, link: signInLink }),
});

/** The account forms; each GET shows the form, each POST calls the API and shows its answer. */
const FORMS: readonly AccountForm[] = [
  {
    path: '/haslo/reset',
    api: '/api/v1/auth/password-reset',
    page: () => ({
      title: T.resetTitle,
      url: '/haslo/reset',
      intro: T.resetIntro,
      fields: [{ name: 'email', label: T.email, type: 'email', autocomplete: 'email' }],
      submit: T.resetSubmit,
    }),
    body: (form) => ({ email: get(form, 'email', 254) }),
    done: (answer) => ({ message: (answer as { message: { pl: string; en: string } }).message }),
  },
  setPasswordForm('/haslo/nowe'),
  setPasswordForm('/zaproszenie'),
  {
    path: '/rejestracja',
    api: '/api/v1/auth/signup',
    page: () => ({
      title: T.signUpTitle,
      url: '/rejestracja',
      fields: [
        { name: 'email', label: T.email, type: 'email', autocomplete: 'email' },
        { name: 'displayName', label: T.name, type: 'text', autocomplete: 'name' },
        {
          name: 'password',
          label: T.password,
          type: 'password',
          autocomplete: 'new-password',
          hint: T.newPasswordHint,
        },
      ],
      submit: T.signUpSubmit,
    }),
    body: (form) => ({
      email: get(form, 'email', 254),
      displayName: get(form, 'displayName', 100),
      password: get(form, 'password'),
    }),
    done: (answer) => ({ message: (answer as { message: { pl: string; en: string } }).message }),
  },
  {
    path: '/rejestracja/potwierdz',
    api: '/api/v1/auth/signup/confirm',
    page: (hidden) => ({
      title: T.confirmTitle,
      url: '/rejestracja/potwierdz',
      hidden,
      fields: [],
      submit: T.confirmSubmit,
    }),
    body: (form) => ({ token: get(form, 'token', 100) }),
    done: () => ({ message: T.confirmDone, link: signInLink }),
  },
  {
    path: '/haslo',
    api: '/api/v1/auth/password',
    signedIn: true,
    page: () => ({
      title: T.changeTitle,
      url: '/haslo',
      fields: [
        {
          name: 'currentPassword',
          label: T.currentPassword,
          type: 'password',
          autocomplete: 'current-password',
        },
        {
          name: 'newPassword',
          label: T.newPassword,
          type: 'password',
          autocomplete: 'new-password',
          hint: T.newPasswordHint,
        },
      ],
      submit: T.changeSubmit,
    }),
    body: (form) => ({
      currentPassword: get(form, 'currentPassword'),
      newPassword: get(form, 'newPassword'),
    }),
    done: () => ({ message: T.changeDone, link: { href: '/konto', text: T.toAccount } }),
  },
];

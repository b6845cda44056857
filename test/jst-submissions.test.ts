/**
 * Data the JST supply themselves and watchlists (issue 18, points 3–5), on both databases, through the real
 * server (inject) with real accounts: every endpoint of submissions and watches tried by every role and with
 * no session; a JST value travels from a JST editor's submission (form and filled XLSX template) through a
 * steward's review to a published value flagged "dane przekazane przez JST" in the API, its CSV export and the
 * portal, recorded in the audit log; a rejected submission stays readable to its author; a user watching the
 * unit sees the change on "Zmiany". Data: a real release of population and area (test/real-release.ts).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createUser } from '../src/accounts/accounts.js';
import type { Role } from '../src/domain/accounts/roles.js';
import { computeIndicators } from '../src/pipeline/compute.js';
import { notifyWatchers } from '../src/pipeline/watchlists.js';
import { buildServer } from '../src/server.js';
import { listAudit } from '../src/store/audit-store.js';
import { getSubmission } from '../src/store/submissions-store.js';
import { Browser, TEST_HASHING } from './accounts-client.js';
import { DATABASE_KINDS } from './databases.js';
import { openRealRelease, RELEASE_HOOK_MS, REAL_FILES, type RealRelease } from './real-release.js';

const WIELICZKA = '1219053';
const KRAKOW = '1261011';
const COST = 'jst:koszt-dowozu-uczniow';
const WAITING = 'jst:oczekujacy-na-mieszkanie-komunalne';
const COST_INDICATOR = 'edukacja.koszt_dowozu_na_mieszkanca';
const PASSWORD = 'correct horse battery staple 18';
const ACCOUNTS: ReadonlyArray<{ key: string; role: Role; units?: string[] }> = [
  { key: 'admin', role: 'admin' },
  { key: 'steward', role: 'steward' },
  { key: 'editor', role: 'jst_editor', units: [WIELICZKA] },
  { key: 'other', role: 'jst_editor', units: [KRAKOW] },
  { key: 'user', role: 'user' },
];
const LEAN_INDICATORS = [
  'kontekst.ludnosc',
  COST_INDICATOR,
  'mieszkalnictwo.oczekujacy_na_mieszkanie_na_1000',
  'transport.drogi_rowerowe_jst_na_100km2',
];
type Who = 'admin' | 'steward' | 'editor' | 'other' | 'user' | 'anonymous';

describe.each(DATABASE_KINDS)('JST data and watchlists on %s', (kind) => {
  let release: RealRelease;
  let app: FastifyInstance;
  const browsers = new Map<Who, Browser>();
  const as = (who: Who) => browsers.get(who) as Browser;
  let accepted = 0;
  let published = 0;

  beforeAll(async () => {
    // A lean release: population and area with the population indicator and the three of the JST variables.
    release = await openRealRelease(kind, REAL_FILES.slice(0, 2), LEAN_INDICATORS);
    const { db } = release.test;
    for (const a of ACCOUNTS) {
      await createUser(
        db,
        {
          email: `${a.key}@example.org`,
          displayName: `${a.key[0]?.toUpperCase()}${a.key.slice(1)} Testowy`,
          role: a.role,
          ...(a.units ? { units: a.units } : {}),
          password: PASSWORD,
        },
        { actorId: null, actor: 'cli:test' },
        TEST_HASHING,
      );
    }
    app = await buildServer({
      db,
      version: 'test',
      logLevel: 'silent',
      catalog: release.catalog,
      accounts: { hashing: TEST_HASHING },
    });
    for (const a of ACCOUNTS) {
      const browser = new Browser(app);
      expect((await browser.login(`${a.key}@example.org`, PASSWORD)).statusCode).toBe(200);
      browsers.set(a.key as Who, browser);
    }
    const anonymous = new Browser(app);
    await anonymous.start();
    browsers.set('anonymous', anonymous);
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await app?.close();
    await release?.close();
  });

  const valid = {
    comment: 'Dane z rozdziału 80113 sprawozdania Rb-28S za 2019 r.',
    values: [
      { variable: COST, year: 2019, value: '1 234 567,89' },
      { variable: WAITING, year: 2019, value: 120 },
    ],
  };

  it('lets each role do exactly what it should on every endpoint, and no one without a session', async () => {
    const expected: Array<[string, 'GET' | 'POST', string, unknown, Record<Who, number>]> = [
      [
        'variables',
        'GET',
        `/api/v1/jst/units/${WIELICZKA}/variables`,
        undefined,
        { anonymous: 401, user: 403, other: 403, editor: 200, steward: 200, admin: 200 },
      ],
      [
        'template',
        'GET',
        `/api/v1/jst/units/${WIELICZKA}/template?format=csv&year=2019`,
        undefined,
        { anonymous: 401, user: 403, other: 403, editor: 200, steward: 200, admin: 200 },
      ],
      // Only the unit's own editor submits (the 422 of an empty value list proves the request got through).
      [
        'submit',
        'POST',
        `/api/v1/jst/units/${WIELICZKA}/submissions`,
        { values: [{ variable: COST, year: 2019, value: '' }] },
        { anonymous: 401, user: 403, other: 403, editor: 422, steward: 403, admin: 403 },
      ],
      [
        'list',
        'GET',
        '/api/v1/jst/submissions',
        undefined,
        { anonymous: 401, user: 403, other: 200, editor: 200, steward: 200, admin: 200 },
      ],
      [
        'accept',
        'POST',
        '/api/v1/jst/submissions/999999/accept',
        undefined,
        { anonymous: 401, user: 403, other: 403, editor: 403, steward: 404, admin: 404 },
      ],
      [
        'reject',
        'POST',
        '/api/v1/jst/submissions/999999/reject',
        { reason: 'x' },
        { anonymous: 401, user: 403, other: 403, editor: 403, steward: 404, admin: 404 },
      ],
      [
        'watches',
        'GET',
        '/api/v1/me/watches',
        undefined,
        { anonymous: 401, user: 200, other: 200, editor: 200, steward: 200, admin: 200 },
      ],
      [
        'changes',
        'GET',
        '/api/v1/me/changes',
        undefined,
        { anonymous: 401, user: 200, other: 200, editor: 200, steward: 200, admin: 200 },
      ],
    ];
    for (const [name, method, url, json, statuses] of expected) {
      for (const [who, status] of Object.entries(statuses) as Array<[Who, number]>) {
        const response = await as(who).request(method, url, json === undefined ? {} : { json });
        expect(`${name} as ${who}: ${response.statusCode}`).toBe(`${name} as ${who}: ${status}`);
      }
    }
    // A state-changing request without its CSRF token is refused before any of this.
    const noToken = await as('editor').request('POST', `/api/v1/jst/units/${WIELICZKA}/submissions`, {
      json: valid,
      csrf: null,
    });
    expect(noToken.statusCode).toBe(403);
  });

  it('names every problem of a submission at once and stores nothing of it', async () => {
    const response = await as('editor').request('POST', `/api/v1/jst/units/${WIELICZKA}/submissions`, {
      json: {
        values: [
          { variable: COST, year: 2019, value: '12 zł' },
          { variable: WAITING, year: 2019, value: '2,5' },
          // Wieliczka had about 59,000 residents in 2019: 100 M zł is over 1,500 zł per resident.
          { variable: COST, year: 2018, value: 100_000_000 },
        ],
      },
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problems = (
      response.json() as {
        problems: Array<{ line: number; field: string; ruleId?: string; message: { en: string } }>;
      }
    ).problems;
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [1, 'value'],
      [2, 'value'],
    ]);
    expect(problems[0]?.message.en).toContain('"12 zł" is not a number');
    // The rules run once the rows are sound: the per-resident bound of the catalogue.
    const judged = await as('editor').request('POST', `/api/v1/jst/units/${WIELICZKA}/submissions`, {
      json: { values: [{ variable: COST, year: 2018, value: 100_000_000 }] },
    });
    expect(judged.statusCode).toBe(422);
    const [rule] = (judged.json() as { problems: Array<{ ruleId: string; severity: string }> }).problems;
    expect(rule).toMatchObject({ ruleId: 'koszt-dowozu-na-mieszkanca', severity: 'error' });
    const list = (await as('steward').request('GET', '/api/v1/jst/submissions')).json() as { total: number };
    expect(list.total).toBe(0);
  });

  it('takes a submission to review; a rejected one stays readable to its author only', async () => {
    const created = await as('editor').request('POST', `/api/v1/jst/units/${WIELICZKA}/submissions`, {
      json: valid,
    });
    expect(created.statusCode).toBe(201);
    const submission = created.json() as {
      id: number;
      status: string;
      values: Array<{ value: number }>;
      unit: { name: string };
    };
    expect(submission).toMatchObject({ status: 'submitted', unit: { name: 'Wieliczka' } });
    expect(submission.values.map((v) => v.value).sort()).toEqual([120, 1234567.89]);
    accepted = submission.id;

    const second = await as('editor').request('POST', `/api/v1/jst/units/${WIELICZKA}/submissions`, {
      json: { values: [{ variable: WAITING, year: 2018, value: 95 }] },
    });
    const rejectedId = (second.json() as { id: number }).id;
    const rejected = await as('steward').request('POST', `/api/v1/jst/submissions/${rejectedId}/reject`, {
      json: { reason: 'Lista z 2018 r. liczy wnioski, nie gospodarstwa — proszę podać gospodarstwa.' },
    });
    expect(rejected.statusCode).toBe(200);
    const again = await as('steward').request('POST', `/api/v1/jst/submissions/${rejectedId}/accept`);
    expect(again.statusCode).toBe(409);
    const read = await as('editor').request('GET', `/api/v1/jst/submissions/${rejectedId}`);
    expect(read.json()).toMatchObject({
      status: 'rejected',
      reviewer: 'Steward Testowy',
      reason: expect.stringContaining('gospodarstwa'),
    });
    expect((await as('other').request('GET', `/api/v1/jst/submissions/${rejectedId}`)).statusCode).toBe(404);
    expect((await as('other').request('GET', '/api/v1/jst/submissions')).json()).toMatchObject({ total: 0 });
    expect((await as('editor').request('GET', '/api/v1/jst/submissions')).json()).toMatchObject({ total: 2 });
  });

  it('reads a filled XLSX template back as a submission', async () => {
    const template = await as('editor').request(
      'GET',
      `/api/v1/jst/units/${WIELICZKA}/template?format=xlsx&year=2019`,
    );
    expect(template.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('dane') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toContain('wartosc');
    const ids = [2, 3].map((r) => String(sheet.getRow(r).getCell(3).value));
    expect(ids.sort()).toEqual([COST, WAITING]);
    const waitingRow = ids.indexOf(WAITING) === 0 ? 2 : 3;
    sheet.getRow(waitingRow).getCell(7).value = 118;
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    const upload = await app.inject({
      method: 'POST',
      url: `/api/v1/jst/units/${WIELICZKA}/submissions/file?fileName=wieliczka-2019.xlsx`,
      headers: {
        cookie: as('editor').cookieHeader,
        'x-csrf-token': as('editor').csrf,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      payload: filled,
    });
    expect(upload.statusCode).toBe(201);
    expect(upload.json()).toMatchObject({
      origin: 'xlsx',
      fileName: 'wieliczka-2019.xlsx',
      values: [{ value: 118, line: waitingRow }],
    });
    const id = (upload.json() as { id: number }).id;
    expect(
      (
        await as('steward').request('POST', `/api/v1/jst/submissions/${id}/reject`, {
          json: { reason: 'duplikat' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('publishes an accepted value flagged as supplied by the JST, with who accepted it, in API, export and portal', async () => {
    const { db } = release.test;
    // The user watches Wieliczka before the release that changes it.
    expect(
      (await as('user').request('POST', '/api/v1/me/watches', { json: { unit: WIELICZKA } })).statusCode,
    ).toBe(200);
    const decision = await as('steward').request('POST', `/api/v1/jst/submissions/${accepted}/accept`);
    expect(decision.statusCode).toBe(200);
    expect(decision.json()).toMatchObject({
      status: 'accepted',
      reviewer: 'Steward Testowy',
      release: { published: null },
    });
    const indicators = release.catalog.indicators.filter(
      (i) => i.id.includes('koszt_dowozu') || i.id.includes('oczekujacy'),
    );
    const { report } = await computeIndicators(db, indicators, {
      publish: true,
      rules: release.catalog.rules,
    });
    published = report.published?.releaseId as number;
    expect((await getSubmission(db, accepted))?.publishedRelease).toBe(published);

    const data = (await release.get(`/api/v1/variables/${COST}/data?year=2019&level=gmina`)).body as {
      items: Array<{
        unit: { code: string };
        value: number;
        flag: { id: number; symbol: string; label: { pl: string } };
        note: string;
      }>;
    };
    // release.get goes through the release's own server: the same database, another process-less app.
    const row = data.items.find((i) => i.unit.code === WIELICZKA);
    expect(row).toMatchObject({
      value: 1234567.89,
      flag: { id: 203, symbol: 'j', label: { pl: 'dane przekazane przez JST' } },
    });
    expect(row?.note).toMatch(
      new RegExp(`zgłoszenie nr ${accepted}.*przyjął: Steward Testowy, \\d{4}-\\d{2}-\\d{2}`),
    );
    const indicator = (
      await app.inject(`/api/v1/indicators/${COST_INDICATOR}/data?year=2019&level=gmina`)
    ).json() as {
      items: Array<{ unit: { code: string }; value: number | null; flag: { id: number } | null }>;
    };
    const value = indicator.items.find((i) => i.unit.code === WIELICZKA);
    expect(value?.flag?.id).toBe(203);
    expect(value?.value).toBeGreaterThan(15);
    expect(value?.value).toBeLessThan(30);
    const csv = await app.inject(
      `/api/v1/indicators/${COST_INDICATOR}/data?year=2019&level=gmina&format=csv`,
    );
    expect(csv.body).toContain('dane przekazane przez JST');
    const unitPage = await app.inject(`/jst/${WIELICZKA}?widok=zaawansowany`);
    expect(unitPage.body).toContain('title="dane przekazane przez JST">j</abbr>');

    const audit = await listAudit(db, {
      targetType: 'jst_submission',
      targetId: String(accepted),
      limit: 10,
      offset: 0,
    });
    expect(audit.items.map((a) => [a.action, a.actor])).toEqual(
      expect.arrayContaining([
        ['submission.create', 'editor@example.org'],
        ['submission.accept', 'steward@example.org'],
      ]),
    );
  });

  it("shows the watched unit's change on the user's Zmiany page", async () => {
    const changes = (await as('user').request('GET', '/api/v1/me/changes')).json() as {
      releases: Array<{
        release: number;
        items: Array<{ variable: { id: string }; unit: string; kind: string }>;
      }>;
    };
    const latest = changes.releases[0];
    expect(latest?.release).toBe(published);
    expect(latest?.items).toContainEqual(
      expect.objectContaining({
        variable: expect.objectContaining({ id: `ind:${COST_INDICATOR}` }),
        unit: WIELICZKA,
        kind: 'new',
      }),
    );
    const pageAnswer = await as('user').request('GET', '/zmiany');
    expect(pageAnswer.statusCode).toBe(200);
    expect(pageAnswer.headers['cache-control']).toBe('no-store');
    expect(pageAnswer.body).toContain(`Wydanie ${published}`);
    expect(pageAnswer.body).toContain('Koszt dowozu uczniów na mieszkańca');
    // No session: sign in first.
    const anonymous = await as('anonymous').request('GET', '/zmiany');
    expect(anonymous.statusCode).toBe(303);
    // The e-mail of the release (smup publish sends it where SMTP is configured): once per user and release,
    // only to those whose watches it changed. The transport is the one thing replaced: no SMTP server here.
    const sent: Array<{ to: string; subject: string; text: string }> = [];
    const mailer = { send: async (m: { to: string; subject: string; text: string }) => void sent.push(m) };
    expect(await notifyWatchers(release.test.db, published, mailer, 'https://smup.test')).toEqual({
      sent: 1,
      unchanged: 0,
    });
    expect(sent).toEqual([expect.objectContaining({ to: 'user@example.org' })]);
    expect(sent[0]?.text).toContain(`https://smup.test/wydania/${published}/zmiany`);
    expect(await notifyWatchers(release.test.db, published, mailer, 'https://smup.test')).toEqual({
      sent: 0,
      unchanged: 0,
    });
    // Someone who watches nothing else sees nothing of it.
    const other = (await as('other').request('GET', '/api/v1/me/changes')).json() as { releases: unknown[] };
    expect(other.releases).toEqual([]);
  });

  it('serves the JST data pages: the editor’s form with its problems, the steward’s review list', async () => {
    const form = await as('editor').request('GET', '/dane-jst');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Wieliczka (1219053)');
    expect(form.body).toContain('odrzucone');
    const refused = await as('editor').request('POST', '/dane-jst/zglos', {
      form: { unit: WIELICZKA, year: '2019', [COST]: 'tysiąc', [WAITING]: '' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('„tysiąc” nie jest liczbą');
    const sent = await as('editor').request('POST', '/dane-jst/zglos', {
      form: { unit: WIELICZKA, year: '2019', [COST]: '', [WAITING]: '121', comment: 'korekta' },
    });
    expect(sent.statusCode).toBe(303);
    const review = await as('steward').request('GET', '/dane-jst');
    expect(review.body).toContain('Zgłoszenia do weryfikacji');
    expect(review.body).toContain('korekta');
    expect((await as('user').request('GET', '/dane-jst')).statusCode).toBe(403);
  });
});

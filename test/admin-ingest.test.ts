/**
 * Ingestion for data stewards (issue 18, point 5) on both databases, through the real server (inject) with
 * real accounts: every endpoint and page tried by every role and with no session; CSRF refused; a real BDL
 * export (area of every gmina 2010–2019, shared/data) uploaded through the portal's multipart form with its
 * reviewed mapping goes into the draft as `smup ingest table` puts it, with its report, its run listed and
 * an audit record; an invalid file is refused whole, each problem named by line, and nothing is written.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/domain/accounts/roles.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { listAudit } from '../src/store/audit-store.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { observationsIn } from '../src/store/observations-store.js';
import { currentDraft } from '../src/store/releases-store.js';
import type { Browser } from './accounts-client.js';
import { staffSuite } from './staff-suite.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';
import { sharedFile } from './shared-data.js';

const AREA_FILE = 'bdl-exports/powierzchnia-gmin-2010-2019.cp1250.csv';
type Who = Role | 'anonymous';
const EVERYONE: readonly Who[] = ['anonymous', 'user', 'jst_editor', 'steward', 'admin'];
const STEWARDS: readonly Who[] = ['steward', 'admin'];
// Two cells that are not numbers.
const BAD_CSV = [
  'Kod;Nazwa;"w wieku produkcyjnym;ogółem;2019;[osoba]"',
  '1261011;Kraków (1);12,5,1',
  '1465011;Warszawa (1);abc',
].join('\r\n');

/** A multipart/form-data body as a browser sends the upload form. */
function multipartBody(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = '----smup-test-boundary';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, type: `multipart/form-data; boundary=${boundary}` };
}

describe.each(DATABASE_KINDS)('ingestion administration on %s', (kind) => {
  let test: TestDatabase;
  let db: Database;
  let app: FastifyInstance;
  let browsers = new Map<string, Browser>();
  const as = (who: Who) => browsers.get(who) as Browser;
  const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0]?.n;
  const upload = (who: Who, fields: Record<string, string>, file: { name: string; bytes: Buffer }) => {
    const browser = as(who);
    const { payload, type } = multipartBody(fields, file);
    return app.inject({
      method: 'POST',
      url: '/admin/wczytywanie/plik',
      headers: { cookie: browser.cookieHeader, 'content-type': type },
      payload,
    });
  };

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    db = test.db;
    await migrate(db);
    await ensureUnitsRegister(db);
    ({ app, browsers } = await staffSuite(db, { jstUnits: ['1261011'] }));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await test?.drop();
  });

  it('lets stewards and administrators, and no one else, use every ingestion endpoint and page', async () => {
    const endpoints: Array<{ method: 'GET' | 'POST'; url: string; ok: number }> = [
      { method: 'GET', url: '/api/v1/admin/ingest/runs', ok: 200 },
      { method: 'GET', url: '/api/v1/admin/ingest/mappings', ok: 200 },
      { method: 'GET', url: '/api/v1/admin/ingest/check', ok: 200 },
      // Allowed callers are refused by the data (no such mapping), never by the role; nothing is written.
      { method: 'POST', url: '/api/v1/admin/ingest/table?mapping=nope&fileName=a.csv', ok: 400 },
    ];
    for (const endpoint of endpoints) {
      for (const who of EVERYONE) {
        const response = await as(who).request(endpoint.method, endpoint.url, {
          ...(endpoint.method === 'POST' ? { headers: { 'content-type': 'text/csv' } } : {}),
        });
        const expected = STEWARDS.includes(who) ? endpoint.ok : who === 'anonymous' ? 401 : 403;
        expect(response.statusCode, `${endpoint.url} as ${who}: ${response.body}`).toBe(expected);
        expect(response.headers['cache-control']).toBe('no-store');
      }
    }
    for (const path of ['/admin/wczytywanie', '/en/admin/wczytywanie', '/admin/wczytywanie/walidacja']) {
      for (const who of EVERYONE) {
        const response = await as(who).request('GET', path);
        const expected = STEWARDS.includes(who) ? 200 : who === 'anonymous' ? 303 : 403;
        expect(response.statusCode, `${path} as ${who}`).toBe(expected);
        if (expected === 403) expect(response.body).not.toContain('multipart/form-data');
      }
    }
    const page = (await as('steward').request('GET', '/admin/wczytywanie')).body;
    expect(page).toContain('enctype="multipart/form-data"');
    expect(page).toContain('<option value="powierzchnia-gmin" >');
    // The upload form as anyone else posts it: refused before anything is read into the draft.
    const bytes = readFileSync(sharedFile(AREA_FILE));
    for (const who of ['jst_editor', 'user'] as const) {
      const response = await upload(
        who,
        { _csrf: as(who).csrf, mapping: 'powierzchnia-gmin' },
        { name: 'a.csv', bytes },
      );
      expect(response.statusCode, who).toBe(403);
    }
    expect(await currentDraft(db)).toBeNull();
    expect(await count('SELECT count(*)::int AS n FROM audit_log WHERE action = $$ingest.upload$$')).toBe(0);
  });

  it('refuses an upload without the CSRF token, through the API and the portal form', async () => {
    const steward = as('steward');
    const api = await steward.request(
      'POST',
      '/api/v1/admin/ingest/table?mapping=bdl-export&fileName=a.csv',
      {
        csrf: null,
        headers: { 'content-type': 'text/csv' },
      },
    );
    expect(api.statusCode).toBe(403);
    expect(api.json()).toMatchObject({ code: 'csrf-failed' });
    const form = await upload(
      'steward',
      { mapping: 'bdl-export' },
      { name: 'a.csv', bytes: Buffer.from(BAD_CSV) },
    );
    expect(form.statusCode).toBe(403);
    expect(await currentDraft(db)).toBeNull();
  });

  it('refuses an invalid file whole, naming each problem by line, and writes nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM observation');
    const response = await as('steward').request(
      'POST',
      '/api/v1/admin/ingest/table?mapping=bdl-export&fileName=zle.csv',
      { headers: { 'content-type': 'text/csv' }, json: undefined },
    );
    expect(response.statusCode).toBe(400); // no body: no file
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/ingest/table?mapping=bdl-export&fileName=zle.csv',
      headers: {
        cookie: as('steward').cookieHeader,
        'x-csrf-token': as('steward').csrf,
        'content-type': 'text/csv',
      },
      payload: Buffer.from(BAD_CSV, 'utf-8'),
    });
    expect(refused.statusCode).toBe(422);
    const body = refused.json() as { code: string; problems: Array<{ line: number; found: string | null }> };
    expect(body.code).toBe('file-refused');
    expect(body.problems.map((p) => [p.line, p.found])).toEqual([
      [2, '12,5,1'],
      [3, 'abc'],
    ]);
    // The portal shows the same problems in a table, each with its line.
    const page = await upload(
      'steward',
      { _csrf: as('steward').csrf, mapping: 'bdl-export' },
      { name: 'zle.csv', bytes: Buffer.from(BAD_CSV) },
    );
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('role="alert"');
    expect(page.body).toContain('Nic z niego nie zapisano.');
    expect(page.body).toContain('<td>abc</td>');
    expect(page.body).toContain('<option value="bdl-export" selected>');
    expect(await count('SELECT count(*)::int AS n FROM observation')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM ingest_job')).toBe(0);
    expect(await currentDraft(db)).toBeNull();
  });

  it('answers a file over 20 MiB with the upload page saying the limit, reads none of it, and refuses it to others', async () => {
    // 20 MiB and one byte of a valid CSV's look: only its size is wrong.
    const header = Buffer.from('Kod;Nazwa;"ogółem;2019;[osoba]"\r\n');
    const big = Buffer.concat([header, Buffer.alloc(20 * 2 ** 20 + 1 - header.length, 'x')]);
    const response = await upload(
      'steward',
      { _csrf: as('steward').csrf, mapping: 'powierzchnia-gmin' },
      { name: 'duzy.csv', bytes: big },
    );
    expect(response.statusCode).toBe(413);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('<h1>Wczytywanie danych</h1>');
    expect(response.body).toContain('role="alert"');
    expect(response.body).toContain('Plik jest większy niż 20 MiB');
    expect(response.body).toContain('Nic z niego nie zapisano.');
    // The form again, with the mapping chosen, to send a smaller file.
    expect(response.body).toContain('enctype="multipart/form-data"');
    expect(response.body).toContain('<option value="powierzchnia-gmin" selected>');
    const english = await app.inject({
      method: 'POST',
      url: '/en/admin/wczytywanie/plik',
      headers: {
        cookie: as('steward').cookieHeader,
        'content-type': multipartBody({}, { name: 'a', bytes: big }).type,
      },
      payload: multipartBody(
        { _csrf: as('steward').csrf, mapping: 'bdl-export' },
        { name: 'big.csv', bytes: big },
      ).payload,
    });
    expect(english.statusCode).toBe(413);
    expect(english.body).toContain('The file is larger than 20 MiB');
    // Without the token, or from someone who may not upload: refused as any upload is, no form shown.
    const forged = await upload(
      'steward',
      { mapping: 'powierzchnia-gmin' },
      { name: 'duzy.csv', bytes: big },
    );
    expect(forged.statusCode).toBe(403);
    const user = await upload(
      'user',
      { _csrf: as('user').csrf, mapping: 'powierzchnia-gmin' },
      { name: 'duzy.csv', bytes: big },
    );
    expect(user.statusCode).toBe(403);
    expect(user.body).not.toContain('multipart/form-data');
    expect(await currentDraft(db)).toBeNull();
    expect(await count('SELECT count(*)::int AS n FROM ingest_job')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM audit_log WHERE action = $$ingest.upload$$')).toBe(0);
  });

  it('ingests a real export through the portal form into the draft, with its report, its run and an audit record', async () => {
    const bytes = readFileSync(sharedFile(AREA_FILE));
    const response = await upload(
      'steward',
      { _csrf: as('steward').csrf, mapping: 'powierzchnia-gmin' },
      { name: 'powierzchnia-gmin-2010-2019.cp1250.csv', bytes },
    );
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(200);
    expect(response.body).toContain('role="status"');
    const draft = await currentDraft(db);
    expect(draft).not.toBeNull();
    // Kraków's area in 2019, as the export gives it (327 km², whole numbers in this export).
    const [krakow] = await observationsIn(db, draft?.id as number, { unitCodes: ['1261011'], years: [2019] });
    expect(krakow?.value).toBe(327);
    // The report's count is what the draft holds: every value of the file, none other.
    const added = /do wersji roboczej \d+: dodano ([\d\s\u00a0]+),/.exec(response.body)?.[1] ?? '';
    const stored = await count(
      `SELECT count(*)::int AS n FROM observation WHERE first_release = ${draft?.id}`,
    );
    expect(Number(added.replace(/\D/g, ''))).toBe(stored);
    expect(stored).toBeGreaterThan(24_000); // 2,477 gminy × 10 years, and the former ones
    expect(response.body).toContain('Raport walidacji: reguły wiarygodności');
    const runs = (await as('admin').request('GET', '/api/v1/admin/ingest/runs')).json();
    expect(runs).toMatchObject({
      total: 1,
      jobs: [
        {
          releaseId: draft?.id,
          releaseStatus: 'draft',
          status: 'merged',
          description: expect.stringContaining('powierzchnia-gmin'),
        },
      ],
    });
    expect(runs.jobs[0].pages).toBeGreaterThan(0);
    const list = await as('admin').request('GET', '/admin/wczytywanie');
    expect(list.body).toContain('zakończone');
    const [record] = (await listAudit(db, { action: 'ingest.upload', limit: 5, offset: 0 })).items;
    expect(record).toMatchObject({
      actor: 'steward@example.org',
      targetType: 'release',
      targetId: String(draft?.id),
      after: { file: 'powierzchnia-gmin-2010-2019.cp1250.csv', mapping: 'powierzchnia-gmin' },
    });
    const check = await as('steward').request('GET', '/api/v1/admin/ingest/check');
    expect(check.json()).toMatchObject({ release: draft?.id });
  });
});

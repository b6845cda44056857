/**
 * Diagnosis and reports on real data (issue 15), on both databases, one lean release per database: the
 * diagnosis of Wieliczka (gmina 1219053), powiat wielicki (1219) and Kraków (1261011) agrees with the
 * profile it is built from, and bad input is a problem answer, never a 5xx or an empty document. Every report
 * format is produced by the API and read back (PDF: pdftotext and pdfinfo of poppler-utils; DOCX and PPTX:
 * their XML; XLSX: exceljs): the numbers are the API's, Polish letters survive, the PDF is tagged with its
 * language, table headers and alternative texts. SMUP_KEEP_REPORTS=DIR keeps the files for a look.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.js';
import { hasChromium } from './browser.js';
import { expectGolden, xlsxAsText } from './golden.js';
import { smupArgv } from './built-program.js';
import { runChild } from './run-child.js';
import { FINANCE_INDICATORS, openRealRelease, RELEASE_HOOK_MS, type RealRelease } from './real-release.js';
import { docxText, normalise, pptxText } from './report-text.js';

const INDICATORS: readonly string[] = FINANCE_INDICATORS;
const AREAS = 'administracja_finanse,kontekst';
const UNITS = ['1219053', '1219', '1261011'];
/** The unit whose documents have golden texts (test/golden/report-1219053-2019-pl.*.txt). */
const GOLDEN_UNIT = '1219053';

interface Finding {
  indicator: { id: string };
  kind: string;
  value: number | null;
  median: number | null;
  rank: number | null;
  rankedCount: number | null;
  sentence: string;
}
interface DiagnosisJson {
  unit: { code: string; name: string };
  counts: Record<string, number>;
  summary: string[];
  strengths: string[];
  weaknesses: string[];
  areas: Array<{ id: string; services: Array<{ findings: Finding[] }> }>;
}
interface ProfileJson {
  items: Array<{
    indicator: { id: string; area: string; direction: string; dimension: string };
    value: number | null;
    statistics: { median: number | null } | null;
    position: { rank: number; rankedCount: number; positionClass: string } | null;
  }>;
}

describe.each(DATABASE_KINDS)('diagnosis and reports on %s', (kind) => {
  let release: RealRelease;
  const get = (url: string) => release.get(url);

  beforeAll(async () => {
    release = await openRealRelease(kind, undefined, INDICATORS);
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await release?.close();
  });

  it.each(UNITS)('diagnoses %s as its profile says (classes, numbers, Polish sentences)', async (code) => {
    const diagnosis = await get(`/api/v1/units/${code}/diagnosis?year=2019&areas=${AREAS}`);
    expect(diagnosis.status).toBe(200);
    const profile = await get(`/api/v1/units/${code}/profile?year=2019`);
    const body = diagnosis.body as unknown as DiagnosisJson;
    const items = (profile.body as unknown as ProfileJson).items.filter((i) =>
      AREAS.split(',').includes(i.indicator.area),
    );
    const findings = body.areas.flatMap((a) => a.services.flatMap((s) => s.findings));
    expect(findings.map((f) => f.indicator.id).sort()).toEqual(items.map((i) => i.indicator.id).sort());
    for (const item of items) {
      const finding = findings.find((f) => f.indicator.id === item.indicator.id) as Finding;
      expect(finding.value).toBe(item.value);
      expect(finding.median).toBe(item.statistics?.median ?? null);
      expect(finding.rank).toBe(item.position?.rank ?? null);
      // Written out from the definitions: context and neutral indicators are never judged.
      const expected =
        item.value === null || item.position === null
          ? 'missing'
          : item.indicator.dimension === 'kontekst' || item.indicator.direction === 'neutral'
            ? 'described'
            : { top25: 'strong', bottom25: 'weak', middle50: 'middle' }[item.position.positionClass];
      expect(finding.kind, item.indicator.id).toBe(expected);
    }
    const computed = findings.filter((f) => INDICATORS.includes(f.indicator.id) && f.value !== null);
    expect(computed.length).toBeGreaterThan(2);
    expect(body.summary[0]).toContain(body.unit.name);
    expect(body.summary.join(' ')).toMatch(/wskaźnik(i|ów)?/);
    expect(body.counts.strong).toBe(body.strengths.length);
    expect(body.counts.weak).toBe(body.weaknesses.length);
  });

  it('answers bad input with problems, never a 5xx', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/v1/units/9999999/diagnosis', 404, 'unit-not-found'],
      ['/api/v1/units/1219053/diagnosis?areas=nie_ma', 404, 'area-not-found'],
      ['/api/v1/units/1219053/diagnosis?year=1990', 404, 'year-without-data'],
      ['/api/v1/units/1219053/diagnosis?lang=de', 400, ''],
      ['/api/v1/units/1219053/diagnosis?against=set:nie-ma-takiego', 400, 'empty-set'],
    ];
    for (const [url, status, code] of cases) {
      const answer = await get(url);
      expect(answer.status, url).toBe(status);
      if (code) expect(answer.body.code, url).toBe(code);
    }
  });

  it('documents the diagnosis in the OpenAPI document', async () => {
    const { body } = await get('/api/v1/openapi.json');
    const paths = body.paths as Record<string, { get?: { operationId?: string; summary?: string } }>;
    const operation = paths['/api/v1/units/{teryt}/diagnosis']?.get;
    expect(operation?.operationId).toBe('getUnitDiagnosis');
    expect(operation?.summary).toMatch(/Diagnoza/);
  });
});

const POLISH = [...'ąęłńóśźżĄĘŁŃÓŚŹŻ'];

interface ModelJson {
  title: string;
  unit: { name: string };
  release: number;
  date: string;
  sections: Array<{
    id: string;
    title: string;
    rows: Array<{ finding: Finding & { indicator: { decimals: number } }; cells: { value: string } }>;
    missingRows: Array<{ finding: Finding; cells: { value: string } }>;
    charts: Array<{ alt: string; kind: string; indicatorId: string; svg: string }>;
  }>;
  strengths: unknown[];
  weaknesses: unknown[];
}

const unzip = async (body: Buffer) => JSZip.loadAsync(body);

/**
 * What changes from run to run in a report's text, each with its placeholder: the day it was made, and the
 * release it was made from wherever the text names it ("Wydanie danych: 7", the PDF's "Wydanie danych   7",
 * the title slide's "wydanie 7 ·"); fixed by the test's build today, normalised so a rebuilt cache cannot
 * break the golden.
 */
function perRun(model: ModelJson): Array<[string | RegExp, string]> {
  return [
    [model.date, '{DATA_RAPORTU}'],
    [new RegExp(`(\\b[Ww]ydanie(?: danych:?)?\\s+)${model.release}\\b`, 'g'), '$1{WYDANIE}'],
  ];
}

/** The XLSX's metadata row of the release: the label's cell, a tab, the number. */
const xlsxRelease = (model: ModelJson): [RegExp, string] => [
  new RegExp(`("Wydanie danych"\\t)${model.release}\\n`, 'g'),
  '$1{WYDANIE}\n',
];

const textOf = (xml: string) =>
  xml
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');

describe.each(DATABASE_KINDS)('report documents on %s', (kind) => {
  let release: RealRelease;
  const dir = process.env.SMUP_KEEP_REPORTS
    ? (mkdirSync(process.env.SMUP_KEEP_REPORTS, { recursive: true }), process.env.SMUP_KEEP_REPORTS)
    : mkdtempSync(join(tmpdir(), 'smup-reports-'));
  const fetchReport = async (code: string, format: string) => {
    const response = await release.app.inject(
      `/api/v1/units/${code}/report?year=2019&areas=${AREAS}&format=${format}`,
    );
    return response;
  };

  beforeAll(async () => {
    release = await openRealRelease(kind, undefined, INDICATORS);
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await release?.close();
    if (!process.env.SMUP_KEEP_REPORTS) rmSync(dir, { recursive: true, force: true });
  });

  it.each(UNITS)(
    'makes every format for %s with the API’s numbers and Polish letters',
    async (code) => {
      const json = await fetchReport(code, 'json');
      expect(json.statusCode).toBe(200);
      const model = json.json() as ModelJson;
      const profile = (await release.get(`/api/v1/units/${code}/profile?year=2019`))
        .body as unknown as ProfileJson;
      const rows = model.sections.flatMap((s) => s.rows);
      for (const { finding } of rows) {
        const item = profile.items.find((i) => i.indicator.id === finding.indicator.id);
        expect(finding.value, finding.indicator.id).toBe(item?.value ?? null);
        expect(finding.median, finding.indicator.id).toBe(item?.statistics?.median ?? null);
      }
      const valued = rows.filter((r) => r.finding.value !== null);
      expect(valued.length).toBeGreaterThan(2);
      // A small map of the set for each valued indicator where the level has boundaries: the set's shapes
      // only (one titled path per member), the unit outlined, a text alternative.
      const maps = model.sections.flatMap((s) => s.charts.filter((c) => c.kind === 'map'));
      if (code.length === 7) {
        expect(maps.map((m) => m.indicatorId).sort()).toEqual(
          valued.map((r) => r.finding.indicator.id).sort(),
        );
        const members = (model as unknown as { setMembers: number }).setMembers;
        for (const m of maps) {
          expect(m.svg.match(/<title>/g)?.length, m.indicatorId).toBe(members);
          expect(m.svg).toContain('class="hl ');
          expect(m.svg).toMatch(/role="img"[^>]*aria-label="[^"]+"/);
        }
      }
      // The report's words: the charts' SVG left out (a map's shapes carry every unit's name as a tooltip).
      const words = JSON.stringify(json.json(), (key, value: unknown) => (key === 'svg' ? undefined : value));
      const letters = POLISH.filter((c) => words.includes(c));
      expect(letters).toEqual(expect.arrayContaining([...'ąęłóś']));

      // XLSX: one sheet per area plus metadata; values are numbers equal to the API's.
      const xlsx = await fetchReport(code, 'xlsx');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-disposition']).toMatch(
        /attachment; filename="raport-\d+-2019-group-pl\.xlsx"/,
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets.map((w) => w.name)).toEqual(['Metadane', ...model.sections.map((s) => s.title)]);
      for (const section of model.sections) {
        const sheet = book.getWorksheet(section.title);
        // Every finding: the table's rows (with a value), then those the PDF and DOCX only count.
        const all = [...section.rows, ...section.missingRows];
        expect(sheet?.rowCount).toBe(all.length + 1);
        for (const [i, { finding }] of all.entries()) {
          const row = sheet?.getRow(i + 2);
          expect(row?.getCell(1).value).toBe(finding.indicator.id);
          expect(row?.getCell(5).value ?? null).toBe(finding.value);
          expect(row?.getCell(7).value ?? null).toBe(finding.median);
        }
        expect(section.rows.every((r) => r.finding.value !== null)).toBe(true);
        expect(section.missingRows.every((r) => r.finding.value === null)).toBe(true);
      }
      expect(String(book.getWorksheet('Metadane')?.getCell('B2').value)).toContain(model.unit.name);

      // DOCX: Word's heading styles, a real table with a repeated header row, the numbers as written.
      const docx = await fetchReport(code, 'docx');
      expect(docx.statusCode).toBe(200);
      const word = await (await unzip(docx.rawPayload)).file('word/document.xml')?.async('string');
      expect(word).toContain('w:val="Heading1"');
      expect(word).toContain('<w:tbl>');
      expect(word).toContain('<w:tblHeader/>');
      expect(word).toMatch(/<wp:docPr [^>]*descr="[^"]+"/);
      const wordText = textOf(word ?? '');
      for (const { cells } of valued) expect(wordText).toContain(cells.value);
      for (const c of letters) expect(wordText, c).toContain(c);

      // PPTX: title, summary, one slide per strong and weak point and per area; notes hold the numbers.
      const pptx = await fetchReport(code, 'pptx');
      expect(pptx.statusCode).toBe(200);
      const deck = await unzip(pptx.rawPayload);
      const slides = Object.keys(deck.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
      expect(slides.length).toBe(
        2 + model.strengths.length + model.weaknesses.length + model.sections.length,
      );
      const notes = await Promise.all(
        Object.keys(deck.files)
          .filter((f) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(f))
          .map((f) => deck.file(f)?.async('string')),
      );
      const notesText = textOf(notes.join(' '));
      for (const { cells } of valued) expect(notesText).toContain(cells.value);
      const slideText = textOf(
        (await Promise.all(slides.map((f) => deck.file(f)?.async('string')))).join(' '),
      );
      expect(slideText).toContain(model.unit.name);
      for (const c of letters.filter((l) => notesText.includes(l) || slideText.includes(l)))
        expect(c).toBeTruthy();
      expect(POLISH.filter((c) => (notesText + slideText).includes(c))).toEqual(
        expect.arrayContaining([...'ąęłóś']),
      );

      writeFileSync(join(dir, `${code}.docx`), docx.rawPayload);
      writeFileSync(join(dir, `${code}.pptx`), pptx.rawPayload);
      writeFileSync(join(dir, `${code}.xlsx`), xlsx.rawPayload);

      // Golden texts of one unit's documents (test/golden/report-1219053-2019-pl.*.txt), compared last so a
      // changed wording never hides a failed check above; on PostgreSQL only, one writer of `-changed` files.
      const goldens: Array<[string, string]> = [];
      if (kind === 'postgres' && code === GOLDEN_UNIT)
        goldens.push(
          ['docx', await docxText(docx.rawPayload)],
          ['pptx', await pptxText(pptx.rawPayload)],
          ['xlsx', await xlsxAsText(xlsx.rawPayload)],
        );

      if (hasChromium()) {
        const pdf = await fetchReport(code, 'pdf');
        expect(pdf.statusCode).toBe(200);
        expect(pdf.headers['content-type']).toBe('application/pdf');
        const file = join(dir, `${code}.pdf`);
        writeFileSync(file, pdf.rawPayload);
        const text = execFileSync('pdftotext', ['-layout', file, '-'], {
          encoding: 'utf-8',
          timeout: 30_000,
        });
        expect(text).toContain(model.unit.name);
        for (const { cells } of valued)
          expect(text.replace(/\s+/g, ' ')).toContain(cells.value.replace(/\s+/g, ' '));
        for (const c of letters) expect(text, c).toContain(c);
        const info = execFileSync('pdfinfo', [file], { encoding: 'utf-8', timeout: 30_000 });
        expect(info).toMatch(/Tagged:\s+yes/);
        expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
        const struct = execFileSync('pdfinfo', ['-struct', file], { encoding: 'utf-8', timeout: 30_000 });
        for (const tag of ['H1', 'H2', 'Table', 'TH', 'TD', 'Figure', 'Link'])
          expect(struct, tag).toContain(tag);
        expect(struct).toMatch(/TH[^\n]*\n\s+\/Scope \/Column/);
        const structText = execFileSync('pdfinfo', ['-struct-text', file], {
          encoding: 'utf-8',
          timeout: 30_000,
        });
        expect(structText).toContain(model.unit.name);
        // The document language and each chart's alternative text (Figure /Alt, UTF-16BE hex) in the file.
        const raw = readFileSync(file, 'latin1');
        expect(raw).toContain('/Lang (pl)');
        const alts = [...raw.matchAll(/\/S \/Figure\s*\/Alt <FEFF([0-9A-F]+)>/g)].map((m) =>
          Buffer.from(m[1] as string, 'hex')
            .swap16()
            .toString('utf16le'),
        );
        const charts = model.sections.flatMap((s) => s.charts);
        expect(charts.length).toBeGreaterThan(0);
        for (const chart of charts) expect(alts).toContain(chart.alt);
        if (goldens.length > 0) goldens.push(['pdf', text]);
      }
      for (const [format, text] of goldens)
        expectGolden(
          `report-${code}-2019-pl.${format}.txt`,
          normalise(text, format === 'xlsx' ? [...perRun(model), xlsxRelease(model)] : perRun(model)),
        );
    },
    120_000,
  );

  it.each(UNITS)(
    'offers the report on the unit page of %s: the form’s defaults give a document',
    async (code) => {
      const page = await release.app.inject(`/jst/${code}?rok=2019`);
      expect(page.statusCode).toBe(200);
      const form = /<form[^>]*action="(\/api\/v1\/units\/\d+\/report)"[^>]*>([\s\S]*?)<\/form>/.exec(
        page.body,
      );
      expect(form, 'the Raport form').not.toBeNull();
      const [, action, inner] = form as unknown as [string, string, string];
      // What a browser submits: each hidden input, and each select's selected option (or its first).
      const query = new URLSearchParams();
      for (const m of inner.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g))
        query.set(m[1]!, m[2]!);
      for (const m of inner.matchAll(/<select id="[^"]+" name="(\w+)">([\s\S]*?)<\/select>/g)) {
        const options = [...m[2]!.matchAll(/<option value="([^"]*)"\s*(selected)?/g)];
        query.set(m[1]!, (options.find((o) => o[2]) ?? options[0])![1]!);
      }
      expect(query.get('year')).toBe('2019');
      expect(query.get('format')).toBe('pdf');
      query.set('format', 'docx');
      const document = await release.app.inject(`${action}?${query.toString().replace(/%2C/g, ',')}`);
      expect(document.statusCode).toBe(200);
      expect(document.headers['content-type']).toContain('wordprocessingml');
    },
  );

  it('writes the same reports from the CLI (smup report, PostgreSQL)', async () => {
    // The CLI is another process: it reaches the PostgreSQL test database, not an in-memory PGlite.
    if (release.test.url === null) return;
    const out = mkdtempSync(join(tmpdir(), 'smup-cli-reports-'));
    try {
      for (const code of UNITS) {
        const formats = hasChromium() ? 'pdf,docx,pptx,xlsx' : 'docx,pptx,xlsx';
        const result = await runChild(
          process.execPath,
          smupArgv(
            'report',
            code,
            '--against',
            'group',
            '--year',
            '2019',
            '--areas',
            AREAS,
            '--format',
            formats,
            '--out',
            out,
          ),
          { env: { ...process.env, DATABASE_URL: release.test.url, SMUP_LOG_LEVEL: 'silent' } },
        );
        expect(result.status, result.stderr).toBe(0);
        const files = readdirSync(out).filter((f) => f.startsWith(`raport-${code}-2019-group-pl.`));
        expect(files.sort()).toEqual(
          formats
            .split(',')
            .map((f) => `raport-${code}-2019-group-pl.${f}`)
            .sort(),
        );
        const model = (await fetchReport(code, 'json')).json() as ModelJson;
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(join(out, `raport-${code}-2019-group-pl.xlsx`));
        const section = model.sections[0]!;
        section.rows.forEach(({ finding }, i) =>
          expect(
            book
              .getWorksheet(section.title)
              ?.getRow(i + 2)
              .getCell(5).value ?? null,
          ).toBe(finding.value),
        );
      }
      const bad = await runChild(
        process.execPath,
        smupArgv('report', '9999999', '--format', 'xlsx', '--out', out),
        { env: { ...process.env, DATABASE_URL: release.test.url } },
      );
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toContain('Nie ma jednostki 9999999');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);

  it('compares Wieliczka and Kraków side by side (each against its own set)', async () => {
    const url = `/api/v1/compare/report?units=1219053,1261011&year=2019&areas=${AREAS}`;
    const json = await release.app.inject(`${url}&format=json`);
    expect(json.statusCode).toBe(200);
    const model = json.json() as ModelJson;
    expect(model.title).toBe('Porównanie usług publicznych: Wieliczka, Kraków');
    const rows = model.sections.flatMap((s) => s.rows);
    for (const code of ['1219053', '1261011']) {
      const own = (await fetchReport(code, 'json')).json() as ModelJson;
      for (const { finding } of own.sections.flatMap((s) => s.rows)) {
        const side = rows.find((r) => r.finding.indicator.id === `${finding.indicator.id}@${code}`);
        expect(side?.finding.value, `${finding.indicator.id}@${code}`).toBe(finding.value);
        expect(side?.finding.rank).toBe(finding.rank);
      }
    }
    const xlsx = await release.app.inject(`${url}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('raport-1219053-1261011-2019-group-pl.xlsx');
    for (const [bad, status] of [
      ['/api/v1/compare/report?units=1219053', 400],
      ['/api/v1/compare/report?units=1219053,1261', 400],
      ['/api/v1/compare/report?units=1219053,9999999&format=xlsx', 404],
    ] as const) {
      expect((await release.app.inject(bad)).statusCode, bad).toBe(status);
    }
  });

  it('answers a PDF without Chromium with a 503 problem, and the other formats still work', async () => {
    const { buildServer } = await import('../src/server.js');
    const app = await buildServer({
      db: release.test.db,
      version: 'test',
      logLevel: 'silent',
      catalog: release.catalog,
      chromiumPath: '/nonexistent/chromium',
    });
    try {
      const pdf = await app.inject('/api/v1/units/1219053/report?format=pdf');
      expect(pdf.statusCode).toBe(503);
      expect(pdf.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(pdf.json().code).toBe('pdf-unavailable');
      const xlsx = await app.inject(`/api/v1/units/1219053/report?format=xlsx&year=2019&areas=${AREAS}`);
      expect(xlsx.statusCode).toBe(200);
      for (const [url, status] of [
        ['/api/v1/units/9999999/report?format=docx', 404],
        ['/api/v1/units/1219053/report?format=docx&areas=nie_ma', 404],
        ['/api/v1/units/1219053/report?format=pptx&year=1990', 404],
        ['/api/v1/units/1219053/report?format=odt', 400],
      ] as const) {
        const answer = await app.inject(url);
        expect(answer.statusCode, url).toBe(status);
        expect(answer.headers['content-type'], url).toMatch(/application\/problem\+json/);
      }
    } finally {
      await app.close();
    }
  });
});

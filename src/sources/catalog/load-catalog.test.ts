import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCatalogProblem } from '../../domain/catalog/validate.js';
import { EVIDENCE_FILE, NO_ROW, parseEvidenceTsv, verdictFamily } from '../../domain/catalog/bdl-evidence.js';
import { sharedFile } from '../../../test/shared-data.js';
import { BUNDLED_CATALOG_DIR, checkCatalog, CatalogError, loadCatalog } from './load-catalog.js';

const SHARED = process.env.SMUP_SHARED_DATA ?? join(BUNDLED_CATALOG_DIR, '../../shared/data');

describe('checkCatalog on the bundled catalog/', () => {
  const check = checkCatalog();

  it('finds no problem and meets the issue-4 minimums', () => {
    expect(check.problems.map(formatCatalogProblem)).toEqual([]);
    const catalog = check.catalog;
    if (!catalog) throw new Error('no catalogue');
    expect(catalog.areas.length).toBeGreaterThanOrEqual(10);
    expect(check.indicators.length).toBeGreaterThanOrEqual(60);
    for (const area of catalog.areas) {
      expect(check.indicators.filter((i) => i.areaId === area.id).length, area.id).toBeGreaterThanOrEqual(4);
    }
  });

  it('cites only BDL ids present in the recorded responses or in the reference list, with their names', () => {
    // "Never invent a BDL id": each id must be found in the file its confirmation names.
    const reference = new Map(
      readFileSync(join(SHARED, 'bdl-variable-ids-reference.tsv'), 'utf-8')
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((line) => {
          const [id = '', name = ''] = line.split('\t');
          return [id, name] as const;
        }),
    );
    const recorded = JSON.parse(
      readFileSync(join(SHARED, 'bdl-api-samples/samples_raw_variables.json'), 'utf-8'),
    ) as {
      list_variables: Array<{ id: number }>;
    };
    const recordedIds = new Set(recorded.list_variables.map((v) => String(v.id)));
    for (const v of check.catalog?.variables ?? []) {
      if (v.source !== 'bdl') continue;
      if (check.idless.has(v.id)) {
        // No id at all: the lock is to find it from what the entry expects (never a guessed id).
        expect(v.confirmation.kind, v.id).toBe('expectation');
        expect(v.expect?.subject ?? v.expect?.names ?? v.expect?.namePattern, v.id).toBeDefined();
        continue;
      }
      if (v.confirmation.kind === 'reference-list') {
        expect(reference.get(v.sourceCode), `${v.id} (bdl ${v.sourceCode})`).toBe(v.name);
        expect(v.confirmation.verified).toBe(false);
      } else if (v.confirmation.kind === 'shared-data-file') {
        // A file column stored under its BDL identity: the id still comes from the list or a recorded
        // answer, and the entry says it is not confirmed against the live API.
        expect(
          reference.has(v.sourceCode) || recordedIds.has(v.sourceCode),
          `${v.id} (bdl ${v.sourceCode})`,
        ).toBe(true);
        expect(v.confirmation.mapping, v.id).not.toBeNull();
        expect(v.confirmation.detail ?? '', v.id).toMatch(/bdl-variable-ids-reference\.tsv|bdl-api-samples/);
        expect(v.confirmation.detail ?? '', v.id).toMatch(/not confirmed against the live API/);
      } else {
        expect(v.confirmation.kind).toBe('recorded-response');
        expect(recordedIds.has(v.sourceCode), `${v.id} (bdl ${v.sourceCode})`).toBe(true);
      }
    }
  });

  it('gives every BDL id the evidence of its row of bdl-ids-evidence.tsv, and flags the five competing ids', () => {
    const rows = parseEvidenceTsv(readFileSync(sharedFile(EVIDENCE_FILE), 'utf-8'));
    const bdl = (check.catalog?.variables ?? []).filter((v) => v.source === 'bdl');
    expect(bdl.length).toBeGreaterThan(50);
    for (const v of bdl) {
      if (check.idless.has(v.id)) {
        expect(v.evidence, `${v.id}: no id, so no evidence about one`).toBeUndefined();
        continue;
      }
      const row = rows.get(v.sourceCode);
      const evidence = v.evidence;
      if (!evidence) throw new Error(`${v.id}: no evidence`);
      if (row) {
        expect(evidence.verdict, `${v.id} (bdl ${v.sourceCode}): ${row.verdict}`).toBe(
          verdictFamily(row.verdict),
        );
        expect(evidence.verdictText, v.id).toBe(row.verdict);
      } else {
        expect(evidence, v.id).toMatchObject({ verdict: 'not-found', source: NO_ROW });
      }
    }
    // Exactly the catalogue's side of each pair carries the other id (shared/data/README.md names the five).
    const pairs: Array<[string, string]> = [
      ['76477', '1548644'], // wydatki ogółem
      ['151867', '862'], // uczniowie szkół podstawowych
      ['1617144', '1617142'], // dzieci w wychowaniu przedszkolnym
      ['747060', '148156'], // mieszkania oddane na 1000 ludności
      ['155', '72293'], // ludność w wieku poprodukcyjnym
    ];
    const competing = bdl
      .filter((v) => v.evidence?.competingId !== undefined)
      .map((v) => [v.sourceCode, v.evidence?.competingId]);
    const expected = pairs.map(([a, b]) => (bdl.some((v) => v.sourceCode === a) ? [a, b] : [b, a]));
    expect(competing.sort()).toEqual(expected.sort());
    for (const v of bdl.filter((x) => x.evidence?.competingId !== undefined)) {
      expect(v.evidence?.note, v.id).toMatch(new RegExp(`${v.evidence?.competingId}.*smup catalog lock`));
    }
  });

  it('names shared data files and columns that exist, and mappings that load the stated id', () => {
    for (const v of check.catalog?.variables ?? []) {
      const c = v.confirmation;
      if (c.kind !== 'shared-data-file') continue;
      // The header, read as UTF-8 (the files named in the catalogue with Polish columns are UTF-8); the
      // first 20,000 characters, because the CKE header holds a line break inside a quoted field.
      const header = readFileSync(join(SHARED, c.file), 'utf-8').slice(0, 20_000);
      const probe = c.column.split(' … ')[0] ?? c.column; // "rok_2010 … rok_2019" → "rok_2010"
      expect(header.includes(probe), `${v.id}: ${probe} in ${c.file}`).toBe(true);
      if (c.mapping !== null) {
        const mapping = readFileSync(join(BUNDLED_CATALOG_DIR, '..', c.mapping), 'utf-8');
        if (v.source === 'bdl') {
          // Stored under its BDL identity: the mapping states the id on the column (`bdl: 152`).
          expect(mapping, `${v.id}: ${c.mapping}`).toMatch(new RegExp(`^\\s+bdl: ${v.sourceCode}\\b`, 'm'));
        } else {
          expect(mapping, `${v.id}: ${c.mapping}`).toContain(`id: ${v.source}`);
          expect(mapping, `${v.id}: ${c.mapping}`).toContain(`id: ${v.sourceCode}`);
        }
      }
    }
  });

  it('gives the compute job indicators that evaluate over the data access passed in', () => {
    const indicator = check.indicators.find((i) => i.id === 'kontekst.gestosc_zaludnienia');
    // The age groups are stored under their BDL identity (149, 152, 155), whichever way they came; the 2020
    // and 2024 tables are the population's alternatives for the years the groups do not cover (first()).
    expect(indicator?.inputs).toEqual([
      'bdl:149',
      'bdl:152',
      'bdl:155',
      'gus-bdl-portal:ludnosc-5l-ogolem',
      'gus-bdl-portal:ludnosc-tys',
      'gus-bdl-portal:powierzchnia-km2',
    ]);
    // Kraków 2019: 779,115 residents (shared/data/README.md) split into three groups here for the sum,
    // on 326.8 km² → 779115 ÷ 326.8 = 2384.07 persons per km².
    const cells: Record<string, number> = {
      'bdl:149': 130000,
      'bdl:152': 469115,
      'bdl:155': 180000,
      'gus-bdl-portal:powierzchnia-km2': 326.8,
    };
    const result = indicator?.evaluate({
      unit: '1261011',
      year: 2019,
      get: (id) => (id in cells ? { value: cells[id] ?? null, flag: null } : undefined),
    });
    expect(result?.value).toBeCloseTo(2384.07, 2);
    // 2024: only the 2024 table, in thousands (Kraków 809.17 thousand; 809,170 ÷ 326.8 = 2476.04).
    const in2024 = indicator?.evaluate({
      unit: '1261011',
      year: 2024,
      get: (id) =>
        id === 'gus-bdl-portal:ludnosc-tys'
          ? { value: 809.17, flag: null }
          : id === 'gus-bdl-portal:powierzchnia-km2'
            ? { value: 326.8, flag: null }
            : undefined,
    });
    expect(in2024?.value).toBeCloseTo(2476.04, 2);
  });
});

describe('checkCatalog on broken files', () => {
  const copy = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'smup-catalog-'));
    cpSync(BUNDLED_CATALOG_DIR, dir, { recursive: true });
    return dir;
  };

  it('names the file and line of a wrong formula', () => {
    const dir = copy();
    const file = join(dir, 'areas', '03-kultura-rekreacja.yaml');
    const text = readFileSync(file, 'utf-8');
    writeFileSync(
      file,
      text.replace('formula: per_1000(czytelnicy_bibliotek)', 'formula: per_1000(czytelnicy)'),
    );
    const line = text.split('\n').findIndex((l) => l.includes('per_1000(czytelnicy_bibliotek)')) + 1;
    const check = checkCatalog(dir);
    expect(check.catalog).toBeNull();
    expect(check.problems).toHaveLength(1);
    expect(formatCatalogProblem(check.problems[0] as never)).toContain(
      `areas/03-kultura-rekreacja.yaml, line ${line}: indicator kultura.czytelnicy_na_1000, field services[0].indicators[0].formula: expected a formula that compiles`,
    );
    expect(() => loadCatalog(dir)).toThrow(CatalogError);
  });

  it.each(['toString', 'constructor'])('names the file, line and name of an unknown %s(…)', (name) => {
    const dir = copy();
    const file = join(dir, 'areas', '03-kultura-rekreacja.yaml');
    const text = readFileSync(file, 'utf-8');
    writeFileSync(
      file,
      text.replace('formula: per_1000(czytelnicy_bibliotek)', `formula: ${name}(czytelnicy_bibliotek)`),
    );
    const line = text.split('\n').findIndex((l) => l.includes('per_1000(czytelnicy_bibliotek)')) + 1;
    const problems = checkCatalog(dir).problems.map((p) => formatCatalogProblem(p));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      `areas/03-kultura-rekreacja.yaml, line ${line}: indicator kultura.czytelnicy_na_1000, field services[0].indicators[0].formula: expected a formula that compiles`,
    );
    expect(problems[0]).toContain(`found "${name}"`);
  });

  it('reports invalid YAML with its line, and a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smup-catalog-'));
    mkdirSync(join(dir, 'areas'));
    writeFileSync(join(dir, 'config.yaml'), 'version: 1\nsources: [\n');
    const problems = checkCatalog(dir).problems.map(formatCatalogProblem);
    expect(problems[0]).toMatch(/^config\.yaml, line \d: field \(top\): expected valid YAML/);
    expect(problems).toContain(
      `variables.yaml: field (top): expected the file variables.yaml in ${dir}, found (no such file)`,
    );
  });
});

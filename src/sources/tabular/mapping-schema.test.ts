import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/shared-data.js';
import { FileFormatError } from '../files/file-problem.js';
import { loadMapping } from './mapping-schema.js';

function problemsOf(yaml: string): string[] {
  try {
    loadMapping(yaml, 'bad.yaml');
  } catch (error) {
    if (error instanceof FileFormatError)
      return error.message
        .split('\n')
        .slice(1)
        .map((l) => l.trim());
    throw error;
  }
  throw new Error('expected the mapping to be refused');
}

const SOURCE = `source:
  id: test
  name: Test
  citation: Test
  licence: public
`;

describe('loadMapping', () => {
  it('accepts every example mapping of mappings/', () => {
    const dir = `${repoRoot}/mappings`;
    const files = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const name of files)
      expect(loadMapping(readFileSync(`${dir}/${name}`, 'utf-8'), name).source.id).toMatch(/^[a-z]/);
  });
  it('accepts a two-line BDL export mapping (the preset fills in the rest)', () => {
    expect(loadMapping(`layout: bdl-ctab\n${SOURCE}`, 'tiny.yaml')).toMatchObject({ layout: 'bdl-ctab' });
  });
  it('names the mapping file, the line and the field path of each mistake', () => {
    const problems = problemsOf(`layout: wide
${SOURCE}file:
  delimeter: ";"
unit:
  column: Kod
  code: teryt8
variables:
  - id: Area
    name: area
    measureUnit: km²
    columns: "^rok_\\\\d{4}$"
`);
    // Line 8 is "delimeter" (a typo), line 11 the code kind, line 13 the id (upper case).
    expect(problems).toHaveLength(3);
    expect(
      problems.some(
        (p) =>
          p.startsWith('bad.yaml, line 8: column file.delimeter: expected only the fields sheet, skipRows') &&
          p.endsWith('found "delimeter"'),
      ),
    ).toBe(true);
    expect(
      problems.some((p) =>
        p.startsWith('bad.yaml, line 11: column unit.code: expected one of teryt, teryt7'),
      ),
    ).toBe(true);
    expect(
      problems.some((p) => p.startsWith('bad.yaml, line 13: column variables[0].id: expected an identifier')),
    ).toBe(true);
  });
  it('checks what the schema cannot: the year group, ids, combine', () => {
    const problems = problemsOf(`layout: wide
${SOURCE}unit: { column: Kod, code: teryt7 }
variables:
  - { id: a, name: a, measureUnit: x, columns: "^rok_\\\\d{4}$" }
  - { id: a, name: b, measureUnit: x, columns: "^(?<year>\\\\d{4}$", combine: sum }
`);
    expect(problems).toEqual([
      expect.stringMatching(
        /line 10: column variables\[1\]\.id: expected an id not used by another variable \(variables\[0\] has it\)/,
      ),
      expect.stringMatching(
        /line 9: column variables\[0\]\.columns: expected a regular expression with a named group/,
      ),
      expect.stringMatching(/line 10: column variables\[1\]\.columns: expected a regular expression/),
      expect.stringMatching(/variables\[1\]\.combine: expected no "combine" unless aggregate: true/),
    ]);
    expect(
      problemsOf(`layout: long
${SOURCE}unit: { column: Kod, code: teryt7 }
year: { value: 2025 }
aggregate: true
variables:
  - { id: m, name: m, measureUnit: x, column: m, combine: { weightedMeanBy: n } }
`),
    ).toEqual([
      expect.stringContaining(
        'variables[0].combine.weightedMeanBy: expected the id of another variable of this mapping (m), found "n"',
      ),
    ]);
  });
  it('refuses YAML that does not parse and an unknown layout', () => {
    expect(problemsOf('layout: [long')[0]).toMatch(/^bad\.yaml, line \d+: expected valid YAML/);
    expect(problemsOf(`layout: tall\n${SOURCE}`)).toEqual([
      expect.stringMatching(/^bad\.yaml, line 1: column layout: expected layout: long .*found "\\"tall\\""/),
    ]);
  });
});

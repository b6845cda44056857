import { describe, expect, it } from 'vitest';
import { competingIdOf, evidenceFor, parseEvidenceTsv, verdictFamily } from './bdl-evidence.js';
import { evidenceCounts, validateEvidence } from './validate-evidence.js';
import { formatCatalogProblem, validateCatalog } from './validate.js';

const evidence = {
  verdict: 'confirmed',
  verdictText: 'confirmed',
  found: 'Dochody ogółem',
  source: 'repo @abc123',
};
const variable = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  source: 'bdl',
  sourceCode: '76037',
  name: id,
  measureUnit: null,
  levels: ['gmina'],
  aggregation: 'sum',
  confirmation: { kind: 'reference-list', verified: false, file: 'bdl-variable-ids-reference.tsv' },
  evidence,
  ...extra,
});
const messages = (...variables: unknown[]) =>
  validateEvidence({ file: 'variables.yaml', data: { variables } }).map((p) => formatCatalogProblem(p));

describe('validateEvidence', () => {
  it('accepts a confirmed verdict beside verified: false (the flag is about SMUP checking the live API)', () => {
    expect(messages(variable('x'))).toEqual([]);
  });

  it('requires evidence for a BDL id and refuses it for another source', () => {
    expect(messages(variable('x', { evidence: undefined }))).toEqual([
      'variables.yaml: variable x, field variables[0].evidence: expected evidence for a BDL id: { verdict, verdictText, found, source } from shared/data/bdl-ids-evidence.tsv (npx tsx scripts/apply-bdl-evidence.ts), found (missing)',
    ]);
    expect(messages(variable('y', { source: 'gus-bdl-portal', sourceCode: 'y' }))).toEqual([
      'variables.yaml: variable y, field variables[0].evidence: expected no evidence: it is for BDL ids only, and the source is gus-bdl-portal, found evidence',
    ]);
  });

  it('takes a BDL variable stated by its expectation alone: a subject to search, no id, no evidence', () => {
    const idless = { confirmation: { kind: 'expectation', verified: false }, evidence: undefined };
    expect(messages(variable('x', { ...idless, sourceCode: undefined, expect: { subject: 'P1' } }))).toEqual(
      [],
    );
    expect(messages(variable('x', { ...idless, evidence, expect: { measureUnit: 'osoba' } }))).toEqual([
      'variables.yaml: variable x, field variables[0].sourceCode: expected no sourceCode: the lock finds the id (or another confirmation kind for a known id), found 76037',
      'variables.yaml: variable x, field variables[0].expect.subject: expected the BDL subject (P-code) the lock searches for the variable, or (subject not known yet) names or namePattern saying what a person must find; the lock refuses it until the subject is stated, found (missing)',
      'variables.yaml: variable x, field variables[0].evidence: expected no evidence: it is about an id, and this variable has none yet, found evidence',
    ]);
  });

  it('wants a competing id other than its own, with a note', () => {
    expect(messages(variable('x', { evidence: { ...evidence, competingId: '76037' } }))).toEqual([
      "variables.yaml: variable x, field variables[0].evidence.competingId: expected a BDL id other than the variable's own (76037), found 76037",
      'variables.yaml: variable x, field variables[0].evidence.note: expected a note saying which public source uses 76037 and that the lock settles it, found (missing)',
    ]);
    expect(messages(variable('x', { evidence: { ...evidence, competingId: '1', note: 'n' } }))).toEqual([]);
  });

  it('reports a verdict outside the four families through the schema, as an instruction', () => {
    const files = {
      config: {
        file: 'config.yaml',
        data: {
          version: 1,
          sources: { bdl: { name: 'GUS', citation: 'GUS', licence: 'public' } },
          normalisation: { population: 'x', area: 'x' },
        },
      },
      variables: {
        file: 'variables.yaml',
        data: { variables: [variable('x', { evidence: { ...evidence, verdict: 'refuted' } })] },
      },
      areas: [],
    };
    expect(validateCatalog(files).problems.map((p) => formatCatalogProblem(p))).toContain(
      'variables.yaml: variable x, field variables[0].evidence.verdict: expected one of confirmed, confirmed-weak, named-in-working-code, not-found: the family of the verdict of bdl-ids-evidence.tsv ("confirmed (weak: name only)" → confirmed-weak), found "refuted"',
    );
  });

  it('counts variables per verdict family and competing ids', () => {
    const counts = evidenceCounts([
      variable('a'),
      variable('b', { evidence: { ...evidence, verdict: 'not-found', competingId: '1', note: 'n' } }),
      variable('c', { source: 'gus-bdl-portal', evidence: undefined }),
    ] as never);
    expect(counts).toEqual({
      byVerdict: { confirmed: 1, 'confirmed-weak': 0, 'named-in-working-code': 0, 'not-found': 1 },
      competing: 1,
    });
  });
});

describe('bdl-ids-evidence.tsv verdicts', () => {
  it('maps every verdict wording onto its family', () => {
    expect(verdictFamily('confirmed')).toBe('confirmed');
    expect(
      verdictFamily(
        'confirmed (value checked: 5,143, powiat działdowski) — competing with 151867 on the reference list',
      ),
    ).toBe('confirmed');
    expect(verdictFamily('confirmed (weak: name only)')).toBe('confirmed-weak');
    expect(verdictFamily("confirmed (weak: described loosely as 'stopa')")).toBe('confirmed-weak');
    expect(verdictFamily('named in working code — competing with 747060')).toBe('named-in-working-code');
    expect(verdictFamily('not found (alternative id in use)')).toBe('not-found');
    expect(() => verdictFamily('refuted')).toThrow(/unknown verdict/);
  });

  it('finds the competing id in the verdict or in the name found, and resolves "same registry"', () => {
    const rows = parseEvidenceTsv(
      [
        'id\tname_on_reference_list\tname_found\tunit\tsubject\tverdict\tevidence',
        "76477\tWydatki gminy ogółem\tnot found; the same concept 'Wydatki ogółem' is id 1548644\tPLN\t\tnot found (alternative id in use)\tpublic repository (name not identified), Python 'Registry' (gmina Rybno 042815403062)",
        '862\t\tUczniowie\tos.\t\tconfirmed (value checked: 5) — competing with 151867 on the reference list\tpublic repository (name not identified), BDL variables registry with live-checked values',
        '1548644\t\tWydatki ogółem\tzł\t\tconfirmed (value checked: 62 zł) — competing with 76477\tsame registry',
      ].join('\n'),
    );
    expect(competingIdOf(rows.get('76477') as never)).toBe('1548644');
    expect(competingIdOf(rows.get('862') as never)).toBe('151867');
    const ours = evidenceFor('76477', rows);
    expect(ours).toMatchObject({ verdict: 'not-found', found: null, competingId: '1548644' });
    expect(ours.source).toBe("public repository (name not identified), Python 'Registry' (gmina Rybno)");
    expect(ours.note).toContain(
      'BDL variables registry with live-checked values (confirmed (value checked: 62 zł))',
    );
    expect(ours.note).toContain('smup catalog lock');
    expect(evidenceFor('6', rows)).toMatchObject({
      verdict: 'not-found',
      source: 'no row in bdl-ids-evidence.tsv',
    });
  });
});

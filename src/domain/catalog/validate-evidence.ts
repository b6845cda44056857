/**
 * The `evidence` of variables (what public sources say about a BDL id, schema.ts): every variable of
 * source bdl has it, no other variable does, and a competing id is another BDL id with a note saying who
 * uses it. A `confirmed` verdict beside `verified: false` is fine: the flag says whether SMUP checked the
 * id against the live API, the verdict what public sources say.
 */
import {
  EVIDENCE_VERDICTS,
  type CatalogVariable,
  type EvidenceVerdict,
  type VariablesFile,
} from './schema.js';
import type { CatalogFile, CatalogProblem } from './validate.js';

/** Problems of the `evidence` fields; `file.data` has already passed VariablesFileSchema. */
// Over 80 lines: one check per evidence field of a variable, each a short rule with its message.
export function validateEvidence(file: CatalogFile): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const { variables } = file.data as VariablesFile;
  // Over 80 lines: one check per evidence field of a variable, each a short rule with its message.
  variables.forEach((v, i) => {
    const subject = `variable ${v.id}`;
    const path = ['variables', i, 'evidence'];
    if (v.source !== 'bdl' && v.expect) {
      problems.push({
        file: file.file,
        path: ['variables', i, 'expect'],
        subject,
        expected: `no expect: the lock checks BDL ids only, and the source is ${v.source}`,
        found: 'expect',
      });
    }
    if (v.expect?.namePattern !== undefined) {
      try {
        new RegExp(v.expect.namePattern, 'iu');
      } catch (error) {
        problems.push({
          file: file.file,
          path: ['variables', i, 'expect', 'namePattern'],
          subject,
          expected: 'a valid regular expression',
          found: `${v.expect.namePattern} (${(error as Error).message})`,
        });
      }
    }
    // A variable stated only by its expectation has no id yet: the lock finds it in expect.subject, and
    // evidence (about an id) has nothing to speak of (idless-variables.ts). `sourceCode` is as in the file.
    if (v.confirmation.kind === 'expectation') {
      const fileCode = (v as { sourceCode?: string }).sourceCode;
      const expectation: Array<[boolean, Array<string | number>, string, string]> = [
        [
          v.source !== 'bdl',
          ['variables', i, 'source'],
          'bdl (only BDL ids are found by the lock)',
          v.source,
        ],
        [
          fileCode !== undefined,
          ['variables', i, 'sourceCode'],
          'no sourceCode: the lock finds the id (or another confirmation kind for a known id)',
          String(fileCode),
        ],
        [
          v.expect?.subject === undefined &&
            v.expect?.names === undefined &&
            v.expect?.namePattern === undefined,
          ['variables', i, 'expect', 'subject'],
          'the BDL subject (P-code) the lock searches for the variable, or (subject not known yet) names or ' +
            'namePattern saying what a person must find; the lock refuses it until the subject is stated',
          '(missing)',
        ],
        [
          v.evidence !== undefined,
          path,
          'no evidence: it is about an id, and this variable has none yet',
          'evidence',
        ],
      ];
      for (const [wrong, at, expected, found] of expectation) {
        if (wrong) problems.push({ file: file.file, path: at, subject, expected, found });
      }
      return;
    }
    if (v.source === 'bdl' && !v.evidence) {
      problems.push({
        file: file.file,
        path,
        subject,
        expected:
          'evidence for a BDL id: { verdict, verdictText, found, source } from shared/data/bdl-ids-evidence.tsv ' +
          '(npx tsx scripts/apply-bdl-evidence.ts)',
        found: '(missing)',
      });
    } else if (v.source !== 'bdl' && v.evidence) {
      problems.push({
        file: file.file,
        path,
        subject,
        expected: `no evidence: it is for BDL ids only, and the source is ${v.source}`,
        found: 'evidence',
      });
    } else if (v.evidence?.competingId !== undefined) {
      if (v.evidence.competingId === v.sourceCode) {
        problems.push({
          file: file.file,
          path: [...path, 'competingId'],
          subject,
          expected: `a BDL id other than the variable's own (${v.sourceCode})`,
          found: v.evidence.competingId,
        });
      }
      if (!v.evidence.note) {
        problems.push({
          file: file.file,
          path: [...path, 'note'],
          subject,
          expected: `a note saying which public source uses ${v.evidence.competingId} and that the lock settles it`,
          found: '(missing)',
        });
      }
    }
  });
  return problems;
}

/** Variables per verdict family, and how many carry a competing id (for `smup catalog validate`). */
export function evidenceCounts(variables: readonly CatalogVariable[]): {
  byVerdict: Record<EvidenceVerdict, number>;
  competing: number;
} {
  const byVerdict = Object.fromEntries(EVIDENCE_VERDICTS.map((v) => [v, 0])) as Record<
    EvidenceVerdict,
    number
  >;
  let competing = 0;
  for (const v of variables) {
    if (!v.evidence) continue;
    byVerdict[v.evidence.verdict] += 1;
    if (v.evidence.competingId !== undefined) competing += 1;
  }
  return { byVerdict, competing };
}

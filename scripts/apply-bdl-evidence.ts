/**
 * Writes the `evidence` of every BDL variable of catalog/variables.yaml from shared/data/bdl-ids-evidence.tsv
 * (src/domain/catalog/bdl-evidence.ts): the verdict and its family, the name found, the evidence shortened,
 * and the competing id with a note for the concepts another source reads under another id. Comments and
 * the rest of the file stay; run prettier on catalog/ afterwards and review the diff.
 *
 *   npx tsx scripts/apply-bdl-evidence.ts [path/to/bdl-ids-evidence.tsv]
 *   npx prettier --write catalog/variables.yaml
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { EVIDENCE_FILE, evidenceFor, parseEvidenceTsv } from '../src/domain/catalog/bdl-evidence.js';
import { BUNDLED_CATALOG_DIR } from '../src/sources/catalog/load-catalog.js';

const tsv = resolve(
  process.argv[2] ??
    resolve(process.env.SMUP_SHARED_DATA ?? resolve(BUNDLED_CATALOG_DIR, '../../shared/data'), EVIDENCE_FILE),
);
const rows = parseEvidenceTsv(readFileSync(tsv, 'utf-8'));
const file = resolve(BUNDLED_CATALOG_DIR, 'variables.yaml');
const doc = parseDocument(readFileSync(file, 'utf-8'));
const variables = doc.get('variables');
if (!isSeq(variables)) throw new Error(`${file}: no variables list`);

const counts = new Map<string, number>();
variables.items.forEach((item, i) => {
  if (!isMap(item)) throw new Error(`${file}: variables[${i}] is not a mapping`);
  if (item.get('source') !== 'bdl') {
    item.delete('evidence');
    return;
  }
  const code = String(item.get('sourceCode'));
  const evidence = evidenceFor(code, rows);
  counts.set(evidence.verdict, (counts.get(evidence.verdict) ?? 0) + 1);
  // Placed after `confirmation`, before `notes`, the order of the schema.
  const node = doc.createNode(evidence);
  item.delete('evidence');
  const at = item.items.findIndex((pair) => String(pair.key) === 'confirmation');
  item.items.splice(at < 0 ? item.items.length : at + 1, 0, doc.createPair('evidence', node));
  if (evidence.competingId)
    console.log(`${item.get('id')} (bdl ${code}): competing id ${evidence.competingId}`);
});
writeFileSync(file, doc.toString({ lineWidth: 0 }));
console.log(
  `${file}: evidence from ${tsv}: ${[...counts].map(([verdict, n]) => `${n} ${verdict}`).join(', ')}`,
);

/**
 * shared/data/bdl-ids-evidence.tsv (what public sources say about BDL ids; shared/data/README.md) turned
 * into the `evidence` of catalogue variables: the verdict's family, the name found, the evidence shortened
 * (repository and commit kept) and, for a concept another source reads under another id, that id.
 *
 *   tsv text ──parseEvidenceTsv──► rows by id ──evidenceFor(id)──► VariableEvidence (schema.ts)
 *
 * Used by scripts/apply-bdl-evidence.ts (writes catalog/variables.yaml) and by the catalogue's tests.
 */
import type { EvidenceVerdict, VariableEvidence } from './schema.js';

export interface EvidenceRow {
  readonly id: string;
  readonly nameOnReferenceList: string;
  readonly nameFound: string;
  readonly unit: string;
  readonly subject: string;
  readonly verdict: string;
  readonly evidence: string;
}

/** The evidence file, relative to shared/data. */
export const EVIDENCE_FILE = 'bdl-ids-evidence.tsv';
export const NO_ROW = `no row in ${EVIDENCE_FILE}`;

/** Rows by id; "same registry" in the evidence column is replaced by the registry it refers to. */
export function parseEvidenceTsv(text: string): Map<string, EvidenceRow> {
  const rows = new Map<string, EvidenceRow>();
  let lastRegistry = '';
  for (const line of text.split('\n').slice(1)) {
    if (line.trim() === '') continue;
    const [
      id = '',
      nameOnReferenceList = '',
      nameFound = '',
      unit = '',
      subject = '',
      verdict = '',
      evidence = '',
    ] = line.replace(/\r$/, '').split('\t');
    let resolved = evidence.trim();
    if (/^same registry\b/.test(resolved) && lastRegistry)
      resolved = resolved.replace(/^same registry/, lastRegistry);
    else if (/registry/i.test(resolved) && !/\bthe registry\b/.test(resolved))
      lastRegistry = resolved.split(/: |; /)[0] ?? resolved;
    rows.set(id.trim(), {
      id: id.trim(),
      nameOnReferenceList: nameOnReferenceList.trim(),
      nameFound: nameFound.trim(),
      unit: unit.trim(),
      subject: subject.trim(),
      verdict: verdict.trim(),
      evidence: resolved,
    });
  }
  return rows;
}

/** The family of a verdict of the file; throws on a verdict it does not know (add it here first). */
export function verdictFamily(verdict: string): EvidenceVerdict {
  if (/^confirmed \(weak\b/.test(verdict)) return 'confirmed-weak';
  if (/^confirmed\b/.test(verdict)) return 'confirmed';
  // Two public sources give the same name, neither with a value: as strong as a name only.
  if (/^two sources agree\b/.test(verdict)) return 'confirmed-weak';
  if (/^named in working code\b/.test(verdict)) return 'named-in-working-code';
  if (/^not found\b/.test(verdict)) return 'not-found';
  throw new Error(`unknown verdict in ${EVIDENCE_FILE}: "${verdict}"`);
}

/** The other id a row names for the same concept ("competing with 747060", "… is id 1548644"), or null. */
export function competingIdOf(row: EvidenceRow): string | null {
  const match = /competing with (\d+)/.exec(row.verdict) ?? /\b(?:is id|calls id) (\d+)/.exec(row.nameFound);
  return match?.[1] ?? null;
}

/** The evidence text, shortened: the repository, file and commit stay; TERYT codes and filler go. */
export function shortenEvidence(evidence: string): string {
  return evidence
    .replace(
      /^searched: text search 'by-variable\/<id>', quoted id, name phrases; only hit is the reference source itself/,
      'searched public code (the id, by-variable/<id>, name phrases): only the reference list itself',
    )
    .replace(/ - Single Source of Truth/g, '')
    .replace(/ \d{12}\b/g, '')
    .replace(/\s*\(\)$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const LOCK =
  'The lock (`smup catalog lock`, a later issue) must check both ids against the live API ' +
  '(/variables/{id}: names, unit, level) and settle which one the catalogue uses.';

/** The `evidence` of a catalogue variable with BDL id `id`, from the file's rows. */
export function evidenceFor(id: string, rows: ReadonlyMap<string, EvidenceRow>): VariableEvidence {
  const row = rows.get(id);
  if (!row) {
    return {
      verdict: 'not-found',
      verdictText: `not found (${NO_ROW})`,
      found: null,
      source: NO_ROW,
      note: `${EVIDENCE_FILE} covers the reference list and ids seen in public code only; confirmation says where this id comes from`,
    };
  }
  const found = row.nameFound === '' || /^not found\b/.test(row.nameFound) ? null : row.nameFound;
  const evidence: VariableEvidence = {
    verdict: verdictFamily(row.verdict),
    verdictText: row.verdict,
    found,
    source: shortenEvidence(row.evidence),
  };
  const competingId = competingIdOf(row);
  if (competingId === null) return evidence;
  const other = rows.get(competingId);
  const otherSays = other
    ? `${competingId} is "${other.nameFound}" in ${shortenEvidence(other.evidence)} ` +
      `(${other.verdict.replace(/\s*—\s*competing with \d+.*$/, '')})`
    : `${competingId} is "${/'([^']+)'/.exec(row.nameFound)?.[1] ?? row.nameFound}" in ` +
      `${shortenEvidence(row.evidence)} (unverified)`;
  const ours = found === null ? `${id} is not named in public code` : `${id} is named "${found}"`;
  return { ...evidence, competingId, note: `Competing id: ${otherSays}; ${ours}. ${LOCK}` };
}

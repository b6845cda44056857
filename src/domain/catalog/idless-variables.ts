/**
 * BDL variables stated only by what they must be (`confirmation: { kind: expectation }`, no `sourceCode`):
 * the lock (`smup catalog lock`) searches `expect.subject` for the one variable that matches and records its
 * id; the catalogue then reads the id from the lock. Until it is locked, the variable gets a placeholder code
 * (`unlocked-<name>`) that no source ever stores, so formulas compile and its indicators say which input is
 * missing and that the lock finds it — never a guessed id.
 *
 *   variables.yaml (no sourceCode) ─┬─ lock has the catalogue id ─► sourceCode = the locked BDL id
 *                                   └─ not locked ──────────────► sourceCode = "unlocked-<name>"
 */

export const UNLOCKED_PREFIX = 'unlocked-';

/** The placeholder code of a variable the lock has not resolved ("_" is not allowed in codes). */
export const unlockedCode = (catalogueId: string): string =>
  `${UNLOCKED_PREFIX}${catalogueId.replace(/_/g, '-')}`;

export const isUnlockedCode = (code: string): boolean => code.startsWith(UNLOCKED_PREFIX);

/**
 * variables.yaml's data with the codes of id-less BDL variables filled from the lock (catalogue id → BDL id)
 * or with placeholders, and the catalogue ids that had no code in the file. Data that is not the expected
 * shape is returned as it is, for the schema to report.
 */
export function fillIdlessVariables(
  data: unknown,
  locked: ReadonlyMap<string, string>,
): { data: unknown; idless: ReadonlySet<string> } {
  const idless = new Set<string>();
  if (typeof data !== 'object' || data === null) return { data, idless };
  const variables = (data as { variables?: unknown }).variables;
  if (!Array.isArray(variables)) return { data, idless };
  const filled = variables.map((v: unknown) => {
    if (typeof v !== 'object' || v === null) return v;
    const entry = v as Record<string, unknown>;
    const kind = (entry.confirmation as { kind?: unknown } | undefined)?.kind;
    if (entry.source !== 'bdl' || kind !== 'expectation' || entry.sourceCode !== undefined) return v;
    if (typeof entry.id !== 'string') return v;
    idless.add(entry.id);
    return { ...entry, sourceCode: locked.get(entry.id) ?? unlockedCode(entry.id) };
  });
  return { data: { ...(data as object), variables: filled }, idless };
}

/**
 * A BDL variable as SMUP variable metadata (domain VariableMeta): id `bdl:<id>`, a readable name, the
 * subject path, the unit of measure, the levels and the years.
 *
 * Name rule (one rule everywhere, so names sort and read alike):
 *   dimension values n1…n5, trimmed; empty ones dropped; a value equal (ignoring case) to the one kept
 *   before it dropped ("ogółem, ogółem" → "ogółem"); the rest joined with ", ".
 *   With the subject known, the name is "<subject> — <values>" (an em dash between the subject and its
 *   dimensions): "Radni gmin według płci i wieku — kobiety, 25-29". Alone, "kobiety, 25-29" means little.
 * Subject path: the subject and its ancestors from the root, names joined with " > "
 *   ("FINANSE PUBLICZNE > Dochody budżetów gmin > …"), the same separator as VariableMeta documents.
 */
import { makeVariableId, type VariableMeta } from '../../domain/observations/observation.js';
import { yearNumber, type BdlSubject, type BdlVariable } from './api-types.js';
import type { BdlClient, BdlLang } from './client.js';

export const BDL_SOURCE_ID = 'bdl';

/** Dimension values of a variable after the name rule: trimmed, non-empty, no repeat of the previous one. */
export function dimensionParts(variable: Pick<BdlVariable, 'n1' | 'n2' | 'n3' | 'n4' | 'n5'>): string[] {
  const parts: string[] = [];
  for (const raw of [variable.n1, variable.n2, variable.n3, variable.n4, variable.n5]) {
    const part = (raw ?? '').replace(/\s+/g, ' ').trim();
    if (part === '') continue;
    if (parts.length > 0 && parts[parts.length - 1]?.toLowerCase() === part.toLowerCase()) continue;
    parts.push(part);
  }
  return parts;
}

export function variableName(
  variable: Pick<BdlVariable, 'n1' | 'n2' | 'n3' | 'n4' | 'n5'>,
  subjectName?: string | null,
): string {
  const dimensions = dimensionParts(variable).join(', ');
  const subject = (subjectName ?? '').replace(/\s+/g, ' ').trim();
  if (subject === '') return dimensions;
  return dimensions === '' ? subject : `${subject} — ${dimensions}`;
}

/** Names of the subject chain, root first, joined with " > "; null when the chain is empty. */
export function subjectPath(chainFromRoot: readonly Pick<BdlSubject, 'name'>[]): string | null {
  const names = chainFromRoot.map((s) => s.name.replace(/\s+/g, ' ').trim()).filter((n) => n !== '');
  return names.length === 0 ? null : names.join(' > ');
}

/**
 * Levels SMUP can read a variable at: its own level and every level above that SMUP keeps (BDL aggregates
 * a gmina variable up to powiat, województwo and Polska). Level 7 (miejscowość) variables reach gmina too.
 */
export function levelsOfVariable(bdlLevel: number): string[] {
  const levels: string[] = [];
  if (bdlLevel >= 6) levels.push('gmina');
  if (bdlLevel >= 5) levels.push('powiat');
  if (bdlLevel >= 2) levels.push('wojewodztwo');
  levels.push('polska');
  return levels;
}

export interface VariableMetaInput {
  readonly variable: BdlVariable;
  /** The subject chain from the root K subject down to the variable's own subject (may be empty). */
  readonly subjects: readonly BdlSubject[];
  /** Unit of measure name when the variable does not carry `measureUnitName`. */
  readonly measureName?: string | null;
  /** The same variable and chain in English, for `nameEn`. */
  readonly english?: { readonly variable: BdlVariable; readonly subjects: readonly BdlSubject[] } | null;
}

export function toVariableMeta({
  variable,
  subjects,
  measureName,
  english,
}: VariableMetaInput): VariableMeta {
  const own = subjects[subjects.length - 1];
  const ownEn = english?.subjects[english.subjects.length - 1];
  const years = (variable.years ?? []).map(yearNumber).sort((a, b) => a - b);
  return {
    id: makeVariableId(BDL_SOURCE_ID, String(variable.id)),
    sourceId: BDL_SOURCE_ID,
    sourceCode: String(variable.id),
    name: variableName(variable, own?.id === variable.subjectId ? own.name : null),
    nameEn: english
      ? variableName(english.variable, ownEn?.id === variable.subjectId ? ownEn.name : null)
      : null,
    subjectPath: subjectPath(subjects),
    measureUnit: variable.measureUnitName ?? measureName ?? null,
    levels: levelsOfVariable(variable.level),
    metadata: {
      bdlLevel: variable.level,
      subjectId: variable.subjectId,
      measureUnitId: variable.measureUnitId,
      dimensions: dimensionParts(variable),
      years,
    },
  };
}

/**
 * Fetches what toVariableMeta needs: the variable (with its years), its subject chain (each subject
 * once per cache: pass the same Map to several calls), the measure name if the variable lacks it, and,
 * with `withEnglish`, the English names (twice the requests).
 */
export async function loadVariableMeta(
  client: BdlClient,
  variableId: number,
  {
    lang = client.lang,
    withEnglish = false,
    subjectCache = new Map<string, BdlSubject>(),
  }: {
    /** Language of `name` (default the client's). */
    lang?: BdlLang;
    /** Also fetch English names for `nameEn`. */
    withEnglish?: boolean;
    /** Subjects already fetched, keyed by `${lang}:${id}`; filled by this call. */
    subjectCache?: Map<string, BdlSubject>;
  } = {},
): Promise<{ meta: VariableMeta; variable: BdlVariable; subjects: BdlSubject[] }> {
  const variable = await client.variable(variableId, lang);
  const subjects = await subjectChain(client, variable.subjectId, lang, subjectCache);
  const measureName = variable.measureUnitName
    ? null
    : (await client.measure(variable.measureUnitId, lang)).name;
  const english =
    withEnglish && lang !== 'en'
      ? {
          variable: await client.variable(variableId, 'en'),
          subjects: await subjectChain(client, variable.subjectId, 'en', subjectCache),
        }
      : null;
  return { meta: toVariableMeta({ variable, subjects, measureName, english }), variable, subjects };
}

/** The subject and its ancestors, root first; stops at a repeated id (a cycle would loop forever). */
export async function subjectChain(
  client: BdlClient,
  subjectId: string,
  lang: BdlLang,
  cache: Map<string, BdlSubject>,
): Promise<BdlSubject[]> {
  const chain: BdlSubject[] = [];
  const seen = new Set<string>();
  let id: string | undefined = subjectId;
  while (id !== undefined && !seen.has(id)) {
    seen.add(id);
    const key = `${lang}:${id}`;
    let subject = cache.get(key);
    if (subject === undefined) {
      subject = await client.subject(id, lang);
      cache.set(key, subject);
    }
    chain.unshift(subject);
    id = subject.parentId || undefined;
  }
  return chain;
}

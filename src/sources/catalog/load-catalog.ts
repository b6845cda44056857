/**
 * Reads the indicator catalogue from its folder (catalog/: config.yaml, variables.yaml, areas/*.yaml),
 * parses the YAML keeping line numbers, and checks it with domain/catalog's `validateCatalog`: every
 * problem comes back at once, naming the file, the line, the id and the field.
 *
 *   catalog/*.yaml ──readFile + parseDocument (LineCounter)──► { file, data } ──validateCatalog──►
 *     Catalog + compiled formulas, or problems (path → line through the YAML nodes)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { catalogIndicators, type CatalogIndicator } from '../../domain/catalog/indicators.js';
import {
  formatCatalogProblem,
  validateCatalog,
  type CatalogFile,
  type CatalogProblem,
} from '../../domain/catalog/validate.js';
import type { Catalog } from '../../domain/catalog/schema.js';
import { validateEvidence } from '../../domain/catalog/validate-evidence.js';
import { validatePlausibility } from '../../domain/catalog/validate-plausibility.js';
import type { CompiledRule } from '../../domain/plausibility/check.js';
import { fillIdlessVariables } from '../../domain/catalog/idless-variables.js';
import { lockFilePath, readLockFile } from './bdl-lock-file.js';

/** The plausibility rules of a catalogue folder (optional: a folder without it has no rules). */
export const PLAUSIBILITY_FILE = 'plausibility.yaml';

/** The catalogue shipped with SMUP: catalog/ at the root of the repository (from src/ or dist/ alike). */
export const BUNDLED_CATALOG_DIR = fileURLToPath(new URL('../../../catalog/', import.meta.url));

export interface LocatedProblem extends CatalogProblem {
  /** 1-based line of the field (or of its nearest parent present), when known. */
  readonly line: number | null;
}

export interface CatalogCheck {
  readonly dir: string;
  readonly catalog: Catalog | null;
  readonly indicators: readonly CatalogIndicator[];
  /** The plausibility rules of plausibility.yaml, compiled (none when the folder has no such file). */
  readonly rules: readonly CompiledRule[];
  readonly problems: readonly LocatedProblem[];
  readonly warnings: readonly LocatedProblem[];
  /** BDL variables stated by their expectation only (no id in the file): their id is the lock's, if any. */
  readonly idless: ReadonlySet<string>;
}

interface ParsedFile extends CatalogFile {
  readonly lineOf: (path: ReadonlyArray<string | number>) => number | null;
}

function parseFile(dir: string, name: string, problems: LocatedProblem[]): ParsedFile {
  const path = join(dir, name);
  if (!existsSync(path)) {
    problems.push({
      file: name,
      path: [],
      subject: null,
      line: null,
      expected: `the file ${name} in ${dir}`,
      found: '(no such file)',
    });
    return { file: name, data: null, lineOf: () => null };
  }
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(readFileSync(path, 'utf-8'), { lineCounter, prettyErrors: false });
  for (const error of doc.errors) {
    problems.push({
      file: name,
      path: [],
      subject: null,
      line: lineCounter.linePos(error.pos[0]).line,
      expected: 'valid YAML',
      found: error.message.split('\n')[0] ?? error.code,
    });
  }
  const lineOf = (fieldPath: ReadonlyArray<string | number>): number | null => {
    for (let depth = fieldPath.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(fieldPath.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  return { file: name, data: doc.errors.length > 0 ? null : doc.toJS(), lineOf };
}

/** Reads and checks the catalogue in `dir`; never throws for a problem of the files (they are returned). */
export function checkCatalog(dir: string = BUNDLED_CATALOG_DIR): CatalogCheck {
  const readProblems: LocatedProblem[] = [];
  const config = parseFile(dir, 'config.yaml', readProblems);
  const variables = parseFile(dir, 'variables.yaml', readProblems);
  const areaDir = join(dir, 'areas');
  const areaNames = existsSync(areaDir)
    ? readdirSync(areaDir)
        .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
        .sort()
    : [];
  const areas = areaNames.map((n) => parseFile(dir, join('areas', n), readProblems));
  const plausibility = existsSync(join(dir, PLAUSIBILITY_FILE))
    ? parseFile(dir, PLAUSIBILITY_FILE, readProblems)
    : null;
  // The lock (bdl.lock.yaml beside the files) gives the ids of variables stated only by an expectation.
  let locked = new Map<string, string>();
  try {
    const lock = readLockFile(lockFilePath(dir));
    locked = new Map(Object.entries(lock?.variables ?? {}).map(([id, entry]) => [id, String(entry.id)]));
  } catch (error) {
    readProblems.push({
      file: 'bdl.lock.yaml',
      path: [],
      subject: null,
      line: null,
      expected: 'a lock file written by smup catalog lock',
      found: (error as Error).message,
    });
  }
  if (readProblems.length > 0) {
    return {
      dir,
      catalog: null,
      indicators: [],
      rules: [],
      problems: readProblems,
      warnings: [],
      idless: new Set(),
    };
  }
  const { data: filledData, idless } = fillIdlessVariables(variables.data, locked);
  const filled: ParsedFile = { ...variables, data: filledData };

  const byName = new Map<string, ParsedFile>(
    [config, variables, ...areas, ...(plausibility ? [plausibility] : [])].map((f) => [f.file, f]),
  );
  const locate = (p: CatalogProblem): LocatedProblem => ({
    ...p,
    line: byName.get(p.file)?.lineOf(p.path) ?? null,
  });
  const result = validateCatalog({ config, variables: filled, areas });
  const checked =
    plausibility && result.environment
      ? validatePlausibility(plausibility, result.environment)
      : { rules: [], problems: [] };
  // Past the schema (the environment exists), the evidence of BDL ids (validate-evidence.ts).
  const evidence = result.environment ? validateEvidence(variables) : [];
  const problems = [...result.problems, ...evidence, ...checked.problems];
  return {
    dir,
    catalog: problems.length > 0 ? null : result.catalog,
    indicators: result.catalog ? catalogIndicators(result.catalog, result.compiled) : [],
    rules: checked.rules,
    problems: problems.map(locate),
    warnings: result.warnings.map(locate),
    idless,
  };
}

/** Thrown by `loadCatalog` when the catalogue has problems; the message lists every one. */
export class CatalogError extends Error {
  constructor(readonly problems: readonly LocatedProblem[]) {
    super(
      `the catalogue has ${problems.length} problem(s):\n  ${problems.map(formatCatalogProblem).join('\n  ')}`,
    );
    this.name = 'CatalogError';
  }
}

/** The catalogue and its indicators ready to compute; throws CatalogError listing every problem. */
export function loadCatalog(dir: string = BUNDLED_CATALOG_DIR): {
  catalog: Catalog;
  indicators: readonly CatalogIndicator[];
  rules: readonly CompiledRule[];
  idless: ReadonlySet<string>;
} {
  const check = checkCatalog(dir);
  if (check.catalog === null || check.problems.length > 0) throw new CatalogError(check.problems);
  return { catalog: check.catalog, indicators: check.indicators, rules: check.rules, idless: check.idless };
}

/**
 * Size limits of the code (issue 19, point 8): no function over 80 lines and no file over 400 lines in src/
 * without a one-line reason written where it stands — a comment beginning "Over 80 lines:" just above the
 * function's statement, or "Over 400 lines:" near the top of the file. Lines are counted as ESLint's
 * max-lines rules count them with skipBlankLines and skipComments: blank and comment-only lines are free.
 * Test files are left out: a describe block is a list of cases, long by nature.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url));
const FUNCTION_LIMIT = 80;
const FILE_LIMIT = 400;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(`${path}/`);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** 1-based numbers of the lines holding code (not blank, not only a comment). */
function codeLines(source: ts.SourceFile): Set<number> {
  const lines = new Set<number>();
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, source.languageVariant, source.text);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (
      token === ts.SyntaxKind.WhitespaceTrivia ||
      token === ts.SyntaxKind.NewLineTrivia ||
      token === ts.SyntaxKind.SingleLineCommentTrivia ||
      token === ts.SyntaxKind.MultiLineCommentTrivia
    )
      continue;
    const from = source.getLineAndCharacterOfPosition(scanner.getTokenStart()).line;
    const to = source.getLineAndCharacterOfPosition(scanner.getTokenEnd()).line;
    for (let line = from; line <= to; line++) lines.add(line + 1);
  }
  return lines;
}

/**
 * The statement a function belongs to (`export const x = async () => …` for its arrow function; a method
 * is its own).
 */
function statementOf(node: ts.Node): ts.Node {
  let current = node;
  while (
    current.parent &&
    !ts.isSourceFile(current.parent) &&
    !ts.isBlock(current.parent) &&
    !ts.isClassLike(current.parent)
  )
    current = current.parent;
  return current;
}

interface Finding {
  readonly where: string;
  readonly lines: number;
}

function oversized(name: string, text: string): Finding[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const code = codeLines(source);
  const textLines = text.split('\n');
  const findings: Finding[] = [];
  const countBetween = (from: number, to: number) => {
    let n = 0;
    for (let line = from; line <= to; line++) if (code.has(line)) n++;
    return n;
  };
  if (code.size > FILE_LIMIT && !textLines.slice(0, 40).some((l) => l.includes('Over 400 lines:')))
    findings.push({ where: `${name} (the file)`, lines: code.size });
  const visit = (node: ts.Node) => {
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node) ||
      ts.isMethodDeclaration(node)
    ) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      const lines = countBetween(first, last);
      if (lines > FUNCTION_LIMIT) {
        const statement = source.getLineAndCharacterOfPosition(statementOf(node).getStart()).line;
        // The reason stands in the few lines above the statement (after its doc comment, or before it).
        const above = textLines.slice(Math.max(0, statement - 12), statement + 1);
        if (!above.some((l) => l.includes('Over 80 lines:')))
          findings.push({ where: `${name}:${first}`, lines });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

describe('code size', () => {
  const findings = sourceFiles(SRC).flatMap((path) =>
    oversized(path.slice(SRC.length - 'src/'.length), readFileSync(path, 'utf-8')),
  );

  it('every function over 80 lines and file over 400 lines says why', () => {
    expect(
      findings.map((f) => `${f.where}: ${f.lines} lines of code`),
      'add a one-line reason ("// Over 80 lines: …" above the function, "// Over 400 lines: …" at the top) or split it',
    ).toEqual([]);
  });

  it('finds a long function or file without a reason, and accepts one with it', () => {
    const body = Array.from({ length: 81 }, (_, i) => `  const v${i} = ${i}; // comment`).join('\n');
    const planted = `/** Doc. */\nexport const planted = () => {\n\n${body}\n};\n`;
    expect(oversized('planted.ts', planted)).toEqual([{ where: 'planted.ts:2', lines: 83 }]);
    expect(oversized('planted.ts', `// Over 80 lines: a planted reason.\n${planted}`)).toEqual([]);
    const long = Array.from({ length: 401 }, (_, i) => `export const c${i} = ${i};`).join('\n');
    expect(oversized('long.ts', long)).toEqual([{ where: 'long.ts (the file)', lines: 401 }]);
    expect(oversized('long.ts', `// Over 400 lines: a planted reason.\n${long}`)).toEqual([]);
  });
});

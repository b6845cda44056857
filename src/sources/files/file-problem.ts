/**
 * What is wrong with an input file, said so that the person who brought it can fix it: which file, which
 * line (1-based, as an editor shows it), which column, what was expected and what was found.
 */
export interface FileProblem {
  readonly file: string;
  readonly line: number | null;
  readonly column: string | null;
  readonly expected: string;
  readonly found: string | null;
}

export function formatProblem(problem: FileProblem): string {
  const where = [problem.file, problem.line === null ? null : `line ${problem.line}`]
    .filter((part) => part !== null)
    .join(', ');
  const column = problem.column === null ? '' : ` column ${problem.column}:`;
  const found = problem.found === null ? '' : `, found ${JSON.stringify(problem.found)}`;
  return `${where}:${column} expected ${problem.expected}${found}`;
}

/** Thrown when a file cannot be read as what it claims to be; carries every problem found (up to a limit). */
export class FileFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly FileProblem[],
    readonly truncated = false,
  ) {
    const lines = problems.map(formatProblem);
    if (truncated) lines.push(`… more problems not shown (first ${problems.length} listed)`);
    super(
      `${file} was not imported (${problems.length}${truncated ? '+' : ''} problem(s)):\n  ${lines.join('\n  ')}`,
    );
    this.name = 'FileFormatError';
  }
}

/** Collects the problems of one file, up to a limit, so a reader can report them all at once. */
export class ProblemList {
  readonly items: FileProblem[] = [];

  constructor(
    readonly file: string,
    readonly limit = 50,
  ) {}

  add(line: number | null, column: string | null, expected: string, found: string | null): void {
    if (this.items.length <= this.limit) this.items.push({ file: this.file, line, column, expected, found });
  }

  get count(): number {
    return this.items.length;
  }

  /** True once one problem past the limit was seen: enough to say "more not shown" and stop reading. */
  get full(): boolean {
    return this.items.length > this.limit;
  }

  throwIfAny(): void {
    if (this.items.length > 0) {
      throw new FileFormatError(this.file, this.items.slice(0, this.limit), this.items.length > this.limit);
    }
  }
}

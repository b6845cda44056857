/** One schema step. Statements run in order in one transaction; ids sort in the order they apply. */
export interface Migration {
  readonly id: string;
  readonly statements: readonly string[];
}

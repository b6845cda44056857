/** The part of jsonstat-toolkit (no bundled types) the contract tests use. */
declare module 'jsonstat-toolkit' {
  interface JsonStatDataset {
    readonly class: string;
    readonly id: string[];
    readonly n: number;
    Dimension(id: string): { readonly id: string[]; readonly label: string } | null;
    Data(query: Record<string, string>): { value: number | null; status: string | null } | null;
  }
  export default function JSONstat(input: unknown): JsonStatDataset;
}

/**
 * Strings stored once and referred to by index, for rows kept in typed columns (a unit code, a note, a variable
 * id is an int in the row): ObservationList and the first start's MemoryDraft.
 */
export class Interned {
  /** By index; never reordered. */
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  /** The index of `value`, added at the end if it is new. */
  id(value: string): number {
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.values.push(value) - 1;
      this.index.set(value, id);
    }
    return id;
  }
}

/**
 * A draft release held in memory, for the first start (bundled-first-release.ts): the jobs of the bundled
 * release (ingests, check, sums, indicators) merge here with the same rules as mergeJob in the database,
 * and the result is written once. On an empty database every row is the draft's own, so mergeJob reduces
 * to: within the job's scope, a value the job does not stage is removed; a staged value that differs
 * (value, flag or note) replaces the one there; a new one is added; an equal one is "unchanged".
 *
 * Rows live in typed columns (about 20 bytes a row instead of a few hundred as objects): variable, unit and
 * year are indices into small tables, notes are interned.
 */
import type { IngestScope, Observation } from '../domain/observations/observation.js';
import type { MergeStats } from '../store/observations-store.js';
import type { CellColumns } from '../store/observation-cells-store.js';
import type { CoverageRow } from '../store/release-coverage-store.js';
import { Interned } from '../domain/interned.js';
import { BinaryCopyWriter, textField } from '../store/binary-copy.js';
import type { ReleaseRows } from './release-rows.js';

const NO_FLAG = -32768;
/** Codes and ids compared by UTF-16 code units (PostgreSQL's C collation for these ASCII keys). */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const NO_NOTE = -1;
/** Years are stored in the key's low 12 bits (0…4095). */
const YEAR_BITS = 4096;

/** Columns that grow by doubling. */
class Columns {
  size = 0;
  unit = new Uint32Array(1024);
  year = new Int16Array(1024);
  value = new Float64Array(1024);
  flag = new Int16Array(1024);
  note = new Int32Array(1024);

  push(unit: number, year: number, value: number, flag: number, note: number): number {
    if (this.size === this.unit.length) this.grow();
    const row = this.size++;
    this.unit[row] = unit;
    this.year[row] = year;
    this.value[row] = value;
    this.flag[row] = flag;
    this.note[row] = note;
    return row;
  }

  private grow(): void {
    const length = this.unit.length * 2;
    const grown = <T extends Uint32Array | Int16Array | Float64Array | Int32Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.unit = grown(this.unit, new Uint32Array(length));
    this.year = grown(this.year, new Int16Array(length));
    this.value = grown(this.value, new Float64Array(length));
    this.flag = grown(this.flag, new Int16Array(length));
    this.note = grown(this.note, new Int32Array(length));
  }
}

export class MemoryDraft implements ReleaseRows {
  private readonly units = new Interned();
  private readonly notes = new Interned();
  private readonly columns = new Columns();
  /** variable → (unit, year) key → row in the columns (a removed row is dropped from the map). */
  private readonly cells = new Map<string, Map<number, number>>();

  key(unitCode: string, year: number): number {
    const unit = this.units.id(unitCode);
    if (!Number.isInteger(year) || year < 0 || year >= YEAR_BITS)
      throw new Error(`year ${year} out of range`);
    return unit * YEAR_BITS + year;
  }

  private noteId(note: string | null): number {
    return note === null ? NO_NOTE : this.notes.id(note);
  }

  private observation(variableId: string, row: number): Observation {
    const c = this.columns;
    const flag = c.flag[row] as number;
    const note = c.note[row] as number;
    return {
      variableId,
      unitCode: this.units.values[c.unit[row] as number] as string,
      year: c.year[row] as number,
      value: Number.isNaN(c.value[row]) ? null : (c.value[row] as number),
      flag: flag === NO_FLAG ? null : flag,
      note: note === NO_NOTE ? null : (this.notes.values[note] as string),
    };
  }

  private differs(row: number, o: Observation): boolean {
    const c = this.columns;
    const value = Number.isNaN(c.value[row]) ? null : c.value[row];
    const flag = c.flag[row] === NO_FLAG ? null : c.flag[row];
    const note = c.note[row] === NO_NOTE ? null : this.notes.values[c.note[row] as number];
    return value !== o.value || flag !== o.flag || note !== o.note;
  }

  private write(row: number | undefined, o: Observation, unit: number): number {
    const value = o.value === null ? NaN : o.value;
    const flag = o.flag === null ? NO_FLAG : o.flag;
    const note = this.noteId(o.note);
    if (row === undefined) return this.columns.push(unit, o.year, value, flag, note);
    this.columns.value[row] = value;
    this.columns.flag[row] = flag;
    this.columns.note[row] = note;
    return row;
  }

  /**
   * Merges one job's staged observations (mergeJob's rules, every row being the draft's own), page by page
   * as they come: each row is written at once (a later page's value for a key wins, as staging does), the
   * value it replaced is kept aside to tell "changed" from "unchanged" at the end, and what the job's scope
   * holds and the job did not stage is removed last.
   */
  async merge(scope: IngestScope, pages: AsyncIterable<readonly Observation[]>): Promise<MergeStats> {
    const touched = new Map<string, Set<number>>();
    /** Rows that existed before the job, with what they held then (value, flag, note). */
    const before = new Map<string, Map<number, Observation>>();
    let added = 0;
    for await (const page of pages) {
      for (const o of page) {
        let cells = this.cells.get(o.variableId);
        if (!cells) this.cells.set(o.variableId, (cells = new Map()));
        let keys = touched.get(o.variableId);
        if (!keys) touched.set(o.variableId, (keys = new Set()));
        const key = this.key(o.unitCode, o.year);
        const row = cells.get(key);
        if (row === undefined) {
          cells.set(key, this.write(undefined, o, Math.floor(key / YEAR_BITS)));
          added++;
        } else {
          if (!keys.has(key)) {
            let old = before.get(o.variableId);
            if (!old) before.set(o.variableId, (old = new Map()));
            old.set(key, this.observation(o.variableId, row));
          }
          this.write(row, o, Math.floor(key / YEAR_BITS));
        }
        keys.add(key);
      }
    }
    let changed = 0;
    let unchanged = 0;
    for (const [variableId, old] of before) {
      const cells = this.cells.get(variableId) as Map<number, number>;
      for (const [key, o] of old) {
        if (this.differs(cells.get(key) as number, o)) changed++;
        else unchanged++;
      }
    }
    const years = new Set(scope.years);
    const lengths = new Set(scope.unitCodeLengths);
    let removed = 0;
    for (const variableId of scope.variables) {
      const cells = this.cells.get(variableId);
      if (!cells) continue;
      const keep = touched.get(variableId);
      for (const [key, row] of cells) {
        if (keep?.has(key)) continue;
        if (!years.has(this.columns.year[row] as number)) continue;
        if (!lengths.has((this.units.values[this.columns.unit[row] as number] as string).length)) continue;
        cells.delete(key);
        removed++;
      }
    }
    return { added, changed, removed, unchanged };
  }

  /** Rows held now. */
  get size(): number {
    let n = 0;
    for (const cells of this.cells.values()) n += cells.size;
    return n;
  }

  /** Variables with at least one row. */
  variableIds(): string[] {
    return [...this.cells].filter(([, cells]) => cells.size > 0).map(([id]) => id);
  }

  /**
   * The rows of these variables in the observation table's key order: variable, unit code, year (codes
   * compared by UTF-16 code units, the same order as PostgreSQL's C collation for these ASCII keys).
   */
  private *inKeyOrder(variableIds: Iterable<string>): Generator<[string, number[]]> {
    // Rank of each unit code in code order, so rows sort by numbers.
    const rank = new Uint32Array(this.units.values.length);
    this.units.values
      .map((code, index) => ({ code, index }))
      .sort((a, b) => byCode(a.code, b.code))
      .forEach(({ index }, position) => (rank[index] = position));
    const { unit, year } = this.columns;
    for (const variableId of [...new Set(variableIds)].sort(byCode)) {
      const cells = this.cells.get(variableId);
      if (!cells) continue;
      const rows = [...cells.values()].sort(
        (a, b) =>
          (rank[unit[a] as number] as number) - (rank[unit[b] as number] as number) ||
          (year[a] as number) - (year[b] as number),
      );
      yield [variableId, rows];
    }
  }

  /** The rows of these variables, ordered by variable, unit code and year (as observationsIn orders them). */
  async observations(variableIds: readonly string[]): Promise<Observation[]> {
    const out: Observation[] = [];
    for (const [variableId, rows] of this.inKeyOrder(variableIds))
      for (const row of rows) out.push(this.observation(variableId, row));
    return out;
  }

  async variablesWithFlag(flag: number): Promise<string[]> {
    const found: string[] = [];
    for (const [variableId, cells] of this.cells) {
      for (const row of cells.values()) {
        if (this.columns.flag[row] === flag) {
          found.push(variableId);
          break;
        }
      }
    }
    return found.sort();
  }

  async yearsOfVariables(variableIds: readonly string[]): Promise<number[]> {
    const years = new Set<number>();
    for (const variableId of variableIds) {
      for (const row of this.cells.get(variableId)?.values() ?? [])
        years.add(this.columns.year[row] as number);
    }
    return [...years].sort((a, b) => a - b);
  }

  /**
   * The cells of these variables per variable and year, as observationCellsIn reads them from the
   * database (store/observation-cells-store.ts): sorted by variable and year, NaN for no value, -1 for no
   * flag, notes by unit code. For the benchmark context of the first release (benchmark-context-cache.ts).
   */
  async cellColumns(variableIds: readonly string[]): Promise<CellColumns[]> {
    const out: CellColumns[] = [];
    const { unit, year, value, flag, note } = this.columns;
    for (const variableId of [...new Set(variableIds)].sort(byCode)) {
      const byYear = new Map<number, number[]>();
      for (const row of this.cells.get(variableId)?.values() ?? []) {
        const rows = byYear.get(year[row] as number);
        if (rows) rows.push(row);
        else byYear.set(year[row] as number, [row]);
      }
      for (const [y, rows] of [...byYear].sort(([a], [b]) => a - b)) {
        const notes = new Map<string, string>();
        const unitCodes = rows.map((row) => this.units.values[unit[row] as number] as string);
        rows.forEach((row, i) => {
          if (note[row] !== NO_NOTE)
            notes.set(unitCodes[i] as string, this.notes.values[note[row] as number] as string);
        });
        out.push({
          variableId,
          year: y,
          unitCodes,
          values: Float64Array.from(rows, (row) => value[row] as number),
          flags: Int16Array.from(rows, (row) => (flag[row] === NO_FLAG ? -1 : (flag[row] as number))),
          notes,
        });
      }
    }
    return out;
  }

  /**
   * How many values and missing values each variable has per year and level (unit code length), as
   * release-coverage-store.ts counts them in the database; ordered by variable, year and level.
   */
  coverage(): CoverageRow[] {
    const out: CoverageRow[] = [];
    const { unit, year, value } = this.columns;
    for (const [variableId, cells] of [...this.cells].sort(([a], [b]) => byCode(a, b))) {
      const counts = new Map<number, { values: number; missing: number }>();
      for (const row of cells.values()) {
        const key = (year[row] as number) * 100 + (this.units.values[unit[row] as number] as string).length;
        let count = counts.get(key);
        if (!count) counts.set(key, (count = { values: 0, missing: 0 }));
        if (Number.isNaN(value[row])) count.missing++;
        else count.values++;
      }
      for (const [key, count] of [...counts].sort(([a], [b]) => a - b))
        out.push({ variableId, year: Math.floor(key / 100), codeLength: key % 100, ...count });
    }
    return out;
  }

  /**
   * The rows as binary COPY streams (store/binary-copy.ts) of the columns variable_id, unit_code, year,
   * value, flag, note, first_release, in chunks of `chunkRows` rows, so the writer can yield between them.
   * In the table's key order: PostgreSQL's sort checks for presorted input first, so the key built after
   * the load (first-release.ts) needs no sort.
   */
  *copyChunks(chunkRows: number, releaseId: number): Generator<{ data: Uint8Array; rows: number }> {
    const c = this.columns;
    const units = this.units.values.map(textField);
    const notes = this.notes.values.map(textField);
    let writer = new BinaryCopyWriter();
    for (const [variableId, rows] of this.inKeyOrder(this.cells.keys())) {
      const variable = textField(variableId);
      for (const row of rows) {
        const value = c.value[row] as number;
        const flag = c.flag[row] as number;
        const note = c.note[row] as number;
        writer
          .row(7)
          .text(variable)
          .text(units[c.unit[row] as number] as Uint8Array)
          .int2(c.year[row] as number);
        if (Number.isNaN(value)) writer.null();
        else writer.float8(value);
        if (flag === NO_FLAG) writer.null();
        else writer.int2(flag);
        if (note === NO_NOTE) writer.null();
        else writer.text(notes[note] as Uint8Array);
        writer.int4(releaseId);
        if (writer.rows >= chunkRows) {
          yield { data: writer.finish(), rows: writer.rows };
          writer = new BinaryCopyWriter();
        }
      }
    }
    if (writer.rows > 0) yield { data: writer.finish(), rows: writer.rows };
  }

  /** The rows as observations, in chunks and key order (for a database without COPY from memory). */
  *observationChunks(chunkRows: number): Generator<Observation[]> {
    let chunk: Observation[] = [];
    for (const [variableId, rows] of this.inKeyOrder(this.cells.keys())) {
      for (const row of rows) {
        chunk.push(this.observation(variableId, row));
        if (chunk.length >= chunkRows) {
          yield chunk;
          chunk = [];
        }
      }
    }
    if (chunk.length > 0) yield chunk;
  }
}

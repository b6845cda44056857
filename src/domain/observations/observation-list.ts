/**
 * A long list of observations kept in typed columns, read back a slice at a time as objects.
 *
 * The compute job makes one observation per indicator, unit and year (979,674 on the bundled release). As
 * objects they held the first start's heap peak about 70 MiB higher (566 against 499 MiB measured) until the
 * job was merged; here a row is 25 bytes (variable, unit and note are indices into small interned tables).
 * Readers that take the list a slice at a time (the job's pages, its results hash) accept either this or a
 * plain array (`ObservationSlices`).
 */
import { Interned } from '../interned.js';
import type { Observation } from './observation.js';

/** What a reader of many observations needs: their number and a slice of them as objects. */
export interface ObservationSlices {
  readonly length: number;
  slice(start: number, end: number): readonly Observation[];
}

const NO_FLAG = -32768;
const NO_NOTE = -1;

export class ObservationList implements ObservationSlices {
  private size = 0;
  private capacity = 1024;
  private variable = new Int32Array(this.capacity);
  private unit = new Int32Array(this.capacity);
  private year = new Int16Array(this.capacity);
  private value = new Float64Array(this.capacity);
  /** 1 where there is a value (a value of NaN is kept apart from none). */
  private hasValue = new Uint8Array(this.capacity);
  private flag = new Int16Array(this.capacity);
  private note = new Int32Array(this.capacity);
  private readonly variables = new Interned();
  private readonly units = new Interned();
  private readonly notes = new Interned();

  get length(): number {
    return this.size;
  }

  push(o: Observation): void {
    if (this.size === this.capacity) this.grow();
    if (o.flag !== null && (o.flag <= NO_FLAG || o.flag > 32767 || !Number.isInteger(o.flag)))
      throw new RangeError(`flag ${o.flag} of ${o.variableId} ${o.unitCode} ${o.year} does not fit`);
    if (!Number.isInteger(o.year) || o.year < -32768 || o.year > 32767)
      throw new RangeError(`year ${o.year} of ${o.variableId} ${o.unitCode} does not fit`);
    const row = this.size++;
    this.variable[row] = this.variables.id(o.variableId);
    this.unit[row] = this.units.id(o.unitCode);
    this.year[row] = o.year;
    this.value[row] = o.value ?? 0;
    this.hasValue[row] = o.value === null ? 0 : 1;
    this.flag[row] = o.flag ?? NO_FLAG;
    this.note[row] = o.note === null ? NO_NOTE : this.notes.id(o.note);
  }

  /** Rows start…end-1 as objects with Observation's fields in its order (a hash of their JSON is stable). */
  slice(start: number, end: number = this.size): Observation[] {
    const from = Math.max(0, start);
    const to = Math.min(this.size, end);
    const out: Observation[] = [];
    for (let row = from; row < to; row++) {
      const flag = this.flag[row] as number;
      const note = this.note[row] as number;
      out.push({
        variableId: this.variables.values[this.variable[row] as number] as string,
        unitCode: this.units.values[this.unit[row] as number] as string,
        year: this.year[row] as number,
        value: this.hasValue[row] === 1 ? (this.value[row] as number) : null,
        flag: flag === NO_FLAG ? null : flag,
        note: note === NO_NOTE ? null : (this.notes.values[note] as string),
      });
    }
    return out;
  }

  private grow(): void {
    this.capacity *= 2;
    const grown = <T extends Int32Array | Int16Array | Float64Array | Uint8Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.variable = grown(this.variable, new Int32Array(this.capacity));
    this.unit = grown(this.unit, new Int32Array(this.capacity));
    this.year = grown(this.year, new Int16Array(this.capacity));
    this.value = grown(this.value, new Float64Array(this.capacity));
    this.hasValue = grown(this.hasValue, new Uint8Array(this.capacity));
    this.flag = grown(this.flag, new Int16Array(this.capacity));
    this.note = grown(this.note, new Int32Array(this.capacity));
  }
}

/** Builds the DataTable of a source variable's values (formats/data-table.ts). */
import { flagInfo } from '../../domain/observations/flags.js';
import type { Observation } from '../../domain/observations/observation.js';
import type { VariableRow } from '../../store/observations-store.js';
import { flagLegend, type DataTable } from './data-table.js';

export function variableTable(
  variable: VariableRow,
  release: number,
  url: string,
  rows: readonly Observation[],
  names: ReadonlyMap<string, string>,
): DataTable {
  return {
    title: `${variable.name} — SMUP, wydanie ${release}`,
    release,
    url,
    series: [
      {
        id: variable.id,
        name: { pl: variable.name, en: variable.nameEn ?? variable.name },
        measureUnit: variable.measureUnit,
        definition: variable.subjectPath,
        citation: variable.source.citation,
        licence: variable.source.licence,
        decimals: null,
      },
    ],
    rows: rows.map((r) => ({
      unitCode: r.unitCode,
      unitName: names.get(r.unitCode) ?? r.unitCode,
      series: variable.id,
      year: r.year,
      value: r.value,
      flag: r.flag === null ? null : { id: r.flag, symbol: flagInfo(r.flag)?.symbol ?? '?' },
      reason: r.value === null ? (r.note ?? 'missing') : null,
    })),
    flags: flagLegend(rows.map((r) => r.flag)),
  };
}

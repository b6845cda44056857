/**
 * XLSX: a data sheet (one row per value, numbers as numbers with the indicator's decimals as the cell
 * format) and a metadata sheet (definitions, units of measure, sources, the flags legend, the release and
 * the request), so a workbook forwarded by e-mail still explains itself.
 */
import ExcelJS from 'exceljs';
import type { DataTable } from './data-table.js';

export async function toXlsx(table: DataTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SMUP — System Monitorowania Usług Publicznych';
  const series = new Map(table.series.map((s) => [s.id, s]));

  const data = workbook.addWorksheet('dane');
  data.columns = [
    { header: 'kod TERYT', key: 'code', width: 10 },
    { header: 'nazwa', key: 'name', width: 28 },
    { header: 'wskaźnik', key: 'series', width: 36 },
    { header: 'rok', key: 'year', width: 6 },
    { header: 'wartość', key: 'value', width: 14 },
    { header: 'jednostka miary', key: 'measureUnit', width: 22 },
    { header: 'flaga', key: 'flag', width: 6 },
    { header: 'przyczyna braku', key: 'reason', width: 20 },
  ];
  data.getRow(1).font = { bold: true };
  data.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of table.rows) {
    const s = series.get(row.series);
    const added = data.addRow({
      code: row.unitCode,
      name: row.unitName,
      series: s?.name.pl ?? row.series,
      year: row.year,
      value: row.value,
      measureUnit: s?.measureUnit ?? '',
      flag: row.flag?.symbol ?? '',
      reason: row.reason ?? '',
    });
    const decimals = s?.decimals ?? null;
    if (decimals !== null)
      added.getCell('value').numFmt = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  }

  const meta = workbook.addWorksheet('metadane');
  meta.columns = [
    { header: 'pole', key: 'field', width: 24 },
    { header: 'wartość', key: 'value', width: 100 },
  ];
  meta.getRow(1).font = { bold: true };
  meta.addRow({ field: 'tytuł', value: table.title });
  meta.addRow({ field: 'wydanie danych (release)', value: table.release });
  meta.addRow({ field: 'zapytanie', value: table.url });
  for (const s of table.series) {
    meta.addRow({});
    meta.addRow({ field: 'wskaźnik', value: `${s.id} — ${s.name.pl} / ${s.name.en}` });
    if (s.definition) meta.addRow({ field: 'definicja', value: s.definition });
    meta.addRow({ field: 'jednostka miary', value: s.measureUnit ?? '' });
    meta.addRow({ field: 'źródło', value: s.citation });
  }
  meta.addRow({});
  meta.addRow({ field: 'legenda flag', value: table.flags.length === 0 ? '(brak flag w danych)' : '' });
  for (const flag of table.flags) {
    meta.addRow({ field: `${flag.symbol} (${flag.id})`, value: `${flag.pl} / ${flag.en}` });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One renderer per format; the model is built once and laid out by the one asked for. */
import type { ReportFormat, ReportModel } from './model.js';
import { renderReportHtml } from './render-html.js';
import type { PdfPrinter } from './render-pdf.js';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

/** "raport-1219053-2019-grupa.pdf": ASCII, so every browser and mail client keeps it. */
export function reportFileName(model: ReportModel, format: ReportFormat): string {
  return reportFileNameOf(model.unit.code, model.year, model.against, model.lang, format);
}

/**
 * The same name from the request alone (a batch knows it before building, to skip a finished file); without a
 * year it says "ostatni" (latest), the year the model settles on being known only once it is built.
 */
export function reportFileNameOf(
  code: string,
  year: number | null,
  against: string,
  lang: string,
  format: ReportFormat,
): string {
  return `raport-${code.replace(/,/g, '-')}-${year ?? 'ostatni'}-${against.replace(/[^a-z0-9-]/gi, '-')}-${lang}.${format}`;
}

export async function renderReport(
  model: ReportModel,
  format: ReportFormat,
  printer: PdfPrinter,
): Promise<Buffer> {
  switch (format) {
    case 'pdf':
      return printer.print(renderReportHtml(model), {
        title: `${model.unit.name} — ${model.setLabel}, ${model.year ?? ''}`,
        page: model.headings.page,
      });
    // The office formats' renderers, and their libraries (docx, pptxgenjs, exceljs, resvg), are loaded on
    // the first report of each format, not with the server: with the other libraries loaded on first use
    // (test/serve-libraries.test.ts) they added about 35 MiB to every server that never makes one.
    case 'docx':
      return (await import('./render-docx.js')).renderReportDocx(model);
    case 'pptx':
      return (await import('./render-pptx.js')).renderReportPptx(model);
    case 'xlsx':
      return (await import('./render-xlsx.js')).renderReportXlsx(model);
    case 'json':
      return Buffer.from(JSON.stringify(model));
  }
}

/** One renderer per format; the model is built once and laid out by the one asked for. */
import type { ReportFormat, ReportModel } from './model.js';
import { renderReportDocx } from './render-docx.js';
import { renderReportHtml } from './render-html.js';
import type { PdfPrinter } from './render-pdf.js';
import { renderReportPptx } from './render-pptx.js';
import { renderReportXlsx } from './render-xlsx.js';

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
    case 'docx':
      return renderReportDocx(model);
    case 'pptx':
      return renderReportPptx(model);
    case 'xlsx':
      return renderReportXlsx(model);
    case 'json':
      return Buffer.from(JSON.stringify(model));
  }
}

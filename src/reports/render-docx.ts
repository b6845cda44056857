/**
 * The report as an editable Word document (the `docx` package): Word's own Title and Heading 1–2 styles (so
 * a JST can paste a section into its "raport o stanie gminy" and keep the outline), a table of contents
 * field, real tables with a repeated header row, charts as SVG with a PNG fallback (resvg) and alt text,
 * and the document language set on every run.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { standaloneSvg } from './chart-style.js';
import type { ReportChart, ReportModel, ReportSection } from './model.js';
import { chartPng } from './png.js';

const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading: level });

function chartParagraphs(chart: ReportChart): Paragraph[] {
  const png = chartPng(chart.svg);
  const width = 600;
  const height = Math.round((png.height / png.width) * width);
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: 'svg',
          data: Buffer.from(standaloneSvg(chart.svg).svg),
          fallback: { type: 'png', data: png.data },
          transformation: { width, height },
          altText: { name: chart.indicatorId, title: chart.title, description: chart.alt },
        }),
      ],
    }),
    new Paragraph({ children: [new TextRun({ text: chart.title, italics: true, size: 18 })] }),
  ];
}

function sectionTable(section: ReportSection, model: ReportModel): Table {
  const c = model.headings.columns;
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 16 })] })] });
  const header = new TableRow({
    tableHeader: true,
    children: [c.indicator, c.value, c.median, c.spread, c.rank, c.position, c.trend].map((t) =>
      cell(t, true),
    ),
  });
  const rows = section.rows.map(
    (r) =>
      new TableRow({
        children: [
          r.cells.indicator,
          r.cells.value,
          r.cells.median,
          r.cells.spread,
          r.cells.rank,
          r.cells.position,
          r.cells.trend,
        ].map((t) => cell(t)),
      }),
  );
  return new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } });
}

export async function renderReportDocx(model: ReportModel): Promise<Buffer> {
  const h = model.headings;
  const pl = model.lang === 'pl';
  const bullets = (items: ReportModel['strengths']) =>
    items.length === 0
      ? [para(h.none)]
      : items.map((f) => new Paragraph({ text: f.sentence, bullet: { level: 0 } }));
  const children = [
    new Paragraph({ text: model.title, heading: HeadingLevel.TITLE }),
    para(`${pl ? 'Jednostka' : 'Unit'}: ${model.unit.name} (${model.unit.kind}, TERYT ${model.unit.code})`),
    para(
      `${pl ? 'Zbiór odniesienia' : 'Reference set'}: ${model.setLabel}${model.setMembers === null ? '' : ` (${model.setMembers})`}`,
    ),
    para(`${pl ? 'Rok' : 'Year'}: ${model.year ?? '—'}`),
    para(`${pl ? 'Wydanie danych' : 'Data release'}: ${model.release}`),
    para(`${pl ? 'Data raportu' : 'Report date'}: ${model.date}`),
    new TableOfContents(h.contents, { hyperlink: true, headingStyleRange: '1-2' }),
    heading(h.summary, HeadingLevel.HEADING_1),
    ...model.summary.map(para),
    heading(h.strengths, HeadingLevel.HEADING_2),
    ...bullets(model.strengths),
    heading(h.weaknesses, HeadingLevel.HEADING_2),
    ...bullets(model.weaknesses),
    ...model.sections.flatMap((s) => [
      heading(s.title, HeadingLevel.HEADING_1),
      ...s.sentences.map(para),
      // An area with no value in this release has only its sentence on what is missing.
      ...(s.rows.length === 0 ? [] : [sectionTable(s, model)]),
      ...s.charts.flatMap(chartParagraphs),
    ]),
    heading(h.methodology, HeadingLevel.HEADING_1),
    ...model.methodology.map(para),
    heading(h.sources, HeadingLevel.HEADING_1),
    ...model.sources.map((s) =>
      para(
        `${s.name}. ${s.citation}. ${pl ? 'Licencja' : 'Licence'}: ${s.licence}.${s.url ? ` ${s.url}` : ''}`,
      ),
    ),
  ];
  const document = new Document({
    creator: 'SMUP',
    title: model.title,
    description: model.summary[0] ?? '',
    features: { updateFields: true },
    styles: { default: { document: { run: { language: { value: pl ? 'pl-PL' : 'en-GB' }, size: 21 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [`${h.page} `, PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

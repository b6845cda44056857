/**
 * A presentation for a council session (pptxgenjs): a title slide, the summary, one slide per strong and weak
 * point and one per area, each with its chart (PNG, with alt text) and one sentence; the speaker notes hold
 * the numbers (value, set median, Q1–Q3, rank, year, flag) and the sources.
 */
import pptxgen from 'pptxgenjs';
import type { Finding } from '../domain/report/diagnosis.js';
import type { ReportChart, ReportModel, ReportRow } from './model.js';
import { chartPng } from './png.js';

// TypeScript (NodeNext) reads the package's types as CommonJS, with the class under .default, while Node
// loads its ES build, whose default export is the class itself: take whichever is there.
const PptxGenJS = ((pptxgen as unknown as { default?: typeof pptxgen.default }).default ??
  pptxgen) as unknown as typeof pptxgen.default;
type Slide = ReturnType<InstanceType<typeof PptxGenJS>['addSlide']>;

const TEXT = { fontFace: 'Noto Sans', color: '1B1F24' };

/** A sentence begins with a capital: the citation starts in lower case ("obliczenia własne SMUP …"). */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

function notesOf(rows: readonly ReportRow[], model: ReportModel): string {
  const c = model.headings.columns;
  const lines = rows.map(
    ({ finding: f, cells }) =>
      `${cells.indicator}: ${c.value.toLowerCase()} ${cells.value}; ${c.median.toLowerCase()} ${cells.median}; ${c.spread} ${cells.spread}; ${c.rank.toLowerCase()} ${cells.rank}; ${cells.position}; ${cells.trend}. ${sentence(f.citation)}.`,
  );
  const sources = [...new Set(model.sources.map((s) => `${s.citation} (${s.licence})`))];
  return [...lines, '', `${model.headings.sources}: ${sources.join('; ')}`].join('\n');
}

function addChart(slide: Slide, chart: ReportChart | undefined, y: number): void {
  if (!chart) return;
  const png = chartPng(chart.svg);
  const w = 9;
  const h = Math.min(4.2 - (y - 1.4), (png.height / png.width) * w);
  slide.addImage({
    data: `data:image/png;base64,${png.data.toString('base64')}`,
    x: 0.5 + (w - (h * png.width) / png.height) / 2,
    y,
    w: (h * png.width) / png.height,
    h,
    altText: chart.alt,
  });
}

// Over 80 lines: the slides in order, each a short block of pptxgenjs calls sharing the deck's layout.
export async function renderReportPptx(model: ReportModel): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = model.title;
  pptx.author = 'SMUP';
  const lang = model.lang === 'pl' ? 'pl-PL' : 'en-GB';
  const pl = model.lang === 'pl';
  const rowsById = new Map(
    model.sections.flatMap((s) => s.rows.map((r) => [r.finding.indicator.id, r] as const)),
  );
  const chartsById = (id: string) =>
    model.sections.flatMap((s) => s.charts).filter((c) => c.indicatorId === id);

  const title = pptx.addSlide();
  title.addText(model.title, { ...TEXT, x: 0.5, y: 1.2, w: 9, h: 1.2, fontSize: 30, bold: true, lang });
  title.addText(
    `${model.setLabel}${model.setMembers === null ? '' : ` (${model.setMembers})`} · ${model.year ?? ''} · ${pl ? 'wydanie' : 'release'} ${model.release} · ${model.date}`,
    { ...TEXT, x: 0.5, y: 2.6, w: 9, h: 0.6, fontSize: 16, lang },
  );
  title.addNotes(model.summary.join('\n'));

  const summary = pptx.addSlide();
  summary.addText(model.headings.summary, {
    ...TEXT,
    x: 0.5,
    y: 0.3,
    w: 9,
    h: 0.7,
    fontSize: 24,
    bold: true,
    lang,
  });
  summary.addText(
    model.summary.map((s) => ({ text: s, options: { bullet: true, breakLine: true } })),
    { ...TEXT, x: 0.5, y: 1.1, w: 9, h: 4, fontSize: 14, valign: 'top', lang },
  );
  summary.addNotes(model.methodology.join('\n'));

  const pointSlide = (f: Finding, label: string) => {
    const slide = pptx.addSlide();
    slide.addText(`${label}: ${f.indicator.name}`, {
      ...TEXT,
      x: 0.5,
      y: 0.2,
      w: 9,
      h: 0.7,
      fontSize: 20,
      bold: true,
      lang,
    });
    slide.addText(f.sentence, { ...TEXT, x: 0.5, y: 0.9, w: 9, h: 0.9, fontSize: 11, valign: 'top', lang });
    addChart(
      slide,
      chartsById(f.indicator.id).find((c) => c.kind === 'position') ?? chartsById(f.indicator.id)[0],
      1.9,
    );
    const row = rowsById.get(f.indicator.id);
    slide.addNotes(row ? notesOf([row], model) : f.citation);
  };
  for (const f of model.strengths) pointSlide(f, pl ? 'Mocna strona' : 'Strong point');
  for (const f of model.weaknesses) pointSlide(f, pl ? 'Słaba strona' : 'Weak point');

  for (const section of model.sections) {
    const slide = pptx.addSlide();
    slide.addText(section.title, { ...TEXT, x: 0.5, y: 0.2, w: 9, h: 0.7, fontSize: 22, bold: true, lang });
    const counts = model.diagnosis.areas.find((a) => a.id === section.id)?.counts;
    const sentence = counts
      ? pl
        ? `Mocne strony: ${counts.strong}, słabe strony: ${counts.weak}, w środku zbioru: ${counts.middle}, opisane bez oceny: ${counts.described}, bez danych: ${counts.missing}.`
        : `Strong points: ${counts.strong}, weak points: ${counts.weak}, middle of the set: ${counts.middle}, described without a rating: ${counts.described}, no data: ${counts.missing}.`
      : '';
    slide.addText(sentence, { ...TEXT, x: 0.5, y: 0.9, w: 9, h: 0.6, fontSize: 13, lang });
    const judged =
      section.rows.find((r) => r.finding.kind === 'strong' || r.finding.kind === 'weak') ?? section.rows[0];
    addChart(
      slide,
      section.charts.find((c) => c.indicatorId === judged?.finding.indicator.id) ?? section.charts[0],
      1.6,
    );
    slide.addNotes(notesOf(section.rows, model));
  }
  return (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
}

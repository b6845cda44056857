/**
 * The portal's chart styles for documents: the `svg.chart` rules of web/static/css/30-indicator.css with the
 * colour variables of 00-base.css written out, so a chart looks the same in the PDF (inline SVG in HTML) and
 * as a PNG in DOCX and PPTX (resvg reads a <style> element but not CSS variables).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CSS_DIR = join(fileURLToPath(new URL('../..', import.meta.url)), 'web', 'static', 'css');

function chartCss(): string {
  const base = readFileSync(join(CSS_DIR, '00-base.css'), 'utf-8');
  const charts = readFileSync(join(CSS_DIR, '30-indicator.css'), 'utf-8');
  const vars = new Map([...base.matchAll(/(--[a-z0-9-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2]?.trim()]));
  const rules = [...charts.matchAll(/(^|\n)(svg\.chart[^{]*\{[^}]*\})/g)].map((m) => m[2]).join('\n');
  return (
    'svg.chart text { font-family: "Noto Sans", "DejaVu Sans", sans-serif; }\n' +
    rules.replace(/var\((--[a-z0-9-]+)\)/g, (_, name: string) => vars.get(name) ?? '#000')
  );
}

export const CHART_CSS = chartCss();

/** An inline chart as a standalone SVG file (namespace, pixel size, its styles) for rasterising. */
export function standaloneSvg(svg: string): { svg: string; width: number; height: number } {
  const box = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(svg);
  const [width, height] = box ? [Number(box[1]), Number(box[2])] : [640, 260];
  // The chart stays an <svg class="chart"> nested in the file's root, so the `svg.chart` rules apply.
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><style>${CHART_CSS}</style>${svg.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"')}</svg>`,
    width,
    height,
  };
}

/**
 * The distribution of a set's values as a histogram (d3-array's bins on round thresholds), with the set's
 * median and the chosen unit marked by labelled lines: the unit is named in text on the chart, not shown
 * by colour alone. The bins' counts are also returned for the table that goes with the chart.
 */
import { bin, extent, nice, ticks } from 'd3-array';
import { formatNumber, type Lang } from '../format.js';
import { html, type Html } from '../html.js';
import { linearScale, px, tickDecimals, valueAxis } from './axes.js';

export interface HistogramBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

export function histogramBins(values: readonly number[], count = 20): HistogramBin[] {
  const [lo, hi] = extent(values.filter(Number.isFinite));
  if (lo === undefined || hi === undefined) return [];
  if (lo === hi) return [{ from: lo, to: hi, count: values.length }];
  // Round edges (0–500, 500–1000…) rather than the data's extremes, so the bins read as ranges.
  const [from, to] = nice(lo, hi, count);
  return bin()
    .domain([from, to])
    .thresholds(ticks(from, to, count))([...values])
    .filter((b) => b.x0 !== undefined && b.x1 !== undefined)
    .map((b) => ({ from: b.x0 as number, to: b.x1 as number, count: b.length }));
}

export interface HistogramOptions {
  readonly bins: readonly HistogramBin[];
  readonly lang: Lang;
  readonly decimals: number;
  readonly measureUnit: string;
  readonly median: number | null;
  readonly marker?: { readonly label: string; readonly value: number } | undefined;
  readonly label: string;
  readonly medianLabel: string;
}

/**
 * Average advance of a label's character in viewBox units: labels are 12 units (30-indicator.css), and a
 * bold sans-serif glyph of Polish names and digits averages ~0.6 em; rounded up so the estimate errs wide.
 */
const CHAR_WIDTH = 7.5;

/**
 * Where a line's label goes so it stays inside the drawing (0..width): beside the line on its right
 * (`start`) if it fits there, else on its left (`end`), else against the right edge. The SVG clips nothing
 * by itself, but on a phone the figure scrolls and the page around it cuts what lies past the viewBox.
 */
export function labelPlacement(
  at: number,
  text: string,
  width: number,
): { x: number; anchor: 'start' | 'end' } {
  const textWidth = text.length * CHAR_WIDTH;
  if (at + 4 + textWidth <= width) return { x: at + 4, anchor: 'start' };
  if (at - 4 - textWidth >= 0) return { x: at - 4, anchor: 'end' };
  return { x: width, anchor: 'end' };
}

export function histogram(options: HistogramOptions): Html {
  const { bins, lang, decimals, measureUnit, median, marker, label, medianLabel } = options;
  if (bins.length === 0) return html``;
  const [width, height, left, right, top, bottom] = [640, 240, 48, 28, 28, 40];
  const first = bins[0] as HistogramBin;
  const last = bins[bins.length - 1] as HistogramBin;
  const x = linearScale(first.from, last.to, left, width - right, 8);
  const y = linearScale(0, Math.max(...bins.map((b) => b.count)), height - bottom, top, 4);
  const xd = tickDecimals(x.ticks);
  const markerX = marker ? x(marker.value) : null;
  const inBin = (b: HistogramBin) =>
    marker !== undefined && marker.value >= b.from && (marker.value < b.to || b === last);
  const vline = (at: number, cls: string, text: string, anchorTop: number) => {
    const { x: textX, anchor } = labelPlacement(at, text, width);
    return html`<line x1="${px(at)}" x2="${px(at)}" y1="${top - 4}" y2="${height - bottom}" class="${cls}" />
      <text x="${px(textX)}" y="${anchorTop}" text-anchor="${anchor}" class="${cls}-label">${text}</text>`;
  };
  return html`<svg class="chart histogram" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}">
    ${valueAxis(y, left, width - right, lang)}
    <g class="bars">
      ${bins.map(
        (b) =>
          html`<rect
            x="${px(x(b.from) + 0.5)}"
            y="${px(y(b.count))}"
            width="${px(Math.max(0.5, x(b.to) - x(b.from) - 1))}"
            height="${px(y(0) - y(b.count))}"
            class="${inBin(b) ? 'bar unit-bin' : 'bar'}"
          />`,
      )}
    </g>
    <g class="axis x">
      ${x.ticks.map(
        (t) =>
          html`<text x="${px(x(t))}" y="${height - bottom + 16}" text-anchor="middle"
            >${formatNumber(t, xd, lang)}</text
          >`,
      )}
      <text x="${width - right}" y="${height - 6}" text-anchor="end" class="axis-title">${measureUnit}</text>
    </g>
    ${median !== null ? vline(x(median), 'median', `${medianLabel}: ${formatNumber(median, decimals, lang)}`, 12) : ''}
    ${
      marker && markerX !== null
        ? vline(markerX, 'marker', `${marker.label}: ${formatNumber(marker.value, decimals, lang)}`, 24)
        : ''
    }
  </svg>`;
}

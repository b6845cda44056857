/**
 * A unit's values over the years against its comparison set: the set's Q1–Q3 band (shaded), its median
 * (dashed) and the unit (solid, with dots). The lines differ by pattern as well as colour and are named at
 * their ends, so the chart reads without colour; the page gives the same numbers as a table.
 */
import { formatNumber, type Lang } from '../format.js';
import { html, raw, type Html } from '../html.js';
import { linearScale, px, valueAxis } from './axes.js';

export interface SeriesPoint {
  readonly year: number;
  readonly value: number | null;
  readonly median: number | null;
  readonly q1: number | null;
  readonly q3: number | null;
  /** Poland's value in the year (the reference line), when the indicator is published for the country. */
  readonly reference?: number | null;
}

export interface TimeSeriesOptions {
  readonly points: readonly SeriesPoint[];
  readonly lang: Lang;
  readonly decimals: number;
  readonly unitLabel: string;
  readonly medianLabel: string;
  /** The end label of the reference line (Poland). */
  readonly referenceLabel?: string;
  readonly label: string;
}

/** A line through the known points; a missing year breaks it. */
function line(points: ReadonlyArray<readonly [number, number | null]>): string {
  let d = '';
  let pen = false;
  for (const [x, y] of points) {
    if (y === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${px(x)},${px(y)}`;
    pen = true;
  }
  return d;
}

// Over 80 lines: one SVG drawn in order (scales, axes, series, markers, labels) over shared scales.
export function timeSeries(options: TimeSeriesOptions): Html {
  const { points, lang, decimals, unitLabel, medianLabel, label } = options;
  const numbers = points
    .flatMap((p) => [p.value, p.q1, p.q3, p.median, p.reference ?? null])
    .filter((v): v is number => v !== null);
  if (points.length === 0 || numbers.length === 0) return html``;
  const [width, height, left, right, top, bottom] = [640, 260, 56, 120, 16, 32];
  const years = points.map((p) => p.year);
  const x = linearScale(Math.min(...years), Math.max(...years), left, width - right, years.length);
  const y = linearScale(Math.min(...numbers), Math.max(...numbers), height - bottom, top, 5);
  const at = (p: SeriesPoint, v: number | null) => [x(p.year), v === null ? null : y(v)] as const;
  const banded = points.filter((p) => p.q1 !== null && p.q3 !== null);
  const band =
    banded.length > 1
      ? `M${banded.map((p) => `${px(x(p.year))},${px(y(p.q3 as number))}`).join('L')}L${[...banded]
          .reverse()
          .map((p) => `${px(x(p.year))},${px(y(p.q1 as number))}`)
          .join('L')}Z`
      : '';
  const lastOf = (pick: (p: SeriesPoint) => number | null) => {
    for (let i = points.length - 1; i >= 0; i--) {
      const p = points[i] as SeriesPoint;
      const v = pick(p);
      if (v !== null) return { p, v };
    }
    return null;
  };
  const endUnit = lastOf((p) => p.value);
  const endMedian = lastOf((p) => p.median);
  const endReference = lastOf((p) => p.reference ?? null);
  // Keep the two end labels apart when the lines end close together.
  let unitY = endUnit ? y(endUnit.v) : 0;
  let medianY = endMedian ? y(endMedian.v) : 0;
  if (endUnit && endMedian && Math.abs(unitY - medianY) < 14) {
    const mid = (unitY + medianY) / 2;
    const up = unitY <= medianY;
    unitY = mid + (up ? -7 : 7);
    medianY = mid + (up ? 7 : -7);
  }
  // The reference's label moves off the other two when it would overlap them.
  const referenceY = (v: number): number => {
    let at = y(v);
    for (const taken of [endUnit ? unitY : null, endMedian ? medianY : null]) {
      if (taken !== null && Math.abs(at - taken) < 14) at = taken + (at <= taken ? -14 : 14);
    }
    return at;
  };
  return html`<svg
    class="chart time-series"
    viewBox="0 0 ${width} ${height}"
    role="img"
    aria-label="${label}"
  >
    ${valueAxis(y, left, width - right, lang)}
    <g class="axis x">
      ${points.map(
        (p, i) =>
          html`${
            points.length <= 12 || i % 2 === 0
              ? html`<text x="${px(x(p.year))}" y="${height - bottom + 18}" text-anchor="middle"
                  >${p.year}</text
                >`
              : ''
          }`,
      )}
    </g>
    ${band ? html`<path class="iqr" d="${raw(band)}" />` : ''}
    <path class="median-line" d="${raw(line(points.map((p) => at(p, p.median))))}" />
    ${
      endReference
        ? html`<path
            class="reference-line"
            d="${raw(line(points.map((p) => at(p, p.reference ?? null))))}"
          />`
        : ''
    }
    <path class="unit-line" d="${raw(line(points.map((p) => at(p, p.value))))}" />
    ${points
      .filter((p) => p.value !== null)
      .map(
        (p) =>
          html`<circle class="unit-dot" cx="${px(x(p.year))}" cy="${px(y(p.value as number))}" r="3.5" />`,
      )}
    ${
      endUnit
        ? html`<text class="end-label end-unit" x="${px(x(endUnit.p.year) + 8)}" y="${px(unitY)}" dy="0.32em"
            >${unitLabel} ${formatNumber(endUnit.v, decimals, lang)}</text
          >`
        : ''
    }
    ${
      endReference
        ? html`<text
            class="end-label end-reference"
            x="${px(x(endReference.p.year) + 8)}"
            y="${px(referenceY(endReference.v))}"
            dy="0.32em"
            >${options.referenceLabel ?? ''} ${formatNumber(endReference.v, decimals, lang)}</text
          >`
        : ''
    }
    ${
      endMedian
        ? html`<text
            class="end-label end-median"
            x="${px(x(endMedian.p.year) + 8)}"
            y="${px(medianY)}"
            dy="0.32em"
            >${medianLabel} ${formatNumber(endMedian.v, decimals, lang)}</text
          >`
        : ''
    }
  </svg>`;
}

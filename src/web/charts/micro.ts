/**
 * The unit page's small charts, one per indicator row: a trend line of the unit's series and a band of the
 * comparison set (min–max line, Q1–Q3 box, median tick, the unit's dot). Both are decorative beside the
 * row's numbers, which the same row states as text, so the trend carries a short text alternative and the
 * band is hidden from assistive technology.
 */
import { html, raw, type Html } from '../html.js';

const round = (n: number): string => (Math.round(n * 10) / 10).toString();

/** A trend line of (year, value) points; null values break the line. */
export function sparkline(
  points: ReadonlyArray<{ year: number; value: number | null }>,
  label: string,
  width = 96,
  height = 24,
): Html {
  const known = points.filter((p): p is { year: number; value: number } => p.value !== null);
  if (known.length < 2) return html``;
  const years = known.map((p) => p.year);
  const values = known.map((p) => p.value);
  const [x0, x1] = [Math.min(...years), Math.max(...years)];
  const [y0, y1] = [Math.min(...values), Math.max(...values)];
  const x = (year: number) => 2 + ((year - x0) / Math.max(1, x1 - x0)) * (width - 4);
  const y = (value: number) =>
    y1 === y0 ? height / 2 : height - 2 - ((value - y0) / (y1 - y0)) * (height - 4);
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.value === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${round(x(p.year))},${round(y(p.value))}`;
    pen = true;
  }
  const last = known[known.length - 1] as { year: number; value: number };
  return html`<svg
    class="spark"
    viewBox="0 0 ${width} ${height}"
    width="${width}"
    height="${height}"
    role="img"
    aria-label="${label}"
  >
    <path d="${raw(d)}" fill="none" stroke="currentColor" stroke-width="1.5" />
    <circle cx="${round(x(last.year))}" cy="${round(y(last.value))}" r="2.5" fill="currentColor" />
  </svg>`;
}

export interface BandStatistics {
  readonly min: number | null;
  readonly max: number | null;
  readonly q1: number | null;
  readonly median: number | null;
  readonly q3: number | null;
}

/** The set's spread with the unit's value on it (aria-hidden: the row states the same numbers). */
export function band(
  statistics: BandStatistics,
  value: number | null,
  positionClass: string,
  width = 120,
): Html {
  const { min, max, q1, median, q3 } = statistics;
  if (min === null || max === null || q1 === null || q3 === null || median === null) return html``;
  const lo = Math.min(min, value ?? min);
  const hi = Math.max(max, value ?? max);
  const x = (v: number) => (hi === lo ? width / 2 : 4 + ((v - lo) / (hi - lo)) * (width - 8));
  return html`<svg
    class="band"
    viewBox="0 0 ${width} 20"
    width="${width}"
    height="20"
    aria-hidden="true"
    focusable="false"
  >
    <line x1="${round(x(min))}" x2="${round(x(max))}" y1="10" y2="10" class="band-range" />
    <rect
      x="${round(x(q1))}"
      y="4"
      width="${round(Math.max(1, x(q3) - x(q1)))}"
      height="12"
      class="band-iqr"
    />
    <line x1="${round(x(median))}" x2="${round(x(median))}" y1="2" y2="18" class="band-median" />
    ${value === null ? '' : html`<circle cx="${round(x(value))}" cy="10" r="4.5" class="band-unit pos-fill-${positionClass}" />`}
  </svg>`;
}

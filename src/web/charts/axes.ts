/**
 * Linear scales and axis labels shared by the portal's SVG charts. Ticks come from d3-array (round steps:
 * 1, 2, 5 × 10ⁿ), labels in the page's number format; the charts' numbers are also in tables beside them.
 */
import { nice, ticks } from 'd3-array';
import { formatNumber, type Lang } from '../format.js';
import { html, type Html } from '../html.js';

export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
}

/** A linear scale from a domain (widened to round numbers) to a pixel range. */
export function linearScale(lo: number, hi: number, from: number, to: number, count = 5): Scale {
  const [a, b] = lo === hi ? [lo - 1, hi + 1] : nice(lo, hi, count);
  const scale = ((value: number) => from + ((value - a) / (b - a)) * (to - from)) as Scale;
  return Object.assign(scale, { domain: [a, b] as const, ticks: ticks(a, b, count) });
}

/** Decimals enough to tell the ticks apart (step 0.5 → 1, step 20 → 0). */
export function tickDecimals(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const step = Math.abs((values[1] as number) - (values[0] as number));
  return step >= 1 || step === 0 ? 0 : Math.min(4, Math.ceil(-Math.log10(step)));
}

export const px = (n: number): string => (Math.round(n * 10) / 10).toString();

/** Horizontal grid lines with the value axis labels on the left. */
export function valueAxis(y: Scale, left: number, right: number, lang: Lang): Html {
  const d = tickDecimals(y.ticks);
  return html`<g class="axis y">
    ${y.ticks.map(
      (t) =>
        html`<line x1="${left}" x2="${right}" y1="${px(y(t))}" y2="${px(y(t))}" class="grid" />
          <text x="${left - 6}" y="${px(y(t))}" dy="0.32em" text-anchor="end"
            >${formatNumber(t, d, lang)}</text
          >`,
    )}
  </g>`;
}

/**
 * The compare page's charts, inline SVG drawn on the server: a horizontal bar chart of one indicator (one
 * bar per unit, the unit's name and the value with its measure unit written above each bar) and a
 * multi-line trend of the same units over the years (each line with its own dash pattern and its unit's
 * name written at its end). Nothing is said by colour alone, every colour reaches 3:1 against white
 * (WCAG 2.1 AA, non-text contrast), and each chart is `role="img"` named by its caption and described by
 * a table with the same numbers (`aria-describedby`).
 */
import { html, raw, type Html } from '../html.js';

/** Line colours, each at least 3:1 against white (checked in test/portal-compare.test.ts). */
export const PALETTE = [
  '#0b57a4',
  '#b42318',
  '#1a7f37',
  '#6b4fa0',
  '#9a5b00',
  '#0e7490',
  '#be185d',
  '#4d5661',
  '#1b1f24',
  '#c2410c',
] as const;

/** Dash patterns of the trend lines, one per unit (solid first): lines differ without colour. */
export const DASHES = [
  '',
  '8 4',
  '2 3',
  '10 3 2 3',
  '4 4',
  '14 4',
  '2 7',
  '6 2 2 2 2 2',
  '1 2',
  '16 3 4 3',
] as const;

export const BAR_COLOUR = '#0b57a4';
const TEXT = '#1b1f24';
const MUTED = '#4d5661';
const AXIS = '#8a939e';

const round = (n: number): string => (Math.round(n * 10) / 10).toString();
/** A rough width of text in the charts' sans-serif at `size` px (for truncating names, not layout). */
const textWidth = (text: string, size: number): number => text.length * size * 0.58;

function fit(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  const chars = Math.max(3, Math.floor(width / (size * 0.58)) - 1);
  return `${text.slice(0, chars)}…`;
}

export interface Bar {
  /** The unit's name, written above its bar. */
  readonly label: string;
  readonly value: number | null;
  /** The value as people read it ("779 115 osób"), or why it is missing. */
  readonly text: string;
}

export interface ChartNames {
  /** Id of the element naming the chart (its caption). */
  readonly labelledBy: string;
  /** Id of the table with the same numbers. */
  readonly describedBy: string;
}

/** One bar per unit, zero-based (bars go left of the zero line for negative values). */
export function barChart(bars: readonly Bar[], names: ChartNames, width = 360): Html {
  const size = 14;
  const rowHeight = 42;
  const barHeight = 12;
  const top = 4;
  const height = top + bars.length * rowHeight;
  const values = bars.flatMap((b) => (b.value === null ? [] : [b.value]));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const x = (v: number) => (hi === lo ? 0 : ((v - lo) / (hi - lo)) * (width - 2) + 1);
  const zero = x(0);
  const rows = bars.map((bar, i) => {
    const y = top + i * rowHeight;
    const valueWidth = textWidth(bar.text, size);
    const name = fit(bar.label, Math.max(40, width - valueWidth - 12), size);
    const barX = bar.value === null ? zero : Math.min(zero, x(bar.value));
    const barWidth = bar.value === null ? 0 : Math.max(1, Math.abs(x(bar.value) - zero));
    return html`<g>
      <text x="0" y="${y + size}" font-size="${size}" fill="${TEXT}">${name}</text>
      <text
        x="${width}"
        y="${y + size}"
        font-size="${size}"
        text-anchor="end"
        fill="${bar.value === null ? MUTED : TEXT}"
        font-weight="${bar.value === null ? 400 : 600}"
      >
        ${bar.text}
      </text>
      ${
        bar.value === null
          ? ''
          : html`<rect
              x="${round(barX)}"
              y="${y + size + 6}"
              width="${round(barWidth)}"
              height="${barHeight}"
              fill="${BAR_COLOUR}"
            />`
      }
    </g>`;
  });
  return html`<svg
    class="bars"
    viewBox="0 0 ${width} ${height}"
    width="${width}"
    height="${height}"
    role="img"
    aria-labelledby="${names.labelledBy}"
    aria-describedby="${names.describedBy}"
  >
    ${
      lo < 0
        ? html`<line x1="${round(zero)}" x2="${round(zero)}" y1="0" y2="${height}" stroke="${AXIS}" />`
        : ''
    }
    ${rows}
  </svg>`;
}

export interface Line {
  readonly label: string;
  readonly points: ReadonlyArray<{ year: number; value: number | null }>;
}

/** About four round steps between lo and hi (1, 2 or 5 × 10^n). */
export function niceTicks(lo: number, hi: number): { ticks: number[]; decimals: number } {
  if (hi === lo)
    return { ticks: [lo], decimals: Math.max(0, -Math.floor(Math.log10(Math.abs(lo) || 1)) + 1) };
  const rough = (hi - lo) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(v);
  if ((ticks[0] ?? lo) > lo) ticks.unshift((ticks[0] ?? lo) - step);
  if ((ticks.at(-1) ?? hi) < hi) ticks.push((ticks.at(-1) ?? hi) + step);
  return { ticks, decimals: Math.max(0, -Math.floor(Math.log10(step))) };
}

/**
 * One line per unit over the years; a missing value breaks its line. The name of each unit is written at
 * the end of its line (moved apart when ends are close, with a short leader back to the line).
 */
// Over 80 lines: one SVG drawn in order (scales, axes, lines, end labels moved apart, table link) over shared scales.
export function trendChart(
  lines: readonly Line[],
  names: ChartNames,
  formatTick: (value: number, decimals: number) => string,
  width = 360,
  height = 210,
): Html {
  const size = 12;
  const known = lines.flatMap((l) =>
    l.points.filter((p): p is { year: number; value: number } => p.value !== null),
  );
  if (known.length === 0) return html``;
  const years = [...new Set(lines.flatMap((l) => l.points.map((p) => p.year)))].sort((a, b) => a - b);
  const { ticks, decimals } = niceTicks(
    Math.min(...known.map((p) => p.value)),
    Math.max(...known.map((p) => p.value)),
  );
  const [y0, y1] = [ticks[0] as number, ticks.at(-1) as number];
  const labelsWidth = Math.max(...ticks.map((v) => textWidth(formatTick(v, decimals), size)));
  const left = Math.ceil(labelsWidth) + 8;
  const right = 100;
  const top = 8;
  const bottom = 22;
  const [x0, x1] = [years[0] as number, years.at(-1) as number];
  const x = (year: number) => left + (x1 === x0 ? 0.5 : (year - x0) / (x1 - x0)) * (width - left - right);
  const y = (value: number) =>
    y1 === y0
      ? (top + height - bottom) / 2
      : height - bottom - ((value - y0) / (y1 - y0)) * (height - top - bottom);
  // Year labels: every `every`-th year and the last one, none closer to the last than `every` years.
  const every = Math.ceil(years.length / 6);
  const labelled = (i: number) =>
    i === years.length - 1 || (i % every === 0 && years.length - 1 - i >= every);
  const grid = html`${ticks.map(
    (v) =>
      html`<line
          x1="${left}"
          x2="${width - right}"
          y1="${round(y(v))}"
          y2="${round(y(v))}"
          stroke="#d5dae0"
        />
        <text x="${left - 6}" y="${round(y(v) + 4)}" font-size="${size}" text-anchor="end" fill="${MUTED}">
          ${formatTick(v, decimals)}
        </text>`,
  )}
  ${years.map((year, i) =>
    labelled(i)
      ? html`<text
          x="${round(x(year))}"
          y="${height - 6}"
          font-size="${size}"
          text-anchor="middle"
          fill="${MUTED}"
        >
          ${year}
        </text>`
      : '',
  )}`;
  const ends: Array<{ index: number; x: number; y: number; labelY: number }> = [];
  const paths = lines.map((line, index) => {
    let d = '';
    let pen = false;
    let last: { year: number; value: number } | null = null;
    for (const p of line.points) {
      if (p.value === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${round(x(p.year))},${round(y(p.value))}`;
      pen = true;
      last = { year: p.year, value: p.value };
    }
    if (last === null) return '';
    ends.push({ index, x: x(last.year), y: y(last.value), labelY: y(last.value) });
    const colour = PALETTE[index % PALETTE.length] as string;
    const dash = DASHES[index % DASHES.length] as string;
    const single = line.points.filter((p) => p.value !== null).length === 1;
    return html`<path
        d="${raw(d)}"
        fill="none"
        stroke="${colour}"
        stroke-width="2.5"
        ${dash ? html`stroke-dasharray="${dash}"` : ''}
      />
      ${single ? html`<circle cx="${round(x(last.year))}" cy="${round(y(last.value))}" r="3" fill="${colour}" />` : ''}`;
  });
  // Labels at the line ends, pushed apart so that none overlaps another.
  const gap = size + 2;
  ends.sort((a, b) => a.y - b.y);
  ends.forEach((end, i) => {
    const previous = ends[i - 1];
    end.labelY = Math.max(end.y, previous ? previous.labelY + gap : top + size / 2);
  });
  const overflow = (ends.at(-1)?.labelY ?? 0) - (height - bottom);
  if (overflow > 0) {
    for (let i = ends.length - 1; i >= 0; i--) {
      const end = ends[i] as (typeof ends)[number];
      const below = ends[i + 1];
      end.labelY = Math.min(end.labelY - overflow, below ? below.labelY - gap : Infinity);
    }
  }
  const labels = ends.map((end) => {
    const colour = PALETTE[end.index % PALETTE.length] as string;
    const name = fit((lines[end.index] as Line).label, right - 16, size);
    return html`<line
        x1="${round(end.x + 2)}"
        y1="${round(end.y)}"
        x2="${round(width - right + 8)}"
        y2="${round(end.labelY)}"
        stroke="${colour}"
        stroke-width="1"
      />
      <text
        x="${round(width - right + 10)}"
        y="${round(end.labelY + 4)}"
        font-size="${size}"
        fill="${colour}"
      >
        ${name}
      </text>`;
  });
  return html`<svg
    class="trend"
    viewBox="0 0 ${width} ${height}"
    width="${width}"
    height="${height}"
    role="img"
    aria-labelledby="${names.labelledBy}"
    aria-describedby="${names.describedBy}"
  >
    ${grid} ${paths} ${labels}
  </svg>`;
}

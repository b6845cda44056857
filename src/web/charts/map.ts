/**
 * Choropleth maps drawn on the server as inline SVG: no tiles, no map library in the browser, so a map of
 * all 2,477 gminy is part of the page's first HTML and draws as soon as it arrives.
 *
 * The boundary layer (the API's TopoJSON under current codes) is simplified with topojson-simplify, which
 * keeps shared borders shared (no slivers between neighbours), projected once with an equal-area conic
 * fitted to Poland and kept as path strings; a page then only picks each shape's class. The numbers of a
 * map are never only in its colours: the page shows them in the ranking table, and the legend is text.
 */
import { withUnit } from '../measure-unit.js';
import { geoConicEqualArea, geoPath, geoTransform } from 'd3-geo';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { formatNumber, type Lang } from '../format.js';
import { escapeHtml, html, raw, type Html } from '../html.js';

export interface MapShape {
  readonly code: string;
  readonly name: string;
  /** SVG path data in the map's pixel space. */
  readonly d: string;
}

export interface MapGeometry {
  readonly width: number;
  readonly height: number;
  readonly shapes: readonly MapShape[];
  /** Borders of the level above (województwa over powiaty and gminy), drawn over the fills for orientation. */
  readonly outline: string;
}

type Properties = { code: string; name: string };
type Shape = Feature<Polygon | MultiPolygon, Properties>;

/**
 * Share of vertices kept. Measured on the gminy layer at 640 px: 10% keeps every gmina recognisable, with a
 * weight threshold of about 4 px² of triangle area, and gives ~230 KB of path data (48 KB gzipped) instead of
 * several MB.
 */
const KEEP = 0.1;

/** Projects a level's TopoJSON (object named after the level) to SVG paths `width` pixels wide. */
export function projectLayer(topology: Topology, level: string, width = 640): MapGeometry {
  const prepared = presimplify(topology as Topology<Record<string, GeometryCollection<Properties>>>);
  const simple = simplify(prepared, quantile(prepared, KEEP));
  const object = simple.objects[level] as GeometryCollection<Properties> | undefined;
  if (!object) throw new Error(`The boundary topology has no object "${level}".`);
  const shapes = feature(simple, object) as FeatureCollection<Polygon | MultiPolygon, Properties>;
  // Poland spans ~49–55° N and ~14–24° E: standard parallels at 1/6 and 5/6 of that range, centred on 19° E.
  const projection = geoConicEqualArea().parallels([50, 54]).rotate([-19.2, 0]);
  // Fitted to the borders (lines) and drawn through a planar transform: d3-geo's spherical polygons need
  // clockwise rings, and one ring wound the other way would otherwise fill the whole globe.
  projection.fitWidth(width - 8, mesh(simple, object));
  const planar = geoTransform({
    point(x, y) {
      const p = projection([x, y]);
      if (p) this.stream.point(p[0], p[1]);
    },
  });
  const path = geoPath(planar).digits(1);
  const [[, y0], [, y1]] = path.bounds(mesh(simple, object));
  projection.translate([projection.translate()[0] + 4, projection.translate()[1] - y0 + 4]);
  const height = Math.ceil(y1 - y0 + 8);
  const parentLength = level === 'gmina' || level === 'powiat' ? 2 : 0;
  const borders: MultiLineString | null =
    parentLength > 0
      ? mesh(simple, object, (a, b) => a !== b && codeOf(a).slice(0, 2) !== codeOf(b).slice(0, 2))
      : null;
  return {
    width,
    height,
    shapes: shapes.features.map((f: Shape) => ({
      code: f.properties.code,
      name: f.properties.name,
      d: path(f) ?? '',
    })),
    outline: borders ? (path(borders) ?? '') : '',
  };
}

const codeOf = (geometry: { properties?: unknown }): string =>
  (geometry.properties as Properties | undefined)?.code ?? '';

export interface MapClass {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/** Fills of the classes, light to dark (ColorBrewer Blues, 5 classes); classes are shown by text too. */
export const CLASS_FILLS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;

/**
 * Quantile classes (equal counts) of the values, at most five; fewer when the values have fewer distinct
 * breaks. A value equal to a break falls in the upper class, as the legend's "from" says.
 */
export function quantileClasses(values: readonly number[]): MapClass[] {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const n = Math.min(CLASS_FILLS.length, sorted.length);
  const breaks: number[] = [];
  for (let i = 1; i < n; i++) {
    const b = sorted[Math.floor((i * sorted.length) / n)] as number;
    if (b > (breaks[breaks.length - 1] ?? (sorted[0] as number))) breaks.push(b);
  }
  const edges = [sorted[0] as number, ...breaks, sorted[sorted.length - 1] as number];
  const classes = edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1] as number, count: 0 }));
  for (const v of sorted) (classes[classIndex(classes, v)] as { count: number }).count++;
  return classes;
}

export function classIndex(classes: readonly MapClass[], value: number): number {
  for (let i = classes.length - 1; i > 0; i--) if (value >= (classes[i] as MapClass).from) return i;
  return 0;
}

export interface ChoroplethOptions {
  readonly geometry: MapGeometry;
  readonly values: ReadonlyMap<string, number | null>;
  readonly classes: readonly MapClass[];
  readonly lang: Lang;
  readonly decimals: number;
  readonly measureUnit: string;
  /** The unit outlined on the map. */
  readonly highlight?: string | undefined;
  /** Units whose value is suspect (a plausibility rule broken): drawn like no data, the value in the title. */
  readonly excluded?: ReadonlySet<string>;
  /** Text alternative of the whole map (the numbers themselves are in a table on the page). */
  readonly label: string;
  /**
   * Only these units are part of the map's story (a ranking filtered to a voivodeship or a set): the others
   * are drawn pale, without a value, and the view is cropped to the shown ones.
   */
  readonly only?: ReadonlySet<string> | undefined;
  /** A standalone SVG file (its own namespace and colours) rather than markup inside a page. */
  readonly standalone?: boolean;
}

/** The bounding box of path data made of absolute coordinates (d3-geo's output: M, L and Z only). */
export function pathBounds(paths: readonly string[]): [number, number, number, number] | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const d of paths) {
    for (const match of d.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)) {
      const x = Number(match[1]);
      const y = Number(match[2]);
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x0 <= x1 ? [x0, y0, x1, y1] : null;
}

/** Colours for a standalone SVG (an <img> does not see the page's style sheet). */
const STANDALONE_STYLE = `${CLASS_FILLS.map((fill, i) => `.c${i}{fill:${fill}}`).join('')}.nd{fill:url(#hatch)}.out{fill:#e5e7eb}.shapes path{stroke:#fff;stroke-width:.3}.outline{fill:none;stroke:#1b1f24;stroke-width:.9;stroke-linejoin:round}.highlight path{stroke:#000;stroke-width:2.5}`;

const NO_DATA = { pl: 'brak danych', en: 'no data' };
const SUSPECT = {
  pl: 'wartość podejrzana, pominięta w klasach',
  en: 'suspect value, left out of the classes',
};

export function choropleth(options: ChoroplethOptions): Html {
  const { geometry, values, classes, lang, decimals, measureUnit, highlight, label, only } = options;
  const excluded = options.excluded ?? new Set<string>();
  const fillClass = (code: string): string => {
    if (only && !only.has(code)) return 'out';
    const v = values.get(code);
    return v === null || v === undefined || excluded.has(code) ? 'nd' : `c${classIndex(classes, v)}`;
  };
  const titleOf = (shape: MapShape): string => {
    const v = values.get(shape.code);
    const text = v === null || v === undefined ? NO_DATA[lang] : withUnit(v, decimals, measureUnit, lang);
    return `${shape.name}: ${text}${excluded.has(shape.code) ? ` (${SUSPECT[lang]})` : ''}`;
  };
  // One string join instead of nested templates: thousands of shapes, and the path data is ours (numbers).
  let paths = '';
  let top = '';
  for (const shape of geometry.shapes) {
    const title = only && !only.has(shape.code) ? shape.name : titleOf(shape);
    const element = `<path d="${shape.d}" class="${fillClass(shape.code)}"><title>${escapeHtml(title)}</title></path>`;
    if (shape.code === highlight) top = element.replace('class="', 'class="hl ');
    else paths += element;
  }
  const bounds = only ? pathBounds(geometry.shapes.filter((s) => only.has(s.code)).map((s) => s.d)) : null;
  const viewBox = bounds
    ? `${bounds[0] - 4} ${bounds[1] - 4} ${bounds[2] - bounds[0] + 8} ${bounds[3] - bounds[1] + 8}`
    : `0 0 ${geometry.width} ${geometry.height}`;
  const [, , w = geometry.width, h = geometry.height] = viewBox.split(' ').map(Number);
  return html`<svg
    ${options.standalone ? html`xmlns="http://www.w3.org/2000/svg" width="${Math.round(w)}" height="${Math.round(h)}"` : ''}
    class="choropleth"
    viewBox="${viewBox}"
    role="img"
    aria-label="${label}"
    preserveAspectRatio="xMidYMid meet"
  >
    ${
      options.standalone
        ? html`<style>
            ${raw(STANDALONE_STYLE)}
          </style>`
        : ''
    }
    <defs>
      <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#ffffff" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#6b7280" stroke-width="1.5" />
      </pattern>
    </defs>
    <g class="shapes">${raw(paths)}</g>
    ${geometry.outline ? html`<path class="outline" d="${raw(geometry.outline)}" />` : ''}
    ${top ? html`<g class="highlight">${raw(top)}</g>` : ''}
  </svg>`;
}

/** The legend as text: each class's range and count, a swatch beside it, and the hatch for no data. */
export function mapLegend(
  classes: readonly MapClass[],
  missing: number,
  lang: Lang,
  decimals: number,
  measureUnit: string,
  excluded = 0,
): Html {
  const n = (v: number) => formatNumber(v, decimals, lang);
  return html`<ul class="map-legend">
    ${classes.map(
      (c, i) =>
        html`<li>
          <span class="swatch c${i}" aria-hidden="true"></span>${n(c.from)} –
          ${withUnit(c.to, decimals, measureUnit, lang)}
          <span class="muted">(${c.count})</span>
        </li>`,
    )}
    ${
      missing > 0
        ? html`<li>
            <span class="swatch nd" aria-hidden="true"></span>${NO_DATA[lang]}
            <span class="muted">(${missing})</span>
          </li>`
        : ''
    }
    ${
      excluded > 0
        ? html`<li>
            <span class="swatch nd" aria-hidden="true"></span>${SUSPECT[lang]}
            <span class="muted">(${excluded})</span>
          </li>`
        : ''
    }
  </ul>`;
}

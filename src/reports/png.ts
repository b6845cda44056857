/**
 * Charts as PNG for DOCX and PPTX (Word and PowerPoint place raster images everywhere; SVG only in new
 * versions): the portal's SVG rasterised by resvg (@resvg/resvg-js) at twice its size, with system fonts
 * (DejaVu/Noto carry the Polish letters).
 */
import { Resvg } from '@resvg/resvg-js';
import { standaloneSvg } from './chart-style.js';

export interface Png {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

export function chartPng(svg: string, scale = 2): Png {
  const file = standaloneSvg(svg);
  const image = new Resvg(file.svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  }).render();
  return { data: image.asPng(), width: file.width, height: file.height };
}

// Renders a chart plan to a PNG: Chart.js on @napi-rs/canvas at 2x, the card drawn behind it.
import { createCanvas } from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { Chart } from 'chart.js';
import type { ChartItem } from 'chart.js';
import type { ChartPlan } from './base.ts';
import { cardPlugin } from './plugins.ts';
import { encodePng } from './png.ts';
import type { RgbaImage } from './png.ts';
import { setupCharts } from './setup.ts';
import { palette } from './theme.ts';
import type { RenderedChart, RenderOptions, Theme } from './types.ts';

export const DEFAULT_WIDTH = 800;
export const DEFAULT_HEIGHT = 400;
export const DEFAULT_PIXEL_RATIO = 2;

// The canvas is made once per device size and reused. A new one each render cost ~2 ms: Skia allocates a surface at
// the logical size, Chart.js then sets the height and the width to the device size, each setter a new surface, and
// the fresh memory is page-faulted in as it is drawn. Drawing and reading the pixels back are one synchronous
// stretch (only the PNG deflate waits), so renders never share the canvas mid-drawing. reset() before each render
// clears the pixels and every bit of drawing state (transform, clip, styles), as a new canvas would have them.
const MAX_KEPT = 4;
const surfaces = new Map<string, SKRSContext2D>();

function surface(width: number, height: number): SKRSContext2D {
  const key = `${width}x${height}`;
  let ctx = surfaces.get(key);
  if (ctx) {
    surfaces.delete(key); // re-inserted below as the most recently used
    ctx.reset();
  } else {
    ctx = createCanvas(width, height).getContext('2d');
    if (surfaces.size >= MAX_KEPT) surfaces.delete(surfaces.keys().next().value!);
  }
  surfaces.set(key, ctx);
  ctx.lang = 'en';
  return ctx;
}

/** Chart.js's size for the backing store: round1 then floor, as its retinaScale does. */
const deviceSize = (logical: number, ratio: number) => Math.floor(Math.round(logical * ratio * 10) / 10);

export async function renderPlan(
  plan: ChartPlan,
  theme: Theme,
  opts: Omit<RenderOptions, 'theme'> = {},
): Promise<RenderedChart> {
  setupCharts();
  const width = Math.round(opts.width ?? DEFAULT_WIDTH);
  const height = Math.round(opts.height ?? DEFAULT_HEIGHT);
  const pixelRatio = opts.pixelRatio ?? DEFAULT_PIXEL_RATIO;
  if (!(width > 0 && height > 0 && pixelRatio > 0))
    throw new RangeError(`bad chart size ${width}x${height}@${pixelRatio}`);
  const deviceWidth = deviceSize(width, pixelRatio);
  const deviceHeight = deviceSize(height, pixelRatio);
  const ctx = surface(deviceWidth, deviceHeight);
  // Chart.js sizes the chart from ctx.canvas (logical pixels), then sets that canvas's width and height to the
  // device size and scales the context by the ratio. It is given a stand-in to read and write those on, so the
  // reused canvas keeps its size; everything it draws still goes through ctx.
  const stand = { width, height, getContext: () => ctx };
  Object.defineProperty(ctx, 'canvas', { value: stand, configurable: true });
  const { config } = plan;
  const chart = new Chart(ctx as unknown as ChartItem, {
    ...config,
    options: {
      ...config.options,
      responsive: false,
      maintainAspectRatio: false,
      animation: false,
      devicePixelRatio: pixelRatio,
    },
    plugins: [cardPlugin(palette(theme)), ...(config.plugins ?? [])],
  });
  let image: RgbaImage;
  try {
    if (stand.width !== deviceWidth || stand.height !== deviceHeight)
      throw new Error(`Chart.js sized the chart ${stand.width}x${stand.height}, not ${deviceWidth}x${deviceHeight}`);
    image = ctx.getImageData(0, 0, deviceWidth, deviceHeight);
  } finally {
    chart.destroy();
  }
  const png = await encodePng(image);
  return { png, alt: plan.alt, width: image.width, height: image.height, pixelRatio };
}

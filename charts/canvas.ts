// Renders a chart plan to a PNG: Chart.js on @napi-rs/canvas at 2x, the card drawn behind it.
import { createCanvas } from '@napi-rs/canvas';
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
  // Chart.js sizes the chart from the canvas (logical pixels), then scales the backing store by the ratio.
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.lang = 'en';
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
    image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  } finally {
    chart.destroy();
  }
  const png = await encodePng(image);
  return { png, alt: plan.alt, width: image.width, height: image.height, pixelRatio };
}

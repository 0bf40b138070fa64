// One-time setup: the Chart.js pieces we use (tree-shaken) and the bundled Inter font, so text renders the
// same on a machine with no fonts installed. Every Inter subset is registered under one family: Skia falls
// back across them, so Latin, Latin Extended, Cyrillic, Greek and Vietnamese titles all render. (No CJK or
// emoji font is bundled: emoji are stripped from labels, CJK would need e.g. a Noto Sans CJK package.)
import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';
import {
  Chart,
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  SubTitle,
  Title,
} from 'chart.js';

export const FONT_FAMILY = 'Inter';

const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese'];

let done = false;

export function setupCharts(): void {
  if (done) return;
  done = true;
  Chart.register(
    BarController,
    BarElement,
    CategoryScale,
    Filler,
    Legend,
    LinearScale,
    LineController,
    LineElement,
    PointElement,
    SubTitle,
    Title,
  );
  const require = createRequire(import.meta.url);
  for (const subset of SUBSETS) {
    for (const weight of [400, 600]) {
      const file = require.resolve(`@fontsource/inter/files/inter-${subset}-${weight}-normal.woff2`);
      if (!GlobalFonts.registerFromPath(file, FONT_FAMILY)) throw new Error(`could not register font ${file}`);
    }
  }
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.font.size = 12;
}

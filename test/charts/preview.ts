// Writes one PNG per chart kind and theme (plus edge cases) to /tmp/pulse-charts/ for a visual check:
//   node test/charts/preview.ts [outDir]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from '../../charts/index.ts';
import type { ChartSpec, Theme } from '../../charts/types.ts';
import { allSpecs } from './fixtures.ts';
import { edgeSpecs } from './edge-fixtures.ts';

const out = process.argv[2] ?? '/tmp/pulse-charts';
mkdirSync(out, { recursive: true });

async function write(name: string, spec: ChartSpec, theme: Theme): Promise<void> {
  const chart = await renderChart(spec, { theme });
  const file = join(out, `${name}-${theme}.png`);
  writeFileSync(file, chart.png);
  console.log(
    `${file}  ${chart.width}x${chart.height}  ${Math.round(chart.png.length / 1024)} KiB\n  alt: ${chart.alt}`,
  );
}

for (const theme of ['dark', 'light'] as const) {
  for (const spec of allSpecs()) await write(spec.kind, spec, theme);
}
for (const [name, spec] of Object.entries(edgeSpecs())) await write(`edge-${name}`, spec, 'dark');

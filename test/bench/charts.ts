// Chart rendering bench: each kind as one 800x400 PNG at 2x (1600x800 pixels), dark theme, realistic data.
// 5 warm-up renders of every kind, then 30 timed of each; records charts.<kind>.median_ms. Run alone: node test/bench/charts.ts
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { renderChart } from '../../charts/index.ts';
import { allSpecs } from '../charts/fixtures.ts';
import { record, stats } from './record.ts';
import type { Figure } from './record.ts';

const WARMUP = 5;
const RUNS = 30;

export async function benchCharts(): Promise<Figure[]> {
  const load = loadavg()[0]!;
  const figures: Figure[] = [];
  const rows: string[] = [];
  // Every kind is warmed up before any is timed: the code the kinds share (Chart.js, the canvas, the PNG encoder)
  // is compiled once per process, and warming each kind just before its own runs charged that to whichever came
  // first (the MRR chart: 20-27 ms median first, 15 ms after the others).
  for (const spec of allSpecs()) for (let i = 0; i < WARMUP; i++) await renderChart(spec);
  for (const spec of allSpecs()) {
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const chart = await renderChart(spec);
      samples.push(performance.now() - t0);
      bytes = chart.png.length;
    }
    const s = stats(samples);
    figures.push({ name: `charts.${spec.kind}.median_ms`, value: s.median, unit: 'ms', n: RUNS });
    rows.push(`| ${spec.kind} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${Math.round(bytes / 1024)} |`);
  }
  const markdown = [
    `One 800x400 chart rendered to PNG at 2x (1600x800 px), dark theme, fixture data; ${WARMUP} warm-up renders of every kind first, then ${RUNS} timed of each, sequential.`,
    `Load average when the renders started: ${load.toFixed(1)} (other work on the machine).`,
    '',
    '| kind | median ms | p95 ms | PNG KiB |',
    '|---|---:|---:|---:|',
    ...rows,
  ].join('\n');
  record('charts', figures, markdown);
  console.log(markdown);
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchCharts();

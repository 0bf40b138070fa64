// Log redaction bench: the cost of redacting one Fastify "incoming request" line whose URL is 15,000 characters
// ending in `@a` (the shape that made an unbounded email pattern backtrack over the whole line). 5 warm-up runs,
// then 200 timed; records redact.long_url_15k.median_ms and .p99_ms. Run alone: node test/bench/redact.ts
import { fileURLToPath } from 'node:url';
import { redactLine } from '../../server/observability/index.ts';
import { record, stats, type Figure } from './record.ts';

const WARMUP = 5;
const RUNS = 200;
const URL_CHARS = 15_000;

/** A line as pino writes it for Fastify's request log, with a long path ending in `@a`. */
export function longUrlLine(chars = URL_CHARS): string {
  const url = `/${'a'.repeat(chars - 3)}@a`;
  return (
    JSON.stringify({
      level: 30,
      time: 1764979200000,
      pid: 4242,
      hostname: 'web-1',
      reqId: 'req-1',
      req: { method: 'GET', url, host: 'pulse.example.com', remoteAddress: '203.0.113.7', remotePort: 51234 },
      msg: 'incoming request',
    }) + '\n'
  );
}

export function benchRedact(): Figure[] {
  const line = longUrlLine();
  let out = '';
  for (let i = 0; i < WARMUP; i++) out = redactLine(line);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    out = redactLine(line);
    samples.push(performance.now() - t0);
  }
  const s = stats(samples);
  const figures: Figure[] = [
    { name: 'redact.long_url_15k.median_ms', value: s.median, unit: 'ms', n: RUNS },
    { name: 'redact.long_url_15k.p99_ms', value: s.p99, unit: 'ms', n: RUNS },
  ];
  const markdown = [
    `One JSON request-log line (${line.length.toLocaleString('en-US')} characters; its URL ${URL_CHARS.toLocaleString('en-US')} characters`,
    `ending in \`@a\`) through \`redactLine\`, the pino stream hook every log line passes through; ${WARMUP} warm-up runs,`,
    `${RUNS} timed, sequential, on the event loop's thread. The line written is ${out.length.toLocaleString('en-US')} characters.`,
    '',
    '| figure | ms |',
    '|---|---:|',
    `| median | ${s.median.toFixed(3)} |`,
    `| p99 | ${s.p99.toFixed(3)} |`,
  ].join('\n');
  record('redact', figures, markdown);
  console.log(markdown);
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) benchRedact();

/**
 * `npm run data:generate -- --scale S|M|L --seed N --out DIR [--end YYYY-MM] [--orders N]`:
 * writes the sample data set; a one-line summary goes to stderr, nothing to stdout.
 */
import { parseArgs } from 'node:util';
import { SCALES, generate } from '../lib/generate/generate-node.ts';
import type { Scale } from '../lib/generate/generate-node.ts';

function fail(message: string): never {
  process.stderr.write(`data:generate: ${message}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'S' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'data/sample' },
      end: { type: 'string', default: '2026-10' },
      orders: { type: 'string' },
    },
    strict: true,
  }));
} catch (e) {
  fail((e as Error).message);
}
const scale = values.scale.toUpperCase();
if (!(scale in SCALES)) fail(`--scale must be S, M or L: ${values.scale}`);
const seed = Number(values.seed);
if (!/^-?\d+$/.test(values.seed)) fail(`--seed must be an integer: ${values.seed}`);
if (values.orders !== undefined && !/^\d+$/.test(values.orders)) fail(`--orders must be a positive integer: ${values.orders}`);

const started = performance.now();
try {
  const result = generate({
    out: values.out,
    scale: scale as Scale,
    seed,
    end: values.end,
    orders: values.orders === undefined ? undefined : Number(values.orders),
  });
  const counts = Object.entries(result.counts)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`data:generate: ${result.firstMonth}..${result.lastMonth} seed ${seed} → ${values.out}: ${counts} (${secs} s)\n`);
} catch (e) {
  fail((e as Error).message);
}

/** The report CLI's JSON for the bundled sample (npm run --silent report -- --data data/sample …), for browser tests. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Report } from '../../src/lib/report/types.ts';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;

/** Run the CLI on data/sample with `args` (e.g. ['--period', '2026-10', '--rollup']) and parse its JSON. */
export async function sampleReport(args: string[]): Promise<Report> {
  const { stdout } = await run(process.execPath, ['src/cli/report.ts', '--data', 'data/sample', ...args], {
    cwd: ROOT,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, TZ: 'Asia/Shanghai' },
  });
  return JSON.parse(stdout) as Report;
}

/** A CLI JSON value as the page writes it in data-value: numbers as their JSON text, money as its string. */
export const asDataValue = (v: unknown): string => (v === null || v === undefined ? 'null' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Report CLI (SPEC §7): npm run --silent report -- --data DIR --period 2026-10 [--branch B01]
 *   [--as-of "2026-10-20 00:00:00"] [--rollup] [--out FILE] [--timings]
 * --rollup (ours, not SPEC §7): centres and head office over their branches; --branch then takes a subtree.
 * --timings (ours): where the time went — load, setup, report, orphan check — on stderr.
 * Prints one JSON document; exit 2 with a message on stderr for unusable arguments or data.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../lib/config.ts';
import { openNodeDb } from '../lib/db/node.ts';
import { UnusableFileError } from '../lib/import/types.ts';
import { computeReport } from '../lib/report/compute.ts';
import { loadDataDir, rejectedOf } from '../lib/report/data-dir-node.ts';
import { parseAsOf, parsePeriod } from '../lib/report/period.ts';
import { findOrphans, runSetup } from '../lib/report/prepare.ts';
import { readSqlFiles } from '../lib/report/sql-node.ts';
import type { Report } from '../lib/report/types.ts';

const USAGE = 'usage: npm run --silent report -- --data DIR --period YYYY-MM|YYYY-Qn|YYYY [--branch ID] [--as-of "YYYY-MM-DD HH:MM:SS"] [--rollup] [--out FILE] [--timings]';

/**
 * Data files larger than this in total are loaded into a temporary database file (see main);
 * REPORT_ON_DISK_BYTES overrides it (the tests run the file mode on small data).
 */
const ON_DISK_BYTES = Number(process.env['REPORT_ON_DISK_BYTES'] ?? 2 ** 30);
const DISK_MEMORY_LIMIT = '3GB';

/** Total size of the files in a data folder (0 if it does not exist: loadDataDir then says so). */
function dataBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

function die(message: string): never {
  process.stderr.write(`report: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        data: { type: 'string' },
        period: { type: 'string' },
        branch: { type: 'string' },
        'as-of': { type: 'string' },
        out: { type: 'string' },
        rollup: { type: 'boolean' },
        timings: { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    die(`${(e as Error).message}\n${USAGE}`);
  }
  if (!args.data || !args.period) die(`--data and --period are required\n${USAGE}`);
  if (!parsePeriod(args.period)) die(`--period must be YYYY-MM, YYYY-Qn, YYYY or YYYY-MM..YYYY-MM, got "${args.period}"`);
  if (args['as-of'] !== undefined && !parseAsOf(args['as-of'])) {
    die(`--as-of must be "YYYY-MM-DD HH:MM:SS", got "${args['as-of']}"`);
  }

  const sql = readSqlFiles();
  const t0 = performance.now();
  let lap = t0;
  const timed = (stage: string) => {
    if (!args.timings) return;
    const now = performance.now();
    process.stderr.write(`report: ${stage} ${((now - lap) / 1000).toFixed(2)} s\n`);
    lap = now;
  };
  // A large export goes into a temporary database file instead of memory: DuckDB then holds only what a
  // query needs (compressed pages on disk, within a memory limit), so 20 M orders run in a few GB. In
  // memory is faster (L, 2 M orders: 34 s against 43 s) but takes ≈ 6 × the CSV size (L: 4 GB).
  let path = ':memory:';
  if (dataBytes(args.data) > ON_DISK_BYTES) {
    const work = mkdtempSync(join(tmpdir(), 'kpi-report-'));
    process.on('exit', () => rmSync(work, { recursive: true, force: true })); // also after die()
    path = join(work, 'report.duckdb');
  }
  const db = await openNodeDb(path);
  if (path !== ':memory:') await db.exec(`SET memory_limit = '${DISK_MEMORY_LIMIT}'`);
  try {
    let data;
    try {
      data = await loadDataDir(db, args.data);
    } catch (e) {
      if (e instanceof UnusableFileError || e instanceof ConfigError) die(e.message);
      throw e;
    }
    timed(`load (${path === ':memory:' ? 'in memory' : 'on disk'}: read, validate, insert)`);
    await runSetup(db, data.config, sql);
    timed('setup (queries/setup)');
    const branch = args.branch ?? null;
    if (branch !== null) {
      const known = await db.query('SELECT 1 FROM all_branches WHERE branch_id = $b', { b: branch });
      if (known.length === 0) die(`--branch ${branch}: no such branch in ${args.data}`);
    }
    const selection = { period: args.period, branch, asOf: args['as-of'] ?? null, rollup: args.rollup ?? false };
    const body = await computeReport(db, selection, sql);
    timed('report (queries/metrics, queries/tables)');
    const report: Report = {
      ...body,
      rejected: rejectedOf(data),
      orphans: await findOrphans(db, sql),
    };
    timed('orphan check');
    const text = JSON.stringify(report, null, 2) + '\n';
    if (args.out) writeFileSync(args.out, text);
    else process.stdout.write(text);
    if (args.timings) process.stderr.write(`report: total ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`report: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});

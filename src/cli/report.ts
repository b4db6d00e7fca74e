/**
 * Report CLI (SPEC §7): npm run --silent report -- --data DIR --period 2026-10 [--branch B01]
 *   [--as-of "2026-10-20 00:00:00"] [--rollup] [--out FILE] [--timings]
 * --rollup (ours, not SPEC §7): centres and head office over their branches; --branch then takes a subtree.
 * --timings (ours): where the time went — load, setup, report, orphan check — on stderr.
 * --data may also name a database file built from a folder by src/cli/build-db.ts (`npm run
 * build-db -- --data DIR --out FILE.duckdb`): imported, checked and set up once, then each report reads
 * it as it is (ours; for exports too large to import for every report — docs/scaling.md).
 * Prints one JSON document; exit 2 with a message on stderr for unusable arguments or data.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../lib/config.ts';
import { BUNDLE_DB, openBundle } from '../lib/report/bundle.ts';
import { openNodeDb } from '../lib/db/db-node.ts';
import { UnusableFileError, type Rejected } from '../lib/import/types.ts';
import { computeReport } from '../lib/report/compute.ts';
import { loadDataDir, rejectedOf } from '../lib/report/data-dir-node.ts';
import { parseAsOf, parsePeriod } from '../lib/report/period.ts';
import { findOrphans, runSetup } from '../lib/report/prepare.ts';
import { readSqlFiles } from '../lib/report/sql-node.ts';
import type { Orphan, Report } from '../lib/report/types.ts';
import { openWorkDb } from '../lib/report/work-db-node.ts';

const USAGE = 'usage: npm run --silent report -- --data DIR|FILE.duckdb --period YYYY-MM|YYYY-Qn|YYYY [--branch ID] [--as-of "YYYY-MM-DD HH:MM:SS"] [--rollup] [--out FILE] [--timings]';

function die(message: string): never {
  process.stderr.write(`report: ${message}\n`);
  process.exit(2);
}

// A reader that stops early (`report … | head`) closes the pipe: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

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
  // A database file built from an export (src/cli/build-db.ts: imported, checked and set up once)
  // is reported on as it is; a folder of export files is loaded first.
  const built = existsSync(args.data) && statSync(args.data).isFile();
  const { db, onDisk } = built ? { db: await openNodeDb(), onDisk: false } : await openWorkDb(args.data);
  try {
    let rejected: Rejected[];
    if (built) {
      try {
        await openBundle(db, sql, args.data);
      } catch (e) {
        die((e as Error).message.split('\n')[0]!);
      }
      rejected = (await db.query(`SELECT file, line, "column", reason, code FROM ${BUNDLE_DB}.main._rejected ORDER BY rowid`)) as unknown as Rejected[];
      timed('open the database file (attach, the setup\'s macros)');
    } else {
      let data;
      try {
        data = await loadDataDir(db, args.data);
      } catch (e) {
        if (e instanceof UnusableFileError || e instanceof ConfigError) die(e.message);
        throw e;
      }
      timed(`load (${onDisk ? 'on disk' : 'in memory'}: read, validate, insert)`);
      await runSetup(db, data.config, sql);
      timed('setup (queries/setup)');
      rejected = rejectedOf(data);
    }
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
      rejected,
      // A built file carries the orphan check's result (it holds no raw tables the check could read).
      orphans: built ? ((await db.query(`SELECT * FROM ${BUNDLE_DB}.main._orphans ORDER BY rowid`)) as unknown as Orphan[]) : await findOrphans(db, sql),
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

/**
 * Report CLI (docs/metrics.md#report-cli): npm run --silent report -- --data DIR --period 2026-10 [--branch B01]
 *   [--as-of "2026-10-20 00:00:00"] [--rollup] [--explain] [--out FILE] [--timings]
 * --explain: adds `explain`, the month's change of four rates split over branches and service types
 *   (docs/metrics.md "A month's change explained"); the period must be a month.
 * --rollup (ours, not in the report CLI contract of docs/metrics.md): centres and head office over their branches; --branch then takes a subtree.
 * --timings (ours): where the time went — load, setup, report, orphan check — on stderr.
 * --mapping FILE: a mapping file saying how the folder's foreign exports become the contract's tables
 * (docs/import.md). With a folder, the report also lists per file the rows read, loaded, merged, rejected.
 * --data may also name a database file built from a folder by src/cli/build-db.ts (`npm run
 * build-db -- --data DIR --out FILE.duckdb`): imported, checked and set up once, then each report reads
 * it as it is (ours; for exports too large to import for every report — docs/scaling.md).
 * Prints one JSON document; exit 2 with a message on stderr for unusable arguments or data.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../lib/config.ts';
import { die as fail, errorLine, failOnError, isDuckDbFile, notADatabase, outProblem } from './fail.ts';
import { BUNDLE_DB, openBundle } from '../lib/report/bundle.ts';
import { openNodeDb } from '../lib/db/db-node.ts';
import { UnusableFileError, type Rejected } from '../lib/import/types.ts';
import { computeReport } from '../lib/report/compute.ts';
import { computeExplain, type Explain } from '../lib/report/explain.ts';
import { loadDataDir, rejectedOf } from '../lib/report/data-dir-node.ts';
import { PERIOD_FORMS, parseAsOf, parsePeriod } from '../lib/report/period.ts';
import { findOrphans, runSetup } from '../lib/report/prepare.ts';
import { readSqlFiles } from '../lib/report/sql-node.ts';
import type { Orphan, Report } from '../lib/report/types.ts';
import { openWorkDb } from '../lib/report/work-db-node.ts';

const USAGE =
  'usage: npm run --silent report -- --data DIR|FILE.duckdb [--mapping FILE.json] --period YYYY-MM|YYYY-Qn|YYYY [--branch ID] [--as-of "YYYY-MM-DD HH:MM:SS"] [--rollup] [--explain] [--out FILE] [--timings]';

function die(message: string): never {
  return fail('report', message);
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
        mapping: { type: 'string' },
        period: { type: 'string' },
        branch: { type: 'string' },
        'as-of': { type: 'string' },
        out: { type: 'string' },
        rollup: { type: 'boolean' },
        timings: { type: 'boolean' },
        explain: { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    die(`${(e as Error).message} — ${USAGE}`);
  }
  if (!args.data || !args.period) die(`--data and --period are required — ${USAGE}`);
  if (!parsePeriod(args.period)) die(`--period must be ${PERIOD_FORMS}, got "${args.period}"`);
  if (args['as-of'] !== undefined && !parseAsOf(args['as-of'])) {
    die(`--as-of must be "YYYY-MM-DD HH:MM:SS", got "${args['as-of']}"`);
  }
  if (args.explain && parsePeriod(args.period)!.kind !== 'month') die(`--explain needs a month period (YYYY-MM), got "${args.period}"`);

  if (args.out !== undefined) {
    const problem = outProblem(args.out);
    if (problem) die(problem); // before the work, not after it
  }
  if (existsSync(args.data) && statSync(args.data).isFile() && !isDuckDbFile(args.data)) die(notADatabase(args.data));

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
  if (built && args.mapping !== undefined) die(`--mapping applies to a folder of exports, not to the database file ${args.data}`);
  const { db, onDisk } = built ? { db: await openNodeDb(), onDisk: false } : await openWorkDb(args.data);
  try {
    let rejected: Rejected[];
    let imported: Report['import'];
    if (built) {
      try {
        await openBundle(db, sql, args.data);
      } catch (e) {
        die((e as Error).message.split('\n')[0]!);
      }
      rejected = (await db.query(`SELECT file, line, "column", reason, code FROM ${BUNDLE_DB}.main._rejected ORDER BY rowid`)) as unknown as Rejected[];
      // The per-file counts the build recorded (_meta.files), as a folder's report gives them.
      const [meta] = await db.query(`SELECT value FROM ${BUNDLE_DB}.main._meta WHERE key = 'files'`);
      if (meta) {
        const files = JSON.parse(String(meta['value'])) as { file: string; table: string; rows_read: number; rows_loaded: number; rows_merged?: number }[];
        const rejectedIn = (file: string) => rejected.filter((r) => r.file === file && r.line > 0).length;
        imported = files.map((f) => ({
          file: f.file,
          table: f.table,
          rows_read: f.rows_read,
          loaded: f.rows_loaded,
          merged: f.rows_merged ?? 0,
          rejected: rejectedIn(f.file),
        }));
      }
      timed("open the database file (attach, the setup's macros)");
    } else {
      let data;
      try {
        data = await loadDataDir(db, args.data, {}, args.mapping);
      } catch (e) {
        if (e instanceof UnusableFileError || e instanceof ConfigError) die(e.message);
        throw e;
      }
      timed(`load (${onDisk ? 'on disk' : 'in memory'}: read, validate, insert)`);
      await runSetup(db, data.config, sql);
      timed('setup (queries/setup)');
      rejected = rejectedOf(data);
      imported = data.files.map((f) => ({
        file: f.file,
        table: f.table,
        rows_read: f.rowsRead,
        loaded: f.rowsLoaded,
        merged: f.merged ?? 0,
        rejected: f.rejected.filter((r) => r.line > 0).length,
      }));
    }
    const branch = args.branch ?? null;
    if (branch !== null) {
      const known = await db.query('SELECT 1 FROM all_branches WHERE branch_id = $b', { b: branch });
      if (known.length === 0) die(`--branch ${branch}: no such branch in ${args.data}`);
    }
    const selection = { period: args.period, branch, asOf: args['as-of'] ?? null, rollup: args.rollup ?? false };
    const body = await computeReport(db, selection, sql);
    timed('report (queries/metrics, queries/tables)');
    let explain: Explain | undefined;
    if (args.explain) {
      explain = await computeExplain(db, selection, sql, body.metrics);
      timed('explain (queries/explain)');
    }
    const report: Report = {
      ...body,
      rejected,
      ...(imported ? { import: imported } : {}),
      // A built file carries the orphan check's result (it holds no raw tables the check could read).
      orphans: built ? ((await db.query(`SELECT * FROM ${BUNDLE_DB}.main._orphans ORDER BY rowid`)) as unknown as Orphan[]) : await findOrphans(db, sql),
      ...(explain ? { explain } : {}),
    };
    timed('orphan check');
    const text = JSON.stringify(report, null, 2) + '\n';
    if (args.out) {
      try {
        writeFileSync(args.out, text);
      } catch (e) {
        die(`--out ${args.out}: ${errorLine(e)}`);
      }
    } else process.stdout.write(text);
    if (args.timings) process.stderr.write(`report: total ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
  } finally {
    await db.close();
  }
}

// Anything else (the engine failing on data it was given, a file vanishing mid-read): one line, exit 2.
main().catch(failOnError('report'));

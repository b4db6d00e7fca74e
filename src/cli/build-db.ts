/**
 * Build public/data/sample.duckdb from data/sample (run by `npm run build` / `npm start` after
 * ensure-sample). Native DuckDB imports the CSVs through the real importer and writes a database file
 * the browser's older engine can read (STORAGE_VERSION 'v1.4.0', TOOLCHAIN.md "Database file versions"):
 *   - the raw tables the pages read (readAtRuntime) under their canonical names (+ `source_files`),
 *     exactly as loadDataDir (the CLI's loader) makes them;
 *   - `_meta` (key, value): `config` = config.json text, `files` = JSON list of the data files with
 *     their row counts, `built_from` = the data folder, `tables` = JSON list of the file's tables;
 *   - `_rejected` (file, line, column, reason, code) and `_orphans` (file, line, column, reason);
 *   - `_inputs` (table_name, column_name): the tables imported and their columns (src/lib/db/load.ts
 *     recordInputs), so figures whose input is absent are null in the file as in the CLI;
 *   - the tables queries/setup builds (calendar, orders_x, …), with `_meta.setup` = the fingerprint of
 *     the setup SQL that built them;
 *   - `_figures` (period, report): every month's figures (src/lib/report/figures.ts: the metric files for
 *     the whole company with roll-up, as JSON), with `_meta.figures` = the fingerprint of the SQL that
 *     computed them. `--no-figures` leaves them out (the page then computes every month, as it does for
 *     data imported in the browser; the benchmark measures both);
 *   - `_drill_*`: the monthly page's drill tables of every month and selection (src/lib/report/drill-store.ts),
 *     with `_meta.drill` = the fingerprint of the setup and table SQL. Left out by `--no-figures`;
 *   - `_lists` (file, rows): the rows of queries/meta/periods.sql and branches.sql as JSON, with
 *     `_meta.lists` = the fingerprint of the setup and meta SQL. Left out by `--no-figures`;
 *   - `_reports` (key, report): the annual page's company reports (the years, the same months a year
 *     before, the quarters; src/lib/report/annual.ts storedAnnualWork), with `_meta.reports` = the
 *     fingerprint of the setup, metric and table SQL. Also left out by `--no-figures`;
 *   - `_meta.build`: a random id of this build; `_meta.kind`: 'sample' (built from data/sample) or
 *     'published' (a company's own folder: `npm run publish-site -- --data DIR`), `_meta.built_at` its time;
 * Then, unless `--no-figures`, its stored part beside it (FILE → FILE.stored.duckdb, src/lib/db/stored-part.ts):
 * the stored results and reference tables without the service data, which the monthly page opens on.
 * The browser attaches the file and reads it in place; only the setup's macros run there.
 * Skipped when the output is newer than every input.
 * Usage: node src/cli/build-db.ts [--force] [--no-figures] [--data DIR] [--mapping FILE.json] [--out FILE]
 *   (--mapping: how DIR's foreign exports become the contract's tables, docs/import.md)
 *   (`npm run build-db -- --data DIR --out FILE`: a file the report CLI reads with --data FILE)
 *   (DIR default data/sample, FILE default public/data/sample.duckdb; the benchmark builds other sizes)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { quoted } from '../lib/db/bind.ts';
import { openNodeDb } from '../lib/db/db-node.ts';
import { storedPartName, writeStoredPart } from '../lib/db/stored-part.ts';
import { openWorkDb } from '../lib/report/work-db-node.ts';
import { loadDataDir } from '../lib/report/data-dir-node.ts';
import {
  computeFigures,
  FIGURES_TABLE,
  figuresFingerprint,
  figuresJson,
  LISTS_TABLE,
  listsFingerprint,
  REPORTS_TABLE,
  reportsFingerprint,
  STORED_LISTS,
} from '../lib/report/figures.ts';
import { computeReport } from '../lib/report/compute.ts';
import { DRILL_INDEX, DRILL_TABLES, drillFingerprint, storeDrillTables } from '../lib/report/drill-store.ts';
import { explainFingerprint, storeExplanations } from '../lib/report/explain-store.ts';
import { PERSONAL_COLUMNS, storePrivateTables, strippedSelect, WITHHELD_REASON } from '../lib/report/personal-data.ts';
import { annualKey, quarterSql, storedAnnualWork } from '../lib/report/annual.ts';
import { pageRollup, type PeriodChoice } from '../lib/report/selection.ts';
import { readAtRuntime, runSetup, setupFingerprint, setupTables } from '../lib/report/prepare.ts';
import { readSqlFiles } from '../lib/report/sql-node.ts';
import { TABLES } from '../lib/schema.ts';
import { die, failOnError, notAFolder } from './fail.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOOL = 'build-sample-db';
const args = (() => {
  try {
    return parseArgs({
      options: {
        force: { type: 'boolean', default: false },
        'no-figures': { type: 'boolean', default: false },
        'strip-personal-data': { type: 'boolean', default: false },
        data: { type: 'string' },
        out: { type: 'string' },
        mapping: { type: 'string' },
      },
    }).values;
  } catch (e) {
    return die(
      TOOL,
      `${(e as Error).message} — usage: node src/cli/build-db.ts [--force] [--no-figures] [--strip-personal-data] [--data DIR] [--mapping FILE.json] [--out FILE]`,
    );
  }
})();
const SAMPLE_DIR = join(ROOT, 'data/sample');
const DATA = args.data ? resolve(args.data) : SAMPLE_DIR;
/** The build machine's wall clock to the minute, "YYYY-MM-DD HH:MM" (shown as the data's date). */
const localMinute = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
const OUT = args.out ? resolve(args.out) : join(ROOT, 'public/data/sample.duckdb');
/** Which data folder OUT was built from (a build from another folder is never "up to date"); kept out of public/. */
const STAMP = join(ROOT, 'node_modules/.cache/shouhou-kpi/sample-db.from');

/** Files whose change makes the database stale: the data, this script and the code that imports. */
function inputs(): string[] {
  const walk = (p: string): string[] => (!existsSync(p) ? [] : statSync(p).isDirectory() ? readdirSync(p).flatMap((e) => walk(join(p, e))) : [p]);
  return [
    ...walk(DATA),
    fileURLToPath(import.meta.url),
    ...walk(join(ROOT, 'src/lib/import')),
    join(ROOT, 'src/lib/schema.ts'),
    join(ROOT, 'src/lib/config.ts'),
    join(ROOT, 'src/lib/db/load.ts'),
    join(ROOT, 'src/lib/import/canonical-csv.ts'),
    join(ROOT, 'src/lib/report/prepare.ts'), // readAtRuntime: which raw tables ship
    join(ROOT, 'src/lib/report/compute.ts'), // the stored figures
    join(ROOT, 'src/lib/report/figures.ts'),
    join(ROOT, 'src/lib/report/drill-store.ts'), // the stored drill tables
    join(ROOT, 'src/lib/report/explain.ts'), // the stored explanations
    join(ROOT, 'src/lib/report/explain-store.ts'),
    ...walk(join(ROOT, 'queries/explain')),
    join(ROOT, 'src/lib/report/annual.ts'), // which annual reports are stored
    join(ROOT, 'src/lib/report/selection.ts'), // pageRollup: which drill selections are stored
    join(ROOT, 'src/lib/db/stored-part.ts'), // what the stored part holds
    ...walk(join(ROOT, 'queries/setup')),
    ...walk(join(ROOT, 'queries/metrics')),
    ...walk(join(ROOT, 'queries/tables')),
    ...walk(join(ROOT, 'queries/meta')),
    join(ROOT, 'queries/checks/orphans.sql'),
  ];
}

function upToDate(): boolean {
  if (args.out || args.mapping) return false; // only the site's own file is tracked by the stamp
  if (!existsSync(OUT) || !existsSync(storedPartName(OUT)) || !existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== DATA) return false;
  const built = statSync(OUT).mtimeMs;
  return inputs().every((f) => !existsSync(f) || statSync(f).mtimeMs < built);
}

async function main(): Promise<void> {
  const force = args.force;
  if (!existsSync(DATA)) {
    die(TOOL, DATA === SAMPLE_DIR ? `${relative(ROOT, DATA)} not found — run node src/cli/ensure-sample.ts first` : `--data ${args.data}: no such data folder`);
  }
  if (statSync(DATA).isFile()) die(TOOL, notAFolder(args.data!));
  if (args.out !== undefined && existsSync(OUT) && statSync(OUT).isDirectory()) die(TOOL, `--out ${args.out} is a folder; give a file name`);
  if (!force && upToDate()) {
    process.stdout.write(`build-sample-db: ${relative(ROOT, OUT)} is up to date\n`);
    return;
  }
  const t0 = performance.now();
  const configPath = join(DATA, 'config.json');
  const sql = readSqlFiles();

  mkdirSync(dirname(OUT), { recursive: true });
  const tmp = `${OUT}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  const { db } = await openWorkDb(DATA); // a large folder goes through a temporary database file
  let rows = 0;
  let rejected = 0;
  try {
    const data = await loadDataDir(db, DATA, {}, args.mapping === undefined ? undefined : resolve(args.mapping)); // checks the folder and config.json first
    const configText = existsSync(configPath) ? readFileSync(configPath, 'utf8') : '';
    rows = data.files.reduce((n, t) => n + t.rowsLoaded, 0);
    rejected = data.files.reduce((n, t) => n + t.rejected.length, 0);

    await db.exec(`ATTACH ${quoted(tmp)} AS out (STORAGE_VERSION 'v1.4.0')`);
    // A table of the work database into the output file; with --strip-personal-data (publish-site's
    // default) its personal columns emptied (report/personal-data.ts) and a rejected value of one not
    // quoted — the work database keeps them, so everything computed here is computed on the whole data.
    const strip = args['strip-personal-data'];
    const copy = async (name: string) => {
      if (!strip) return db.exec(`CREATE TABLE out."${name}" AS SELECT * FROM main."${name}"`);
      const cols = (
        await db.query("SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $t", {
          t: name,
        })
      ).map((r) => String(r['column_name']));
      let select = strippedSelect(`main."${name}"`, cols, PERSONAL_COLUMNS);
      if (name === '_rejected') {
        select = `SELECT * REPLACE (CASE WHEN "column" IN (${PERSONAL_COLUMNS.map((c) => `'${c}'`).join(', ')}) THEN '${WITHHELD_REASON}' ELSE reason END AS reason) FROM main."_rejected"`;
      }
      return db.exec(`CREATE TABLE out."${name}" AS ${select} ORDER BY rowid`);
    };
    // The raw tables the pages read (a table only the setup reads, like service_orders, is superseded by
    // what the setup built from it: orders_x); _rejected: the import's rejected rows, made by the loader;
    // _inputs: which tables and columns the folder had (the "not measured" rule).
    for (const name of [...TABLES.map((t) => t.name).filter((t) => readAtRuntime(sql, t)), 'source_files', '_rejected', '_inputs']) await copy(name);

    // The setup tables (calendar, orders_x, repeats_x, …), built here once so the browser only attaches
    // them (src/lib/report/browser-sample.ts); _meta.setup says which setup SQL built them.
    await runSetup(db, data.config, sql);
    for (const name of setupTables(sql)) await copy(name);

    const files = data.files.map((t) => ({
      table: t.table,
      file: t.file,
      rows_read: t.rowsRead,
      rows_loaded: t.rowsLoaded,
      rows_merged: t.merged ?? 0,
      rows_rejected: t.rowsRead - t.rowsLoaded - (t.merged ?? 0),
      encoding: t.encoding,
    }));
    // Every month's figures, computed here once by the same SQL the page runs (src/lib/report/figures.ts).
    const periods = (await db.query(sql['meta/periods.sql']!)) as unknown as PeriodChoice[];
    if (!args['no-figures']) {
      await db.exec(`CREATE TABLE out.${FIGURES_TABLE} (period VARCHAR PRIMARY KEY, report VARCHAR)`);
      for (const { period } of periods) {
        const report = figuresJson(await computeFigures(db, String(period), sql));
        await db.query(`INSERT INTO out.${FIGURES_TABLE} VALUES ($period, $report)`, { period: String(period), report });
      }
    }
    // The annual page's company reports (the years, the same months a year before, the quarters), computed
    // by the same call the page makes (src/views/annual/controller.ts compute) and stored under its key.
    if (!args['no-figures']) {
      await db.exec(`CREATE TABLE out.${REPORTS_TABLE} (key VARCHAR PRIMARY KEY, report VARCHAR)`);
      for (const w of storedAnnualWork(periods)) {
        const computed = await computeReport(db, { period: w.period, branch: null, rollup: false }, w.quarter ? quarterSql(sql) : sql, { tables: w.tables });
        const key = annualKey(w.period, null, w.tables, w.quarter, true);
        await db.query(`INSERT INTO out.${REPORTS_TABLE} VALUES ($key, $report)`, { key, report: figuresJson(computed) });
      }
    }
    // The period picker's months and the branch filter's tree, run here once (report/figures.ts
    // storedLists); then the monthly page's drill tables, every month × every selection of that branch
    // filter, computed by the same table files (src/lib/report/drill-store.ts).
    if (!args['no-figures']) {
      const lists: Record<string, unknown[]> = {};
      await db.exec(`CREATE TABLE out.${LISTS_TABLE} (file VARCHAR PRIMARY KEY, rows VARCHAR)`);
      for (const file of STORED_LISTS) {
        lists[file] = await db.query(sql[file]!);
        await db.query(`INSERT INTO out.${LISTS_TABLE} VALUES ($file, $rows)`, { file, rows: JSON.stringify(lists[file]) });
      }
      const branches = lists['meta/branches.sql'] as { branch_id: string; parent_id: string | null }[];
      const months = periods
        .map((p) => String(p.period))
        .filter((p) => /^\d{4}-\d{2}$/.test(p))
        .sort();
      const selections = [null, ...branches.map((b) => b.branch_id)].map((branch) => ({ branch, rollup: pageRollup(branches, branch) }));
      // Stripped, the drill tables are made in the work database and copied without the personal columns.
      await storeDrillTables(db, sql, strip ? 'main' : 'out', months, selections);
      if (strip) for (const name of [...Object.keys(DRILL_TABLES).map((t) => `_drill_${t}`), DRILL_INDEX]) await copy(name);
      // The company's change explained per month (src/lib/report/explain-store.ts): figures only.
      await storeExplanations(db, sql, 'out', months);
    }
    // Without the personal data, the tables that need it (bonus deductions) are computed here, once per month.
    if (strip)
      await storePrivateTables(
        db,
        sql,
        'out',
        periods
          .map((p) => String(p.period))
          .filter((p) => /^\d{4}-\d{2}$/.test(p))
          .sort(),
      );
    await db.exec('CREATE TABLE out._meta (key VARCHAR PRIMARY KEY, value VARCHAR)');
    const meta: [string, string][] = [
      ['config', configText],
      ['files', JSON.stringify(files)],
      ['built_from', relative(ROOT, DATA)],
      // 'sample' for the generated sample; 'published' for a company's own folder (npm run publish-site):
      // the pages then say 发布的数据 with this build's time instead of 示例数据.
      ['kind', DATA === SAMPLE_DIR ? 'sample' : 'published'],
      ['built_at', localMinute(new Date())],
      // 'left out' (publish-site's default): no bonus, base points or customer id in the file.
      ['personal_data', args['strip-personal-data'] ? 'left out' : 'included'],
      ['setup', setupFingerprint(sql)],
      ['build', randomUUID()], // the stored part (below) carries the same id
      ...(args['no-figures']
        ? []
        : ([
            ['figures', figuresFingerprint(sql)],
            ['reports', reportsFingerprint(sql)],
            ['drill', drillFingerprint(sql)],
            ['lists', listsFingerprint(sql)],
            ['explain', explainFingerprint(sql)],
          ] as [string, string][])),
    ];
    for (const [key, value] of meta) await db.query('INSERT INTO out._meta VALUES ($key, $value)', { key, value });

    // Orphans from the same check the CLI runs (queries/checks/orphans.sql), stored as a table.
    const orphansSql = sql['checks/orphans.sql']!.trim().replace(/;$/, '');
    await db.exec(`CREATE TABLE out._orphans AS SELECT * FROM (\n${orphansSql}\n)`);
    // The file's tables, so that opening it needs no catalog query (duckdb_tables() is slow in WASM).
    const names = (await db.query("SELECT table_name FROM duckdb_tables() WHERE database_name = 'out' AND schema_name = 'main' ORDER BY table_name")).map((r) =>
      String(r['table_name']),
    );
    await db.query('INSERT INTO out._meta VALUES ($key, $value)', { key: 'tables', value: JSON.stringify(names) });
    await db.exec('DETACH out');
  } finally {
    await db.close();
  }
  renameSync(tmp, OUT);
  // The stored part beside it (src/lib/db/stored-part.ts): what the monthly page opens on.
  const part = storedPartName(OUT);
  rmSync(part, { force: true });
  if (!args['no-figures']) {
    const partDb = await openNodeDb();
    try {
      await writeStoredPart(partDb, OUT, `${part}.tmp-${process.pid}`);
    } finally {
      await partDb.close();
    }
    renameSync(`${part}.tmp-${process.pid}`, part);
  }
  if (!args.out) {
    mkdirSync(dirname(STAMP), { recursive: true });
    writeFileSync(STAMP, DATA);
  }
  const kb = (f: string) => Math.round(statSync(f).size / 1024);
  process.stdout.write(
    `build-sample-db: wrote ${relative(ROOT, OUT)} (${rows} rows${rejected ? `, ${rejected} rejected — each kept with its file, line, column and reason (_rejected; the pages list them)` : ''}, ${kb(OUT)} KiB)${existsSync(part) ? ` and its stored part (${kb(part)} KiB)` : ''} in ${Math.round(performance.now() - t0)} ms\n`,
  );
}

// Unusable input (a missing or unreadable file, a bad config.json) is the user's to fix, and so is
// anything else the data makes fail: one line, exit 2, as the report CLI does.
main().catch(failOnError(TOOL));

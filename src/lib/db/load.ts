import type { Config } from '../config.ts';
import type { ImportedTable, Rejected } from '../import/types.ts';
import { canonicalChunks, csvField, type CanonicalBatch } from '../import/canonical-csv.ts';
import { LINE_COLUMN, TABLES, TABLE_BY_NAME, sqlType, type TableName } from '../schema.ts';
import type { Db, LoadColumn, Params } from './types.ts';

/** Rows per CSV chunk handed to the engine by loadTables. */
const CHUNK_ROWS = 200_000;

/** Columns of `source_files`: which file each table's rows came from (rows first_row … first_row + row_count − 1). */
export const SOURCE_FILES_COLUMNS = [
  { name: 'table_name', type: 'VARCHAR' },
  { name: 'file', type: 'VARCHAR' },
  { name: 'first_row', type: 'BIGINT' },
  { name: 'row_count', type: 'BIGINT' },
];

/** Columns of the `_rejected` table (the Rejected rows of the import). */
export const REJECTED_COLUMNS = [
  { name: 'file', type: 'VARCHAR' },
  { name: 'line', type: 'INTEGER' },
  { name: 'column', type: 'VARCHAR' },
  { name: 'reason', type: 'VARCHAR' },
  { name: 'code', type: 'VARCHAR' },
];

/**
 * Load imported tables into `db` under their canonical names with SPEC §2 types, every schema column
 * present (a column missing from the file is NULL) plus `_line`. Tables with no file are created empty,
 * so every query can rely on every table. `source_files` records which file each table came from.
 */
export async function loadTables(db: Db, imported: ImportedTable[], chunkRows = CHUNK_ROWS): Promise<void> {
  const files: SourceFile[] = [];
  for (const table of TABLES) {
    await createTable(db, table.name);
    let loaded = 0;
    for (const t of imported.filter((t) => t.table === table.name)) {
      files.push({ table_name: table.name, file: t.file, first_row: loaded, row_count: t.rows.length });
      loaded += await appendRows(db, t, chunkRows);
    }
  }
  await recordLoad(db, files, imported.flatMap((t) => t.rejected));
}

/**
 * Which file a table's rows came from: rows first_row … first_row + row_count − 1 (0-based rowid).
 * Each file's rows sit together in its table, in file order, so checks can name the file of a row
 * when several files were appended.
 */
export interface SourceFile {
  table_name: string;
  file: string;
  first_row: number;
  row_count: number;
}

/** Every schema column of a table with its DuckDB type, then `_line`. */
function loadColumns(name: TableName): { name: string; type: string }[] {
  return [...TABLE_BY_NAME[name].columns.map((c) => ({ name: c.name, type: sqlType(c.type) })), { name: LINE_COLUMN, type: 'INTEGER' }];
}

/** (Re)create a table empty, with its SPEC §2 types. */
export async function createTable(db: Db, name: TableName): Promise<void> {
  const cols = loadColumns(name);
  await db.loadCsv(name, cols, cols.map((c) => c.name).join(',') + '\n');
}

/**
 * Append imported rows (a whole file, or a batch of a file streamed in) to their table, `chunkRows` at
 * a time: the CSV text of millions of rows would not fit in one JavaScript string. Returns the count.
 */
export async function appendRows(db: Db, t: Pick<ImportedTable, 'table' | 'columns' | 'rows' | 'lines'>, chunkRows = CHUNK_ROWS): Promise<number> {
  const cols = loadColumns(t.table);
  const utf8 = new TextEncoder();
  for (const chunk of canonicalChunks(t, chunkRows)) await db.appendCsv(t.table, cols, [utf8.encode(chunk)]);
  return t.rows.length;
}

/** Append a batch of canonical CSV (CanonicalRows) to its table, as appendRows would its rows. Returns the count. */
export async function appendCanonical(db: Db, batch: CanonicalBatch): Promise<number> {
  await db.appendCsv(batch.table, loadColumns(batch.table), [batch.csv]);
  return batch.count;
}

/**
 * After the tables: `source_files`, and every rejected row as `_rejected`, so SQL can say what a rule
 * left out (tables/responsibility_excluded.sql: the complaints whose shares did not sum to 1); the
 * bundled sample database carries the same tables.
 */
export async function recordLoad(db: Db, files: SourceFile[], rejected: Rejected[]): Promise<void> {
  const rejectedLines = ['file,line,column,reason,code'];
  for (const r of rejected) {
    rejectedLines.push([r.file, String(r.line), r.column, r.reason, r.code].map(csvField).join(','));
  }
  await db.loadCsv('_rejected', REJECTED_COLUMNS, rejectedLines.join('\n') + '\n');
  await db.exec(`CREATE OR REPLACE TABLE source_files (${SOURCE_FILES_COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')})`);
  for (const f of files) await db.query('INSERT INTO source_files VALUES ($table_name, $file, $first_row, $row_count)', { ...f });
}

/**
 * Put the config into small tables the SQL reads (calendar, zone standards, limits), so no query
 * text is ever built from config values.
 */
export async function loadConfig(db: Db, config: Config): Promise<void> {
  const seconds = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;
  await db.exec(`
    CREATE OR REPLACE TABLE cfg (work_start_s INTEGER, work_end_s INTEGER, repeat_window_days DOUBLE,
                                 limit_domestic_days DOUBLE, limit_foreign_days DOUBLE);
    CREATE OR REPLACE TABLE cfg_workdays (isodow INTEGER);
    CREATE OR REPLACE TABLE cfg_days (day DATE, kind VARCHAR);
    CREATE OR REPLACE TABLE cfg_zones (zone VARCHAR, hours DOUBLE, by_contract BOOLEAN);`);
  await db.query('INSERT INTO cfg VALUES ($s, $e, $w, $d, $f)', {
    s: seconds(config.working_hours.start),
    e: seconds(config.working_hours.end),
    w: config.repeat_window_days,
    d: config.complaint_limit_days.domestic,
    f: config.complaint_limit_days.foreign,
  });
  // One statement per table: each statement is a round trip to the engine's worker in the browser.
  await insertAll(db, 'cfg_workdays', '$d', config.working_hours.workdays.map((d) => ({ d })));
  await insertAll(db, 'cfg_days', '$day::DATE, $kind', [
    ...config.working_hours.holidays.map((day) => ({ day, kind: 'holiday' })),
    ...config.working_hours.extra_workdays.map((day) => ({ day, kind: 'extra' })),
  ]);
  await insertAll(
    db,
    'cfg_zones',
    '$zone, $hours::DOUBLE, $by_contract',
    Object.entries(config.zones).map(([zone, s]) => ({ zone, hours: s.hours ?? null, by_contract: s.by_contract ?? false })),
  );
}

/**
 * Insert `rows` into `table` in one statement: `row` is one row's VALUES text with `$name` parameters,
 * repeated per row with its own bound values (`$name_<i>`) — never spliced.
 */
async function insertAll(db: Db, table: string, row: string, rows: Params[]): Promise<void> {
  if (rows.length === 0) return;
  const params: Params = {};
  const values = rows.map((r, i) => {
    for (const [k, v] of Object.entries(r)) params[`${k}_${i}`] = v;
    return `(${row.replace(/\$([a-z_]+)/g, (_m, k: string) => `$${k}_${i}`)})`;
  });
  await db.query(`INSERT INTO ${table} VALUES ${values.join(', ')}`, params);
}

import type { Config } from '../config.ts';
import type { ImportedTable, Rejected } from '../import/types.ts';
import { canonicalChunks, csvField, type CanonicalBatch } from '../import/canonical-csv.ts';
import { LINE_COLUMN, TABLES, TABLE_BY_NAME, sqlType, type TableName } from '../schema.ts';
import type { Db, LoadColumn } from './types.ts';

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

/** Columns of `_inputs`: the tables imported and the canonical columns their files had (docs/metrics.md "Not measured"). */
export const INPUTS_COLUMNS = [
  { name: 'table_name', type: 'VARCHAR' },
  { name: 'column_name', type: 'VARCHAR' },
];

/** What one imported file brought: its table and the canonical columns of its header (after any mapping). */
export interface InputFile {
  table: string;
  columns: readonly string[];
}

/**
 * Record which tables were imported and which of their columns were present, as `_inputs`
 * (table_name, column_name): one row per present column of each table (a column of any of the table's
 * files counts). A table with no row there had no file; a column with no row was absent from its
 * header. The SQL (queries/setup/00-macros.sql has_table / has_column) makes a figure that needs what is
 * absent NULL — "not measured" — instead of a count over the empty table the loaders create.
 */
export async function recordInputs(db: Db, files: readonly InputFile[]): Promise<void> {
  const seen = new Set<string>();
  const lines = [INPUTS_COLUMNS.map((c) => c.name).join(',')];
  for (const f of files) {
    for (const c of f.columns) {
      const key = `${f.table}\u0000${c}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(`${csvField(f.table)},${csvField(c)}`);
    }
  }
  await db.loadCsv('_inputs', INPUTS_COLUMNS, lines.join('\n') + '\n');
}

/**
 * Load imported tables into `db` under their canonical names with the data-contract types (docs/metrics.md), every schema column
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
  await recordLoad(
    db,
    files,
    imported.flatMap((t) => t.rejected),
    imported,
  );
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

/** (Re)create a table empty, with its data-contract types (docs/metrics.md). */
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
 * After the tables: `_inputs` (recordInputs), `source_files`, and every rejected row as `_rejected`, so SQL can say what a rule
 * left out (tables/responsibility_excluded.sql: the complaints whose shares did not sum to 1); the
 * bundled sample database carries the same tables.
 */
export async function recordLoad(db: Db, files: SourceFile[], rejected: Rejected[], inputs: readonly InputFile[]): Promise<void> {
  await recordInputs(db, inputs);
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
 * text is ever built from config values. The lists (holidays over a century are tens of thousands of
 * dates) are loaded as CSV data, one statement each: binding a parameter per value took 24 s for
 * 100 years of holidays, the engine's binding being quadratic in the number of parameters.
 */
export async function loadConfig(db: Db, config: Config): Promise<void> {
  const seconds = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;
  await db.exec(`
    CREATE OR REPLACE TABLE cfg (work_start_s INTEGER, work_end_s INTEGER, repeat_window_days DOUBLE,
                                 limit_domestic_days DOUBLE, limit_foreign_days DOUBLE);`);
  await db.query('INSERT INTO cfg VALUES ($s, $e, $w, $d, $f)', {
    s: seconds(config.working_hours.start),
    e: seconds(config.working_hours.end),
    w: config.repeat_window_days,
    d: config.complaint_limit_days.domestic,
    f: config.complaint_limit_days.foreign,
  });
  await loadRows(
    db,
    'cfg_workdays',
    [{ name: 'isodow', type: 'INTEGER' }],
    config.working_hours.workdays.map((d) => [String(d)]),
  );
  await loadRows(
    db,
    'cfg_days',
    [
      { name: 'day', type: 'DATE' },
      { name: 'kind', type: 'VARCHAR' },
    ],
    [...config.working_hours.holidays.map((day) => [day, 'holiday']), ...config.working_hours.extra_workdays.map((day) => [day, 'extra'])],
  );
  await loadRows(
    db,
    'cfg_zones',
    [
      { name: 'zone', type: 'VARCHAR' },
      { name: 'hours', type: 'DOUBLE' },
      { name: 'by_contract', type: 'BOOLEAN' },
    ],
    Object.entries(config.zones).map(([zone, s]) => [zone, s.hours === undefined ? null : String(s.hours), String(s.by_contract ?? false)]),
  );
}

/** (Re)create `table` of `columns` holding `rows` (text values, null = NULL), as CSV data in one statement. */
async function loadRows(db: Db, table: string, columns: LoadColumn[], rows: (string | null)[][]): Promise<void> {
  const lines = [columns.map((c) => c.name).join(','), ...rows.map((r) => r.map(csvField).join(','))];
  await db.loadCsv(table, columns, lines.join('\n') + '\n');
}

/**
 * The user's imported data in DuckDB: load a stored dataset (store.ts) into the tables the report SQL
 * reads — the same names, types and `_line` as loadTables, plus `source_files`, `_rejected`, `_orphans`
 * like the bundled sample — and check a pending dataset's references before it replaces anything.
 */
import { parseConfig } from '../config.ts';
import type { DataFile, Dataset } from '../report/browser-sample.ts';
import { recordInputs, REJECTED_COLUMNS, SOURCE_FILES_COLUMNS } from '../db/load.ts';
import type { Db, Row } from '../db/types.ts';
import { runSetup } from '../report/prepare.ts';
import type { SqlFiles } from '../report/types.ts';
import { TABLE_BY_NAME, TABLES } from '../schema.ts';
import { csvPieces, headerLine, loadColumns } from './canonical.ts';
import type { Manifest, Part, StoredFile } from './store.ts';

const STAGE = '_stage_';
const field = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** At most this many bytes of stored pieces are handed to the engine by one statement. */
const BYTES_PER_STATEMENT = 32 * 1024 * 1024;

/**
 * Every table of the schema (empty when no file has it) and `source_files`, under `prefix`. A table is
 * created empty with its types, then filled from its stored pieces (record-aligned, a few MB each) as
 * bytes: read_csv reads a group of them per statement, in order. The rows never become a JS string on
 * the page (no decoding here, no re-encoding in the worker), and the page never holds a whole table.
 */
async function loadParts(db: Db, files: readonly StoredFile[], parts: readonly Part[], prefix: string): Promise<void> {
  for (const t of TABLES) {
    const name = prefix + t.name;
    const cols = loadColumns(t.name);
    await db.loadCsv(name, cols, headerLine(t.name));
    const blobs = files.flatMap((f, i) => (f.table === t.name ? csvPieces(parts[i]!.csv, parts[i]!.pieces) : [])).filter((b) => b.size > 0);
    for (let i = 0; i < blobs.length; ) {
      const group: Blob[] = [];
      for (let bytes = 0; i < blobs.length && (group.length === 0 || bytes + blobs[i]!.size <= BYTES_PER_STATEMENT); i++) {
        bytes += blobs[i]!.size;
        group.push(blobs[i]!);
      }
      await db.appendCsv(name, cols, await Promise.all(group.map(async (b) => new Uint8Array(await b.arrayBuffer()))));
    }
  }
  // Each file's rows follow the previous file's in its table (loaded in manifest order, as above).
  const next = new Map<string, number>();
  const lines = [
    SOURCE_FILES_COLUMNS.map((c) => c.name).join(','),
    ...files.map((f) => {
      const first = next.get(f.table) ?? 0;
      next.set(f.table, first + f.rowsLoaded);
      return `${field(f.table)},${field(f.file)},${first},${f.rowsLoaded}`;
    }),
  ];
  await db.loadCsv(`${prefix}source_files`, SOURCE_FILES_COLUMNS, lines.join('\n') + '\n');
}

/** queries/checks/orphans.sql, without its final semicolon (to nest it). */
const orphansSql = (sql: SqlFiles) => sql['checks/orphans.sql']!.trim().replace(/;\s*$/, '');

/** The Dataset of the reports for a stored manifest (rows and counts from the manifest). */
function datasetOf(m: Manifest, rejected: number, orphans: number): Dataset {
  const files: DataFile[] = m.files.map((f) => ({
    table: f.table,
    file: f.file,
    rows_read: f.rowsRead,
    rows_loaded: f.rowsLoaded,
    rows_rejected: f.rowsRejected,
    encoding: f.encoding,
  }));
  return {
    source: 'user',
    config: parseConfig(m.config),
    files,
    rows: files.reduce((n, f) => n + f.rows_loaded, 0),
    rejected,
    orphans,
    importedAt: m.importedAt,
  };
}

/**
 * Load a stored dataset as the report data: tables, `_rejected`, `_orphans` (queries/checks/orphans.sql),
 * then the same setup SQL as the CLI.
 */
export async function loadUserDataset(db: Db, sql: SqlFiles, m: Manifest, parts: readonly Part[]): Promise<Dataset> {
  await loadParts(db, m.files, parts, '');
  // Which tables and columns were imported (rule "not measured is null"); an older stored file without
  // its columns counts every column of its table as present.
  await recordInputs(
    db,
    m.files.map((f) => ({ table: f.table, columns: f.columns ?? TABLE_BY_NAME[f.table].columns.map((c) => c.name) })),
  );
  performance.mark('userdata-tables'); // bench/import-100mb.ts reads these marks
  const rejected = parts.flatMap((p) => p.rejected);
  const lines = ['file,line,column,reason,code', ...rejected.map((r) => [r.file, r.line, r.column, r.reason, r.code].map(field).join(','))];
  await db.loadCsv('_rejected', REJECTED_COLUMNS, lines.join('\n') + '\n');
  await db.exec(`CREATE OR REPLACE TABLE _orphans AS SELECT * FROM (\n${orphansSql(sql)}\n) AS o`);
  performance.mark('userdata-orphans');
  const config = parseConfig(m.config);
  await runSetup(db, config, sql);
  const [n] = await db.query('SELECT CAST(count(*) AS INTEGER) AS n FROM _orphans');
  return datasetOf(m, rejected.length, Number(n!['n']));
}

/**
 * Orphans of a pending dataset, before it replaces anything: its tables are loaded under `_stage_`
 * names and queries/checks/orphans.sql runs with every table name bound to its staged copy (CTEs
 * shadow the real tables), so the reports' own tables are untouched. The staged tables are dropped.
 */
export async function stagedOrphans(db: Db, sql: SqlFiles, m: Manifest, parts: readonly Part[]): Promise<Row[]> {
  const names: string[] = [...TABLES.map((t) => t.name), 'source_files'];
  try {
    await loadParts(db, m.files, parts, STAGE);
    // rowid comes along: orphans.sql names a row's file by its position (source_files).
    const ctes = names.map((n) => `"${n}" AS (SELECT *, rowid AS rowid FROM "${STAGE}${n}")`).join(',\n');
    return await db.query(`WITH ${ctes}\nSELECT * FROM (\n${orphansSql(sql)}\n) AS o`);
  } finally {
    await db.exec(names.map((n) => `DROP TABLE IF EXISTS "${STAGE}${n}"`).join(';\n'));
  }
}

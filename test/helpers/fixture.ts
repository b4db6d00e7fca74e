import { parseConfig } from '../../src/lib/config.ts';
import { openNodeDb } from '../../src/lib/db/db-node.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { openWasmNodeDb } from '../../src/lib/db/wasm-node.ts';
import { importCsv } from '../../src/lib/import/import-table.ts';
import type { ImportedTable } from '../../src/lib/import/types.ts';
import { computeReport } from '../../src/lib/report/compute.ts';
import { prepareDatabase } from '../../src/lib/report/prepare.ts';
import { readSqlFiles } from '../../src/lib/report/sql-node.ts';
import type { Selection } from '../../src/lib/report/types.ts';
import type { TableName } from '../../src/lib/schema.ts';

/** Both engines the SQL must agree on: native DuckDB 1.5 and the browser's DuckDB-WASM 1.4. */
export const ENGINES = ['node', 'wasm'] as const;
export type Engine = (typeof ENGINES)[number];

export const SQL = readSqlFiles();

const MINIMAL_BRANCHES = 'branch_id,branch_name,level\nB1,一号网点,branch\nB2,二号网点,branch\n';

/** CSV text per table; lines may be indented in the test source (leading spaces are stripped). */
export type Fixture = Partial<Record<TableName, string>>;

const dedent = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n') + '\n';

/**
 * Build a database from small CSV texts through the real importer and the real setup SQL.
 * Tables not given are absent, as a folder without their file (their figures null, docs/metrics.md
 * "Not measured"); branches default to B1, B2. Throws if any fixture row is rejected,
 * so a typo in a fixture never silently drops a row from a hand-worked total.
 */
export async function fixtureDb(engine: Engine, files: Fixture, configJson?: object): Promise<Db> {
  const config = parseConfig(configJson ? JSON.stringify(configJson) : null);
  const all: Fixture = { branches: MINIMAL_BRANCHES, ...files };
  const imported: ImportedTable[] = [];
  for (const [table, text] of Object.entries(all) as [TableName, string][]) {
    const t = importCsv(`${table}.csv`, new TextEncoder().encode(dedent(text)), { zones: Object.keys(config.zones) }, table);
    if (t.rejected.length) throw new Error(`fixture ${table} rejected rows: ${JSON.stringify(t.rejected)}`);
    imported.push(t);
  }
  const db = engine === 'node' ? await openNodeDb() : await openWasmNodeDb();
  await prepareDatabase(db, imported, config, SQL);
  return db;
}

/** Compute the report of a selection on a fixture database. */
export function report(db: Db, sel: Partial<Selection> & { period: string }) {
  return computeReport(db, { branch: null, asOf: null, ...sel }, SQL);
}

/**
 * The native database a data folder is loaded into (the report CLI, src/cli/build-db.ts).
 * A large export goes into a temporary database file instead of memory: DuckDB then holds only what a
 * query needs (compressed pages on disk, within a memory limit), so 20 M orders run in a few GB. In
 * memory is faster (L, 2 M orders: 34 s against 43 s) but takes ≈ 6 × the CSV size (L: 4 GB).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeDb } from '../db/db-node.ts';

type NodeDb = Awaited<ReturnType<typeof openNodeDb>>;

/**
 * Data files larger than this in total are loaded into a temporary database file; REPORT_ON_DISK_BYTES
 * overrides it (the tests run the file mode on small data).
 */
const ON_DISK_BYTES = Number(process.env['REPORT_ON_DISK_BYTES'] ?? 2 ** 30);
const DISK_MEMORY_LIMIT = '3GB';

/** Total size of the files in a data folder (0 if it does not exist: loadDataDir then says so). */
function dataBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/** A database for loading `dir`: in memory, or a temporary file (removed when the process exits). */
export async function openWorkDb(dir: string): Promise<{ db: NodeDb; onDisk: boolean }> {
  if (dataBytes(dir) <= ON_DISK_BYTES) return { db: await openNodeDb(), onDisk: false };
  const work = mkdtempSync(join(tmpdir(), 'kpi-report-'));
  process.on('exit', () => rmSync(work, { recursive: true, force: true })); // also after an exit on error
  const db = await openNodeDb(join(work, 'report.duckdb'));
  await db.exec(`SET memory_limit = '${DISK_MEMORY_LIMIT}'`);
  return { db, onDisk: true };
}

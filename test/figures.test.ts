import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadBundledSample } from '../src/lib/db/browser-sample.ts';
import type { BrowserDb } from '../src/lib/db/browser.ts';
import { openWasmNodeDb, type WasmNodeDb } from '../src/lib/db/wasm-node.ts';
import { computeFigures, figuresFingerprint, storedFigures } from '../src/lib/report/figures.ts';
import { readSqlFiles } from '../src/lib/report/sql-node.ts';

// The bundled file carries every month's figures, computed at build time on native DuckDB by the same
// function and SQL the page runs (src/lib/report/figures.ts). Here the sample is built into a temporary
// file and opened as the page opens it, on the browser's engine (DuckDB-WASM): every stored month must
// equal the month computed live there, value for value, after the trip through JSON.
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);
const sql = readSqlFiles();
const dir = mkdtempSync(join(tmpdir(), 'figures-'));

async function build(out: string, ...flags: string[]): Promise<Uint8Array> {
  await run(process.execPath, ['scripts/build-sample-db.ts', '--data', 'data/sample', '--out', out, ...flags], { cwd: ROOT });
  return readFileSync(out);
}

async function open(bytes: Uint8Array): Promise<{ db: WasmNodeDb; stored: boolean }> {
  const db = await openWasmNodeDb();
  const data = await loadBundledSample(db as unknown as BrowserDb, sql, bytes);
  return { db, stored: data.storedFigures === true };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a bundle with figures', () => {
  let db: WasmNodeDb;
  let stored: boolean;
  let periods: string[];
  beforeAll(async () => {
    ({ db, stored } = await open(await build(join(dir, 'with.duckdb'))));
    periods = (await db.query(sql['meta/periods.sql']!)).map((r) => String(r['period']));
  }, 120_000);
  afterAll(async () => db?.close());

  test('says so, and holds every month of the period picker', async () => {
    expect(stored).toBe(true);
    expect(periods.length).toBeGreaterThan(12);
    for (const p of periods) expect(await storedFigures(db, p), p).not.toBeNull();
    expect(await storedFigures(db, '1999-01')).toBeNull();
  });

  test.each(['2026-10', '2024-11', '2025-06'])('%s stored = computed live in DuckDB-WASM', async (p) => {
    const live = await computeFigures(db, p, sql);
    const kept = await storedFigures(db, p);
    expect(kept).toEqual(live);
    expect(Object.keys(kept!.by_branch).length).toBeGreaterThan(10); // every branch and centre has its row
  }, 60_000);
});

test('a bundle built with --no-figures, or by other metric SQL, is computed live', async () => {
  const bytes = await build(join(dir, 'without.duckdb'), '--no-figures');
  const { db, stored } = await open(bytes);
  expect(stored).toBe(false);
  await db.close();
  // The fingerprint follows the metric files: a changed one no longer matches the stored figures.
  const changed = { ...sql, 'metrics/volume.sql': `${sql['metrics/volume.sql']}\n-- changed` };
  expect(figuresFingerprint(changed)).not.toBe(figuresFingerprint(sql));
  expect(figuresFingerprint({ ...sql, 'tables/repeats.sql': '-- a table file' })).toBe(figuresFingerprint(sql));
}, 120_000);

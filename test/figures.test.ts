import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadBundledSample } from '../src/lib/report/browser-sample.ts';
import type { BrowserDb } from '../src/lib/db/browser.ts';
import { withWhole } from '../src/lib/db/lazy-whole.ts';
import { openWasmNodeDb, type WasmNodeDb } from '../src/lib/db/wasm-node.ts';
import { computeReport } from '../src/lib/report/compute.ts';
import {
  computeFigures,
  figuresFingerprint,
  listsFingerprint,
  reportsFingerprint,
  STORED_LISTS,
  storedFigures,
  storedLists,
  storedReport,
} from '../src/lib/report/figures.ts';
import { drillFingerprint, drillKey, storedDrillTables, storedSelections } from '../src/lib/report/drill-store.ts';
import { MONTHLY_TABLES } from '../src/lib/report/monthly-sections.ts';
import { pageRollup } from '../src/lib/report/selection.ts';
import { annualKey, quarterSql, storedAnnualWork, yearChoices } from '../src/lib/report/annual.ts';
import type { PeriodChoice } from '../src/lib/report/selection.ts';
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
  await run(process.execPath, ['src/cli/build-db.ts', '--data', 'data/sample', '--out', out, ...flags], { cwd: ROOT });
  return readFileSync(out);
}

async function open(bytes: Uint8Array): Promise<{ db: WasmNodeDb; stored: boolean; reports: boolean; drill: boolean; lists: boolean }> {
  const db = await openWasmNodeDb();
  const data = await loadBundledSample(db as unknown as BrowserDb, sql, bytes);
  return { db, stored: data.storedFigures === true, reports: data.storedReports === true, drill: data.storedDrill === true, lists: data.storedLists === true };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a bundle with figures', () => {
  let db: WasmNodeDb;
  let stored: boolean;
  let periods: string[];
  beforeAll(async () => {
    let reports: boolean;
    let drill: boolean;
    let lists: boolean;
    ({ db, stored, reports, drill, lists } = await open(await build(join(dir, 'with.duckdb'))));
    expect(reports).toBe(true);
    expect(drill).toBe(true);
    expect(lists).toBe(true);
    periods = (await db.query(sql['meta/periods.sql']!)).map((r) => String(r['period']));
  }, 120_000);
  afterAll(async () => db?.close());

  test('says so, and holds every month of the period picker', async () => {
    expect(stored).toBe(true);
    expect(periods.length).toBeGreaterThan(12);
    for (const p of periods) expect(await storedFigures(db, p), p).not.toBeNull();
    expect(await storedFigures(db, '1999-01')).toBeNull();
  });

  test.each(['2026-10', '2024-11', '2025-06'])(
    '%s stored = computed live in DuckDB-WASM',
    async (p) => {
      const live = await computeFigures(db, p, sql);
      const kept = await storedFigures(db, p);
      expect(kept).toEqual(live);
      expect(Object.keys(kept!.by_branch).length).toBeGreaterThan(10); // every branch and centre has its row
    },
    60_000,
  );

  // The period and branch lists every page opens with (session.ts) are the meta files' rows, stored.
  test('holds the period and branch lists = the meta files run live in DuckDB-WASM', async () => {
    const kept = await storedLists(db);
    expect(Object.keys(kept).sort()).toEqual([...STORED_LISTS].sort());
    for (const file of STORED_LISTS) expect(kept[file], file).toEqual(await db.query(sql[file]!));
    expect(kept['meta/periods.sql']!.length).toBe(periods.length);
    expect(kept['meta/branches.sql']!.length).toBeGreaterThan(10);
  });

  // The monthly page's drill tables (report/drill-store.ts): every month × every selection of the branch
  // filter is stored, as the page asks for it (pageRollup), and reads back — the late orders, repeats and
  // 催办/洽办 lists as the company's rows cut by in_branch, the technicians per selection — equal to the
  // table files run live for that selection in DuckDB-WASM, row for row and in order.
  test('holds the monthly drill tables of every month and selection, each = computed live in DuckDB-WASM', async () => {
    const branches = (await db.query(sql['meta/branches.sql']!)) as unknown as { branch_id: string; parent_id: string | null }[];
    const selections = [null, ...branches.map((b) => b.branch_id)].map((branch) => ({ branch, rollup: pageRollup(branches, branch) }));
    expect(selections.filter((s) => s.branch !== null && s.rollup).length).toBeGreaterThanOrEqual(2); // centres and the head office
    expect(selections.filter((s) => !s.rollup).length).toBeGreaterThanOrEqual(5); // leaf branches
    const months = periods.filter((p) => /^\d{4}-\d{2}$/.test(p));
    const index = await storedSelections(db);
    expect(index.size).toBe(months.length * selections.length);
    for (const p of months) for (const s of selections) expect(index.has(drillKey({ period: p, ...s })), `${p} ${s.branch}`).toBe(true);
    // What the page never asks for is not claimed: a centre without its roll-up, a month outside the data.
    const centre = selections.find((s) => s.branch !== null && s.rollup)!.branch;
    expect(index.has(drillKey({ period: months[0]!, branch: centre, rollup: false }))).toBe(false);
    expect(index.has(drillKey({ period: '1999-01', branch: null, rollup: true }))).toBe(false);
    let rows = 0;
    for (const period of ['2026-10', '2025-06']) {
      for (const s of selections) {
        const sel = { period, ...s };
        const live = (await computeReport(db, sel, sql, { metrics: false, tables: [...MONTHLY_TABLES] })).tables;
        const kept = await storedDrillTables(db, sel, MONTHLY_TABLES);
        expect(kept, `${period} ${s.branch}`).toEqual(live);
        rows += Object.values(kept).reduce((n, t) => n + t.length, 0);
      }
    }
    expect(rows).toBeGreaterThan(1000); // the lists are not empty: the comparison compared rows
  }, 120_000);

  // The annual page's company reports: every one the page asks for is stored, under the page's key,
  // and equals the same computeReport call run live (rollup off for the company, branch rows on).
  test("holds the annual page's company reports, each = computed live in DuckDB-WASM", async () => {
    const choices = (await db.query(sql['meta/periods.sql']!)) as unknown as PeriodChoice[];
    const work = storedAnnualWork(choices);
    const years = yearChoices(choices);
    expect(years.length).toBeGreaterThanOrEqual(2);
    // Each year, and each year's quarters, are in the list (the sample covers at least two years).
    for (const c of years) expect(work.some((w) => !w.quarter && w.period === (c.complete ? String(c.year) : `${c.year}-01..${c.lastMonth}`))).toBe(true);
    expect(work.filter((w) => w.quarter).length).toBeGreaterThanOrEqual(4);
    for (const w of work) expect(await storedReport(db, annualKey(w.period, null, w.tables, w.quarter, true)), w.period).not.toBeNull();
    expect(await storedReport(db, annualKey('1999', null, [], false, true))).toBeNull();
    const year = work.find((w) => !w.quarter && w.tables.length > 0)!;
    const quarter = work.find((w) => w.quarter)!;
    for (const w of [year, quarter]) {
      const live = await computeReport(db, { period: w.period, branch: null, rollup: false }, w.quarter ? quarterSql(sql) : sql, { tables: w.tables });
      const kept = await storedReport(db, annualKey(w.period, null, w.tables, w.quarter, true));
      expect(kept, w.period).toEqual(live);
      for (const t of w.tables) expect(kept!.tables[t]!.length, `${w.period} ${t}`).toBeGreaterThan(0);
    }
  }, 120_000);
});

// The monthly page opens on the file's stored part (src/lib/db/stored-part.ts): the stored results and
// the branch tree, without the service data. Its reads must not fetch the whole file; the first query
// that needs the service data fetches it, once, and then answers as on the whole file.
describe('the stored part of a bundle', () => {
  const wholeFile = join(dir, 'with.duckdb');
  const partFile = join(dir, 'with.stored.duckdb');
  beforeAll(async () => {
    if (!existsSync(partFile)) await build(wholeFile);
  }, 120_000);

  test('answers the monthly page from the stored results; fetches the whole file once, for the first query that needs it', async () => {
    const whole = readFileSync(wholeFile);
    const part = readFileSync(partFile);
    expect(part.length).toBeLessThan(whole.length / 2);
    const engine = await openWasmNodeDb();
    let fetched = 0;
    const data = await loadBundledSample(engine as unknown as BrowserDb, sql, part, async () => {
      fetched++;
      return whole;
    });
    expect([data.storedFigures, data.storedDrill, data.storedLists, data.storedReports]).toEqual([true, true, true, true]);
    const db = withWhole(engine, data.whole!);
    // The page's reads: the lists, a month's figures, the drill tables of a centre with its roll-up
    // (in_branch reads the branch tree, which the part holds).
    const lists = await storedLists(db);
    const branches = lists['meta/branches.sql'] as unknown as { branch_id: string; parent_id: string | null }[];
    const centre = branches.find((b) => branches.some((c) => c.parent_id === b.branch_id))!.branch_id;
    const sel = { period: '2026-10', branch: centre, rollup: pageRollup(branches, centre) };
    expect(sel.rollup).toBe(true);
    const kept = await storedDrillTables(db, sel, MONTHLY_TABLES);
    const figures = await storedFigures(db, '2026-10');
    expect(figures).not.toBeNull();
    expect(fetched).toBe(0);
    // Two queries on the service data at once: one download; then the live results equal the stored ones.
    const [live, tables] = await Promise.all([
      computeFigures(db, '2026-10', sql),
      computeReport(db, sel, sql, { metrics: false, tables: [...MONTHLY_TABLES] }),
    ]);
    expect(fetched).toBe(1);
    expect(live).toEqual(figures);
    expect(tables.tables).toEqual(kept);
    expect(kept['late_orders']!.length).toBeGreaterThan(0);
    await engine.close();
  }, 120_000);
});

test('a bundle built with --no-figures, or by other metric SQL, is computed live', async () => {
  const bytes = await build(join(dir, 'without.duckdb'), '--no-figures');
  expect(existsSync(join(dir, 'without.stored.duckdb'))).toBe(false); // nothing stored, no stored part
  const { db, stored, reports, drill, lists } = await open(bytes);
  expect(stored).toBe(false);
  expect(reports).toBe(false);
  expect(drill).toBe(false);
  expect(lists).toBe(false);
  await db.close();
  // A stored part opens only with its whole file: not alone (the report CLI, say), not with another build's.
  const part = readFileSync(join(dir, 'with.stored.duckdb'));
  const alone = await openWasmNodeDb();
  await expect(loadBundledSample(alone as unknown as BrowserDb, sql, part)).rejects.toThrow(/stored part of a bundled database/);
  await alone.close();
  const mixed = await openWasmNodeDb();
  const data = await loadBundledSample(mixed as unknown as BrowserDb, sql, part, async () => bytes);
  await expect(withWhole(mixed, data.whole!).query('SELECT count(*) AS n FROM orders_x')).rejects.toThrow(/not from the same build/);
  await mixed.close();
  // The fingerprint follows the metric files: a changed one no longer matches the stored figures.
  const changed = { ...sql, 'metrics/volume.sql': `${sql['metrics/volume.sql']}\n-- changed` };
  expect(figuresFingerprint(changed)).not.toBe(figuresFingerprint(sql));
  expect(figuresFingerprint({ ...sql, 'tables/repeats.sql': '-- a table file' })).toBe(figuresFingerprint(sql));
  // The stored annual reports hold table rows: their fingerprint follows the table files too.
  expect(reportsFingerprint({ ...sql, 'tables/repeats.sql': '-- a table file' })).not.toBe(reportsFingerprint(sql));
  // The stored drill tables are rows of the table files over the setup's tables: they follow both, not the metrics.
  expect(drillFingerprint({ ...sql, 'tables/repeats.sql': '-- a table file' })).not.toBe(drillFingerprint(sql));
  expect(drillFingerprint({ ...sql, 'setup/40-repeats.sql': `${sql['setup/40-repeats.sql']}\n-- changed` })).not.toBe(drillFingerprint(sql));
  expect(drillFingerprint(changed)).toBe(drillFingerprint(sql));
  // The stored lists follow the setup and the meta files.
  expect(listsFingerprint({ ...sql, 'meta/periods.sql': `${sql['meta/periods.sql']}\n-- changed` })).not.toBe(listsFingerprint(sql));
  expect(listsFingerprint(changed)).toBe(listsFingerprint(sql));
}, 120_000);

/**
 * The month's change explained, on the whole sample: for every rate, comparison and dimension the
 * effects sum to the change, and the split agrees with the metric files run on each month on its own
 * (the totals are the two months' rates, a branch's weight is its case count over the total's, its rate
 * is the branch's own figure). And `report --explain` prints it in the documented shape.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '../src/lib/db/db-node.ts';
import type { Db } from '../src/lib/db/types.ts';
import { computeReport } from '../src/lib/report/compute.ts';
import { loadDataDir } from '../src/lib/report/data-dir-node.ts';
import { COMPARISONS, computeExplain, DIMENSIONS, EXPLAINED_METRICS, onlyMeasured, type Explain } from '../src/lib/report/explain.ts';
import { storedExplain, storeExplanations } from '../src/lib/report/explain-store.ts';
import { runSetup } from '../src/lib/report/prepare.ts';
import { readSqlFiles } from '../src/lib/report/sql-node.ts';
import type { Report } from '../src/lib/report/types.ts';

const SQL = readSqlFiles();
const MONTH = '2026-10';
const THEN = { mom: '2026-09', yoy: '2025-10' } as const;

describe('the change explained on the sample', () => {
  let db: Db;
  let explain: Explain;
  const reports: Record<string, Omit<Report, 'rejected' | 'orphans'>> = {};
  beforeAll(async () => {
    db = await openNodeDb();
    const data = await loadDataDir(db, 'data/sample');
    await runSetup(db, data.config, SQL);
    for (const p of [MONTH, THEN.mom, THEN.yoy]) reports[p] = await computeReport(db, { period: p, branch: null }, SQL, { tables: [] });
    explain = await computeExplain(db, { period: MONTH, branch: null }, SQL, reports[MONTH]!.metrics);
  }, 120_000);
  afterAll(() => db?.close());

  it('sums the effects to the change for every rate × comparison × dimension', () => {
    for (const m of EXPLAINED_METRICS) {
      for (const c of COMPARISONS) {
        const x = explain[m][c];
        expect(x, `${m} ${c}`).not.toBeNull();
        for (const d of DIMENSIONS) {
          const { then, now, rows } = x![d];
          expect(then, `${m} ${c}`).toBe(reports[THEN[c]]!.metrics[m]);
          expect(now).toBe(reports[MONTH]!.metrics[m]);
          const sum = rows.reduce((s, r) => s + r.rate_effect + r.mix_effect, 0);
          expect(Math.abs(sum - (now - then)), `${m} ${c} ${d}`).toBeLessThan(1e-12);
          expect(rows.reduce((s, r) => s + r.weight_then, 0)).toBeCloseTo(1, 12);
          expect(rows.reduce((s, r) => s + r.weight_now, 0)).toBeCloseTo(1, 12);
          // Ordered by |rate_effect + mix_effect| descending, then group.
          const key = rows.map((r) => Math.abs(r.rate_effect + r.mix_effect));
          for (let i = 1; i < rows.length; i++) {
            expect(key[i - 1]! >= key[i]! - 1e-12, `${m} ${c} ${d} row ${i}`).toBe(true);
            if (Math.abs(key[i - 1]! - key[i]!) < 1e-12) expect(rows[i - 1]!.group < rows[i]!.group).toBe(true);
          }
        }
      }
    }
  });

  it('stores the company’s explanation as the page reads it (the bundled file), equal to the computed one', async () => {
    await storeExplanations(db, SQL, 'main', [MONTH]);
    const stored = await storedExplain(db, MONTH);
    expect(onlyMeasured(stored!, reports[MONTH]!.metrics)).toEqual(explain);
    expect(await storedExplain(db, '2019-01')).toBeNull();
    // A rate the report does not measure is not explained, stored or not.
    expect(onlyMeasured(stored!, { ...reports[MONTH]!.metrics, 'repeat.rate': null })['repeat.rate']).toEqual({ mom: null, yoy: null });
  });

  it('splits by branch into each branch’s own figure and case count, month by month', () => {
    for (const m of EXPLAINED_METRICS) {
      for (const c of COMPARISONS) {
        const then = reports[THEN[c]]!;
        const now = reports[MONTH]!;
        const rows = explain[m][c]!.branch.rows;
        // Every branch with cases in either month, once.
        const withCases = (r: typeof now) => Object.keys(r.cases.by_branch).filter((b) => Number(r.cases.by_branch[b]![m]) > 0);
        expect(rows.map((r) => r.group).sort()).toEqual([...new Set([...withCases(then), ...withCases(now)])].sort());
        for (const r of rows) {
          expect(r.weight_then).toBeCloseTo(Number(then.cases.by_branch[r.group]?.[m] ?? 0) / Number(then.cases.total[m]), 12);
          expect(r.weight_now).toBeCloseTo(Number(now.cases.by_branch[r.group]?.[m] ?? 0) / Number(now.cases.total[m]), 12);
          expect(r.rate_then).toBe(r.weight_then === 0 ? null : then.by_branch[r.group]![m]);
          expect(r.rate_now).toBe(r.weight_now === 0 ? null : now.by_branch[r.group]![m]);
        }
      }
    }
  });
});

describe('report --explain', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['src/cli/report.ts', ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' }, maxBuffer: 64 << 20 });

  it('adds `explain` in the documented shape, for the selected branch only', () => {
    const p = cli(['--data', 'data/sample', '--period', MONTH, '--branch', 'B03', '--explain']);
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    const j = JSON.parse(p.stdout);
    expect(Object.keys(j.explain)).toEqual([...EXPLAINED_METRICS]);
    for (const m of EXPLAINED_METRICS) {
      expect(Object.keys(j.explain[m])).toEqual(['mom', 'yoy']);
      for (const c of COMPARISONS) {
        const x = j.explain[m][c];
        expect(Object.keys(x)).toEqual(['branch', 'service_type']);
        expect(Object.keys(x.branch)).toEqual(['then', 'now', 'rows']);
        // --branch B03: B03's orders only, so one branch group, whose rate is the report's.
        expect(x.branch.rows.map((r: { group: string }) => r.group)).toEqual(['B03']);
        expect(x.branch.now).toBe(j.metrics[m]);
        expect(Object.keys(x.branch.rows[0])).toEqual(['group', 'weight_then', 'weight_now', 'rate_then', 'rate_now', 'rate_effect', 'mix_effect']);
      }
    }
  }, 120_000);

  it('needs a month', () => {
    const p = cli(['--data', 'test/fixtures/cli-data', '--period', '2026', '--explain']);
    expect(p.status).toBe(2);
    expect(p.stderr.trim().split('\n')).toHaveLength(1);
    expect(p.stderr).toContain('--explain');
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openNodeDb } from '../../src/lib/db/db-node.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { computeReport } from '../../src/lib/report/compute.ts';
import { loadDataDir } from '../../src/lib/report/data-dir-node.ts';
import { runSetup } from '../../src/lib/report/prepare.ts';
import { readSqlFiles } from '../../src/lib/report/sql-node.ts';
import { branchReport } from '../../src/lib/report/figures.ts';

// The monthly page computes a month once, for the whole company with roll-up, and reads every branch's
// report out of it (report/figures.ts branchReport). That is only right if a branch's row there equals the branch's own
// report, computed with the branch selected (roll-up when it has branches below it, as the CLI's
// --branch does for a centre). Checked for every branch and centre of the bundled sample, on a month in
// the middle of the data and on its first month, metric by metric and case count by case count.
const sql = readSqlFiles();
let db: Db;
let branches: { branch_id: string; parent_id: string | null }[];

beforeAll(async () => {
  db = await openNodeDb();
  const data = await loadDataDir(db, 'data/sample');
  await runSetup(db, data.config, sql);
  branches = (await db.query('SELECT branch_id, parent_id FROM branches ORDER BY branch_id')) as typeof branches;
}, 120_000);
afterAll(async () => db?.close());

const hasBelow = (id: string) => branches.some((b) => b.parent_id === id);

describe.each(['2026-10', '2024-11'])('%s: a branch read out of the company roll-up = the branch computed alone', (period) => {
  test('every branch and centre, and the company', async () => {
    const figures = await computeReport(db, { period, branch: null, rollup: true }, sql, { tables: [] });
    expect(branches.length).toBeGreaterThan(10); // the sample's tree: head office, centres, branches
    for (const { branch_id } of branches) {
      const rollup = hasBelow(branch_id);
      const own = await computeReport(db, { period, branch: branch_id, rollup }, sql, { tables: [] });
      const sliced = branchReport(figures, branch_id, {});
      expect(sliced.metrics, branch_id).toEqual(own.metrics);
      expect(sliced.cases.total, branch_id).toEqual(own.cases.total);
      // A centre's comparison rows (the branches below it) are the same rows too.
      for (const [id, m] of Object.entries(own.by_branch)) expect(sliced.by_branch[id], `${branch_id} › ${id}`).toEqual(m);
    }
    const company = await computeReport(db, { period, branch: null, rollup: false }, sql, { tables: [] });
    expect(branchReport(figures, null, {}).metrics).toEqual(company.metrics);
  }, 120_000);
});

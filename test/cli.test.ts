import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNodeDb } from '../src/lib/db/db-node.ts';

const DATA = 'test/fixtures/cli-data';

function cli(args: string[], tz = 'Asia/Shanghai', env: Record<string, string> = {}) {
  const p = spawnSync(process.execPath, ['src/cli/report.ts', ...args], { encoding: 'utf8', env: { ...process.env, TZ: tz, ...env } });
  return { code: p.status, out: p.stdout, err: p.stderr };
}

describe('report CLI (docs/metrics.md#report-cli)', () => {
  it('prints one JSON document with the hand-worked figures and the rejected row', () => {
    const r = cli(['--data', DATA, '--period', '2026-10']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ period: '2026-10', as_of: '2026-11-01 00:00:00', branch: null });
    // O3 has hour 25 → rejected; received O1 O2 O4 = 3, completed O1 O2 = 2.
    expect(j.metrics['orders.received']).toBe(3);
    expect(j.metrics['orders.completed']).toBe(2);
    // K3 has 3 decimals → rejected; total = 80.10 + 19.90 = 100.00; per completed order 100.00 / 2 = 50.00
    expect(j.metrics['cost.total']).toBe('100.00');
    expect(j.metrics['cost.per_completed_order']).toBe('50.00');
    // O1: evening call, clock from 10-06 08:30 → deadline 14:30, arrived 10:00 (kept); O2 deadline 15:00,
    // arrived 16:00 (late); O4 suburban 16:00 + 7 h → 11-01 14:00, not yet due → 1 / 2
    expect(j.metrics['response.on_time_rate']).toBe(0.5);
    expect(j.rejected).toEqual([
      { file: 'service_orders.csv', line: 4, column: 'called_at', reason: expect.stringContaining('2026-10-13 25:00:00'), code: expect.any(String) },
      { file: 'costs.csv', line: 4, column: 'amount', reason: expect.stringContaining('12.345'), code: expect.any(String) },
    ]);
    expect(Object.keys(j.by_branch).sort()).toEqual(['B1', 'B2', 'HQ']);
    expect(Object.keys(j.tables)).toEqual(expect.arrayContaining(['overdue', 'quality', 'repeats', 'responsibility', 'technician']));
    // The export has no cause/solution/parts/customer_opinion columns: incomplete reports are not
    // measured (null), so T1's fine is estimated from late arrivals alone: O2 arrived late (16:00 >
    // 15:00) → 1 × 50 = 50.00 (docs/metrics.md "Not measured"). No complaints, surveys or calls file.
    expect(j.tables.technician.find((t: { technician_id: string }) => t.technician_id === 'T1')).toMatchObject({
      completed: 2,
      late_arrivals: 1,
      incomplete_reports: null,
      late_fine: '50.00',
      report_fine: null,
      fine_estimate: '50.00',
    });
    expect(j.metrics['report.completeness_rate']).toBeNull();
    expect(j.metrics['complaints.received']).toBeNull();
    expect(j.metrics['satisfaction.coverage']).toBeNull();
    expect(j.metrics['calls.received']).toBeNull();
  });

  it('gives identical JSON under TZ=America/New_York and TZ=Asia/Shanghai', () => {
    const a = cli(['--data', DATA, '--period', '2026-10'], 'America/New_York');
    const b = cli(['--data', DATA, '--period', '2026-10'], 'Asia/Shanghai');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
  });

  it('gives the same JSON when the data goes to a temporary database file (the mode for large exports)', () => {
    const memory = cli(['--data', DATA, '--period', '2026-10']);
    const file = cli(['--data', DATA, '--period', '2026-10'], 'Asia/Shanghai', { REPORT_ON_DISK_BYTES: '0' });
    expect(file.err).toBe('');
    expect(file.out).toBe(memory.out);
    expect(JSON.parse(file.out).metrics['orders.received']).toBe(3); // as worked out in the first test
  });

  it('--branch and --as-of select what is computed', () => {
    const j = JSON.parse(cli(['--data', DATA, '--period', '2026-10', '--branch', 'B1', '--as-of', '2026-10-07 12:00:00']).out);
    expect(j.branch).toBe('B1');
    expect(j.as_of).toBe('2026-10-07 12:00:00');
    expect(Object.keys(j.by_branch)).toEqual(['B1']);
    expect(j.metrics['orders.received']).toBe(2);
  });

  it('writes to --out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-cli-'));
    const r = cli(['--data', DATA, '--period', '2026-10', '--out', join(dir, 'r.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
  });

  it('--timings tells on stderr where the time went; the JSON is the same', () => {
    const plain = cli(['--data', DATA, '--period', '2026-10']);
    const timed = cli(['--data', DATA, '--period', '2026-10', '--timings']);
    expect(timed.code).toBe(0);
    expect(timed.out).toBe(plain.out);
    const stages = timed.err
      .trim()
      .split('\n')
      .map((l) => /^report: (\w+)[^0-9]* ([0-9.]+) s$/.exec(l)?.[1]);
    expect(stages).toEqual(['load', 'setup', 'report', 'orphan', 'total']);
  });

  it('reads a database file built from the folder (build-db) to the same JSON, rejected rows and orphans too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-built-'));
    // The fixture plus an order of a branch the data does not have (an orphan: line 6 of the file).
    const data = join(dir, 'data');
    cpSync(DATA, data, { recursive: true });
    appendFileSync(join(data, 'service_orders.csv'), 'O9,B99,C9,repair,A,urban,2026-10-09 10:00:00,,,,T1,open\n');
    const file = join(dir, 'data.duckdb');
    const b = spawnSync(process.execPath, ['src/cli/build-db.ts', '--no-figures', '--data', data, '--out', file], { encoding: 'utf8' });
    expect(b.status, b.stderr).toBe(0);
    expect(JSON.parse(cli(['--data', data, '--period', '2026-10']).out).orphans).toEqual([
      { file: 'service_orders.csv', line: 6, column: 'branch_id', reason: expect.stringContaining('B99') },
    ]);
    for (const args of [
      ['--period', '2026-10'],
      ['--period', '2026-10', '--branch', 'B1', '--as-of', '2026-10-20 00:00:00'],
      ['--period', '2026-10', '--rollup'],
    ]) {
      const fromFolder = cli(['--data', data, ...args]);
      const fromFile = cli(['--data', file, ...args], 'America/New_York');
      expect(fromFile.err).toBe('');
      expect(fromFile.out).toBe(fromFolder.out);
    }
    expect(JSON.parse(cli(['--data', file, '--period', '2026-10']).out).rejected.length).toBe(2); // O3 and K3, as above
    // A file built by other setup SQL is refused with a message, never reported on.
    const stale = join(dir, 'stale.duckdb');
    cpSync(file, stale);
    const db = await openNodeDb(stale);
    await db.exec("UPDATE _meta SET value = 'other' WHERE key = 'setup'");
    await db.close();
    const r = cli(['--data', stale, '--period', '2026-10']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/another version of queries\/setup/);
    // A file that is not such a database at all.
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    expect(cli(['--data', join(dir, 'notes.txt'), '--period', '2026-10']).code).toBe(2);
  }, 180_000);

  it('piped into a reader that stops early (| head): no error, no stack trace', () => {
    // The sample's report (≈ 0.7 MB) is larger than a pipe holds, so the CLI is still writing when head exits.
    const p = spawnSync('sh', ['-c', `"${process.execPath}" src/cli/report.ts --data data/sample --period 2026-10 | head -c 20`], { encoding: 'utf8' });
    expect(p.stdout).toBe('{\n  "period": "2026-');
    expect(p.stderr).toBe('');
  });

  it('exits 2 with a message for unusable arguments or data', () => {
    expect(cli(['--data', DATA])).toMatchObject({ code: 2, out: '' });
    expect(cli(['--data', DATA, '--period', '2026-13']).err).toMatch(/--period must be/);
    expect(cli(['--data', DATA, '--period', '2026-10', '--branch', 'B7'])).toMatchObject({ code: 2 });
    expect(cli(['--data', 'no/such/dir', '--period', '2026-10']).code).toBe(2);

    const dir = mkdtempSync(join(tmpdir(), 'kpi-cli-'));
    cpSync(DATA, dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{"zones": {"urban": {"hours": "six"}}}');
    const bad = cli(['--data', dir, '--period', '2026-10']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/zones\.urban\.hours/);

    writeFileSync(join(dir, 'config.json'), '{}');
    writeFileSync(join(dir, 'service_orders.csv'), 'order_id,branch_id,service_type,status\nO1,B1,repair,open\n');
    const missing = cli(['--data', dir, '--period', '2026-10']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/called_at/);
  });
});

describe('publish-site (the site on a company folder)', () => {
  // The whole publish (a bundle built from a folder, the pages naming it) is test/e2e/publish.test.ts;
  // here only its refusals: without a folder nothing is built, and the message says why.
  it('refuses to run without a data folder, with exit 2 and the usage', () => {
    for (const args of [[], ['--data', join(tmpdir(), 'no-such-folder-kpi')], ['--folder', 'x']]) {
      const p = spawnSync(process.execPath, ['src/cli/publish-site.ts', ...args], { encoding: 'utf8' });
      expect(p.status).toBe(2);
      expect(p.stderr).toContain('usage: npm run publish-site -- --data DIR');
      expect(p.stdout).toBe('');
    }
  });

  it('stops on a folder the importer cannot use with its message and exit 2, not a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'publish-empty-'));
    const p = spawnSync(process.execPath, ['src/cli/publish-site.ts', '--data', dir], { encoding: 'utf8' });
    expect(p.status).toBe(2);
    expect(p.stderr).toContain('branches.csv: not found');
    expect(p.stderr).not.toMatch(/\n\s+at /);
  });
});

/**
 * End to end through the report CLI (docs/metrics.md rule 15): a complaint whose responsibility shares sum to
 * 0.9 has its rows rejected at import, is left out of tables.responsibility (and so of the ratios), and
 * is counted in tables.responsibility_excluded — the number the quality page shows.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-shares-'));
  cpSync('test/fixtures/cli-data', dir, { recursive: true });
  writeFileSync(
    join(dir, 'complaints.csv'),
    [
      'complaint_no,received_at,market,branch_id,valid,loss_amount,closed_at',
      '2610001,2026-10-01 09:00:00,domestic,B1,yes,1000.00,2026-10-10 09:00:00',
      '2610002,2026-10-02 09:00:00,domestic,B1,yes,500.00,2026-10-12 09:00:00',
      '2610003,2026-10-03 09:00:00,domestic,B2,yes,200.00,2026-10-12 09:00:00',
      '2609001,2026-09-03 09:00:00,domestic,B2,yes,200.00,2026-09-12 09:00:00',
    ].join('\n') + '\n',
  );
  writeFileSync(
    join(dir, 'complaint_responsibility.csv'),
    [
      'complaint_no,department,unit,staff_id,share',
      '2610001,service,一班,T1,0.6', // line 2 — 2610001 sums to 0.6 + 0.3 = 0.9: rows 2 and 3 rejected
      '2610001,quality,品管组,,0.3',
      '2610002,service,一班,T1,0.5', // 2610002: 0.5 + 0.5 = 1, kept
      '2610002,manufacturing,装配组,,0.5',
      '2610003,service,二班,T2,0.9995', // 0.9995 is within 1 ± 0.001: kept
      '2609001,service,二班,T2,0.5', // September: rejected, but not in an October count
    ].join('\n') + '\n',
  );
  return dir;
}

function cli(args: string[]) {
  const p = spawnSync(process.execPath, ['src/cli/report.ts', ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' } });
  return { code: p.status, out: p.stdout, err: p.stderr };
}

describe('shares that do not sum to 1, through the CLI', () => {
  it('rejects the rows, leaves the complaint out of the responsibility table and counts it', () => {
    const r = cli(['--data', dataDir(), '--period', '2026-10']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const shareRejects = j.rejected.filter((x: { code: string }) => x.code === 'share_sum');
    expect(shareRejects.map((x: { line: number; reason: string }) => [x.line, x.reason])).toEqual([
      [2, 'shares of complaint 2610001 sum to 0.9, not 1'],
      [3, 'shares of complaint 2610001 sum to 0.9, not 1'],
      [7, 'shares of complaint 2609001 sum to 0.5, not 1'],
    ]);
    // Left out: 2610001 only (2609001 closed in September).
    expect(j.tables.responsibility_excluded).toEqual([
      { complaint_no: '2610001', branch_id: 'B1', closed_at: '2026-10-10 09:00:00', share_sum: 0.9, rejected_rows: 2 },
    ]);
    // The ratios count 2610002 and 2610003 only (N = 2): service/一班/T1 0.5 → 0.25, loss 250.00;
    // manufacturing/装配组 0.5 → 0.25, 250.00; service/二班/T2 0.9995 → 0.49975, 200 × 0.9995 = 199.90.
    expect(j.tables.responsibility.map((x: Record<string, unknown>) => [x['department'], x['unit'], x['staff_id'], x['ratio'], x['loss']])).toEqual([
      ['manufacturing', '装配组', null, 0.25, '250.00'],
      ['service', '一班', 'T1', 0.25, '250.00'],
      ['service', '二班', 'T2', 0.49975, '199.90'],
    ]);
    // By branch: B2 has nothing left out.
    const b2 = JSON.parse(cli(['--data', dataDir(), '--period', '2026-10', '--branch', 'B2']).out);
    expect(b2.tables.responsibility_excluded).toEqual([]);
  });
});

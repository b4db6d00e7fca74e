// report --mapping on a hand-made folder of foreign exports (test/fixtures/mapping-cli): an event log
// with `?` nulls and a row per state change (dedupe keep last, a rejected row among the duplicates),
// 1–5 star reviews onto four items, a tab-separated call log with YYMMDD dates and a date + time join,
// a GB18030 semicolon cost export with Excel serial dates. Every figure below is worked out by hand.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNodeDb } from '../src/lib/db/db-node.ts';
import { loadDataDir } from '../src/lib/report/data-dir-node.ts';

const DATA = 'test/fixtures/mapping-cli';
const MAPPING = `${DATA}/mapping.json`;

function cli(script: string, args: string[]) {
  const p = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'America/New_York' } });
  return { code: p.status, out: p.stdout, err: p.stderr };
}
const report = (args: string[]) => cli('src/cli/report.ts', args);

describe('report --mapping', () => {
  it('gives the hand-worked figures', () => {
    const r = report(['--data', DATA, '--mapping', MAPPING, '--period', '2026-10']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const m = j.metrics;
    // The log's last row per incident (keep last; line 8, INC3's second row, is rejected: day 32):
    // INC1 line 4 Closed → completed, called 10-05 09:00, resolved 11:00 (arrived and completed);
    // INC2 line 6 Resolved → completed, location ? → default UNKNOWN, called 10-06 16:00, resolved 10-07 15:00;
    // INC3 line 7 New → open, called 10-07 10:00; INC4 line 9 Active → other = in_progress, called 10-10 08:00.
    expect(m['orders.received']).toBe(4);
    expect(m['orders.completed']).toBe(2);
    // zone urban (a constant) = 6 working hours in 08:30–17:30: INC1 deadline 15:00, arrived 11:00 kept;
    // INC2 1.5 h on 10-06 + 4.5 h from 10-07 08:30 → 13:00, arrived 15:00 late; INC3 due 16:00, never
    // arrived, missed; INC4 clock from 08:30 → 14:30, missed → 1 / 4.
    expect(m['response.on_time_rate']).toBe(0.25);
    // Same day: INC1 only (INC2 completed the next day) → 1 / 4.
    expect(m['resolution.same_day_rate']).toBe(0.25);
    expect(j.by_branch['Loc 1']['orders.received']).toBe(1);
    expect(j.by_branch['Loc 2']['orders.received']).toBe(2);
    expect(j.by_branch['UNKNOWN']['orders.received']).toBe(1);
    // Reviews: one 1–5 score into all four items (5→4, 3→2, 2→1). Completed orders INC1, INC2 both have
    // a review sent → coverage 1; responded R1, R3 of 3 sent → 2/3; each item mean (4 + 1) / 2 = 2.5;
    // satisfied (≥ 3): R1's four ratings of 8 → 0.5.
    expect(m['satisfaction.coverage']).toBe(1);
    expect(m['satisfaction.response_rate']).toBeCloseTo(2 / 3, 12);
    expect(m['satisfaction.attitude_mean']).toBe(2.5);
    expect(m['satisfaction.promise_mean']).toBe(2.5);
    expect(m['satisfaction.satisfied_rate']).toBe(0.5);
    // Costs (excel serials: 46296 = 2026-10-01, 46326.75 = 2026-10-31 18:00, 46327 = 11-01, 46295.9 = 09-30):
    // October travel K1 100.50, material K2 20.00 → total 120.50; person_times 1 (K1); 120.50 / 2 = 60.25.
    expect(m['cost.travel']).toBe('100.50');
    expect(m['cost.material']).toBe('20.00');
    expect(m['cost.total']).toBe('120.50');
    expect(m['cost.person_times']).toBe(1);
    expect(m['cost.per_completed_order']).toBe('60.25');
    expect(j.rejected).toEqual([
      {
        file: 'incident_event_log_2026-10.csv',
        line: 8,
        column: 'called_at',
        reason: 'not a date in format DD-MM-YYYY HH:mm: 32-10-2026 10:00',
        code: 'bad_timestamp',
      },
      { file: '费用_2026.csv', line: 6, column: 'date', reason: 'not an Excel date serial: abc', code: 'bad_date' },
    ]);
    // read = loaded + merged + rejected: the log 8 = 4 + 3 (INC1 two, INC2 one) + 1.
    expect(j.import).toEqual([
      { file: 'incident_event_log_2026-10.csv', table: 'service_orders', rows_read: 8, loaded: 4, merged: 3, rejected: 1 },
      { file: '费用_2026.csv', table: 'costs', rows_read: 5, loaded: 4, merged: 0, rejected: 1 },
      { file: 'order_reviews.csv', table: 'surveys', rows_read: 3, loaded: 3, merged: 0, rejected: 0 },
      { file: 'calls_202610.txt', table: 'calls', rows_read: 5, loaded: 5, merged: 0, rejected: 0 },
    ]);
  });

  it('loads the rows and only the mapped columns', async () => {
    const db = await openNodeDb();
    try {
      const data = await loadDataDir(db, DATA, {}, MAPPING);
      const calls = data.files.find((f) => f.table === 'calls')!;
      expect(calls.columns).toEqual(['call_id', 'started_at', 'answered', 'rings', 'kind']);
      const orders = data.files.find((f) => f.table === 'service_orders')!;
      // Not mapped → absent, though the table has them: dispatched_at, customer_id, …
      expect(orders.columns).toEqual(['order_id', 'branch_id', 'service_type', 'zone', 'called_at', 'arrived_at', 'completed_at', 'technician_id', 'status']);
      const rows = await db.query(`SELECT call_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS t, answered, rings, kind FROM calls ORDER BY _line`);
      // line + call_id joined; YY 26 → 2026; H:mm:ss with a one-digit hour.
      expect(rows).toEqual([
        { call_id: 'L1 1', t: '2026-10-05 09:05:00', answered: true, rings: 2, kind: 'inquiry' },
        { call_id: 'L2 1', t: '2026-10-05 21:59:59', answered: false, rings: null, kind: 'inquiry' },
        { call_id: 'L1 2', t: '2026-10-06 22:00:00', answered: false, rings: null, kind: 'inquiry' },
        { call_id: 'L1 3', t: '2026-10-31 23:59:59', answered: true, rings: 5, kind: 'inquiry' },
        { call_id: 'L1 4', t: '2026-11-01 00:00:00', answered: true, rings: 1, kind: 'inquiry' },
      ]);
      const orders2 = await db.query(`SELECT order_id, status, technician_id, _line FROM service_orders ORDER BY _line`);
      expect(orders2).toEqual([
        { order_id: 'INC1', status: 'completed', technician_id: 'T1', _line: 4 },
        { order_id: 'INC2', status: 'completed', technician_id: 'T2', _line: 6 },
        { order_id: 'INC3', status: 'open', technician_id: null, _line: 7 },
        { order_id: 'INC4', status: 'in_progress', technician_id: 'T1', _line: 9 },
      ]);
    } finally {
      await db.close();
    }
  });

  it('several files into one table, a file matched by no entry read by its contract name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapping-several-'));
    cpSync(DATA, dir, { recursive: true });
    writeFileSync(
      join(dir, 'incident_event_log_2026-11.csv'),
      'number,incident_state,location,opened_at,resolved_at,assigned_to\nINC9,New,Loc 3,02-11-2026 09:00,?,?\n',
    );
    writeFileSync(join(dir, 'branches.csv'), 'branch_id,branch_name\nLoc 1,One\nLoc 9,Nine\n');
    const db = await openNodeDb();
    try {
      const data = await loadDataDir(db, dir, {}, join(dir, 'mapping.json'));
      expect(data.files.map((f) => [f.file, f.table])).toEqual([
        ['branches.csv', 'branches'],
        ['incident_event_log_2026-10.csv', 'service_orders'],
        ['incident_event_log_2026-11.csv', 'service_orders'],
        ['费用_2026.csv', 'costs'],
        ['order_reviews.csv', 'surveys'],
        ['calls_202610.txt', 'calls'],
      ]);
      expect(await db.query('SELECT count(*)::INTEGER AS n FROM service_orders')).toEqual([{ n: 5 }]);
      expect(await db.query(`SELECT file, first_row::INTEGER AS f, row_count::INTEGER AS n FROM source_files WHERE table_name = 'service_orders'`)).toEqual([
        { file: 'incident_event_log_2026-10.csv', f: 0, n: 4 },
        { file: 'incident_event_log_2026-11.csv', f: 4, n: 1 },
      ]);
    } finally {
      await db.close();
    }
  });
});

describe('unusable mappings exit 2 with one line naming the item', () => {
  const withMapping = (edit: (m: { files: Record<string, unknown>[] }) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'mapping-bad-'));
    cpSync(DATA, dir, { recursive: true });
    const m = JSON.parse(readFileSync(MAPPING, 'utf8'));
    edit(m);
    writeFileSync(join(dir, 'mapping.json'), JSON.stringify(m));
    return report(['--data', dir, '--mapping', join(dir, 'mapping.json'), '--period', '2026-10']);
  };
  const expectOneLine = (r: { code: number | null; out: string; err: string }, text: string) => {
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toContain(text);
    expect(r.err).not.toMatch(/\n\s+at /);
  };

  it('unknown table', () => {
    expectOneLine(
      withMapping((m) => (m.files[1]!['table'] = 'reviews')),
      'mapping.json: files[1] "order_reviews*.csv" (reviews): unknown table "reviews"',
    );
  });
  it('unknown contract column', () => {
    expectOneLine(
      withMapping((m) => ((m.files[0]!['columns'] as Record<string, unknown>)['priority'] = { from: 'priority' })),
      'files[0] "incident_event_log*.csv" (service_orders): unknown column "priority" of table service_orders',
    );
  });
  it('unknown header (found when the file is read, in a worker)', () => {
    expectOneLine(
      withMapping((m) => ((m.files[2]!['columns'] as Record<string, { from: unknown }>)['started_at']!.from = ['date', 'clock'])),
      'calls_202610.txt: mapping files[2] "calls_*.txt", column started_at: no header "clock" in the file (headers: line, call_id, date, time, outcome, rings)',
    );
  });
  it('a values target the column cannot hold', () => {
    expectOneLine(
      withMapping((m) => ((m.files[1]!['columns'] as Record<string, { values: Record<string, string> }>)['skill']!.values['5'] = '5')),
      'column skill: values["5"]: "5" is not a value skill can hold (rating out of range 1–4: 5)',
    );
  });
  it('a mapping file that is not JSON, or missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapping-bad-'));
    writeFileSync(join(dir, 'm.json'), '{ "files": [ }');
    expectOneLine(report(['--data', DATA, '--mapping', join(dir, 'm.json'), '--period', '2026-10']), 'm.json: not valid JSON');
    expectOneLine(report(['--data', DATA, '--mapping', join(dir, 'none.json'), '--period', '2026-10']), 'none.json: mapping file not found');
  });
  it('build-db takes --mapping too, and exits 2 the same way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapping-db-'));
    const out = join(dir, 'x.duckdb');
    const ok = cli('src/cli/build-db.ts', ['--no-figures', '--data', DATA, '--mapping', MAPPING, '--out', out]);
    expect(ok.code).toBe(0);
    const r = report(['--data', out, '--period', '2026-10']);
    expect(r.code).toBe(0);
    // The same hand-worked figures from the built file.
    expect(JSON.parse(r.out).metrics['orders.received']).toBe(4);
    expect(JSON.parse(r.out).metrics['cost.total']).toBe('120.50');
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ files: [{ match: '*.csv', table: 'orders', columns: {} }] }));
    const bad = cli('src/cli/build-db.ts', ['--no-figures', '--data', DATA, '--mapping', join(dir, 'm.json'), '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown table "orders"');
  });
});

/**
 * Hostile input, issue 22 item 4: resources. A period is bounded to the years data can hold, and a
 * century of holidays loads as data (one CSV load) rather than tens of thousands of bound parameters.
 */
import { describe, expect, it } from 'vitest';
import { parseAsOf, parsePeriod } from '../../src/lib/report/period.ts';
import { parseConfig } from '../../src/lib/config.ts';
import { loadConfig } from '../../src/lib/db/load.ts';
import { openNodeDb } from '../../src/lib/db/db-node.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb } from '../helpers/fixture.ts';

describe('periods within 1900–2199', () => {
  it('refuses a period or as-of outside those years, accepts their ends', () => {
    expect(parsePeriod('9999-12')).toBeNull();
    expect(parsePeriod('1899-12')).toBeNull();
    expect(parsePeriod('2200')).toBeNull();
    expect(parsePeriod('2026-01..9999-12')).toBeNull();
    expect(parsePeriod('2199-12')).toEqual({ label: '2199-12', kind: 'month', start: '2199-12-01 00:00:00', end: '2200-01-01 00:00:00' });
    expect(parsePeriod('1900-Q1')?.start).toBe('1900-01-01 00:00:00');
    expect(parseAsOf('9999-01-01')).toBeNull();
    expect(parseAsOf('2199-12-31 23:59:59')).toBe('2199-12-31 23:59:59');
  });
});

/** Every date from 1990-01-01 to 2089-12-31. */
function century(): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2090, 0, 1); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

describe('a century of holidays', () => {
  for (const engine of ENGINES) {
    it(`${engine}: the calendar follows it`, async () => {
      const days = century();
      // 1990–2089: 100 × 365 + 25 leap days (1992, 1996, …, 2088: every 4th year, 2000 included).
      expect(days.length).toBe(36_525);
      const db = await fixtureDb(
        engine,
        { service_orders: 'order_id,branch_id,service_type,called_at,status\nO1,B1,repair,2026-10-05 09:00:00,open\n' },
        { working_hours: { holidays: days, extra_workdays: ['2026-10-06'] } },
      );
      try {
        expect(await db.query("SELECT CAST(count(*) AS INTEGER) AS n FROM cfg_days WHERE kind = 'holiday'")).toEqual([{ n: 36_525 }]);
        // Every day is a holiday but 2026-10-06, an extra workday (extra workdays win).
        const cal = await db.query(
          "SELECT strftime(day, '%Y-%m-%d') AS day, work FROM calendar WHERE day BETWEEN DATE '2026-10-05' AND DATE '2026-10-07' ORDER BY day",
        );
        expect(cal).toEqual([
          { day: '2026-10-05', work: false },
          { day: '2026-10-06', work: true },
          { day: '2026-10-07', work: false },
        ]);
      } finally {
        await db.close();
      }
    });
  }
});

describe('loadConfig binds no parameter per list entry', () => {
  it('a century of holidays: at most 5 parameters in any statement, and the lists go in as CSV data', async () => {
    const db = await openNodeDb();
    const seen: number[] = [];
    let csvRows = 0;
    const counting: Db = {
      engine: db.engine,
      query: (sql, params) => (seen.push(Object.keys(params ?? {}).length), db.query(sql, params)),
      exec: (sql) => db.exec(sql),
      loadCsv: (table, columns, csv) => ((csvRows += csv.split('\n').length - 2), db.loadCsv(table, columns, csv)),
      appendCsv: (table, columns, pieces) => db.appendCsv(table, columns, pieces),
      close: () => db.close(),
    };
    try {
      const t0 = performance.now();
      await loadConfig(counting, parseConfig(JSON.stringify({ working_hours: { holidays: century() } })));
      const ms = performance.now() - t0;
      expect(Math.max(...seen)).toBe(5); // the one cfg row: start, end, repeat window, two limits
      // 7 workdays + 36,525 holidays + 3 zones (the defaults), each a CSV row.
      expect(csvRows).toBe(7 + 36_525 + 3);
      expect(ms).toBeLessThan(10_000); // 24 s when each date was a bound parameter
    } finally {
      await db.close();
    }
  });
});

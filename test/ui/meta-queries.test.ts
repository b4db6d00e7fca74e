/**
 * queries/meta/*.sql — the page's period picker and branch filter — on both engines.
 * periods: the default is the month of the latest called_at when that day is the month's last day,
 * else the month before (when it has orders; else the latest month).
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ENGINES, fixtureDb, SQL } from '../helpers/fixture.ts';

const HEAD = 'order_id,branch_id,service_type,charge_class,zone,called_at,status';
const orders = (...called: string[]) => [HEAD, ...called.map((c, i) => `O${i + 1},B1,repair,A,urban,${c},open`)].join('\n');

let db: Db | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

const periods = async (d: Db) => (await d.query(SQL['meta/periods.sql']!)).map((r) => ({ ...r }));

describe.each(ENGINES)('meta queries on %s', (engine) => {
  test('latest call on the month’s last day: that month is the default and complete', async () => {
    db = await fixtureDb(engine, { service_orders: orders('2026-09-03 10:00', '2026-10-31 23:59:59') });
    expect(await periods(db)).toEqual([
      { period: '2026-10', orders: 1, is_complete: true, is_default: true },
      { period: '2026-09', orders: 1, is_complete: true, is_default: false },
    ]);
  });

  test('latest call mid-month: the month before is the default, the latest month is partial', async () => {
    db = await fixtureDb(engine, { service_orders: orders('2026-09-03 10:00', '2026-10-30 09:00', '2026-10-02 09:00') });
    expect(await periods(db)).toEqual([
      { period: '2026-10', orders: 2, is_complete: false, is_default: false },
      { period: '2026-09', orders: 1, is_complete: true, is_default: true },
    ]);
  });

  test('only a partial month: it is the default (nothing else to show)', async () => {
    db = await fixtureDb(engine, { service_orders: orders('2026-10-05 10:00') });
    expect(await periods(db)).toEqual([{ period: '2026-10', orders: 1, is_complete: false, is_default: true }]);
  });

  test('branches in tree order with depth; an id used only by a row comes last, unnamed', async () => {
    db = await fixtureDb(engine, {
      branches: `branch_id,branch_name,level,parent_id
        HQ,总部,hq,
        C1,华东中心,center,HQ
        B2,杭州,branch,C1
        B1,上海,branch,C1
        C0,华南中心,center,HQ`,
      service_orders: `${HEAD}
        O1,B1,repair,A,urban,2026-10-01 10:00,open
        O2,X9,repair,A,urban,2026-10-01 10:00,open`,
    });
    const rows = await db.query(SQL['meta/branches.sql']!);
    expect(rows.map((r) => [r['branch_id'], r['branch_name'], r['depth']])).toEqual([
      ['HQ', '总部', 0],
      ['C0', '华南中心', 1],
      ['C1', '华东中心', 1],
      ['B1', '上海', 2],
      ['B2', '杭州', 2],
      ['X9', null, 0],
    ]);
  });
});

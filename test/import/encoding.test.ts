// Encodings of docs/metrics.md#data-contract: UTF-8, UTF-8 with BOM, GB18030/GBK (Chinese Excel "CSV").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../src/lib/import/decode.ts';
import { importCsv } from '../../src/lib/import/import-table.ts';
import { UnusableFileError } from '../../src/lib/import/types.ts';
import { OPTIONS, expectCountsAddUp, objects } from './helpers.ts';

describe('encodings', () => {
  it('reads a GBK file with Chinese headers and Chinese enum values', () => {
    // test/fixtures/import/service_orders_gbk.csv was made once with `iconv -f utf-8 -t gbk` from (CRLF lines):
    //   工单号,网点编号,服务类型,区域类型,报修时间,现场处理,故障原因,状态
    //   O1,B01,维修,市区,2026/10/5 9:30,是,电机损坏,已完工
    //   O2,B02,安装,郊区,2026-10-06 14:00:00,否,,待派工
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/import/service_orders_gbk.csv', import.meta.url)));
    expect(bytes[0]).toBe(0xb9); // 工 in GBK is B9 A4: really not UTF-8
    const t = importCsv('service_orders_gbk.csv', bytes, OPTIONS);
    expect(t.encoding).toBe('gb18030');
    expect(t.table).toBe('service_orders'); // "service_orders" + "_gbk"
    expect(t.columns).toEqual(['order_id', 'branch_id', 'service_type', 'zone', 'called_at', 'on_site', 'cause', 'status']);
    expect(objects(t)).toEqual([
      {
        order_id: 'O1',
        branch_id: 'B01',
        service_type: 'repair',
        zone: 'urban',
        called_at: '2026-10-05 09:30:00',
        on_site: 'true',
        cause: '电机损坏',
        status: 'completed',
      },
      {
        order_id: 'O2',
        branch_id: 'B02',
        service_type: 'install',
        zone: 'suburban',
        called_at: '2026-10-06 14:00:00',
        on_site: 'false',
        cause: null,
        status: 'open',
      },
    ]);
    expect(t.rejected).toEqual([]);
    expectCountsAddUp(t, 2);
  });

  it('strips a UTF-8 BOM so the first header still matches', () => {
    const body = new TextEncoder().encode('工单号,网点编号,服务类型,报修时间,状态\nO1,B01,咨询,2026-10-05 09:30,完工\n');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    const t = importCsv('service_orders.csv', bytes, OPTIONS);
    expect(t.encoding).toBe('utf-8-bom');
    expect(t.columns[0]).toBe('order_id');
    expect(t.rows).toEqual([['O1', 'B01', 'consultation', '2026-10-05 09:30:00', 'completed']]);
    expectCountsAddUp(t, 1);
  });

  it('reads plain UTF-8 as UTF-8 (never as GBK mojibake)', () => {
    expect(decodeCsv(new TextEncoder().encode('维修'))).toEqual({ text: '维修', encoding: 'utf-8' });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030 instead of guessing', () => {
    // 0xFF is not a GB18030 lead byte and not UTF-8.
    const bytes = new Uint8Array([...new TextEncoder().encode('order_id\n'), 0xff, 0x0a]);
    expect(() => importCsv('service_orders.csv', bytes, OPTIONS)).toThrow(UnusableFileError);
  });
});

/**
 * The import worker's pipeline in Node: the fixture files through inspect → mapping → import → store,
 * with the counts of the validation report (rows read = loaded + rejected, always).
 */
import { describe, expect, test } from 'vitest';
import { readCsv } from '../../src/lib/import/csv.ts';
import { importsAsIs, suggestMapping } from '../../src/lib/userdata/mapping.ts';
import { inspectFile, runImport } from '../../src/lib/userdata/pipeline.ts';
import type { ImportFile } from '../../src/lib/userdata/protocol.ts';
import { fixtureFile, MemoryStore } from './helpers.ts';

const ZONES = ['urban', 'suburban', 'remote'];
const noProgress = () => {};

const job = (files: ImportFile[], mode: 'replace' | 'append' = 'replace') => ({ files, options: { zones: ZONES }, mode, config: null });

describe('inspect', () => {
  test('a GBK CSV with Chinese headers: encoding, header, preview, recognised as service_orders as it is', async () => {
    const r = await inspectFile(fixtureFile('工单_2026年10月.csv'));
    expect(r.kind).toBe('csv');
    expect(r.encoding).toBe('gb18030');
    expect(r.header.slice(0, 3)).toEqual(['工单号', '网点编号', '客户编号']);
    expect(r.preview[0]![0]).toBe('WO2610000001');
    expect(r.sampled).toBe(40);
    expect(r.complete).toBe(true);
    expect(importsAsIs('service_orders', r.header)).toBe(true);
    const status = r.distinct[r.header.indexOf('状态')]!;
    expect(status.values.map(([v]) => v)).toContain('已完工');
  });

  test('NYC 311: foreign headers get a suggested mapping with the US 12-hour format', async () => {
    const f = fixtureFile('nyc_311_2022-05-01.csv');
    const r = await inspectFile(f);
    expect(importsAsIs('service_orders', r.header)).toBe(false);
    const m = suggestMapping(f.name, r.header, r.distinct, ZONES);
    expect(m.table).toBe('service_orders');
    expect(m.columns).toMatchObject({
      order_id: 'Unique Key',
      called_at: 'Created Date',
      completed_at: 'Closed Date',
      branch_id: 'Agency',
      service_type: 'Complaint Type',
      status: 'Status',
    });
    expect(m.formats).toEqual({ called_at: 'MM/DD/YYYY hh:mm:ss A', completed_at: 'MM/DD/YYYY hh:mm:ss A' });
    // Closed / In Progress are suggested; Open is read as it is; complaint types need the user.
    expect(m.values['status']).toEqual({ Closed: 'completed', 'In Progress': 'in_progress' });
    expect(m.values['service_type']).toBeUndefined();
  });

  test('an .xlsx: first sheet, Excel dates as wall-clock text, numbers as written', async () => {
    const r = await inspectFile(fixtureFile('service_orders_2026-10.xlsx'));
    expect(r.kind).toBe('xlsx');
    expect(r.header).toEqual(['工单号', '网点编号', '服务类型', '报修时间', '到达时间', '完工时间', '实际工时', '现场处理', '状态']);
    expect(r.preview[0]).toEqual(['X1', 'B01', '维修', '2026-10-01 09:30:00', '2026-10-01 13:00:00', '2026-10-01 15:45:00', '1.5', 'true', '已完工']);
  });
});

describe('import', () => {
  test('bad rows: each reason once, with its physical line; loaded + rejected = read', async () => {
    const store = new MemoryStore();
    const s = await runImport(job([{ id: 'a', file: fixtureFile('service_orders_bad.csv'), table: 'service_orders', mapping: null }]), store, noProgress);
    const f = s.files[0]!;
    expect(f.rowsRead).toBe(11);
    expect(f.rowsLoaded).toBe(4);
    expect(f.rowsRejected).toBe(7);
    expect(f.byCode).toEqual({
      bad_timestamp: 1,
      bad_enum: 1,
      duplicate_key: 1,
      too_many_fields: 1,
      required_empty: 1,
      bad_number: 1,
      unterminated_quote: 1,
    });
    expect(f.rejectedSample.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 10, 13]);
    const part = store.parts.get(f.part)!;
    const csv = await part.csv.text();
    expect([...readCsv(csv, ',')].map((r) => r.fields[0])).toEqual(['S1', 'S6', 'S8', 'S9']);
    const rejected = await part.rejectedCsv!.text();
    expect(rejected.split('\r\n').filter(Boolean)).toHaveLength(7);
    expect(rejected).toContain('service_orders_bad.csv,3,called_at,bad_timestamp,not a date: 2026-13-01 10:00:00,"S2,B01,repair,2026-13-01 10:00:00,,,,,open"');
    expect(s.pending.files).toHaveLength(1);
  });

  test('NYC 311 through the mapping: all 29 rows load with canonical times', async () => {
    const f = fixtureFile('nyc_311_2022-05-01.csv');
    const r = await inspectFile(f);
    const m = suggestMapping(f.name, r.header, r.distinct, ZONES);
    expect(m.columns).toMatchObject({ fault_code: 'Descriptor', channel: 'Open Data Channel Type' });
    expect(m.values['channel']).toEqual({ MOBILE: 'online', PHONE: 'hotline' }); // ONLINE is read as it is
    for (const [v] of r.distinct[r.header.indexOf('Complaint Type')]!.values) (m.values['service_type'] ??= {})[v] = 'inspection';
    m.values['channel']!['UNKNOWN'] = ''; // "leave empty" (an optional column)
    const store = new MemoryStore();
    const s = await runImport(job([{ id: 'n', file: f, table: 'service_orders', mapping: m }]), store, noProgress);
    expect(s.files[0]).toMatchObject({ rowsRead: 29, rowsLoaded: 29, rowsRejected: 0, mapped: true });
    expect(s.files[0]!.ignoredColumns).toEqual(['Agency Name', 'Borough']);
    const first = (await store.parts.get(s.files[0]!.part)!.csv.text()).split('\n')[0]!;
    // order_id, branch_id, …, service_type, …, called_at, …, status, _line
    expect(first).toBe('54049402,NYPD,,,,,inspection,,,online,2022-05-01 00:00:03,,,,,,,,Loud Music/Party,,,,,,in_progress,2');
  });

  test('several files at once: GBK orders + branches + xlsx; a key in two files is refused the second time', async () => {
    const store = new MemoryStore();
    const s = await runImport(
      job([
        { id: '1', file: fixtureFile('网点.csv'), table: 'branches', mapping: null },
        { id: '2', file: fixtureFile('工单_2026年10月.csv'), table: 'service_orders', mapping: null },
        { id: '3', file: fixtureFile('service_orders_2026-10.xlsx'), table: 'service_orders', mapping: null },
        {
          id: '4',
          file: fixtureFile(
            'dup.csv',
            'order_id,branch_id,service_type,called_at,status\nX1,B01,repair,2026-10-01 09:00:00,open\nX9,B01,repair,2026-10-01 09:00:00,open\n',
          ),
          table: 'service_orders',
          mapping: null,
        },
      ]),
      store,
      noProgress,
    );
    expect(s.files.map((f) => [f.file, f.rowsRead, f.rowsLoaded, f.rowsRejected])).toEqual([
      ['网点.csv', 17, 17, 0],
      ['工单_2026年10月.csv', 40, 40, 0],
      ['service_orders_2026-10.xlsx', 6, 5, 1],
      ['dup.csv', 2, 1, 1],
    ]);
    expect(s.files[2]!.rejectedSample).toEqual([
      { file: 'service_orders_2026-10.xlsx', line: 7, column: 'status', code: 'bad_enum', reason: 'unknown status: 未知状态' },
    ]);
    expect(s.files[3]!.rejectedSample[0]).toMatchObject({
      line: 2,
      code: 'duplicate_key',
      reason: 'duplicate key order_id=X1 (first in service_orders_2026-10.xlsx, line 2)',
    });
  });

  test('append refuses keys already imported; replace does not look at them', async () => {
    const store = new MemoryStore();
    const sep = 'order_id,branch_id,service_type,called_at,status\nA1,B01,repair,2026-09-01 09:00:00,open\nA2,B01,repair,2026-09-02 09:00:00,open\n';
    const oct = 'order_id,branch_id,service_type,called_at,status\nA2,B01,repair,2026-10-02 09:00:00,open\nA3,B01,repair,2026-10-03 09:00:00,open\n';
    await runImport(job([{ id: 's', file: fixtureFile('service_orders_2026-09.csv', sep), table: 'service_orders', mapping: null }]), store, noProgress);
    store.promote();
    const a = await runImport(
      job([{ id: 'o', file: fixtureFile('service_orders_2026-10.csv', oct), table: 'service_orders', mapping: null }], 'append'),
      store,
      noProgress,
    );
    expect(a.kept).toBe(1);
    expect(a.files[0]).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsRejected: 1, byCode: { duplicate_existing: 1 } });
    expect(a.files[0]!.rejectedSample[0]!.reason).toBe('duplicate key order_id=A2: already imported (service_orders_2026-09.csv, line 3)');
    expect(a.pending.files.map((f) => f.file)).toEqual(['service_orders_2026-09.csv', 'service_orders_2026-10.csv']);
    const r = await runImport(
      job([{ id: 'o', file: fixtureFile('service_orders_2026-10.csv', oct), table: 'service_orders', mapping: null }], 'replace'),
      store,
      noProgress,
    );
    expect(r.kept).toBe(0);
    expect(r.files[0]).toMatchObject({ rowsLoaded: 2, rowsRejected: 0 });
    expect(r.pending.files.map((f) => f.file)).toEqual(['service_orders_2026-10.csv']);
  });
});

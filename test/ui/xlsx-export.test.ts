import { unzipSync, strFromU8 } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import { describe, expect, test } from 'vitest';
import { sheetName, xlsxBlob, xlsxCell, xlsxFilename } from '../../src/lib/xlsx-export.ts';

// A small table as the CSV export writes it (csvValue: money as its 2-decimal text, rates as "95.1%",
// counts and hours as numbers, timestamps as wall-clock text), exported to .xlsx and read back.
const ROWS = [
  ['网点', '工单号', '受理工单', '费用', '准时率', '到达用时', '报修时间', '日期'],
  ['B01 上海分公司', '007', 1858, '1234567.50', '95.1%', 2.5, '2026-10-20 09:05:00', '2026-10-31'],
  ['B02 杭州分公司', 'X2', 0, '-12.30', '100.0%', null, '2026-10-01 00:00:00', '2026-11-01'],
];

describe('xlsx export: typed cells from the CSV export values', () => {
  test('each value gets its type and format (worked by hand)', () => {
    expect(xlsxCell('1234567.50')).toEqual({ value: 1234567.5, type: Number, format: '#,##0.00' });
    expect(xlsxCell('95.1%')).toEqual({ value: 0.951, type: Number, format: '0.0%' }); // 95.1 / 100, as written
    expect(xlsxCell(1858)).toEqual({ value: 1858, type: Number });
    expect(xlsxCell('-12')).toEqual({ value: -12, type: Number });
    expect(xlsxCell('007')).toEqual({ value: '007', type: String }); // an id with a leading zero stays text
    expect(xlsxCell('1234567890123456')).toEqual({ value: '1234567890123456', type: String }); // 16 digits: a serial, not a number
    expect(xlsxCell('2026-10-31')).toEqual({ value: new Date(Date.UTC(2026, 9, 31)), type: Date, format: 'yyyy-mm-dd' });
    expect(xlsxCell('2026-10-20 09:05')).toEqual({ value: new Date(Date.UTC(2026, 9, 20, 9, 5, 0)), type: Date, format: 'yyyy-mm-dd hh:mm:ss' });
    expect(xlsxCell('2026-10')).toEqual({ value: '2026-10', type: String }); // a period is text
    expect(xlsxCell(null)).toBeNull();
    expect(xlsxCell('')).toBeNull();
  });

  test('names: the file and the sheet', () => {
    expect(xlsxFilename('月报_2026-10_迟到工单.csv')).toBe('月报_2026-10_迟到工单.xlsx');
    expect(sheetName('投诉/质量: [B01]')).toBe('投诉-质量- -B01-');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });

  test('a workbook read back: numbers as numbers, dates as dates, text as text', async () => {
    // Excel keeps a time as a fraction of a day (a float): read back to the second, as the importer does.
    const toSecond = (v: unknown) => (v instanceof Date ? new Date(Math.round(v.getTime() / 1000) * 1000) : v);
    const sheet = (await readSheet(await (await xlsxBlob(ROWS, '网点')).arrayBuffer())).map((r) => r.map(toSecond));
    expect(sheet[0]).toEqual(ROWS[0]);
    // Row 2: the money text "1234567.50" is the number 1234567.5; "95.1%" is 0.951; the timestamp is the
    // wall-clock 2026-10-20 09:05:00 (read back through UTC, as the importer reads .xlsx dates).
    expect(sheet[1]).toEqual(['B01 上海分公司', '007', 1858, 1234567.5, 0.951, 2.5, new Date(Date.UTC(2026, 9, 20, 9, 5)), new Date(Date.UTC(2026, 9, 31))]);
    // Row 3: zero is a number, not empty; a null cell is empty.
    expect(sheet[2]).toEqual(['B02 杭州分公司', 'X2', 0, -12.3, 1, null, new Date(Date.UTC(2026, 9, 1)), new Date(Date.UTC(2026, 10, 1))]);
  });

  test('the money, rate and date formats are on the cells', async () => {
    const files = unzipSync(new Uint8Array(await (await xlsxBlob(ROWS)).arrayBuffer()));
    const styles = strFromU8(files['xl/styles.xml']!);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    // numFmtId → format code, style index → numFmtId.
    const fmts = new Map([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]+)"/g)].map((m) => [m[1]!, m[2]!.replace(/&quot;/g, '"')]));
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b([^>]*)>/g)].map((m) => /numFmtId="(\d+)"/.exec(m[1]!)?.[1]);
    const formatOf = (ref: string): string | undefined => {
      const s = new RegExp(`<c r="${ref}"([^>]*)>`).exec(sheet)?.[1]!.match(/ s="(\d+)"/)?.[1];
      const id = s === undefined ? undefined : xfs[Number(s)];
      return id === undefined ? undefined : fmts.get(id);
    };
    expect(formatOf('D2')).toBe('#,##0.00'); // 费用
    expect(formatOf('D3')).toBe('#,##0.00');
    expect(formatOf('E2')).toBe('0.0%'); // 准时率
    expect(formatOf('G2')).toBe('yyyy-mm-dd hh:mm:ss'); // 报修时间
    expect(formatOf('H2')).toBe('yyyy-mm-dd'); // 日期
    expect(formatOf('C2')).toBeUndefined(); // a count: General
  });
});

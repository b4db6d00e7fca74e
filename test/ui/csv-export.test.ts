import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { BOM, csvField, csvFilename, tableRows, toCsv } from '../../src/components/csv-export.ts';
import { csvValue } from '../../src/components/data-table.ts';

describe('CSV export (UTF-8 with BOM, RFC 4180)', () => {
  test('starts with the BOM so Excel reads Chinese as UTF-8; CRLF line ends', () => {
    const csv = toCsv([
      ['网点', '受理工单'],
      ['B01 上海分公司', 231],
    ]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(`${BOM}网点,受理工单\r\nB01 上海分公司,231\r\n`);
    // The BOM is the UTF-8 bytes EF BB BF once encoded.
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    [null, ''],
    [undefined, ''],
    [0, '0'],
    [true, 'true'],
  ])('field %j → %j', (v, want) => expect(csvField(v)).toBe(want));

  test('export values: money without ¥ or separators, rates as %, counts as integers, null empty', () => {
    expect(csvValue('1234567.50', 'money')).toBe('1234567.50');
    expect(csvValue(0.93597, 'rate')).toBe('93.6%');
    expect(csvValue(1828, 'count')).toBe(1828);
    expect(csvValue(12.046277, 'hours')).toBe(12.05);
    expect(csvValue(3.3480954, 'score')).toBe(3.348);
    expect(csvValue(null, 'rate')).toBeNull();
    expect(csvValue('2026-10-20 09:00:00', 'datetime')).toBe('2026-10-20 09:00:00');
  });

  test('a rendered table: header, body and footer rows; data-csv wins over the shown text; skipped cells left out', () => {
    const { document } = parseHTML(`<table>
      <thead><tr><th>指标</th><th>本月</th></tr></thead>
      <tbody><tr><th>售后费用合计 <span class="tag" data-csv-skip>x</span></th><td data-csv="272877.42">¥272,877.42</td></tr>
             <tr><th>准时到达率</th><td data-csv="93.6%">93.6%</td></tr></tbody>
      <tfoot><tr><th colspan="2">合计</th></tr></tfoot></table>`);
    const rows = tableRows(document.querySelector('table') as unknown as HTMLTableElement);
    expect(rows[0]).toEqual(['指标', '本月']);
    expect(rows[1]![1]).toBe('272877.42');
    expect(rows[2]).toEqual(['准时到达率', '93.6%']);
    expect(rows[3]).toEqual(['合计', '']);
  });

  test('file names keep Chinese and drop characters Windows refuses', () => {
    expect(csvFilename(['售后服务月报', '2026-10', 'C1 华东服务中心', '迟到/工单'])).toBe('售后服务月报_2026-10_C1-华东服务中心_迟到-工单.csv');
    expect(csvFilename([])).toBe('export.csv');
  });
});

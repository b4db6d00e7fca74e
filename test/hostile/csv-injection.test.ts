/**
 * Hostile input, issue 22 item 5: CSV formula injection. Every export neutralises text cells that
 * start with =, +, -, @, tab or CR (a leading single quote, OWASP), and leaves numbers alone.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, neutralise } from '../../src/lib/export/csv-cell.ts';
import { importRecords } from '../../src/lib/import/import-table.ts';
import { BOM, toCsv } from '../../src/components/csv-export.ts';
import { rejectedLines } from '../../src/lib/userdata/pipeline.ts';
import { csvSource } from '../../src/lib/userdata/readers.ts';

const PAYLOAD = "@SUM(1+1)*cmd|' /C calc'!A0";

describe('csvCell', () => {
  it.each([
    [PAYLOAD, `'${PAYLOAD}`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`], // quoted too: it holds quotes and a comma
    ['+1+cmd', "'+1+cmd"],
    ['-2+3', "'-2+3"],
    ['\t=1+1', "'\t=1+1"], // after the quote the tab no longer leads: no quoting needed
    ['\r=1+1', `"'\r=1+1"`], // a CR is a line break: quoted
    ['上海=分公司', '上海=分公司'], // only the first character counts
    ['-', "'-"],
  ])('text %j → %j', (v, want) => expect(csvCell(v)).toBe(want));

  it.each([
    ['-1234.50', '-1234.50'],
    ['+5', '+5'],
    ['-3.2%', '-3.2%'],
    ['-1e5', '-1e5'],
    ['-.5', '-.5'],
  ])('a number written as text stays a number: %j', (v, want) => expect(csvCell(v)).toBe(want));

  it('JS numbers and booleans are never touched', () => {
    expect(csvCell(-1234.5)).toBe('-1234.5');
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(false)).toBe('false');
    expect(neutralise('=1')).toBe("'=1");
  });

  it('a report table export (toCsv) neutralises text and keeps negative amounts as numbers', () => {
    expect(
      toCsv([
        ['网点', '备注', '金额'],
        ['B1', PAYLOAD, '-80.10'],
        ['B2', '=1+1', -19.9],
      ]),
    ).toBe(`${BOM}网点,备注,金额\r\nB1,'${PAYLOAD},-80.10\r\nB2,'=1+1,-19.9\r\n`);
  });
});

describe('the rejected-rows CSV (browser import)', () => {
  it('neutralises the raw record and a file name that start like a formula', () => {
    // Line 2 is rejected (its status is unknown): the raw record starts with "=cmd", the file name with "=".
    const bytes = new TextEncoder().encode('order_id,branch_id,service_type,called_at,status\n=cmd|calc,B1,repair,2026-10-05 09:00:00,nope\n');
    const file = '=evil.csv';
    const source = csvSource(file, bytes);
    const table = importRecords(file, 'service_orders', source.header, source.records(), source.encoding, { zones: [] });
    expect(table.rejected.map((r) => [r.line, r.column])).toEqual([[2, 'status']]);
    expect(rejectedLines(table, source)).toBe(`'=evil.csv,2,status,bad_enum,unknown status: nope,"'=cmd|calc,B1,repair,2026-10-05 09:00:00,nope"\r\n`);
  });
});

// importCsv on small hand-made files: every docs/metrics.md rule 18 rejection with its exact file, line,
// column and reason, and loaded + rejected = rows read.
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/lib/import/import-table.ts';
import { UnusableFileError } from '../../src/lib/import/types.ts';
import { OPTIONS, csvBytes, expectCountsAddUp, objects } from './helpers.ts';

const ORDERS = 'order_id,branch_id,service_type,called_at,status';

describe('dates and timestamps', () => {
  it('rejects impossible dates and times in a timestamp column', () => {
    const t = importCsv(
      'service_orders.csv',
      csvBytes([
        ORDERS,
        'O1,B01,repair,2026-10-05 09:30,completed',
        'O2,B01,repair,2026-13-01 08:00,open', // month 13
        'O3,B01,repair,2026-02-30 08:00,open', // 30 February
        'O4,B01,repair,2026-10-05 24:00,open', // 24:00 is not a time of day
      ]),
      OPTIONS,
    );
    expect(t.rejected).toEqual([
      { file: 'service_orders.csv', line: 3, column: 'called_at', reason: 'not a date: 2026-13-01 08:00', code: 'bad_timestamp' },
      { file: 'service_orders.csv', line: 4, column: 'called_at', reason: 'not a date: 2026-02-30 08:00', code: 'bad_timestamp' },
      { file: 'service_orders.csv', line: 5, column: 'called_at', reason: 'not a time of day: 2026-10-05 24:00', code: 'bad_timestamp' },
    ]);
    expect(t.lines).toEqual([2]);
    expectCountsAddUp(t, 4);
  });

  it('rejects a bad cost date', () => {
    const t = importCsv(
      'costs.csv',
      csvBytes(['cost_id,date,branch_id,category,amount', 'C1,2026-13-01,B01,travel,10', 'C2,2026-10-01,B01,travel,10']),
      OPTIONS,
    );
    expect(t.rejected).toEqual([{ file: 'costs.csv', line: 2, column: 'date', reason: 'not a date: 2026-13-01', code: 'bad_date' }]);
    expectCountsAddUp(t, 2);
  });

  it('accepts both timestamp formats mixed in one file, T separators and fractions (truncated)', () => {
    const t = importCsv(
      'service_orders.csv',
      csvBytes([
        ORDERS + ',arrived_at',
        'O1,B01,repair,2026/10/5 9:30,completed,2026-10-05 11:00:59',
        'O2,B01,repair,2026-10-05 09:30:15,completed,2026/10/5 11:05',
        'O3,B01,repair,2026-10-05T09:30:15.987,completed,',
      ]),
      OPTIONS,
    );
    expect(t.rejected).toEqual([]);
    expect(objects(t).map((r) => [r['called_at'], r['arrived_at']])).toEqual([
      ['2026-10-05 09:30:00', '2026-10-05 11:00:59'],
      ['2026-10-05 09:30:15', '2026-10-05 11:05:00'],
      ['2026-10-05 09:30:15', null],
    ]);
    expectCountsAddUp(t, 3);
  });
});

describe('file-level problems', () => {
  it('makes a file without a required column unusable, naming the column in both languages', () => {
    const bytes = csvBytes(['order_id,branch_id,service_type,status', 'O1,B01,repair,open']);
    expect(() => importCsv('service_orders.csv', bytes, OPTIONS)).toThrow(UnusableFileError);
    try {
      importCsv('service_orders.csv', bytes, OPTIONS);
    } catch (e) {
      const u = e as UnusableFileError;
      expect(u.file).toBe('service_orders.csv');
      expect(u.code).toBe('missing_column');
      expect(u.missingColumns).toEqual(['called_at']);
      expect(u.message).toContain('missing required column called_at (报修时间)');
    }
  });

  it('detects the table from the headers when the file name says nothing, and lists ignored columns', () => {
    const t = importCsv(
      'export (3).csv',
      csvBytes(['Order ID,Branch_ID,Service_Type,Called_At,Status,Colour', 'O1,B01,repair,2026-10-05 09:30,open,red']),
      OPTIONS,
    );
    expect(t.table).toBe('service_orders');
    expect(t.columns).toEqual(['order_id', 'branch_id', 'service_type', 'called_at', 'status']);
    expect(t.ignoredColumns).toEqual(['Colour']);
  });
});

describe('quotes and line numbers', () => {
  it('rejects an unterminated quote and resumes on the next physical line', () => {
    // Line 3's quote is closed by the quote that opens line 5's cause, followed by text: unterminated.
    // Reading resumes on line 4, so O3 (line 4) and O4 (line 5) load with their own line numbers.
    const t = importCsv(
      'service_orders.csv',
      csvBytes([
        ORDERS + ',cause',
        'O1,B01,repair,2026-10-05 09:30,completed,"ok"',
        'O2,B01,repair,2026-10-05 10:00,completed,"broken fan',
        'O3,B01,repair,2026-10-05 11:00,completed,fine',
        'O4,B01,repair,2026-10-05 12:00,completed,"short, ""quoted"""',
      ]),
      OPTIONS,
    );
    expect(t.rejected).toEqual([{ file: 'service_orders.csv', line: 3, column: null, reason: 'unterminated quote', code: 'unterminated_quote' }]);
    expect(t.lines).toEqual([2, 4, 5]);
    expect(objects(t).map((r) => r['cause'])).toEqual(['ok', 'fine', 'short, "quoted"']);
    expectCountsAddUp(t, 4);
  });

  it('rejects a quote left open at the end of the file; the lines after it still load', () => {
    const t = importCsv(
      'service_orders.csv',
      csvBytes([
        ORDERS + ',cause',
        'O1,B01,repair,2026-10-05 09:30,completed,"never closed',
        'O2,B01,repair,2026-10-05 10:00,completed,',
        'O3,B01,repair,2026-10-05 11:00,completed,',
      ]),
      OPTIONS,
    );
    expect(t.rejected).toEqual([{ file: 'service_orders.csv', line: 2, column: null, reason: 'unterminated quote', code: 'unterminated_quote' }]);
    expect(t.lines).toEqual([3, 4]);
    expectCountsAddUp(t, 3);
  });

  it('accepts a legal multi-line quoted field; later records keep their physical lines (CRLF file)', () => {
    const t = importCsv(
      'service_orders.csv',
      csvBytes(
        [
          ORDERS + ',cause',
          'O1,B01,repair,2026-10-05 09:30,completed,"line one',
          'line two, with a comma"',
          'O2,B01,repair,2026-10-05 10:00,completed,plain',
          'O3,B01,repair,2026-13-05 10:00,completed,plain',
        ],
        '\r\n',
      ),
      OPTIONS,
    );
    expect(objects(t).map((r) => r['cause'])).toEqual(['line one\nline two, with a comma', 'plain']);
    expect(t.lines).toEqual([2, 4]);
    // The bad date is on physical line 5 (record 3 of the file).
    expect(t.rejected).toEqual([{ file: 'service_orders.csv', line: 5, column: 'called_at', reason: 'not a date: 2026-13-05 10:00', code: 'bad_timestamp' }]);
    expectCountsAddUp(t, 3);
  });
});

describe('field counts', () => {
  it('rejects a record with too many fields; a short record has its missing fields empty', () => {
    const t = importCsv(
      'service_orders.csv',
      csvBytes([
        ORDERS + ',cause',
        'O1,B01,repair,2026-10-05 09:30,completed,x,extra', // 7 fields for a 6-field header
        'O2,B01,repair,2026-10-05 09:30,completed', // cause missing → empty (optional)
        'O3,B01,repair,2026-10-05 09:30', // status missing → empty required value
      ]),
      OPTIONS,
    );
    expect(t.rejected).toEqual([
      { file: 'service_orders.csv', line: 2, column: null, reason: 'too many fields: 7, header has 6', code: 'too_many_fields' },
      { file: 'service_orders.csv', line: 4, column: 'status', reason: 'empty required value', code: 'required_empty' },
    ]);
    expect(objects(t)).toEqual([
      { order_id: 'O2', branch_id: 'B01', service_type: 'repair', called_at: '2026-10-05 09:30:00', status: 'completed', cause: null },
    ]);
    expectCountsAddUp(t, 3);
  });
});

describe('values', () => {
  it('rejects rating 5 on the first bad column and accepts the Chinese rating labels', () => {
    const t = importCsv(
      'surveys.csv',
      csvBytes([
        'survey_id,order_id,attitude,skill,timeliness,promise',
        'S1,O1,4,3,2,1',
        'S2,O2,4,5,3,3', // skill = 5
        'S3,O3,0,9,x,1', // attitude is the first bad column in schema order
        'S4,O4,很满意,满意,一般,不满意',
      ]),
      OPTIONS,
    );
    expect(t.rejected).toEqual([
      { file: 'surveys.csv', line: 3, column: 'skill', reason: 'rating out of range 1–4: 5', code: 'rating_range' },
      { file: 'surveys.csv', line: 4, column: 'attitude', reason: 'rating out of range 1–4: 0', code: 'rating_range' },
    ]);
    expect(t.rows).toEqual([
      ['S1', 'O1', '4', '3', '2', '1'],
      ['S4', 'O4', '4', '3', '2', '1'],
    ]);
    expectCountsAddUp(t, 4);
  });

  it('keeps money exact: 0.10 stays "0.10", 3 decimals are rejected, ¥ and thousands separators accepted', () => {
    const t = importCsv(
      'costs.csv',
      csvBytes([
        'cost_id,date,branch_id,category,amount',
        'C1,2026-10-05,B01,travel,0.10',
        'C2,2026/10/6,B01,material,1.234',
        'C3,2026-10-07 08:00,B01,install,"¥1,234.5"', // a timestamp in a date column is cut to its date
        'C4,2026-10-07,B01,other,12abc',
        'C5,2026-10-07,B01,shipping,-5',
      ]),
      OPTIONS,
    );
    expect(t.rejected).toEqual([
      { file: 'costs.csv', line: 3, column: 'amount', reason: 'more than 2 decimals in amount: 1.234', code: 'money_decimals' },
      { file: 'costs.csv', line: 5, column: 'amount', reason: 'not an amount: 12abc', code: 'bad_money' },
    ]);
    expect(objects(t).map((r) => [r['date'], r['amount']])).toEqual([
      ['2026-10-05', '0.10'],
      ['2026-10-07', '1234.50'],
      ['2026-10-07', '-5.00'],
    ]);
    expectCountsAddUp(t, 5);
  });

  it('maps Chinese enum and boolean aliases to canonical values (维修, 市区, 是/否)', () => {
    const t = importCsv(
      'service_orders.csv',
      csvBytes([
        ORDERS + ',zone,on_site,in_warranty',
        'O1,B01,维修,2026-10-05 09:30,已完工,市区,是,否',
        'O2,B01,Install,2026-10-05 09:30,OPEN,远郊外埠,N,yes', // canonical values in any case
        'O3,B01,fixing,2026-10-05 09:30,open,urban,1,0',
      ]),
      OPTIONS,
    );
    expect(objects(t).map((r) => [r['service_type'], r['status'], r['zone'], r['on_site'], r['in_warranty']])).toEqual([
      ['repair', 'completed', 'urban', 'true', 'false'],
      ['install', 'open', 'remote', 'false', 'true'],
    ]);
    expect(t.rejected).toEqual([{ file: 'service_orders.csv', line: 4, column: 'service_type', reason: 'unknown service_type: fixing', code: 'bad_enum' }]);
    expectCountsAddUp(t, 3);
  });

  it('rejects a zone that is not in the config; config zones replace the defaults', () => {
    const options = { zones: ['urban', 'ring1'] };
    const t = importCsv(
      'service_orders.csv',
      csvBytes([
        ORDERS + ',zone',
        'O1,B01,repair,2026-10-05 09:30,open,Ring1',
        'O2,B01,repair,2026-10-05 09:30,open,moon',
        'O3,B01,repair,2026-10-05 09:30,open,郊区', // suburban exists in the schema but not in this config
        'O4,B01,repair,2026-10-05 09:30,open,', // empty zone = no standard, not an error
      ]),
      options,
    );
    expect(t.rejected).toEqual([
      { file: 'service_orders.csv', line: 3, column: 'zone', reason: 'unknown zone: moon (configured zones: urban, ring1)', code: 'unknown_zone' },
      { file: 'service_orders.csv', line: 4, column: 'zone', reason: 'unknown zone: 郊区 (configured zones: urban, ring1)', code: 'unknown_zone' },
    ]);
    expect(objects(t).map((r) => r['zone'])).toEqual(['ring1', null]);
    expectCountsAddUp(t, 4);
  });
});

describe('keys and shares', () => {
  it('rejects a duplicate order_id, naming the line of the first occurrence', () => {
    const t = importCsv(
      'service_orders.csv',
      csvBytes([
        ORDERS,
        'O1,B01,repair,2026-10-05 09:30,open',
        'O2,B01,repair,2026-10-05 09:30,open',
        'O1,B02,install,2026-10-06 09:30,open',
        'O3,B01,repair,2026-10-32 09:30,open', // rejected for its date, so it is not "first"
        'O3,B01,repair,2026-10-07 09:30,open',
      ]),
      OPTIONS,
    );
    expect(t.rejected).toEqual([
      { file: 'service_orders.csv', line: 4, column: 'order_id', reason: 'duplicate key order_id=O1 (first on line 2)', code: 'duplicate_key' },
      { file: 'service_orders.csv', line: 5, column: 'called_at', reason: 'not a date: 2026-10-32 09:30', code: 'bad_timestamp' },
    ]);
    expect(t.lines).toEqual([2, 3, 6]);
    expectCountsAddUp(t, 5);
  });

  it('rejects every row of a complaint whose shares sum to 0.9 and keeps the others', () => {
    const t = importCsv(
      'complaint_responsibility.csv',
      csvBytes([
        'complaint_no,department,unit,staff_id,share',
        '2610001,quality,QC1,,0.5',
        '2610002,service,Team A,E01,0.6',
        '2610001,manufacturing,,,0.4', // 2610001: 0.5 + 0.4 = 0.9
        '2610002,sales,,,40%',
        '2610003,质量管理部,,,0.3333333', // rounded to 0.333333; 3 × that = 0.999999, within ± 0.001
        '2610003,制造部,,,0.3333333',
        '2610003,研发部,,,0.3333333',
        '2610004,rnd,,,1.2', // out of range → rejected; then 2610004 sums to 0.5 → its other row goes too
        '2610004,rnd,Lab,,0.5',
      ]),
      OPTIONS,
    );
    expect(t.rejected).toEqual([
      { file: 'complaint_responsibility.csv', line: 2, column: 'share', reason: 'shares of complaint 2610001 sum to 0.9, not 1', code: 'share_sum' },
      { file: 'complaint_responsibility.csv', line: 4, column: 'share', reason: 'shares of complaint 2610001 sum to 0.9, not 1', code: 'share_sum' },
      { file: 'complaint_responsibility.csv', line: 9, column: 'share', reason: 'share out of range 0–1: 1.2', code: 'share_range' },
      { file: 'complaint_responsibility.csv', line: 10, column: 'share', reason: 'shares of complaint 2610004 sum to 0.5, not 1', code: 'share_sum' },
    ]);
    expect(t.rows).toEqual([
      ['2610002', 'service', 'Team A', 'E01', '0.6'],
      ['2610002', 'sales', null, null, '0.4'],
      ['2610003', 'quality', null, null, '0.333333'],
      ['2610003', 'manufacturing', null, null, '0.333333'],
      ['2610003', 'rnd', null, null, '0.333333'],
    ]);
    expect(t.lines).toEqual([3, 5, 6, 7, 8]);
    expectCountsAddUp(t, 9);
  });
});

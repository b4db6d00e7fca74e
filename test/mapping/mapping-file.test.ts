// The mapping file on hand-made exports: every rule (constants, joins, one source into two columns,
// value maps with other/default, null markers, YY / excel / unix / A formats, dedupe) with values
// worked out by hand, and loaded + merged + rejected = rows read.
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/lib/import/import-table.ts';
import type { ImportedTable } from '../../src/lib/import/types.ts';
import { MappingError, mappedOptions, parseMapping, ruleFor } from '../../src/lib/mapping/index.ts';
import { csvBytes, objects } from '../import/helpers.ts';

const CTX = { zones: ['urban', 'suburban', 'remote'], timeZone: 'Asia/Shanghai' };

/** Import `lines` as `file` through the mapping `m` (its entry for that file). */
function run(m: object, file: string, lines: string[], eol = '\n'): ImportedTable {
  const mapping = parseMapping(JSON.stringify(m), 'mapping.json', CTX);
  const rule = ruleFor(mapping, file);
  if (!rule) throw new Error(`no entry for ${file}`);
  return importCsv(file, csvBytes(lines, eol), mappedOptions(rule, CTX));
}

/** SPEC: loaded + merged + rejected = rows read. */
function expectCounts(t: ImportedTable, read: number, merged: number, rejected: number): void {
  expect(t.rowsRead).toBe(read);
  expect(t.merged).toBe(merged);
  expect(t.rejected.length).toBe(rejected);
  expect(t.rows.length + (t.merged ?? 0) + t.rejected.length).toBe(t.rowsRead);
}

const INCIDENTS = {
  version: 1,
  files: [
    {
      match: 'incident*.csv',
      table: 'service_orders',
      null_values: ['?', 'N/A'],
      columns: {
        order_id: { from: 'number' },
        branch_id: { from: 'location', default: 'UNKNOWN' },
        service_type: { value: 'repair' },
        status: { from: 'state', values: { Closed: 'completed', New: 'open' }, other: 'in_progress' },
        called_at: { from: ['opened', 'opened_time'], format: 'DD-MM-YYYY HH:mm' },
        arrived_at: { from: 'resolved', format: 'DD-MM-YYYY HH:mm' },
        completed_at: { from: 'resolved', format: 'DD-MM-YYYY HH:mm' },
        technician_id: { from: 'tech' },
      },
    },
  ],
};
const INCIDENT_HEAD = 'number,location,state,opened,opened_time,resolved,tech,zone';

describe('columns: from, joins, one into two, constants, values, null markers', () => {
  it('maps a foreign log onto service_orders by hand', () => {
    const t = run(INCIDENTS, 'incident_log.csv', [
      INCIDENT_HEAD,
      'INC1,Loc 7,Closed,05-10-2026,09:30,06-10-2026 10:00,T1,urban', // line 2: every rule
      'INC2,?,Awaiting User,05-10-2026,14:05,?,N/A,urban', // line 3: ? and N/A are empty; unlisted state → other
      'INC3,Loc 7,New,05-10-2026,,?,T2,urban', // line 4: the time is empty → "05-10-2026" alone misses the format
      'INC4,Loc 8,New,2026-10-05,08:00,,T2,urban', // line 5: a SPEC date is not read when a format is named
    ]);
    // columns: only the mapped contract columns, in schema order; `zone` is a header of the file but
    // is not mapped, so it is absent.
    expect(t.columns).toEqual(['order_id', 'branch_id', 'service_type', 'called_at', 'arrived_at', 'completed_at', 'technician_id', 'status']);
    expect(t.ignoredColumns).toEqual(['zone']);
    expect(objects(t)).toEqual([
      {
        order_id: 'INC1',
        branch_id: 'Loc 7',
        service_type: 'repair',
        called_at: '2026-10-05 09:30:00', // date + time joined by a space
        arrived_at: '2026-10-06 10:00:00',
        completed_at: '2026-10-06 10:00:00',
        technician_id: 'T1',
        status: 'completed',
      },
      {
        order_id: 'INC2',
        branch_id: 'UNKNOWN',
        service_type: 'repair',
        called_at: '2026-10-05 14:05:00',
        arrived_at: null,
        completed_at: null,
        technician_id: null,
        status: 'in_progress',
      },
    ]);
    expect(t.lines).toEqual([2, 3]);
    expect(t.rejected).toEqual([
      { file: 'incident_log.csv', line: 4, column: 'called_at', reason: 'not a date in format DD-MM-YYYY HH:mm: 05-10-2026', code: 'bad_timestamp' },
      { file: 'incident_log.csv', line: 5, column: 'called_at', reason: 'not a date in format DD-MM-YYYY HH:mm: 2026-10-05 08:00', code: 'bad_timestamp' },
    ]);
    expectCounts(t, 4, 0, 2);
  });

  it('a constant fills a required column; a header named like a contract column is not read unless mapped', () => {
    const t = run(
      {
        files: [
          {
            match: 'orders.csv',
            table: 'service_orders',
            columns: {
              order_id: { from: 'order_id' },
              branch_id: { value: 'B1' },
              service_type: { value: '维修' },
              status: { value: 'completed' },
              called_at: { from: 'purchase', format: 'YYYY-MM-DD HH:mm:ss' },
            },
          },
        ],
      },
      'orders.csv',
      ['order_id,purchase,completed_at', 'o1,2017-10-02 10:56:33,2017-10-10 21:25:13'],
    );
    expect(t.columns).toEqual(['order_id', 'branch_id', 'service_type', 'called_at', 'status']);
    // 维修 is the Chinese alias of repair; completed_at is a header of the file but not mapped: absent.
    expect(objects(t)).toEqual([{ order_id: 'o1', branch_id: 'B1', service_type: 'repair', called_at: '2017-10-02 10:56:33', status: 'completed' }]);
  });

  it('a 1–5 star scale onto 1–4 with a values map; default for an empty cell', () => {
    const t = run(
      {
        files: [
          {
            match: 'reviews.csv',
            table: 'surveys',
            columns: {
              survey_id: { from: 'review_id' },
              order_id: { from: 'order_id' },
              responded_at: { from: 'answered' },
              attitude: { from: 'score', values: { '5': '4', '4': '3', '3': '2', '2': '1', '1': '1' }, default: '2' },
            },
          },
        ],
      },
      'reviews.csv',
      [
        'review_id,order_id,score,answered',
        'r1,o1,5,2018-01-01 10:00:00',
        'r2,o2,1,2018-01-02 10:00:00',
        'r3,o3,,2018-01-03 10:00:00',
        'r4,o4,7,2018-01-04 10:00:00',
      ],
    );
    // 5 → 4, 1 → 1, empty → default 2; 7 is not in the map and there is no `other`: kept as written
    // and refused by the rating rule.
    expect(objects(t).map((r) => r['attitude'])).toEqual(['4', '1', '2']);
    expect(t.rejected).toEqual([{ file: 'reviews.csv', line: 5, column: 'attitude', reason: 'rating out of range 1–4: 7', code: 'rating_range' }]);
    expectCounts(t, 4, 0, 1);
  });
});

describe('formats', () => {
  const CALLS = (format: string, from: string | string[]) => ({
    files: [
      {
        match: 'calls_*.txt',
        table: 'calls',
        delimiter: '\t',
        columns: {
          call_id: { from: ['line', 'call_id'] },
          started_at: { from, format },
          answered: { from: 'outcome', values: { AGENT: 'true', HANG: 'false' } },
        },
      },
    ],
  });

  it('YY pivots at 69 (00–68 → 20YY, 69–99 → 19YY); a date and a time column joined; tab-separated', () => {
    const t = run(CALLS('YYMMDD H:mm:ss', ['date', 'time']), 'calls_1999.txt', [
      'line\tcall_id\tdate\ttime\toutcome',
      'L1\t7\t681231\t9:05:07\tAGENT', // 68 → 2068
      'L2\t7\t690101\t23:59:59\tHANG', // 69 → 1969; same call_id on another line: the key is "L2 7"
      'L1\t8\t000229\t0:00:00\tAGENT', // 00 → 2000, a leap year
      'L1\t9\t990229\t0:00:00\tAGENT', // 99 → 1999: no 29 February
    ]);
    expect(objects(t)).toEqual([
      { call_id: 'L1 7', started_at: '2068-12-31 09:05:07', answered: 'true' },
      { call_id: 'L2 7', started_at: '1969-01-01 23:59:59', answered: 'false' },
      { call_id: 'L1 8', started_at: '2000-02-29 00:00:00', answered: 'true' },
    ]);
    expect(t.rejected.map((r) => [r.line, r.column, r.code])).toEqual([[5, 'started_at', 'bad_timestamp']]);
  });

  it('excel serials in the 1900 system', () => {
    const t = run(CALLS('excel', 'serial'), 'calls_x.txt', [
      'line\tcall_id\tserial\toutcome',
      'L\t1\t44927\tAGENT', // 2023-01-01 is 44927 days after 1899-12-30 (the epoch past serial 60)
      'L\t2\t45000.5\tAGENT', // 45000 − 44927 = 73 days after 2023-01-01 = 15 March (31 + 28 + 14); .5 = 12:00
      'L\t3\t1\tAGENT', // serial 1 = 1900-01-01
      'L\t4\t59\tAGENT', // 1900-02-28
      'L\t5\t61\tAGENT', // 1900-03-01 (serial 60 is Excel's phantom 29 February)
      'L\t6\t60\tAGENT', // refused
      'L\t7\t0.25\tAGENT', // below day 1: refused
    ]);
    expect(objects(t).map((r) => r['started_at'])).toEqual([
      '2023-01-01 00:00:00',
      '2023-03-15 12:00:00',
      '1900-01-01 00:00:00',
      '1900-02-28 00:00:00',
      '1900-03-01 00:00:00',
    ]);
    expect(t.rejected.map((r) => [r.line, r.reason])).toEqual([
      [7, 'not an Excel date serial: 60'],
      [8, 'not an Excel date serial: 0.25'],
    ]);
  });

  it('unix and unix_ms are shown as wall clock in the configured zone (Asia/Shanghai = UTC+8)', () => {
    // 1760000000 s = 20371 days + 32000 s after 1970-01-01 UTC = 2025-10-09 08:53:20 UTC → 16:53:20 in Shanghai.
    const s = run(CALLS('unix', 'ts'), 'calls_u.txt', ['line\tcall_id\tts\toutcome', 'L\t1\t1760000000\tHANG', 'L\t2\tabc\tHANG']);
    expect(objects(s).map((r) => r['started_at'])).toEqual(['2025-10-09 16:53:20']);
    expect(s.rejected.map((r) => [r.line, r.column])).toEqual([[3, 'started_at']]);
    const ms = run(CALLS('unix_ms', 'ts'), 'calls_u.txt', ['line\tcall_id\tts\toutcome', 'L\t1\t1760000000999\tHANG']);
    expect(objects(ms).map((r) => r['started_at'])).toEqual(['2025-10-09 16:53:20']); // fraction of a second dropped
    // Another zone from the config: New York is UTC−4 in October (daylight time) → 04:53:20.
    const mapping = parseMapping(JSON.stringify(CALLS('unix', 'ts')), 'm.json', CTX);
    const ny = importCsv(
      'calls_u.txt',
      csvBytes(['line\tcall_id\tts\toutcome', 'L\t1\t1760000000\tHANG']),
      mappedOptions(mapping.files[0]!, { zones: [], timeZone: 'America/New_York' }),
    );
    expect(objects(ny).map((r) => r['started_at'])).toEqual(['2025-10-09 04:53:20']);
  });

  it('A reads AM/PM and 上午/下午; a space in the format matches any run of spaces', () => {
    const t = run(CALLS('YYYY/M/D A h:mm', 'when'), 'calls_a.txt', [
      'line\twhen\tcall_id\toutcome',
      'L\t2026/10/5 下午 3:07\t1\tAGENT', // 下午 3 → 15
      'L\t2026/10/5  上午   12:05\t2\tAGENT', // 上午 12 → 00; several spaces
      'L\t2026/10/5 PM 12:00\t3\tAGENT', // PM 12 → 12
      'L\t2026/10/5 AM 1:00\t4\tAGENT',
      'L\t2026/10/5 13:00\t5\tAGENT', // no A: refused
    ]);
    expect(objects(t).map((r) => r['started_at'])).toEqual(['2026-10-05 15:07:00', '2026-10-05 00:05:00', '2026-10-05 12:00:00', '2026-10-05 01:00:00']);
    expect(t.rejected.map((r) => r.line)).toEqual([6]);
  });
});

describe('dedupe', () => {
  const LOG = (dedupe: object) => ({
    files: [
      {
        match: 'log.csv',
        table: 'service_orders',
        dedupe,
        columns: {
          order_id: { from: 'number' },
          branch_id: { value: 'B1' },
          service_type: { value: 'repair' },
          status: { from: 'state', values: { New: 'open', Active: 'in_progress', Closed: 'completed' } },
          called_at: { from: 'opened' },
          completed_at: { from: 'resolved' },
          labor_hours: { from: 'hours' },
        },
      },
    ],
  });
  // INC1 has four rows; its third (line 4) is rejected (bad state), so it takes no part.
  const LINES = [
    'number,state,opened,resolved,hours',
    'INC1,New,2026-10-01 08:00,,1', // line 2
    'INC2,New,2026-10-02 08:00,,5', // line 3
    'INC1,Closed,2026-10-01 08:00,2026-10-03 09:00,2', // line 4
    'INC1,Broken,2026-10-01 08:00,2026-10-09 09:00,9', // line 5: unknown status → rejected
    'INC1,Active,2026-10-01 08:00,2026-10-02 09:00,10', // line 6
    'INC2,Active,2026-10-02 08:00,,5', // line 7
  ];
  const kept = (t: ImportedTable) => objects(t).map((r, i) => [r['order_id'], r['status'], t.lines[i]]);

  it('keep first / last in file order; a rejected row takes no part; dropped rows are merged', () => {
    const first = run(LOG({ keep: 'first' }), 'log.csv', LINES);
    expect(kept(first)).toEqual([
      ['INC1', 'open', 2],
      ['INC2', 'open', 3],
    ]);
    const last = run(LOG({ keep: 'last' }), 'log.csv', LINES);
    expect(kept(last)).toEqual([
      ['INC1', 'in_progress', 6],
      ['INC2', 'in_progress', 7],
    ]);
    for (const t of [first, last]) {
      // 6 rows read: 1 rejected (line 5); INC1's 3 loaded rows → 1 (2 merged), INC2's 2 → 1 (1 merged).
      expectCounts(t, 6, 3, 1);
      expect(t.rejected).toEqual([{ file: 'log.csv', line: 5, column: 'status', reason: 'unknown status: Broken', code: 'bad_enum' }]);
    }
  });

  it('keep last by completed_at: the greatest, empty lowest; the rejected row (latest date) does not win', () => {
    const t = run(LOG({ keep: 'last', by: 'completed_at' }), 'log.csv', LINES);
    // INC1: completed_at empty (2), 10-03 (4), 10-02 (6) → line 4; the rejected 10-09 (5) takes no part.
    // INC2: both empty → a tie, the later in file order → line 7.
    expect(kept(t)).toEqual([
      ['INC1', 'completed', 4],
      ['INC2', 'in_progress', 7],
    ]);
    expectCounts(t, 6, 3, 1);
  });

  it('keep first by a number column: the smallest, ties by file order', () => {
    const t = run(LOG({ keep: 'first', by: 'labor_hours' }), 'log.csv', LINES);
    // INC1: hours 1 (2), 2 (4), 10 (6) → the least, 1, line 2;
    // INC2: 5 and 5 → a tie, the earlier → line 3.
    expect(kept(t)).toEqual([
      ['INC1', 'open', 2],
      ['INC2', 'open', 3],
    ]);
    const last = run(LOG({ keep: 'last', by: 'labor_hours' }), 'log.csv', LINES);
    // greatest hours: INC1 10 (line 6; as text "2" > "10" would wrongly give line 4); INC2 tie → later, line 7.
    expect(kept(last)).toEqual([
      ['INC1', 'in_progress', 6],
      ['INC2', 'in_progress', 7],
    ]);
  });

  it('without dedupe a repeated key is a rejected row', () => {
    const t = run({ files: [{ ...LOG({}).files[0], dedupe: undefined }] }, 'log.csv', LINES.slice(0, 4));
    expect(t.rejected.map((r) => [r.line, r.code])).toEqual([[4, 'duplicate_key']]);
    expectCounts(t, 3, 0, 1);
  });
});

describe('unusable mappings name the item', () => {
  const base = {
    match: 'a.csv',
    table: 'service_orders',
    columns: {
      order_id: { from: 'id' },
      branch_id: { value: 'B' },
      service_type: { value: 'repair' },
      status: { value: 'open' },
      called_at: { from: 't' },
    },
  };
  const error = (m: object) => {
    try {
      parseMapping(JSON.stringify(m), 'm.json', CTX);
    } catch (e) {
      expect(e).toBeInstanceOf(MappingError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };
  it('unknown table, column, key; values target the column cannot hold; required column left out; bad dedupe.by', () => {
    expect(error({ files: [{ ...base, table: 'orders' }] })).toMatch(/^m\.json: files\[0\] "a\.csv" \(orders\): unknown table "orders"/);
    expect(error({ files: [{ ...base, columns: { ...base.columns, colour: { from: 'c' } } }] })).toMatch(/unknown column "colour" of table service_orders/);
    expect(error({ files: [{ ...base, columns: { ...base.columns, status: { from: 's', values: { Closed: 'done' } } } }] })).toMatch(
      /column status: values\["Closed"\]: "done" is not a value status can hold \(unknown status: done\)/,
    );
    expect(error({ files: [{ ...base, columns: { ...base.columns, zone: { value: 'downtown' } } }] })).toMatch(
      /column zone: value "downtown" is not a value zone can hold/,
    );
    expect(error({ files: [{ ...base, columns: { ...base.columns, order_id: { form: 'id' } } }] })).toMatch(/column order_id: unknown key "form"/);
    const { status: _s, ...noStatus } = base.columns;
    expect(error({ files: [{ ...base, columns: noStatus }] })).toMatch(/required column status of service_orders not mapped/);
    expect(error({ files: [{ ...base, dedupe: { keep: 'last', by: 'closed' } }] })).toMatch(/dedupe\.by: unknown column "closed"/);
    expect(error({ files: [{ ...base, columns: { ...base.columns, called_at: { from: 't', format: 'DD-MM HH:mm' } } }] })).toMatch(
      /column called_at: bad format: no year/,
    );
  });
  it('a header the file lacks is named when the file is read', () => {
    const m = parseMapping(JSON.stringify({ files: [base] }), 'm.json', CTX);
    expect(() => importCsv('a.csv', csvBytes(['id,time', 'x,2026-10-01 08:00']), mappedOptions(m.files[0]!, CTX))).toThrow(
      'a.csv: mapping files[0] "a.csv", column called_at: no header "t" in the file (headers: id, time)',
    );
  });
});

/**
 * The browser's import worker with a mapping in the mapping file's terms (a loaded or remembered
 * mapping): constants, a join, one header into two columns, a value map with `other`, null markers,
 * dedupe with merged rows counted — and the value lists counted over the whole file.
 */
import { describe, expect, test } from 'vitest';
import { fromRule } from '../../src/lib/mapping/form.ts';
import { parseMapping, ruleFor } from '../../src/lib/mapping/index.ts';
import { TABLE_BY_NAME } from '../../src/lib/schema.ts';
import { inspectFile, runImport } from '../../src/lib/userdata/pipeline.ts';
import { fixtureFile, MemoryStore } from './helpers.ts';

const ZONES = ['urban', 'suburban', 'remote'];

const LOG =
  [
    'number,state,location,opened,time,resolved',
    'INC1,New,Loc 1,05-10-2026,09:00,?', // line 2
    'INC1,Closed,Loc 1,05-10-2026,09:00,05-10-2026 11:00', // line 3: INC1's last row
    'INC2,Odd,?,06-10-2026,16:00,?', // line 4: unlisted state → other; ? → default branch
    'INC3,New,Loc 2,32-10-2026,10:00,?', // line 5: day 32 → rejected
  ].join('\n') + '\n';

const MAPPING = JSON.stringify({
  version: 1,
  files: [
    {
      match: 'log_*.csv',
      table: 'service_orders',
      null_values: ['?'],
      dedupe: { keep: 'last' },
      columns: {
        order_id: { from: 'number' },
        branch_id: { from: 'location', default: 'UNKNOWN' },
        service_type: { value: 'repair' },
        status: { from: 'state', values: { New: 'open', Closed: 'completed' }, other: 'in_progress' },
        called_at: { from: ['opened', 'time'], format: 'DD-MM-YYYY HH:mm' },
        arrived_at: { from: 'resolved', format: 'DD-MM-YYYY HH:mm' },
        completed_at: { from: 'resolved', format: 'DD-MM-YYYY HH:mm' },
      },
    },
  ],
});

describe('import worker with a loaded mapping file', () => {
  test('every rule applies; read = loaded + merged + rejected', async () => {
    const file = fixtureFile('log_202610.csv', LOG);
    const rule = ruleFor(parseMapping(MAPPING, 'm.json', { zones: ZONES }), file.name)!;
    const store = new MemoryStore();
    const s = await runImport(
      { files: [{ id: 'a', file, table: rule.table, mapping: fromRule(rule) }], options: { zones: ZONES }, mode: 'replace', config: null },
      store,
      () => {},
    );
    const r = s.files[0]!;
    // 4 rows: INC1 twice (1 merged), INC3 rejected → 2 loaded.
    expect([r.rowsRead, r.rowsLoaded, r.rowsMerged, r.rowsRejected]).toEqual([4, 2, 1, 1]);
    expect(r.rejectedSample.map((x) => [x.line, x.column, x.code])).toEqual([[5, 'called_at', 'bad_timestamp']]);
    const csv = await store.parts.get(r.part)!.csv.text();
    // Canonical CSV (no header): every column of the table in schema order, unmapped ones empty; _line last.
    const rows = csv
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const head = TABLE_BY_NAME.service_orders.columns.map((c) => c.name);
    const col = (row: string[], c: string) => row[head.indexOf(c)];
    expect(
      rows.map((x) => [
        col(x, 'order_id'),
        col(x, 'branch_id'),
        col(x, 'service_type'),
        col(x, 'status'),
        col(x, 'called_at'),
        col(x, 'completed_at'),
        x[x.length - 1],
      ]),
    ).toEqual([
      ['INC1', 'Loc 1', 'repair', 'completed', '2026-10-05 09:00:00', '2026-10-05 11:00:00', '3'],
      ['INC2', 'UNKNOWN', 'repair', 'in_progress', '2026-10-06 16:00:00', '', '4'],
    ]);
  });

  test('the value lists count every row of the file, not a sample', async () => {
    // 30 000 rows: the 30 000th brings a value never seen before (a sample of the first 20 000 missed it).
    const lines = ['id,kind'];
    for (let i = 1; i < 30_000; i++) lines.push(`${i},${i % 2 ? 'A' : 'B'}`);
    lines.push('30000,Z');
    const r = await inspectFile(fixtureFile('big.csv', lines.join('\n') + '\n'));
    expect(r.sampled).toBe(30_000);
    expect(r.complete).toBe(true);
    // 29 999 rows before the last: odd ids A (15 000), even ids B (14 999); then one Z.
    expect(r.distinct[1]!.values).toEqual([
      ['A', 15_000],
      ['B', 14_999],
      ['Z', 1],
    ]);
  });
});

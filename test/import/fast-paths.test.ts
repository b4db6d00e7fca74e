// The import's fast paths give what the general rules give: canonical decimals returned as written,
// keys checked by order while they grow, rows written straight into canonical CSV (CanonicalRows),
// and the CLI loader's worker threads reporting the error of the first failing table.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CanonicalRows, canonicalBytes } from '../../src/lib/import/canonical-csv.ts';
import { appendCanonical, createTable } from '../../src/lib/db/load.ts';
import { openNodeDb } from '../../src/lib/db/db-node.ts';
import { openWasmNodeDb } from '../../src/lib/db/wasm-node.ts';
import { importCsv, importCsvTextInto } from '../../src/lib/import/import-table.ts';
import { UnusableFileError } from '../../src/lib/import/types.ts';
import { parseInt32, parseNumber, parseRating } from '../../src/lib/import/values.ts';
import { loadDataDir } from '../../src/lib/report/data-dir-node.ts';
import type { TableName } from '../../src/lib/schema.ts';
import { csvBytes, OPTIONS } from './helpers.ts';

describe('decimal fast paths', () => {
  it('return canonical text as written and send everything else through the general rule', () => {
    for (const s of ['0', '7', '10', '123456789', '0.5', '12.05', '3.14159']) expect(parseNumber(s)).toBe(s);
    expect(['007', '1.50', '1.', '.5', '+1', '-0', '-1.0', '1e2', '0.0'].map(parseNumber)).toEqual(['7', '1.5', '1', '0.5', '1', '0', '-1', '100', '0']);
    for (const s of ['0', '9', '40', '999999999']) expect(parseInt32(s)).toBe(s);
    expect(['007', '3.0', '+5', '-0', '2147483647'].map(parseInt32)).toEqual(['7', '3', '5', '0', '2147483647']);
    expect(parseInt32('2147483648')).toEqual({ code: 'bad_int', reason: 'whole number out of range: 2147483648' });
    expect(parseInt32('1.')).toBe('1');
    expect(['1', '4', '04', '4.0', '满意'].map(parseRating)).toEqual(['1', '4', '4', '4', '3']);
    expect(parseRating('0')).toEqual({ code: 'rating_range', reason: 'rating out of range 1–4: 0' });
  });
});

describe('duplicate keys', () => {
  it('are found after the keys stop growing, with the line of the first occurrence', () => {
    const head = 'branch_id,branch_name,level,parent_id';
    const t = importCsv(
      'branches.csv',
      csvBytes([
        head,
        'HQ,Head office,hq,',
        'B1,a,branch,HQ',
        'B3,c,branch,HQ',
        'B2,b,branch,HQ',
        'B1,again,branch,HQ',
        'B3,again,branch,HQ',
        'B2,again,branch,HQ',
        'B4,d,branch,HQ',
      ]),
      OPTIONS,
    );
    expect(t.rows.map((r) => r[0])).toEqual(['HQ', 'B1', 'B3', 'B2', 'B4']);
    expect(t.rejected.map((r) => [r.line, r.reason])).toEqual([
      [6, 'duplicate key branch_id=B1 (first on line 3)'],
      [7, 'duplicate key branch_id=B3 (first on line 4)'],
      [8, 'duplicate key branch_id=B2 (first on line 5)'],
    ]);
  });
});

describe('CanonicalRows', () => {
  // Every kind of rejection, a quoted comma, a multi-line cell, a missing optional column.
  const files: [TableName, string[]][] = [
    [
      'service_orders',
      [
        'order_id,branch_id,customer_id,service_type,called_at,status,labor_hours,cause',
        'O1,B1,C1,repair,2026-10-01 08:00:00,completed,1.50,"worn, replaced"',
        'O2,B1,C2,repair,2026/10/2 9:05,completed,2,"two',
        'lines"',
        'O1,B1,C3,repair,2026-10-03 08:00:00,completed,,dup',
        'O3,B1,C4,nonsense,2026-10-03 08:00:00,completed,,',
        'O4,,C5,repair,2026-10-03 08:00:00,completed,,',
        'O5,B2,C6,install,2026-10-04 10:00:00,completed,0.25,',
      ],
    ],
    ['complaint_responsibility', ['complaint_no,department,share', 'K1,service,0.5', 'K1,sales,0.5', 'K2,service,0.5', 'K2,sales,0.4', 'K3,quality,100%']],
  ];
  for (const [table, lines] of files) {
    it(`write ${table} as canonicalBytes does, in batches of any size`, () => {
      const whole = importCsv(`${table}.csv`, csvBytes(lines), OPTIONS, table);
      const want = Buffer.concat([...canonicalBytes(whole)]).toString();
      for (const batchRows of [1, 2, 1000]) {
        const it = importCsvTextInto(`${table}.csv`, [lines.join('\n') + '\n'], () => 'utf-8', OPTIONS, table, batchRows, new CanonicalRows());
        const parts: string[] = [];
        let count = 0;
        for (;;) {
          const r = it.next();
          if (r.done) {
            expect(r.value.rejected).toEqual(whole.rejected);
            expect(r.value.rows).toEqual([]);
            break;
          }
          parts.push(Buffer.from(r.value.csv).toString());
          count += r.value.count;
        }
        expect(parts.join('')).toBe(want);
        expect(count).toBe(whole.rows.length);
      }
    });
  }
});

describe('appendCanonical', () => {
  it('loads the same rows into an engine that takes only text (WASM) as into the Node one (bytes)', async () => {
    const t = importCsv('staff.csv', csvBytes(['staff_id,name,branch_id,base_points', 'S1,"Wang, Li",B1,1.5', 'S2,"多行\n文本",B2,', 'S3,😀,B1,2']), OPTIONS);
    const rows = new CanonicalRows();
    rows.begin(t.table, t.columns);
    t.rows.forEach((r, i) => rows.add(r, t.lines[i]!));
    const batch = rows.take();
    const tables = [];
    for (const db of [await openNodeDb(), await openWasmNodeDb()]) {
      try {
        await createTable(db, 'staff');
        expect(await appendCanonical(db, batch)).toBe(3);
        tables.push(await db.query('SELECT staff_id, name, branch_id, base_points::VARCHAR AS p, _line FROM staff ORDER BY rowid'));
      } finally {
        await db.close();
      }
    }
    expect(tables[0]).toEqual([
      { staff_id: 'S1', name: 'Wang, Li', branch_id: 'B1', p: '1.5', _line: 2 },
      { staff_id: 'S2', name: '多行\n文本', branch_id: 'B2', p: null, _line: 3 },
      { staff_id: 'S3', name: '😀', branch_id: 'B1', p: '2.0', _line: 5 },
    ]);
    expect(tables[1]).toEqual(tables[0]);
  });
});

describe('loadDataDir with worker threads', () => {
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-workers-'));
    writeFileSync(join(dir, 'config.json'), '{}');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const branches = 'branch_id,branch_name,level,parent_id\nHQ,Head office,hq,\n';
  const orders = 'order_id,branch_id,customer_id,service_type,called_at,status\nO1,HQ,C1,repair,2026-10-01 08:00:00,completed\n';

  it('throws the error of the first table in table order, whichever file fails first', async () => {
    const db = await openNodeDb();
    try {
      // costs comes before calls in the schema; the large calls file would fail last.
      const calls = 'x,started_at\n' + '1,2026-10-01 08:00:00\n'.repeat(50_000);
      const dir = folder({ 'branches.csv': branches, 'service_orders.csv': orders, 'costs.csv': 'x\n1\n', 'calls.csv': calls });
      const e = await loadDataDir(db, dir).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UnusableFileError);
      expect((e as UnusableFileError).message).toMatch(/^costs\.csv: missing required column/);
      // A missing required file comes after the errors of the tables before it.
      const noOrders = folder({ 'branches.csv': 'x\n1\n' });
      expect(((await loadDataDir(db, noOrders).catch((x: unknown) => x)) as Error).message).toMatch(/^branches\.csv: missing required column/);
      const onlyBranches = folder({ 'branches.csv': branches });
      expect(((await loadDataDir(db, onlyBranches).catch((x: unknown) => x)) as Error).message).toMatch(/^service_orders\.csv: not found in/);
    } finally {
      await db.close();
    }
  });

  it('loads every table as before, rows in file order', async () => {
    const db = await openNodeDb();
    try {
      const dir = folder({ 'branches.csv': branches + 'B1,b,branch,HQ\n', 'service_orders.csv': orders, 'staff.csv': 'staff_id,name,branch_id\nS1,x,B1\n' });
      const data = await loadDataDir(db, dir, { batchRows: 1, readBytes: 7 });
      expect(data.files.map((f) => [f.table, f.rowsLoaded])).toEqual([
        ['branches', 2],
        ['staff', 1],
        ['service_orders', 1],
      ]);
      expect(await db.query('SELECT branch_id, _line FROM branches ORDER BY rowid')).toEqual([
        { branch_id: 'HQ', _line: 2 },
        { branch_id: 'B1', _line: 3 },
      ]);
    } finally {
      await db.close();
    }
  });
});

import { afterAll, beforeAll, expect, test } from 'vitest';
import { openWasmNodeDb, type WasmNodeDb } from '../src/lib/db/wasm-node.ts';

// DuckDB-WASM results become plain rows a column at a time (values.ts arrowRows). Every kind of value
// the queries return, with NULLs in different rows and columns, must come out as written here.
let db: WasmNodeDb;
beforeAll(async () => {
  db = await openWasmNodeDb();
});
afterAll(async () => db?.close());

test('counts, text, flags, fractions, structs, lists and NULLs, row by row', async () => {
  const rows = await db.query(`
    SELECT * FROM (VALUES
      (1, 3::BIGINT, 'a', true, 0.25::DOUBLE, {'1': 2::INTEGER, '2': NULL::INTEGER}, [1, 2]),
      (2, NULL, NULL, false, NULL, NULL, []),
      (3, 9007199254740991::BIGINT, '华东', NULL, 1.5::DOUBLE, {'1': 0::INTEGER, '2': 4::INTEGER}, NULL)
    ) t(k, n, s, f, x, st, l) ORDER BY k`);
  expect(rows).toEqual([
    { k: 1, n: 3, s: 'a', f: true, x: 0.25, st: { '1': 2, '2': null }, l: [1, 2] },
    { k: 2, n: null, s: null, f: false, x: null, st: null, l: [] },
    { k: 3, n: 9007199254740991, s: '华东', f: null, x: 1.5, st: { '1': 0, '2': 4 }, l: null },
  ]);
  expect(await db.query('SELECT 1 AS a WHERE false')).toEqual([]);
});

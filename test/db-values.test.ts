import { afterAll, beforeAll, expect, test } from 'vitest';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { arrowRows, type ArrowTableLike } from '../src/lib/db/values.ts';
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

// Text columns are decoded a chunk at a time and sliced at UTF-16 positions (values.ts readUtf8):
// ASCII, Chinese (3 bytes each), an emoji (4 bytes: two UTF-16 units), empty text and NULLs, across
// several chunks and a sliced table, must come out as written.
// The chunk reader alone: a column whose per-value get() throws, so a fall-back would show.
const chunksOnly = (t: Table): ArrowTableLike => ({
  numRows: t.numRows,
  schema: t.schema,
  getChildAt: (i) => ({
    data: t.getChildAt(i)!.data,
    get: () => {
      throw new Error('read per value');
    },
  }),
});

test('text chunks: ASCII, Chinese, emoji, empty, NULL; several chunks; a slice', () => {
  const a = new Table({ s: vectorFromArray(['WO-001', null, '华东分公司', '', '😀好a'], new Utf8()) });
  const b = new Table({ s: vectorFromArray(['2026-10-01 08:30:00', '\uFEFFbom', null], new Utf8()) });
  const both = a.concat(b);
  expect(both.getChildAt(0)!.data.length).toBe(2); // really two chunks
  expect(arrowRows(chunksOnly(both)).map((r) => r['s'])).toEqual(['WO-001', null, '华东分公司', '', '😀好a', '2026-10-01 08:30:00', '\uFEFFbom', null]);
  // rows 2..5 of the first chunk and the first of the second: offsets start inside the byte buffer
  expect(arrowRows(chunksOnly(both.slice(2, 6))).map((r) => r['s'])).toEqual(['华东分公司', '', '😀好a', '2026-10-01 08:30:00']);
  // a column of all ASCII and one with no NULLs take the same path
  expect(arrowRows(chunksOnly(new Table({ s: vectorFromArray(['a', 'bc'], new Utf8()) })))).toEqual([{ s: 'a' }, { s: 'bc' }]);
});

test('DuckDB-WASM text of every width, with NULLs, over more than one Arrow chunk', async () => {
  // 5,000 rows: DuckDB-WASM hands results over in chunks of 2,048 rows.
  const rows = await db.query(`
    SELECT i, CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN 'x' || i WHEN 2 THEN '华' || i ELSE '😀' || i END AS s
    FROM range(5000) t(i) ORDER BY i`);
  expect(rows.length).toBe(5000);
  expect(rows.slice(0, 4)).toEqual([
    { i: 0, s: null },
    { i: 1, s: 'x1' },
    { i: 2, s: '华2' },
    { i: 3, s: '😀3' },
  ]);
  expect(rows[4097]).toEqual({ i: 4097, s: 'x4097' }); // in the third chunk
  expect(rows[4999]).toEqual({ i: 4999, s: '😀4999' });
});

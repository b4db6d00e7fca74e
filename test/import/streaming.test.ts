// A file read in pieces (the CLI's streaming loader): the same records, text, rows and rejections as
// the whole file read at once, wherever the pieces are cut.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, readCsvChunks } from '../../src/lib/import/csv.ts';
import { decodeCsvChunks, NotUtf8Error, type CsvEncoding } from '../../src/lib/import/decode.ts';
import { importCsv, importCsvText } from '../../src/lib/import/import-table.ts';
import { openNodeDb } from '../../src/lib/db/db-node.ts';
import { loadDataDir } from '../../src/lib/report/data-dir-node.ts';
import { OPTIONS } from './helpers.ts';

/** `text` cut into pieces of `size` characters. */
const cut = (text: string, size: number): string[] => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
const bytesCut = (bytes: Uint8Array, size: number): Uint8Array[] =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

describe('readCsvChunks', () => {
  // Physical lines: 1 header, 2 a quoted field with a comma and doubled quotes, 3–4 a cell over two
  // lines (CRLF), 5 empty, 6 a quote never closed (rule 1: rejected, reading resumes on line 7), 7.
  const text = 'id,note\r\n1,"a, ""b"""\r\n2,"multi\r\nline"\r\n\r\n3,"open\n4,x\n';
  const expected = [
    { line: 1, fields: ['id', 'note'] },
    { line: 2, fields: ['1', 'a, "b"'] },
    { line: 3, fields: ['2', 'multi\nline'] },
    { line: 6, fields: [], error: 'unterminated_quote' },
    { line: 7, fields: ['4', 'x'] },
  ];

  it('reads the whole text as worked out by hand', () => {
    expect([...readCsv(text)]).toEqual(expected);
  });

  it('gives the same records for every cut into two pieces and for pieces of 1 to 7 characters', () => {
    for (let at = 0; at <= text.length; at++) {
      expect([...readCsvChunks([text.slice(0, at), text.slice(at)])], `cut at ${at}`).toEqual(expected);
    }
    for (let size = 1; size <= 7; size++) expect([...readCsvChunks(cut(text, size))], `pieces of ${size}`).toEqual(expected);
  });

  it('detects the delimiter on the first piece and keeps a last record with no line break', () => {
    expect([...readCsvChunks(['a;b\n1', ';2'])]).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });
});

describe('decodeCsvChunks', () => {
  const decode = (chunks: Uint8Array[], force?: CsvEncoding) => {
    const found: { encoding?: CsvEncoding } = {};
    return { text: [...decodeCsvChunks(chunks, found, force)].join(''), encoding: found.encoding };
  };
  const utf8 = new TextEncoder().encode('单号,金额\n工单1,12.30\n');

  it('decodes UTF-8 cut inside multi-byte characters (chunks of 1 and 2 bytes)', () => {
    expect(decode(bytesCut(utf8, 1))).toEqual({ text: '单号,金额\n工单1,12.30\n', encoding: 'utf-8' });
    expect(decode(bytesCut(utf8, 2))).toEqual({ text: '单号,金额\n工单1,12.30\n', encoding: 'utf-8' });
  });

  it('drops a UTF-8 byte-order mark and reports it', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decode(bytesCut(withBom, 5))).toEqual({ text: '单号,金额\n工单1,12.30\n', encoding: 'utf-8-bom' });
  });

  // 工单 in GBK: B9 A4 B5 A5; 北京: B1 B1 BE A9.
  const gbk = new Uint8Array([...new TextEncoder().encode('id,name\n1,'), 0xb9, 0xa4, 0xb5, 0xa5, 0x0a, 0x32, 0x2c, 0xb1, 0xb1, 0xbe, 0xa9, 0x0a]);

  it('takes a first chunk that is not UTF-8 for GB18030', () => {
    expect(decode([gbk])).toEqual({ text: 'id,name\n1,工单\n2,北京\n', encoding: 'gb18030' });
  });

  it('throws NotUtf8Error when a later chunk is not UTF-8, and decodes from the start when told GB18030', () => {
    // The first 10 bytes ("id,name\n1,") are ASCII, so valid UTF-8; the GBK bytes come after.
    expect(() => decode(bytesCut(gbk, 10))).toThrow(NotUtf8Error);
    expect(decode(bytesCut(gbk, 10), 'gb18030')).toEqual({ text: 'id,name\n1,工单\n2,北京\n', encoding: 'gb18030' });
  });
});

describe('importCsvText in batches', () => {
  // Lines 2–6: B1 ok, B2 ok, a bad level on line 4, B1 again on line 5 (duplicate key), B3 ok.
  const csv =
    ['branch_id,branch_name,level,parent_id', 'B1,一,branch,', 'B2,二,branch,', 'B9,九,planet,', 'B1,重复,branch,', 'B3,三,branch,'].join('\n') + '\n';

  it('yields the loaded rows in batches and returns the rejections, as one whole import would', () => {
    const it = importCsvText('branches.csv', cut(csv, 9), () => 'utf-8', OPTIONS, 'branches', 2);
    const batches: string[][] = [];
    let r = it.next();
    for (; !r.done; r = it.next()) batches.push(r.value.rows.map((row) => row[0]!));
    // 3 loaded rows, 2 per batch: [B1, B2] then [B3].
    expect(batches).toEqual([['B1', 'B2'], ['B3']]);
    expect(r.value.rows).toEqual([]);
    expect(r.value.rowsRead).toBe(5);
    expect(r.value.rejected.map((x) => [x.line, x.code])).toEqual([
      [4, 'bad_enum'],
      [5, 'duplicate_key'],
    ]);
    const whole = importCsv('branches.csv', new TextEncoder().encode(csv), OPTIONS, 'branches');
    expect(whole.rejected).toEqual(r.value.rejected);
  });
});

describe('loadDataDir (the CLI loader, streamed)', () => {
  it('loads a file that turns out GBK after its first chunk, from the start as GB18030', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-stream-'));
    writeFileSync(join(dir, 'config.json'), '{}');
    writeFileSync(join(dir, 'service_orders.csv'), 'order_id,branch_id,customer_id,service_type,called_at,status\n');
    // An ASCII header and first row, then a branch name in GBK: 北京 = B1 B1 BE A9.
    const ascii = (t: string) => [...new TextEncoder().encode(t)];
    const rows = new Uint8Array([...ascii('branch_id,branch_name,level,parent_id\nHQ,Head office,hq,\nB1,'), 0xb1, 0xb1, 0xbe, 0xa9, ...ascii(',branch,HQ\n')]);
    writeFileSync(join(dir, 'branches.csv'), rows);
    const db = await openNodeDb();
    try {
      // Reads of 16 bytes: the first chunk is ASCII, the GBK bytes come later; batches of 1 row.
      const data = await loadDataDir(db, dir, { readBytes: 16, batchRows: 1 });
      const branches = data.files.find((f) => f.table === 'branches')!;
      expect(branches.encoding).toBe('gb18030');
      expect(branches.rowsLoaded).toBe(2);
      expect(await db.query('SELECT branch_id, branch_name, _line FROM branches ORDER BY _line')).toEqual([
        { branch_id: 'HQ', branch_name: 'Head office', _line: 2 },
        { branch_id: 'B1', branch_name: '北京', _line: 3 },
      ]);
      expect(await db.query('SELECT table_name, file, first_row, row_count FROM source_files ORDER BY table_name')).toEqual([
        { table_name: 'branches', file: 'branches.csv', first_row: 0, row_count: 2 },
        { table_name: 'service_orders', file: 'service_orders.csv', first_row: 0, row_count: 0 },
      ]);
    } finally {
      await db.close();
    }
  });
});

/**
 * Canonical CSV (src/lib/import/canonical-csv.ts), written byte by byte: the same text as field-by-field
 * string building — RFC 4180 quoting, UTF-8 (4-byte emoji, a lone surrogate as U+FFFD), NULL = empty,
 * schema column order, `_line` last — and chunks that cut only between rows.
 */
import { describe, expect, test } from 'vitest';
import { canonicalBytes, canonicalChunks, csvField } from '../../src/lib/import/canonical-csv.ts';
import type { ImportedTable } from '../../src/lib/import/types.ts';
import { TABLE_BY_NAME } from '../../src/lib/schema.ts';

// staff has 8 schema columns; the file gives three of them, in another order. The other five are empty.
const staff = (rows: (string | null)[][], lines: number[]): ImportedTable =>
  ({
    table: 'staff',
    file: 'staff.csv',
    columns: ['name', 'staff_id', 'branch_id'],
    rows,
    lines,
    rejected: [],
    rowsRead: rows.length,
    encoding: 'utf-8',
    ignoredColumns: [],
  }) as unknown as ImportedTable;
const tail = ',,,,,'; // department, unit, role, base_points, monthly_bonus: not in the file

describe('canonical CSV', () => {
  test('a field is quoted only for a comma, quote, CR or LF; quotes are doubled; NULL is empty', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
    expect(csvField('张三')).toBe('张三');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField('x\r')).toBe('"x\r"');
  });

  test('rows in schema column order with _line last, as UTF-8 bytes', () => {
    expect(TABLE_BY_NAME.staff.columns.length).toBe(8);
    const t = staff(
      [
        ['a "quoted", name', 'S1', 'B1'],
        ['行1\n行2', 'S2', null],
        ['😀x', 'S3', '\uD800'], // an emoji (surrogate pair) and a lone surrogate
        ['', 'S4', 'é'],
      ],
      [2, 3, 5, 1234567],
    );
    const want = new TextEncoder().encode(
      `S1,"a ""quoted"", name",B1${tail},2\n` + `S2,"行1\n行2",${tail},3\n` + `S3,😀x,\uFFFD${tail},5\n` + `S4,,é${tail},1234567\n`,
    );
    // Both forms give the same UTF-8: the bytes directly, the text once encoded (a lone surrogate stays
    // in a JavaScript string and becomes U+FFFD = EF BF BD in UTF-8, as the engines read it).
    const bytes = Buffer.concat([...canonicalBytes(t)]);
    expect(bytes.equals(Buffer.from(want))).toBe(true);
    expect(Buffer.from(new TextEncoder().encode([...canonicalChunks(t)].join(''))).equals(Buffer.from(want))).toBe(true);
    expect([...bytes.subarray(bytes.indexOf(0xf0), bytes.indexOf(0xf0) + 4)]).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });

  test('chunks of 2 rows cut between rows and add up to the whole', () => {
    const t = staff(
      [
        ['a', 'S1', 'B1'],
        ['b', 'S2', 'B1'],
        ['c', 'S3', 'B1'],
      ],
      [2, 3, 4],
    );
    const chunks = [...canonicalChunks(t, 2)];
    expect(chunks).toEqual([`S1,a,B1${tail},2\nS2,b,B1${tail},3\n`, `S3,c,B1${tail},4\n`]);
    expect(chunks.join('')).toBe([...canonicalChunks(t)].join(''));
    const bytes = [...canonicalBytes(t, 2)];
    expect(bytes.map((b) => new TextDecoder().decode(b))).toEqual(chunks);
  });
});

/**
 * Property test (fast-check): random rows, valid and broken, never crash the importer, and every row
 * read is either loaded or rejected with its line and reason: loaded + merged + rejected = read
 * (nothing is merged without a mapping's dedupe, so merged = 0 here). Read in pieces cut anywhere, a
 * file gives the same result as read whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCsv, importCsvText } from '../../src/lib/import/import-table.ts';
import { UnusableFileError, type ImportedTable } from '../../src/lib/import/types.ts';

const OPTIONS = { zones: ['urban', 'suburban', 'remote'] };
const HEADER = ['order_id', 'branch_id', 'service_type', 'zone', 'called_at', 'completed_at', 'labor_hours', 'on_site', 'status'];

/** A cell: a valid value of its column, or something hostile. */
const hostile = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '1e999',
    'Infinity',
    'NaN',
    '-0',
    '2026-02-30 10:00:00',
    '9999-12-31 00:00:00',
    '=cmd|calc!A0',
    '"',
    '""',
    ',',
    '\n',
    '\r\n',
    '测试网点',
    '\u0000',
    '\uFEFF',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.double().map(String),
  fc.integer().map(String),
);
const valid: Record<string, fc.Arbitrary<string>> = {
  order_id: fc.stringMatching(/^O[0-9]{1,4}$/),
  branch_id: fc.constantFrom('B1', 'B2'),
  service_type: fc.constantFrom('repair', '维修', 'install'),
  zone: fc.constantFrom('urban', '市区', 'remote', ''),
  called_at: fc.constantFrom('2026-10-05 09:00:00', '2026/10/5 9:00'),
  completed_at: fc.constantFrom('', '2026-10-06 10:30'),
  labor_hours: fc.constantFrom('', '0', '2.5', '10000'),
  on_site: fc.constantFrom('', 'true', '否', 'Y'),
  status: fc.constantFrom('completed', 'open', '已完工'),
};
const cell = (col: string) => fc.oneof({ arbitrary: valid[col]!, weight: 4 }, { arbitrary: hostile, weight: 1 });
/** A field as a CSV writer would put it (quoted when needed), or raw — which may break the record. */
const field = (col: string) => fc.tuple(cell(col), fc.boolean()).map(([v, raw]) => (raw || !/[",\r\n]/.test(v) ? v : `"${v.replace(/"/g, '""')}"`));
const row = fc
  .tuple(...HEADER.map(field))
  .chain((cells) => fc.integer({ min: 0, max: 2 }).map((extra) => [...cells, ...Array<string>(extra).fill('x')].join(',')));
const file = fc.tuple(fc.array(row, { maxLength: 25 }), fc.constantFrom('\n', '\r\n')).map(([rows, eol]) => [HEADER.join(','), ...rows].join(eol) + eol);

/** The invariant, and every rejected row located. */
function checkCounts(t: ImportedTable): void {
  expect(t.rows.length + 0 /* merged */ + t.rejected.length).toBe(t.rowsRead);
  expect(new Set(t.rejected.map((r) => r.line)).size).toBe(t.rejected.length); // one reason per row
  for (const r of t.rejected) {
    expect(r.line).toBeGreaterThanOrEqual(2);
    expect(r.reason.length).toBeGreaterThan(0);
    expect(r.file).toBe('service_orders.csv');
  }
  // What loads is in range (docs/import.md "Value ranges").
  const h = t.columns.indexOf('labor_hours');
  for (const r of t.rows) if (r[h] != null) expect(Number(r[h]) >= 0 && Number(r[h]) <= 10_000).toBe(true);
}

describe('importer properties', () => {
  it('random rows never crash it and loaded + merged + rejected = read', () => {
    fc.assert(
      fc.property(file, (text) => {
        const t = importCsv('service_orders.csv', new TextEncoder().encode(text), OPTIONS, 'service_orders');
        checkCounts(t);
      }),
      { numRuns: 300, seed: 22 },
    );
  });

  it('read in pieces cut anywhere, the same rows and rejections as read whole', () => {
    fc.assert(
      fc.property(file, fc.array(fc.nat(), { maxLength: 4 }), (text, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...at].map((s, i) => text.slice(s, at[i] ?? text.length));
        const run = (p: string[]) => {
          const it = importCsvText('service_orders.csv', p, () => 'utf-8', OPTIONS, 'service_orders');
          for (;;) {
            const r = it.next();
            if (r.done) return r.value;
          }
        };
        const whole = run([text]);
        const cut = run(pieces);
        expect(cut.rows).toEqual(whole.rows);
        expect(cut.rejected).toEqual(whole.rejected);
        checkCounts(cut);
      }),
      { numRuns: 200, seed: 22 },
    );
  });

  it('random bytes after a valid header: rows counted, or the whole file refused as unusable — never another error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
        const bytes = new Uint8Array([...new TextEncoder().encode(HEADER.join(',') + '\n'), ...tail]);
        try {
          checkCounts(importCsv('service_orders.csv', bytes, OPTIONS, 'service_orders'));
        } catch (e) {
          expect(e).toBeInstanceOf(UnusableFileError);
        }
      }),
      { numRuns: 300, seed: 22 },
    );
  });
});

/**
 * How many of a file's rows a column's mapping would fail, counted over the value lists of the whole
 * file (the mapping step blocks Check when a required column reads nothing, and warns with counts).
 */
import { isValueError, parserFor } from '../import/values.ts';
import type { Column } from '../schema.ts';
import type { FileMapping } from '../userdata/mapping.ts';

/** Rows of the column's values that would be rejected for it, and the rows counted; null when it cannot be told here (a constant, a join). */
export function columnFailures(
  m: FileMapping,
  c: Column,
  header: readonly string[],
  distinct: readonly { values: readonly (readonly [string, number])[] }[],
  zones: string[],
): { bad: number; total: number } | null {
  const h = m.columns[c.name];
  if (h === undefined || m.constants?.[c.name] !== undefined || (m.joins?.[c.name]?.length ?? 0) > 1) return null;
  const d = distinct[header.indexOf(h)];
  if (!d) return null;
  const format = m.formats[c.name];
  const parse = parserFor(c, { zones, ...(format ? { formats: { [c.name]: format }, strictFormats: true } : {}) });
  const nulls = new Set(m.nullValues ?? []);
  const values = m.values[c.name] ?? {};
  const other = m.other?.[c.name];
  const dflt = m.defaults?.[c.name] ?? '';
  let bad = 0;
  let total = 0;
  for (const [raw, n] of d.values) {
    total += n;
    let s = raw.trim();
    if (nulls.has(s)) s = '';
    s = s === '' ? dflt : (values[s] ?? other ?? s);
    if (s === '') {
      if (c.required) bad += n;
      continue;
    }
    if (isValueError(parse(s))) bad += n;
  }
  return { bad, total };
}

/**
 * Normalise engine values to plain JS: BIGINT → number (exact up to 2^53, which every count is),
 * structs → objects, lists → arrays. Money never reaches here as DECIMAL: queries cast it to text.
 */
export function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(plain);
  const o = v as { toArray?: () => unknown[]; toJSON?: () => unknown };
  if (v instanceof Date) return v.toISOString();
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, plain);
  // Arrow StructRow.toJSON() gives an object, Vector.toJSON() (LIST) an array.
  if (typeof o.toJSON === 'function') return plain(o.toJSON());
  if (typeof o.toArray === 'function') return Array.from(o.toArray(), plain);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = plain(x);
  return out;
}

/** The part of an Arrow table arrowRows reads (apache-arrow's Table, from either DuckDB-WASM build). */
export interface ArrowTableLike {
  numRows: number;
  schema: { fields: { name: string }[] };
  getChildAt(i: number): { get(row: number): unknown } | null;
}

/**
 * An Arrow result as plain rows, read a column at a time: one `get` per value, instead of a row proxy
 * and its toJSON per row (3× slower on a 7,800-row drill list; "no row-by-row JS over Arrow results").
 */
export function arrowRows(t: ArrowTableLike): Record<string, unknown>[] {
  const n = t.numRows;
  const out: Record<string, unknown>[] = new Array(n);
  for (let r = 0; r < n; r++) out[r] = {};
  t.schema.fields.forEach((f, i) => {
    const col = t.getChildAt(i)!;
    for (let r = 0; r < n; r++) {
      const v = col.get(r);
      out[r]![f.name] = v === null || v === undefined ? null : typeof v === 'object' || typeof v === 'bigint' ? plain(v) : v;
    }
  });
  return out;
}

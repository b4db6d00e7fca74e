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

/**
 * A page opened on the stored part of the bundled database (stored-part.ts) holds no service data until
 * a query needs it. `withWhole` is the page's Db then: a query that fails because a table (or a setup
 * macro over one) is missing
 * attaches the whole file (`whole`, once: bundle.ts) and runs again. Nothing else changes for the
 * pages — a query the part can answer never waits for the whole file, and one it cannot answers the
 * same as on the whole file, a download later.
 */
import type { Db, Params, Row } from './types.ts';

/**
 * DuckDB's error for a table, view or function the catalog does not hold: a table of the service data,
 * or a setup macro over one (created once the whole file is there, bundle.ts).
 */
export const isMissing = (e: unknown): boolean => /Catalog Error: [\w ]*with name \S+ does not exist/.test(e instanceof Error ? e.message : String(e));

export function withWhole<D extends Db>(db: D, whole: () => Promise<void>): D {
  return {
    ...db,
    async query(sql: string, params?: Params): Promise<Row[]> {
      try {
        return await db.query(sql, params);
      } catch (e) {
        if (!isMissing(e)) throw e;
        await whole();
        return db.query(sql, params);
      }
    },
  };
}

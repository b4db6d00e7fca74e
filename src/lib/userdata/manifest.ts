import type { Manifest } from './store.ts';

/**
 * Tables the reports need that a dataset lacks: service orders (without them there is no report: the
 * check refuses the import) and branches (reports still work, branches show their ids: a warning).
 */
export function missingTables(m: Manifest): ('service_orders' | 'branches')[] {
  const have = new Set(m.files.filter((f) => f.rowsLoaded > 0).map((f) => f.table));
  return (['service_orders', 'branches'] as const).filter((t) => !have.has(t));
}

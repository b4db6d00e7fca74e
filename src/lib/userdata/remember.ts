/**
 * Mappings remembered per header set (localStorage), so next month's export with the same columns
 * imports in one step. Only the mapping is stored (header names, value maps, formats) — never data.
 */
import { TABLE_BY_NAME } from '../schema.ts';
import { headerKey, type FileMapping } from './mapping.ts';

const PREFIX = 'shouhou-kpi.mapping.';

/** A remembered mapping for this header set, or null (also when storage is unavailable or the entry is stale). */
export function recallMapping(header: readonly string[], storage: Storage | null = safeStorage()): FileMapping | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(PREFIX + headerKey(header));
    if (!raw) return null;
    const m = JSON.parse(raw) as FileMapping;
    // A mapping naming a table or header that no longer exists is ignored, not half-applied.
    if (!TABLE_BY_NAME[m.table] || !Object.values(m.columns).every((h) => header.includes(h))) return null;
    return { table: m.table, columns: m.columns, values: m.values ?? {}, formats: m.formats ?? {} };
  } catch {
    return null;
  }
}

/** Remember `mapping` for this header set. */
export function rememberMapping(header: readonly string[], mapping: FileMapping, storage: Storage | null = safeStorage()): void {
  try {
    storage?.setItem(PREFIX + headerKey(header), JSON.stringify(mapping));
  } catch {
    /* storage full or disabled: the mapping lasts for this import only */
  }
}

/** Forget every remembered mapping. */
export function forgetMappings(storage: Storage | null = safeStorage()): void {
  if (!storage) return;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(PREFIX)) keys.push(k);
  }
  for (const k of keys) storage.removeItem(k);
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

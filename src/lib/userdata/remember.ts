/**
 * Mappings remembered per header set (localStorage), so next month's export with the same columns
 * imports in one step. Only the mapping is stored — as an entry of the mapping file (lib/mapping), the
 * same format "download mapping" writes and the CLI reads — never data.
 */
import { fromRule, toRule } from '../mapping/form.ts';
import { checkMapping } from '../mapping/parse.ts';
import type { FileRule } from '../mapping/types.ts';
import { TABLE_BY_NAME } from '../schema.ts';
import { headerKey, type FileMapping } from './mapping.ts';

const PREFIX = 'shouhou-kpi.mapping.';

/** The headers a form mapping reads. */
function headersOf(m: FileMapping): string[] {
  return [...Object.values(m.columns), ...Object.values(m.joins ?? {}).flat()];
}

/** A remembered mapping for this header set, or null (also when storage is unavailable or the entry is stale). */
export function recallMapping(header: readonly string[], storage: Storage | null = safeStorage(), zones: string[] = []): FileMapping | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(PREFIX + headerKey(header));
    if (!raw) return null;
    const stored = JSON.parse(raw) as Record<string, unknown>;
    let m: FileMapping;
    const cols = stored['columns'] as Record<string, unknown> | undefined;
    if (cols && Object.values(cols).some((v) => typeof v === 'object')) {
      // A mapping-file entry (checked like a loaded file: a stale or foreign entry is ignored).
      const doc = checkMapping({ version: 1, files: [stored] }, 'remembered', { zones, partial: true });
      m = fromRule(doc.files[0]!);
    } else {
      // Stored before the mapping-file format: table, header per column, value maps, formats.
      const old = stored as unknown as FileMapping;
      m = { table: old.table, columns: old.columns, values: old.values ?? {}, formats: old.formats ?? {} };
    }
    // A mapping naming a table or header that no longer exists is ignored, not half-applied.
    if (!TABLE_BY_NAME[m.table] || !headersOf(m).every((h) => header.includes(h))) return null;
    return m;
  } catch {
    return null;
  }
}

/** Remember `mapping` for this header set, as a mapping-file entry. */
export function rememberMapping(header: readonly string[], mapping: FileMapping, storage: Storage | null = safeStorage()): void {
  try {
    const { index: _i, ...rule }: FileRule = toRule(mapping, '*');
    storage?.setItem(PREFIX + headerKey(header), JSON.stringify(rule));
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

/**
 * The user's imported data, kept in this browser's IndexedDB (issue 6 "Persistence"): never sent
 * anywhere, there after a reload until the user returns to the sample.
 *
 * Two manifests: `active` (what the reports show) and `pending` (checked, awaiting the user's
 * replace / append decision). Each lists its files; a file's loaded rows live in a `part` as canonical
 * CSV (canonical.ts), with its rejected rows. Promoting pending → active is one transaction, and parts
 * no manifest names are deleted then. Used by the import worker (writes) and the page (reads).
 */
import type { Rejected } from '../import/types.ts';
import type { TableName } from '../schema.ts';

/** One imported file as the reports know it. */
export interface StoredFile {
  /** Id of the part holding its rows. */
  part: string;
  file: string;
  table: TableName;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Rows merged by the mapping's dedupe (absent in datasets stored before it existed = 0). */
  rowsMerged?: number;
  encoding: string;
  /** Size of the original file in bytes. */
  size: number;
  /** Local time of the import, "YYYY-MM-DD HH:MM". */
  importedAt: string;
  /** Whether a column mapping was applied. */
  mapped: boolean;
  /**
   * Canonical columns the file had after its mapping (ImportedTable.columns): a column not there is
   * absent, its figures "not measured". Missing in datasets stored before it was recorded: every column
   * of the table then counts as present (the figures as they were computed before).
   */
  columns?: string[];
}

/** A dataset: its files and the config.json text imported with them (null = defaults). */
export interface Manifest {
  importedAt: string;
  files: StoredFile[];
  config: string | null;
  configFile: string | null;
}

/** A file's stored rows: canonical CSV body (no header), its rejected rows, and those rows as the user wrote them. */
export interface Part {
  id: string;
  table: TableName;
  csv: Blob;
  /**
   * Byte offsets in `csv` where a record starts, every few thousand rows (0 first): the page loads a
   * large part piece by piece, so no giant string ever sits on its thread.
   */
  pieces: number[];
  rejected: Rejected[];
  /** CSV lines (no header) of the rejected rows: file, line, column, reason, original record. */
  rejectedCsv: Blob | null;
}

export type ManifestKind = 'active' | 'pending';

const DB_NAME = 'shouhou-kpi-userdata';
const VERSION = 1;
const MANIFESTS = 'manifests';
const PARTS = 'parts';

let opening: Promise<IDBDatabase> | null = null;

/** The database, opened once. Rejects when IndexedDB is unavailable (private mode in some browsers). */
export function openStore(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((ok, fail) => {
    if (typeof indexedDB === 'undefined') {
      fail(new Error('IndexedDB is not available in this browser'));
      return;
    }
    const req = indexedDB.open(DB_NAME, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(MANIFESTS)) db.createObjectStore(MANIFESTS);
      if (!db.objectStoreNames.contains(PARTS)) db.createObjectStore(PARTS, { keyPath: 'id' });
    };
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error ?? new Error('cannot open IndexedDB'));
    req.onblocked = () => fail(new Error('IndexedDB is blocked by another tab'));
  }).catch((e: unknown) => {
    opening = null;
    throw e;
  });
  return opening;
}

const done = (tx: IDBTransaction): Promise<void> =>
  new Promise((ok, fail) => {
    tx.oncomplete = () => ok();
    tx.onabort = () => fail(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => fail(tx.error ?? new Error('IndexedDB transaction failed'));
  });

const result = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((ok, fail) => {
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error ?? new Error('IndexedDB request failed'));
  });

/** The manifest of `kind`, or null when there is none. */
export async function getManifest(kind: ManifestKind): Promise<Manifest | null> {
  const db = await openStore();
  const m = await result(db.transaction(MANIFESTS).objectStore(MANIFESTS).get(kind));
  return (m as Manifest | undefined) ?? null;
}

/** Parts by id, in the order asked (a missing part is an error: the manifest would lie). */
export async function getParts(ids: readonly string[]): Promise<Part[]> {
  const db = await openStore();
  const store = db.transaction(PARTS).objectStore(PARTS);
  const parts = await Promise.all(ids.map((id) => result(store.get(id)) as Promise<Part | undefined>));
  return parts.map((p, i) => {
    if (!p) throw new Error(`stored data is incomplete (part ${ids[i]} is missing)`);
    return p;
  });
}

/** Store one part (written before the manifest that names it). */
export async function putPart(part: Part): Promise<void> {
  const db = await openStore();
  const tx = db.transaction(PARTS, 'readwrite');
  tx.objectStore(PARTS).put(part);
  await done(tx);
}

/** Write the pending manifest (replacing an earlier pending one; its own new parts are dropped). */
export async function putPending(m: Manifest): Promise<void> {
  const db = await openStore();
  const tx = db.transaction([MANIFESTS, PARTS], 'readwrite');
  tx.objectStore(MANIFESTS).put(m, 'pending');
  await done(tx);
  await collectGarbage();
}

/** Pending becomes active, in one transaction; parts neither names are deleted. */
export async function promotePending(): Promise<Manifest> {
  const db = await openStore();
  const tx = db.transaction(MANIFESTS, 'readwrite');
  const store = tx.objectStore(MANIFESTS);
  const pending = (await result(store.get('pending'))) as Manifest | undefined;
  if (!pending) {
    tx.abort();
    throw new Error('nothing to import: the checked files are gone (another tab?)');
  }
  store.put(pending, 'active');
  store.delete('pending');
  await done(tx);
  await collectGarbage();
  return pending;
}

/** Replace the active dataset's settings (config.json text) — the settings panel; false when there is no user data. */
export async function setActiveConfig(text: string, file: string | null): Promise<boolean> {
  const db = await openStore();
  const tx = db.transaction(MANIFESTS, 'readwrite');
  const store = tx.objectStore(MANIFESTS);
  const active = (await result(store.get('active'))) as Manifest | undefined;
  if (!active) {
    tx.abort();
    return false;
  }
  store.put({ ...active, config: text, configFile: file }, 'active');
  await done(tx);
  return true;
}

/** Drop the pending import. */
export async function discardPending(): Promise<void> {
  const db = await openStore();
  const tx = db.transaction(MANIFESTS, 'readwrite');
  tx.objectStore(MANIFESTS).delete('pending');
  await done(tx);
  await collectGarbage();
}

/** Forget the user's data entirely (back to the sample). */
export async function clearAll(): Promise<void> {
  const db = await openStore();
  const tx = db.transaction([MANIFESTS, PARTS], 'readwrite');
  tx.objectStore(MANIFESTS).clear();
  tx.objectStore(PARTS).clear();
  await done(tx);
}

/**
 * Delete parts that no manifest names. Parts written by an import still being checked are not named
 * yet, so the worker writes the pending manifest right after its parts (putPending), and garbage is
 * only collected after a manifest change.
 */
async function collectGarbage(): Promise<void> {
  await collectOrphans();
}

/**
 * Delete parts that no manifest names — only while no import is running (tabs.ts holds the import lock
 * around every caller), since a running import's parts are not named until its pending manifest.
 */
export async function collectOrphans(): Promise<void> {
  const db = await openStore();
  const tx = db.transaction([MANIFESTS, PARTS], 'readwrite');
  const manifests = tx.objectStore(MANIFESTS);
  const parts = tx.objectStore(PARTS);
  const [active, pending, keys] = await Promise.all([
    result(manifests.get('active')) as Promise<Manifest | undefined>,
    result(manifests.get('pending')) as Promise<Manifest | undefined>,
    result(parts.getAllKeys()),
  ]);
  const keep = new Set([...(active?.files ?? []), ...(pending?.files ?? [])].map((f) => f.part));
  for (const k of keys) if (!keep.has(String(k))) parts.delete(k);
  await done(tx);
}

/** Local wall-clock "YYYY-MM-DD HH:MM" (what the badge shows as the import time). */
export function localStamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * Several tabs of the site on one browser share the imported data (IndexedDB, store.ts). This keeps
 * them from stepping on each other: one import at a time across tabs (a Web Lock held from the check
 * to confirm or cancel, so one tab's confirm never activates another tab's files and no tab's cleanup
 * deletes parts a running import wrote), a message to the other tabs when the active data changed
 * (BroadcastChannel), and the parts of an import interrupted by a closed tab collected at start-up.
 * Also the storage side: persistent storage asked for on import, the quota estimated before a large
 * import, and a full disk told apart from other failures. DOM-free.
 */
import { collectOrphans, discardPending } from './store.ts';

/** The Web Lock every import (and every change of the active data) holds. */
const LOCK = 'shouhou-kpi.import';
/** The channel tabs announce a change of the active data on. */
const CHANNEL = 'shouhou-kpi.data';

type Locks = { request(name: string, options: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<void>): Promise<void> };
const locks = (): Locks | null => (globalThis.navigator as unknown as { locks?: Locks } | undefined)?.locks ?? null;

/**
 * Take the import lock if no other tab holds it: a function that releases it, or null when another tab
 * is importing. Without Web Locks (old browsers) every tab gets it, as before.
 */
export async function acquireImportLock(): Promise<(() => void) | null> {
  const l = locks();
  if (!l) return () => undefined;
  return new Promise((resolve) => {
    void l.request(LOCK, { ifAvailable: true }, (lock) => {
      if (lock === null) {
        resolve(null);
        return Promise.resolve();
      }
      return new Promise<void>((release) => resolve(() => release()));
    });
  });
}

/** Tell the other tabs that the active data changed (an import confirmed, or back to the sample). */
export function announceActiveChanged(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const ch = new BroadcastChannel(CHANNEL);
  ch.postMessage({ type: 'active-changed' });
  ch.close();
}

/** Call `cb` when another tab changed the active data; returns a function that stops listening. */
export function onActiveChanged(cb: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const ch = new BroadcastChannel(CHANNEL);
  ch.onmessage = (ev: MessageEvent<{ type?: string }>) => {
    if (ev.data?.type === 'active-changed') cb();
  };
  return () => ch.close();
}

/**
 * At start-up, when no tab is importing: a pending import left by a tab closed before confirm or cancel
 * is dropped, and parts no manifest names (an import interrupted before its manifest) are deleted.
 * Returns whether it ran (false: another tab is importing, its parts are left alone).
 */
export async function collectAtStartup(): Promise<boolean> {
  const release = await acquireImportLock();
  if (!release) return false;
  try {
    await discardPending(); // also collects the parts no manifest names
    await collectOrphans();
    return true;
  } finally {
    release();
  }
}

/** What the browser lets the site store, before an import of `bytes`. */
export interface StorageRoom {
  /** Bytes the site may still use (quota − usage), or null when the browser does not say. */
  free: number | null;
  quota: number | null;
  /** True when the import (about `factor` × its files' size) would not fit. */
  short: boolean;
  /** Whether the browser keeps the data under storage pressure (persist() granted). */
  persisted: boolean;
}

/** The stored copy of a file takes about this times the file (canonical CSV + rejected rows + manifest). */
export const STORE_FACTOR = 1.5;

/** Ask for persistent storage (so the browser does not evict imported data) and estimate the room left. */
export async function storageRoom(bytes: number): Promise<StorageRoom> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  let persisted = false;
  try {
    persisted = (await storage?.persisted?.()) || ((await storage?.persist?.()) ?? false);
  } catch {
    persisted = false;
  }
  try {
    const e = await storage?.estimate?.();
    if (!e || e.quota === undefined) return { free: null, quota: null, short: false, persisted };
    const free = Math.max(0, e.quota - (e.usage ?? 0));
    return { free, quota: e.quota, short: bytes * STORE_FACTOR > free, persisted };
  } catch {
    return { free: null, quota: null, short: false, persisted };
  }
}

/** True for the browser's "storage full" failure (IndexedDB QuotaExceededError), whatever wraps it. */
export function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; message?: string } | null;
  return err?.name === 'QuotaExceededError' || /quota|QuotaExceeded|storage.*full/i.test(String(err?.message ?? ''));
}

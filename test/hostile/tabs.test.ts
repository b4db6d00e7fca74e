/**
 * Issue 22 item 7 (DOM-free part): one import at a time across tabs (Web Locks), the other tabs told
 * when the active data changed (BroadcastChannel), storage room and a full disk told apart.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireImportLock, announceActiveChanged, isQuotaError, onActiveChanged, storageRoom } from '../../src/lib/userdata/tabs.ts';

/** A lock manager with the ifAvailable semantics of the Web Locks API (one holder per name). */
function fakeLocks() {
  const held = new Set<string>();
  return {
    request(name: string, _o: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<void>): Promise<void> {
      if (held.has(name)) return cb(null);
      held.add(name);
      return cb({ name }).finally(() => held.delete(name));
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('import lock across tabs', () => {
  it('a second tab gets no lock while the first holds it, and gets it once released', async () => {
    vi.stubGlobal('navigator', { locks: fakeLocks() });
    const a = await acquireImportLock();
    expect(a).toBeTypeOf('function');
    expect(await acquireImportLock()).toBeNull(); // tab B: "another tab is importing"
    a!();
    await new Promise((r) => setTimeout(r, 0)); // the lock is let go when its callback's promise settles
    const b = await acquireImportLock();
    expect(b).toBeTypeOf('function');
    b!();
  });
});

describe('active data changed', () => {
  it('reaches a listener on another channel object (another tab)', async () => {
    const seen: string[] = [];
    const stop = onActiveChanged(() => seen.push('changed'));
    announceActiveChanged();
    await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(seen).toEqual(['changed']);
  });
});

describe('storage', () => {
  it('asks for persistent storage and finds a 100 MB import too big for 120 MB left (×1.5 = 150 MB)', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist, estimate: async () => ({ quota: 1_000e6, usage: 880e6 }) } });
    expect(await storageRoom(100e6)).toEqual({ free: 120e6, quota: 1_000e6, short: true, persisted: true });
    expect(persist).toHaveBeenCalledOnce();
    expect((await storageRoom(50e6)).short).toBe(false); // 75 MB ≤ 120 MB
  });

  it('tells a full disk from other failures', () => {
    expect(isQuotaError(Object.assign(new Error('x'), { name: 'QuotaExceededError' }))).toBe(true);
    expect(isQuotaError(new Error('QuotaExceededError: The quota has been exceeded.'))).toBe(true);
    expect(isQuotaError(new Error('not a date: 2026-13-01'))).toBe(false);
  });
});

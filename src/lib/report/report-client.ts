/**
 * A page's report client: the one place that decides when report work runs and what it keeps. Split
 * the way Mosaic splits its coordinator from its query manager — the page says what it needs, the client
 * owns the cache, the order of work and which results are stale:
 *
 * - **cache**: a result (a promise, so two askers share one computation) per key, the most recently used
 *   kept up to `size`; a failed computation is forgotten, so asking again retries;
 * - **stale results**: `next()` starts a selection; `current(n)` says whether selection `n` is still the
 *   newest — a result that arrives after a newer request is dropped by the page;
 * - **background work** (prefetch): each of its queries first waits until no selection is computing
 *   (`foreground`) and the client is not paused (the import panel is open: the import worker gets the
 *   cores); one that a selection on screen needs (a cache hit on it) is urgent and goes ahead; one left
 *   behind by a newer selection stops with `Superseded`.
 * No DOM here: the page shell schedules the background work (idle callbacks) and pauses the client.
 */

/** Called before each query of a computation: resolves when the query may run, or throws Superseded. */
export type BeforeQuery = () => Promise<void>;

/** Background work for a selection that is no longer the newest: stopped at its next query. */
export class Superseded extends Error {}

/** The cache, the selection generations and the background gate of one page. */
export class ReportClient {
  private readonly cache = new Map<string, Promise<unknown>>();
  private generation = 0;
  private busy = 0;
  private paused = false;
  private readonly urgent = new Set<string>();
  private waiting: (() => void)[] = [];

  private readonly size: number;

  /** `size`: how many results are kept (least recently used dropped first). */
  constructor(size = 200) {
    this.size = size;
  }

  /** Start a new selection: its number; every older one's results are stale from now on. */
  next(): number {
    return ++this.generation;
  }

  /** Whether selection `n` is still the newest. */
  current(n: number): boolean {
    return n === this.generation;
  }

  /** The newest selection's number (a background task records the one it works for). */
  get latest(): number {
    return this.generation;
  }

  /**
   * `key`'s result, computed by `run` if it is not cached. `background`: the selection a prefetch works
   * for — its queries wait for the foreground (run receives the gate as `beforeQuery`) and stop once a
   * newer selection is asked for; null = a selection on screen needs it now.
   */
  get<T>(key: string, run: (beforeQuery: BeforeQuery | undefined) => Promise<T>, background: number | null = null): Promise<T> {
    const hit = this.cache.get(key) as Promise<T> | undefined;
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit); // most recently used last
      if (background === null) {
        this.urgent.add(key); // a prefetch still running for it goes ahead of everything
        this.wake();
      }
      return hit;
    }
    const p = run(background === null ? undefined : this.gateFor(key, background));
    p.catch(() => {
      if (this.cache.get(key) === p) this.cache.delete(key);
    });
    this.cache.set(key, p);
    while (this.cache.size > this.size) this.cache.delete(this.cache.keys().next().value!);
    return p;
  }

  /** Run the work of a selection on screen: background queries wait until no such work is running. */
  async foreground<T>(f: () => Promise<T>): Promise<T> {
    const release = this.hold();
    try {
      return await f();
    } finally {
      release();
    }
  }

  /** The same as foreground, for a page that brackets its work itself: call the returned function when done. */
  hold(): () => void {
    this.busy++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.busy--;
      if (this.busy === 0) {
        this.urgent.clear();
        this.wake();
      }
    };
  }

  /** Hold background work (true) or let it go on (false), e.g. while the import panel is open. */
  pause(on: boolean): void {
    this.paused = on;
    if (!on) this.wake();
  }

  /** Run background work `f` for the newest selection; its stop (Superseded) is not an error. */
  async background(f: (mine: number) => Promise<void>): Promise<void> {
    const mine = this.generation;
    try {
      await f(mine);
    } catch (e) {
      if (!(e instanceof Superseded)) throw e;
    }
  }

  private gateFor(key: string, mine: number): BeforeQuery {
    return async () => {
      while ((this.busy > 0 || this.paused) && !this.urgent.has(key)) await new Promise<void>((r) => this.waiting.push(r));
      if (mine !== this.generation && !this.urgent.has(key)) throw new Superseded(`background work for ${key} superseded`);
    };
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = [];
    for (const f of w) f();
  }
}

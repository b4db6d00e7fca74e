/**
 * The report client (src/lib/report/report-client.ts): what it caches and drops, which selection is
 * stale, and when background work may run. Computations here are counters and hand-made promises.
 */
import { describe, expect, it } from 'vitest';
import { ReportClient, Superseded } from '../src/lib/report/report-client.ts';

/** A promise and its resolve, to hold a computation open. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
/** Let every pending promise callback run. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

describe('cache', () => {
  it('computes a key once and shares the result', async () => {
    const c = new ReportClient();
    let runs = 0;
    const run = async () => ++runs;
    const [a, b] = await Promise.all([c.get('k', run), c.get('k', run)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
  });

  it('drops the least recently used key beyond its size', async () => {
    const c = new ReportClient(2);
    const runs: string[] = [];
    const get = (k: string) => c.get(k, async () => runs.push(k));
    // a, b cached; asking for a again makes b the least recently used; c pushes b out (size 2).
    await get('a');
    await get('b');
    await get('a');
    await get('c');
    await get('a'); // still cached
    await get('b'); // computed again
    expect(runs).toEqual(['a', 'b', 'c', 'b']);
  });

  it('forgets a failed computation, so asking again retries', async () => {
    const c = new ReportClient();
    let runs = 0;
    const run = async () => {
      runs++;
      if (runs === 1) throw new Error('engine busy');
      return 'ok';
    };
    await expect(c.get('k', run)).rejects.toThrow('engine busy');
    await settle();
    expect(await c.get('k', run)).toBe('ok');
    expect(runs).toBe(2);
  });
});

describe('stale results', () => {
  it('only the newest selection is current', () => {
    const c = new ReportClient();
    const first = c.next();
    const second = c.next();
    expect([c.current(first), c.current(second), c.latest]).toEqual([false, true, second]);
  });
});

describe('background work', () => {
  it('waits while a selection is computing, then runs', async () => {
    const c = new ReportClient();
    const order: string[] = [];
    const hold = deferred();
    const fg = c.foreground(async () => {
      order.push('selection starts');
      await hold.promise;
      order.push('selection done');
    });
    const bg = c.get(
      'month-before',
      async (beforeQuery) => {
        await beforeQuery!();
        order.push('prefetch query');
      },
      c.latest,
    );
    await settle();
    expect(order).toEqual(['selection starts']); // the prefetch's query is held
    hold.resolve();
    await Promise.all([fg, bg]);
    expect(order).toEqual(['selection starts', 'selection done', 'prefetch query']);
  });

  it('a selection that needs a held prefetch lets it go ahead', async () => {
    const c = new ReportClient();
    const hold = deferred();
    const fg = c.foreground(() => hold.promise);
    let ran = false;
    const bg = c.get(
      'tables|2026-09',
      async (beforeQuery) => {
        await beforeQuery!();
        ran = true;
        return 'tables';
      },
      c.latest,
    );
    await settle();
    expect(ran).toBe(false);
    // The selection on screen asks for the same key (a cache hit): urgent, though the foreground still runs.
    expect(await c.get('tables|2026-09', async () => 'recomputed')).toBe('tables');
    expect(ran).toBe(true);
    hold.resolve();
    await Promise.all([fg, bg]);
  });

  it('work for a superseded selection stops at its next query, and background() does not report it', async () => {
    const c = new ReportClient();
    c.next();
    const hold = deferred();
    const queries: number[] = [];
    const work = c.background(async (mine) => {
      await c.get(
        'a',
        async (beforeQuery) => {
          await beforeQuery!();
          queries.push(1);
        },
        mine,
      );
      await hold.promise;
      await c.get(
        'b',
        async (beforeQuery) => {
          await beforeQuery!();
          queries.push(2);
        },
        mine,
      );
    });
    await settle();
    c.next(); // the reader picks another selection
    hold.resolve();
    await expect(work).resolves.toBeUndefined();
    expect(queries).toEqual([1]);
    // The stopped key is not cached: the newer selection computes it.
    await expect(c.get('b', async () => 'fresh')).resolves.toBe('fresh');
  });

  it('hold(): background work waits until released, and a second release changes nothing', async () => {
    const c = new ReportClient();
    const release = c.hold();
    const other = c.hold(); // a second selection still computing
    let ran = false;
    const bg = c.get(
      'k',
      async (beforeQuery) => {
        await beforeQuery!();
        ran = true;
      },
      c.latest,
    );
    release();
    release(); // must not count as the other selection's release
    await settle();
    expect(ran).toBe(false);
    other();
    await bg;
    expect(ran).toBe(true);
  });

  it('waits while paused (import panel open)', async () => {
    const c = new ReportClient();
    c.pause(true);
    let ran = false;
    const bg = c.get(
      'k',
      async (beforeQuery) => {
        await beforeQuery!();
        ran = true;
      },
      c.latest,
    );
    await settle();
    expect(ran).toBe(false);
    c.pause(false);
    await bg;
    expect(ran).toBe(true);
  });

  it('Superseded is what a stopped query throws', async () => {
    const c = new ReportClient();
    const mine = c.next();
    c.next();
    await expect(c.get('k', async (beforeQuery) => beforeQuery!(), mine)).rejects.toBeInstanceOf(Superseded);
  });
});

/**
 * Seeded pseudo-random numbers (sfc32). Never Math.random: the output must depend only on the seed,
 * and each concern draws from its own named stream so changing one generator leaves the others' data as is.
 */

/** A seeded random source with the few distributions the generator needs. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Log-normal with the given median and log-space sigma. */
  lognormal(median: number, sigma: number): number;
}

// cyrb128: spreads a string over four 32-bit words to seed sfc32.
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** The random stream `name` of seed `seed`. */
export function createRng(seed: number, name: string): Rng {
  let [a, b, c, d] = hash128(`${seed}/${name}`);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // warm-up: early outputs of sfc32 correlate with the seed
  const normal = (): number => {
    const u = 1 - next(); // (0, 1]: log(0) would be -Infinity
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    between: (lo, hi) => lo + next() * (hi - lo),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    normal,
    lognormal: (median, sigma) => median * Math.exp(sigma * normal()),
  };
}

/** A picker over fixed weights: returns an index with probability weight / Σweights. */
export function weightedPicker(weights: readonly number[]): (rng: Rng) => number {
  const cum: number[] = [];
  let total = 0;
  for (const w of weights) cum.push((total += w));
  return (rng) => {
    const x = rng.next() * total;
    for (let i = 0; i < cum.length; i++) if (x < cum[i]!) return i;
    return cum.length - 1;
  };
}

/** A picker over a record of weights, returning the key. */
export function keyPicker<K extends string>(weights: Record<K, number>): (rng: Rng) => K {
  const keys = Object.keys(weights) as K[];
  const pickIndex = weightedPicker(keys.map((k) => weights[k]));
  return (rng) => keys[pickIndex(rng)]!;
}

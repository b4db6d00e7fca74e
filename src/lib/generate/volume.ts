/** How many orders and calls fall on each day: summer peak, Spring Festival dip, quieter weekends. */
import type { Rng } from './rng.ts';
import { keyPicker, weightedPicker } from './rng.ts';
import { checkEnumKeys } from './csv-node.ts';
import { SPRING_FESTIVAL, dateOf, isoWeekday, parseDay } from './dates.ts';

// Air-conditioner demand by month (Jan..Dec): installs and repairs peak in Jun–Aug.
const PEAK = [0.85, 0.8, 0.8, 0.9, 1.05, 1.35, 1.6, 1.5, 1.05, 0.9, 0.8, 0.85];
// Cleaning before the summer and after it.
const MAINTENANCE = [0.7, 0.6, 0.9, 1.4, 1.5, 1.1, 0.9, 0.9, 1.0, 1.2, 0.9, 0.7];

/** Base shares of service types (before seasonality). */
const TYPE_SHARES = checkEnumKeys('service_orders', 'service_type', {
  install: 0.27,
  repair: 0.36,
  maintenance: 0.12,
  inspection: 0.06,
  consultation: 0.15,
  return: 0.04,
});
/** A service type. */
export type ServiceType = keyof typeof TYPE_SHARES;

function typeWeights(month0: number): Record<ServiceType, number> {
  const peak = PEAK[month0]!;
  return {
    install: TYPE_SHARES.install * peak,
    repair: TYPE_SHARES.repair * peak,
    maintenance: TYPE_SHARES.maintenance * MAINTENANCE[month0]!,
    inspection: TYPE_SHARES.inspection,
    consultation: TYPE_SHARES.consultation * (0.5 + 0.5 * peak),
    return: TYPE_SHARES.return,
  };
}

const typePickers = Array.from({ length: 12 }, (_, m) => keyPicker(typeWeights(m)));

/** Picks a service type with the month's mix. */
export function pickServiceType(rng: Rng, day: number): ServiceType {
  return typePickers[dateOf(day).m - 1]!(rng);
}

/** Relative volume of a day: month demand × weekday × holiday effects. */
export function dayWeight(day: number): number {
  const { y, m, d } = dateOf(day);
  const w = typeWeights(m - 1);
  let total = 0;
  for (const k in w) total += w[k as ServiceType];
  const wd = isoWeekday(day);
  if (wd === 6) total *= 0.9;
  if (wd === 7) total *= 0.8;
  for (const year of [y - 1, y, y + 1]) {
    const sf = SPRING_FESTIVAL[year];
    if (!sf) continue;
    const off = day - parseDay(sf);
    if (off >= -3 && off <= 6)
      total *= 0.35; // 春节: most people are away or not calling
    else if ((off >= -7 && off < -3) || (off > 6 && off <= 10)) total *= 0.7;
  }
  if (m === 10 && d <= 7) total *= 0.75; // 国庆 golden week
  return total;
}

/**
 * Splits `total` over days [first, end) by day weight with ±10 % day-to-day noise;
 * the running remainder keeps the sum close to `total`.
 */
export function dailyCounts(rng: Rng, first: number, end: number, total: number): number[] {
  const weights: number[] = [];
  let sum = 0;
  for (let day = first; day < end; day++) {
    const w = dayWeight(day) * Math.max(0.5, 1 + 0.1 * rng.normal());
    weights.push(w);
    sum += w;
  }
  let carry = 0;
  return weights.map((w) => {
    const x = (total * w) / sum + carry;
    const n = Math.floor(x);
    carry = x - n;
    return n;
  });
}

// Calls by hour of day: office hours dominate, a tail into the evening (19:00–22:00), little at night.
const HOUR_WEIGHTS = [0.2, 0.15, 0.1, 0.1, 0.1, 0.15, 0.3, 1, 4, 11, 12, 10, 6, 7, 8, 6.5, 4.5, 3, 2, 2.5, 2.5, 1.8, 0.6, 0.3];
const pickHour = weightedPicker(HOUR_WEIGHTS);

/** Seconds after midnight of an incoming call. */
export function callSecondOfDay(rng: Rng): number {
  return pickHour(rng) * 3600 + rng.int(0, 3599);
}

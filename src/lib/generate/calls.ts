/**
 * Inbound hotline calls (来电): same seasonality as orders, mostly office hours; calls at night and in
 * the summer peak are answered less often and after more rings.
 */
import type { Row } from './csv-node.ts';
import { checkEnumKeys } from './csv-node.ts';
import type { Rng } from './rng.ts';
import { keyPicker } from './rng.ts';
import { DAY, HOUR, dateOf, formatTimestamp } from './dates.ts';
import { callSecondOfDay } from './volume.ts';

const pickKind = keyPicker(checkEnumKeys('calls', 'kind', { repair: 40, install: 25, inquiry: 25, complaint: 7, praise: 3 }));

/** The calls of one day, sorted by time. */
export function createCallGenerator(rng: Rng): (day: number, count: number, write: (r: Row) => void) => void {
  let seq = 0;
  return (day, count, write) => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(callSecondOfDay(rng));
    times.sort((a, b) => a - b);
    const m = dateOf(day).m;
    const busy = m >= 6 && m <= 8; // summer peak: the lines are saturated
    for (const sod of times) {
      const h = sod / HOUR;
      const staffed = h >= 8.5 && h < 17.5 ? 0.96 : h >= 9 && h < 22 ? 0.85 : 0.5; // evening shift is thinner, night is a single agent
      const answered = rng.chance(staffed - (busy ? 0.06 : 0));
      const rings = answered ? (rng.chance(0.8) ? rng.int(1, 3) : rng.int(4, 8)) : rng.int(5, 15);
      write({
        call_id: `T${String(++seq).padStart(9, '0')}`,
        started_at: formatTimestamp(day * DAY + sod),
        answered,
        rings,
        kind: answered ? pickKind(rng) : '',
      });
    }
  };
}

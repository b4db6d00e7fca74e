/**
 * Satisfaction surveys (回访): one per completed on-site order, sent within a day or so of completion;
 * a few orders are never surveyed (coverage < 100 %), most surveys get a reply. Ratings 1–4 follow
 * how the visit went; one technician is rated poorly whatever happens.
 */
import type { Row } from './csv-node.ts';
import type { Order } from './orders.ts';
import type { Rng } from './rng.ts';
import { DAY, HOUR, MINUTE, formatTimestamp } from './dates.ts';
import { SURVEY_COMMENTS } from './texts.ts';

/** Makes the survey row of an order, or null when no survey was (yet) sent. */
export function createSurveyGenerator(rng: Rng, exportAt: number): (o: Order) => Row | null {
  let seq = 0;
  // Latent satisfaction per item (attitude, skill, timeliness, promise), rounded to the 1–4 scale.
  const rate = (shift: number): number | null => {
    if (rng.chance(0.02)) return null; // item left blank
    return Math.min(4, Math.max(1, Math.round(3.45 + shift + 0.6 * rng.normal())));
  };
  return (o) => {
    if (o.completed < 0 || o.type === 'consultation' || o.status === 'cancelled') return null;
    if (rng.chance(0.025)) return null; // missed by the call centre
    let sent = o.completed + rng.int(2 * HOUR, 30 * HOUR);
    const day = Math.floor(sent / DAY);
    const sod = sent - day * DAY;
    // The call centre works 09:00–20:00.
    if (sod < 9 * HOUR) sent = day * DAY + 9 * HOUR + rng.int(0, 60 * MINUTE);
    else if (sod >= 20 * HOUR) sent = (day + 1) * DAY + 9 * HOUR + rng.int(0, 60 * MINUTE);
    if (sent > exportAt) return null;
    const id = `SV${String(++seq).padStart(8, '0')}`;
    let responded = rng.chance(0.78) ? sent + Math.min(7 * DAY, Math.round(rng.lognormal(6 * HOUR, 1.2))) : -1;
    if (responded >= 0) {
      // Replies come in between 07:00 and 23:00.
      const rd = Math.floor(responded / DAY);
      const rs = responded - rd * DAY;
      if (rs < 7 * HOUR) responded = rd * DAY + 7 * HOUR + rng.int(0, 2 * HOUR);
      else if (rs >= 23 * HOUR) responded = (rd + 1) * DAY + 7 * HOUR + rng.int(0, 2 * HOUR);
    }
    if (responded > exportAt) responded = -1;
    const row: Row = { survey_id: id, order_id: o.id, sent_at: formatTimestamp(sent), responded_at: '' };
    if (responded < 0) return row;
    const person = o.tech?.poor ? -1.3 : 0;
    const late = o.late ? -0.3 : 0;
    const items = [
      rate(person + late),
      rate(person + late + (o.repeat ? -1 : 0)),
      rate(person + (o.late ? -1 : 0) + (o.slowDispatch ? -0.5 : 0)),
      rate(person + late + (o.repeat ? -0.5 : 0)),
    ];
    const given = items.filter((x): x is number => x !== null);
    const mean = given.length ? given.reduce((a, b) => a + b, 0) / given.length : 3;
    const tone = mean >= 3.5 ? SURVEY_COMMENTS.good : mean >= 2.5 ? SURVEY_COMMENTS.mid : SURVEY_COMMENTS.bad;
    return {
      ...row,
      responded_at: formatTimestamp(responded),
      attitude: items[0],
      skill: items[1],
      timeliness: items[2],
      promise: items[3],
      comment: rng.chance(mean < 2.5 ? 0.7 : 0.4) ? rng.pick(tone) : '',
    };
  };
}

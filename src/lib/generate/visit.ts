/**
 * When things happen on an order: dispatch, appointment, arrival (in working hours, against the
 * zone standard), completion. The slow branch and summer peak stretch arrivals; evening calls wait
 * for the next morning's window because the working-hours clock is stopped overnight.
 */
import type { Calendar } from './calendar.ts';
import type { Rng } from './rng.ts';
import { DAY, HOUR, MINUTE } from './dates.ts';

/** The times of one visit; -1 = did not happen. */
export interface Visit {
  dispatched: number;
  promised: number;
  arrived: number;
  completed: number;
  /** false = taken back for workshop repair (携回修护). */
  onSite: boolean | null;
  labor: number;
}

/** What the visit depends on. */
export interface VisitInput {
  type: string;
  zone: string;
  called: number;
  /** Zone standard in seconds, null = by contract. */
  standard: number | null;
  slowBranch: boolean;
  summer: boolean;
  /** Calls in the last days of the data: some wait for parts past the export. */
  nearEnd: boolean;
}

const LABOR: Record<string, [number, number]> = {
  install: [1.5, 4],
  repair: [0.5, 2.5],
  maintenance: [0.8, 2],
  inspection: [0.5, 1.5],
  return: [0.5, 1.2],
};

/** t if inside a working window, else the next window start (a dispatcher or technician is on duty). */
function onDuty(cal: Calendar, t: number): number {
  return cal.addWorking(t, 0);
}

/** Appointment: a working day 1–3 days after the call, on the hour or half hour between 09:00 and 16:00. */
function appointment(cal: Calendar, rng: Rng, called: number, maxDays: number): number {
  const day = cal.nextWorkday(Math.floor(called / DAY) + rng.int(1, maxDays));
  return day * DAY + 9 * HOUR + rng.int(0, 14) * 30 * MINUTE;
}

/** Times of an on-site order (not consultation, not phone-resolved, not cancelled). */
export function planVisit(cal: Calendar, rng: Rng, o: VisitInput): Visit {
  const { called } = o;
  const inWindow = onDuty(cal, called) === called;
  // Dispatch: minutes in office hours; calls outside the window are dispatched at the next opening.
  let dispatched = inWindow ? called + rng.int(5 * MINUTE, 90 * MINUTE) : onDuty(cal, called) + rng.int(0, 45 * MINUTE);
  if (rng.chance(o.slowBranch ? 0.07 : 0.02)) dispatched = called + rng.int(25 * HOUR, 60 * HOUR); // forgotten in the queue
  dispatched = onDuty(cal, dispatched);

  let promised = -1;
  if (o.zone === 'remote' ? rng.chance(0.85) : o.type === 'install' ? rng.chance(0.18) : rng.chance(0.03)) {
    promised = appointment(cal, rng, called, o.type === 'install' ? 2 : 3);
  }

  let arrived: number;
  if (promised >= 0) {
    // Mostly on or a little before the appointment; sometimes late, more often at the slow branch.
    arrived = rng.chance(o.slowBranch ? 0.3 : 0.06) ? cal.addWorking(promised, rng.int(15 * MINUTE, 4 * HOUR)) : promised - rng.int(0, 30 * MINUTE);
  } else if (o.standard !== null) {
    const base = o.zone === 'urban' ? 2.0 : 2.6;
    const median = (o.slowBranch ? base * 2.3 : base) * (o.summer ? 1.2 : 1);
    const hours = Math.min(rng.lognormal(median, o.slowBranch ? 0.55 : 0.45), 30);
    arrived = cal.addWorking(called, Math.max(15 * MINUTE, Math.round(hours * HOUR)));
  } else {
    arrived = cal.addWorking(called, rng.int(4 * HOUR, 20 * HOUR)); // remote without appointment: by contract
  }
  // Travel after dispatch: never arrive before being dispatched.
  if (arrived < dispatched + 20 * MINUTE) arrived = cal.addWorking(dispatched, rng.int(20 * MINUTE, 60 * MINUTE));

  const [lo, hi] = LABOR[o.type] ?? [0.5, 2];
  const labor = Math.round(rng.between(lo, hi) * 10) / 10;
  let onSite = true;
  let completed = arrived + Math.round(labor * HOUR) + rng.int(0, 15 * MINUTE);
  if (o.type === 'repair' && rng.chance(0.07)) {
    onSite = false; // 携回修护: back in the workshop, returned 1.5–4.5 working days later
    completed = cal.addWorking(completed, rng.int(12 * HOUR, 40 * HOUR));
  }
  if (o.nearEnd && o.type === 'repair' && rng.chance(0.08)) completed = arrived + rng.int(5 * DAY, 20 * DAY); // 待料
  return { dispatched, promised, arrived, completed, onSite, labor };
}

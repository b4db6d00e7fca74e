// report --mapping on samples of real exports of four kinds (test/fixtures/real/*: an IT service-desk
// event log, e-commerce orders with 1–5 star reviews, a bank call-centre log, a city 311 export), each
// with a hand-written mapping file. Every headline figure is compared with a recount written here, over
// the raw sample, with its own CSV reader and date handling — not the project's importer or SQL.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openNodeDb } from '../src/lib/db/db-node.ts';
import { loadDataDir } from '../src/lib/report/data-dir-node.ts';

const REAL = 'test/fixtures/real';

function report(kind: string, period: string) {
  const p = spawnSync(process.execPath, ['src/cli/report.ts', '--data', `${REAL}/${kind}`, '--mapping', `${REAL}/${kind}/mapping.json`, '--period', period], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  expect(p.stderr).toBe('');
  expect(p.status).toBe(0);
  return JSON.parse(p.stdout);
}

/** A plain RFC 4180 reader (quotes, "" escapes, CRLF), header → objects. */
function readCsv(path: string, delimiter = ','): Record<string, string>[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let field = '';
  let rec: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) rec.push(field), (field = '');
    else if (c === '\n') rec.push(field.replace(/\r$/, '')), records.push(rec), (rec = []), (field = '');
    else field += c;
  }
  if (field !== '' || rec.length > 0) rec.push(field), records.push(rec);
  const [head, ...rows] = records;
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

const p2 = (n: number | string) => String(n).padStart(2, '0');
/** "YYYY-MM-DD HH:MM:SS" of y, m, d, h, min, s. */
const ts = (y: number | string, m: number | string, d: number | string, h: number | string = 0, mi: number | string = 0, s: number | string = 0) =>
  `${y}-${p2(m)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(s)}`;
/** Add hours to a canonical timestamp (calendar arithmetic in UTC: no zone involved). */
function addHours(t: string, hours: number): string {
  const d = new Date(Date.UTC(+t.slice(0, 4), +t.slice(5, 7) - 1, +t.slice(8, 10), +t.slice(11, 13) + hours, +t.slice(14, 16), +t.slice(17, 19)));
  return ts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}
const inMonth = (t: string | null, ym: string) => t !== null && t.startsWith(ym);
const day = (t: string) => t.slice(0, 10);

describe('IT service-desk event log (UCI incident management, CC BY 4.0)', () => {
  it('headline figures equal a recount of the last row of each incident', () => {
    const rows = readCsv(`${REAL}/it-incidents/incident_event_log_sample.csv`);
    // DD-MM-YYYY HH:MM, or ? (missing).
    const when = (s: string) => {
      if (s === '?') return null;
      const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/.exec(s);
      if (!m) throw new Error(`unexpected date ${s}`);
      return ts(m[3]!, m[2]!, m[1]!, m[4]!, m[5]!);
    };
    const last = new Map<string, Record<string, string>>();
    for (const r of rows) last.set(r['number']!, r); // file order: the last row per incident wins
    const incidents = [...last.values()].map((r) => ({
      branch: r['location'] === '?' ? 'UNKNOWN' : r['location']!,
      called: when(r['opened_at']!)!,
      completed: when(r['resolved_at']!),
    }));
    const received = incidents.filter((o) => inMonth(o.called, '2016-03'));
    const completed = incidents.filter((o) => inMonth(o.completed, '2016-03'));
    const sameDay = received.filter((o) => o.completed !== null && day(o.completed) === day(o.called));

    const j = report('it-incidents', '2016-03');
    expect(j.import).toEqual([
      {
        file: 'incident_event_log_sample.csv',
        table: 'service_orders',
        rows_read: rows.length,
        loaded: last.size,
        merged: rows.length - last.size,
        rejected: 0,
      },
    ]);
    expect(j.rejected).toEqual([]);
    expect(j.metrics['orders.received']).toBe(received.length);
    expect(j.metrics['orders.completed']).toBe(completed.length);
    expect(j.metrics['resolution.same_day_rate']).toBeCloseTo(sameDay.length / received.length, 12);
    const byBranch = new Map<string, number>();
    for (const o of received) byBranch.set(o.branch, (byBranch.get(o.branch) ?? 0) + 1);
    for (const [b, n] of byBranch) expect(j.by_branch[b]['orders.received']).toBe(n);
    // Sanity of the sample itself: 507 rows, 75 incidents (README).
    expect([rows.length, last.size]).toEqual([507, 75]);
  });
});

describe('e-commerce orders and 1–5 star reviews (Olist, CC BY-NC-SA 4.0)', () => {
  it('headline and satisfaction figures equal a recount', () => {
    const orders = readCsv(`${REAL}/ecommerce/olist_orders_dataset_sample.csv`);
    const reviews = readCsv(`${REAL}/ecommerce/olist_order_reviews_dataset_sample.csv`);
    // Excel's M/D/YYYY H:MM, or empty.
    const when = (s: string) => {
      if (s === '') return null;
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/.exec(s);
      if (!m) throw new Error(`unexpected date ${s}`);
      return ts(m[3]!, m[1]!, m[2]!, m[4]!, m[5]!);
    };
    const asOf = '2018-01-01 00:00:00';
    const all = orders.map((o) => ({
      id: o['order_id']!,
      cancelled: o['order_status'] === 'canceled' || o['order_status'] === 'unavailable',
      called: when(o['order_purchase_timestamp']!)!,
      dispatched: when(o['order_delivered_carrier_date']!),
      promised: when(o['order_estimated_delivery_date']!),
      arrived: when(o['order_delivered_customer_date']!),
    }));
    const received = all.filter((o) => !o.cancelled && inMonth(o.called, '2017-12'));
    const completed = all.filter((o) => !o.cancelled && inMonth(o.arrived, '2017-12'));
    // The promises' population: received, with a standard (the estimated delivery date).
    const set = received.filter((o) => o.promised !== null);
    const rate = (kept: number, missed: number) => kept / (kept + missed);
    // On time: delivered by the estimated date; not delivered and that date before as_of = missed.
    const onTime = rate(
      set.filter((o) => o.arrived !== null && o.arrived <= o.promised!).length,
      set.filter((o) => (o.arrived !== null && o.arrived > o.promised!) || (o.arrived === null && o.promised! < asOf)).length,
    );
    // 24 h reply: handed to the carrier within 24 h of the purchase.
    const reply = rate(
      set.filter((o) => o.dispatched !== null && o.dispatched <= addHours(o.called, 24)).length,
      set.filter((o) => (o.dispatched !== null && o.dispatched > addHours(o.called, 24)) || (o.dispatched === null && addHours(o.called, 24) < asOf)).length,
    );
    // 2-day install: delivered before midnight at the end of the 2nd day after the purchase day.
    const limit = (o: { called: string }) => addHours(`${day(o.called)} 00:00:00`, 72);
    const within2d = rate(
      set.filter((o) => o.arrived !== null && o.arrived < limit(o)).length,
      set.filter((o) => (o.arrived !== null && o.arrived >= limit(o)) || (o.arrived === null && limit(o) <= asOf)).length,
    );
    const sameDay = received.filter((o) => o.arrived !== null && day(o.arrived) === day(o.called)).length / received.length;
    // Satisfaction over the orders delivered in December; stars 5→4, 4→3, 3→2, 2→1, 1→1.
    const ids = new Set(completed.map((o) => o.id));
    const surveys = reviews.filter((r) => ids.has(r['order_id']!));
    const sent = surveys.filter((r) => r['review_creation_date'] !== '');
    const responded = sent.filter((r) => r['review_answer_timestamp'] !== '');
    const level = (stars: string) => Math.max(1, +stars - 1);
    const levels = responded.map((r) => level(r['review_score']!));
    const mean = levels.reduce((a, b) => a + b, 0) / levels.length;
    const covered = new Set(sent.map((r) => r['order_id'])).size;

    const j = report('ecommerce', '2017-12');
    const m = j.metrics;
    expect(j.rejected).toEqual([]);
    expect(m['orders.received']).toBe(received.length);
    expect(m['orders.completed']).toBe(completed.length);
    expect(m['response.on_time_rate']).toBeCloseTo(onTime, 12);
    expect(m['response.reply_24h_rate']).toBeCloseTo(reply, 12);
    expect(m['install.within_2d_rate']).toBeCloseTo(within2d, 12);
    expect(m['resolution.same_day_rate']).toBeCloseTo(sameDay, 12);
    expect(m['satisfaction.coverage']).toBeCloseTo(covered / completed.length, 12);
    expect(m['satisfaction.response_rate']).toBeCloseTo(responded.length / sent.length, 12);
    for (const item of ['attitude', 'skill', 'timeliness', 'promise']) expect(m[`satisfaction.${item}_mean`]).toBeCloseTo(mean, 12);
    expect(m['satisfaction.satisfied_rate']).toBeCloseTo(levels.filter((l) => l >= 3).length / levels.length, 12);
    // The reviews of orders outside the sample are orphans: reported, kept.
    const orphans = reviews.filter((r) => !all.some((o) => o.id === r['order_id'])).length;
    expect(j.orphans.filter((o: { file: string }) => o.file === 'olist_order_reviews_dataset_sample.csv')).toHaveLength(orphans);
    expect([orders.length, reviews.length, surveys.length]).toEqual([285, 62, 3]); // the README's sample
  });
});

describe('bank call-centre log (Technion "Anonymous Bank", 1999)', () => {
  it('the calls equal a recount: call ids joined with their line, YYMMDD dates, answered by outcome', async () => {
    const rows = readCsv(`${REAL}/call-centre/january_sample.txt`, '\t');
    // YYMMDD (99 → 1999) and H:MM:SS.
    const started = (r: Record<string, string>) => {
      const d = r['date']!;
      const [h, mi, s] = r['vru_entry']!.split(':');
      return ts(1900 + +d.slice(0, 2), d.slice(2, 4), d.slice(4, 6), h, mi, s);
    };
    const calls = rows.map((r) => ({ id: `${r['vru+line']} ${r['call_id']}`, at: started(r), answered: r['outcome'] === 'AGENT' }));
    const january = calls.filter((c) => inMonth(c.at, '1999-01'));
    const answered = january.filter((c) => c.answered).length;
    const unansweredInHours = january.filter((c) => !c.answered && c.at.slice(11) >= '09:00:00' && c.at.slice(11) < '22:00:00').length;
    // Call ids alone repeat across lines (the key needs both).
    expect(new Set(rows.map((r) => r['call_id'])).size).toBeLessThan(rows.length);
    expect(new Set(calls.map((c) => c.id)).size).toBe(rows.length);

    const j = report('call-centre', '1999-01');
    expect(j.rejected).toEqual([]);
    expect(j.import).toContainEqual({ file: 'january_sample.txt', table: 'calls', rows_read: rows.length, loaded: rows.length, merged: 0, rejected: 0 });
    // The hotline figures, where this build has them (docs/metrics.md, calls.*).
    if ('calls.received' in j.metrics) {
      expect(j.metrics['calls.received']).toBe(january.length);
      expect(j.metrics['calls.answer_rate']).toBeCloseTo(answered / january.length, 12);
      expect(j.metrics['calls.unanswered_in_hours']).toBe(unansweredInHours);
    }
    // And the loaded rows themselves, call by call.
    const db = await openNodeDb();
    try {
      await loadDataDir(db, `${REAL}/call-centre`, {}, `${REAL}/call-centre/mapping.json`);
      const loaded = (await db.query(`SELECT call_id AS id, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS at, answered FROM calls ORDER BY _line`)) as {
        id: string;
        at: string;
        answered: boolean;
      }[];
      expect(loaded).toEqual(calls);
      // The first row by hand: AA0101, call 33116, 990101 0:00:31, HANG.
      expect(loaded[0]).toEqual({ id: 'AA0101 33116', at: '1999-01-01 00:00:31', answered: false });
    } finally {
      await db.close();
    }
  });
});

describe('city 311 export (NYC Open Data)', () => {
  it('headline figures equal a recount', () => {
    const rows = readCsv(`${REAL}/city-311/311_service_requests_2022-05-01_sample.csv`);
    // MM/DD/YYYY hh:mm:ss AM|PM, or empty.
    const when = (s: string) => {
      if (s === '') return null;
      const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2}) (AM|PM)$/.exec(s);
      if (!m) throw new Error(`unexpected date ${s}`);
      const h = (+m[4]! % 12) + (m[7] === 'PM' ? 12 : 0);
      return ts(m[3]!, m[1]!, m[2]!, h, m[5]!, m[6]!);
    };
    const all = rows.map((r) => ({ branch: r['Agency']!, called: when(r['Created Date']!)!, closed: when(r['Closed Date']!) }));
    const received = all.filter((o) => inMonth(o.called, '2022-05'));
    const completed = all.filter((o) => inMonth(o.closed, '2022-05'));
    const sameDay = received.filter((o) => o.closed !== null && day(o.closed) === day(o.called)).length;

    const j = report('city-311', '2022-05');
    expect(j.rejected).toEqual([]);
    expect(j.metrics['orders.received']).toBe(received.length);
    expect(j.metrics['orders.completed']).toBe(completed.length);
    expect(j.metrics['resolution.same_day_rate']).toBeCloseTo(sameDay / received.length, 12);
    const byBranch = new Map<string, number>();
    for (const o of received) byBranch.set(o.branch, (byBranch.get(o.branch) ?? 0) + 1);
    expect(Object.keys(j.by_branch).sort()).toEqual([...byBranch.keys()].sort());
    for (const [b, n] of byBranch) expect(j.by_branch[b]['orders.received']).toBe(n);
    expect(rows).toHaveLength(300);
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../src/lib/db/types.ts';
import { DICT } from '../src/lib/i18n/dict.ts';
import { ALL_METRICS, ANNUAL_CARDS, ANNUAL_KPIS, CATALOGUE, HEADLINE_CARDS } from '../src/lib/metrics.ts';
import { HEADLINE_KPIS } from '../src/lib/kpis.ts';
import { selectionParams } from '../src/lib/report/compute.ts';
import { filesUnder } from '../src/lib/report/prepare.ts';
import { fixtureDb, SQL } from './helpers/fixture.ts';

// Every column the metric SQL outputs is catalogued and named in both languages. The columns are read by
// running each queries/metrics/*.sql on an empty database with native DuckDB (the company row is always
// there), so a column added to the SQL without a catalogue entry fails here. `n:<id>` columns are the
// case counts behind a rate, not metrics; branch_id and is_total are the row keys.
describe('the metric catalogue covers queries/metrics', () => {
  let db: Db;
  const columns = new Map<string, string>(); // column → file
  beforeAll(async () => {
    db = await fixtureDb('node', {});
    const params = selectionParams({ period: '2026-10', branch: null, asOf: null });
    for (const f of filesUnder(SQL, 'metrics')) {
      const rows = await db.query(SQL[f]!, params);
      expect(rows.length, f).toBeGreaterThan(0);
      for (const k of Object.keys(rows[0]!)) if (k !== 'branch_id' && k !== 'is_total' && !k.startsWith('n:')) columns.set(k, f);
    }
  }, 60_000);
  afterAll(() => db?.close());

  test('the SQL outputs the metrics we know of (a sanity floor: orders, rates, money, breakdowns)', () => {
    for (const id of ['orders.received', 'response.on_time_rate', 'cost.total', 'orders.by_type', 'satisfaction.skill_distribution']) {
      expect(columns.has(id), id).toBe(true);
    }
  });

  test('every column has a catalogue entry and a label in zh and en', () => {
    for (const [id, file] of columns) {
      const d = CATALOGUE.get(id);
      expect(d, `${file}: ${id}`).toBeDefined();
      expect(DICT.zh[d!.label], `${id} zh`).toBeTruthy();
      expect(DICT.en[d!.label], `${id} en`).toBeTruthy();
    }
  });

  test('every catalogue entry is a column of the SQL, except the hotline ids still to come', () => {
    const missing = ALL_METRICS.map((d) => d.id).filter((id) => !columns.has(id));
    expect(
      missing.every((id) => id.startsWith('calls.')),
      missing.join(', '),
    ).toBe(true);
  });
});

describe('what the catalogue places', () => {
  test('the hotline metrics: kind, direction and labels', () => {
    expect(CATALOGUE.get('calls.answer_rate')).toMatchObject({ kind: 'rate', better: 'higher' });
    expect(CATALOGUE.get('calls.unanswered_penalty')).toMatchObject({ kind: 'money', better: 'lower' });
    expect(CATALOGUE.get('calls.received')?.better).toBeUndefined();
    expect(DICT.zh['metric.calls.answer_rate']).toBe('接听率');
    expect(DICT.zh['metric.calls.within_3_rings_rate']).toBe('铃响三声内接听率');
    expect(DICT.zh['metric.calls.unanswered_in_hours']).toBe('9:00–22:00 未接来电');
    expect(DICT.zh['metric.calls.unanswered_penalty']).toBe('未接听乐捐');
    expect(DICT.zh['metric.calls.received']).toBe('热线来电');
    expect(DICT.en['metric.calls.answer_rate']).toBe('Answer rate');
  });

  test('the page lists, in their reading order', () => {
    expect(HEADLINE_CARDS).toEqual([
      'orders.received',
      'orders.completed',
      'cost.total',
      'cost.per_completed_order',
      'response.on_time_rate',
      'response.p90_hours',
      'resolution.same_day_rate',
      'repeat.rate',
      'complaints.rate_per_100',
      'complaints.on_time_close_rate',
      'satisfaction.satisfied_rate',
      'report.completeness_rate',
    ]);
    expect(HEADLINE_KPIS.map((k) => `${k.id} ${k.better}`)).toEqual([
      'response.on_time_rate higher',
      'response.p90_hours lower',
      'resolution.same_day_rate higher',
      'repeat.rate lower',
      'complaints.rate_per_100 lower',
      'satisfaction.satisfied_rate higher',
      'cost.per_completed_order lower',
      'report.completeness_rate higher',
    ]);
    expect(HEADLINE_KPIS.find((k) => k.id === 'cost.per_completed_order')?.cases).toEqual({ metric: 'orders.completed' });
    expect(ANNUAL_CARDS).toEqual([
      'orders.received',
      'orders.completed',
      'complaints.received',
      'complaints.rate_per_100',
      'cost.total',
      'cost.per_completed_order',
      'cost.person_times',
      'cost.person_days',
    ]);
    // The league eight plus p50, the reply/install/repair promises, on-time closing, coverage, response rate, overall mean
    // (16), and the hotline's answer rate, within 3 rings, unanswered in hours and its fine (4): 20.
    expect(ANNUAL_KPIS.length).toBe(20);
    for (const k of HEADLINE_KPIS) expect(ANNUAL_KPIS).toContain(k.id);
  });
});

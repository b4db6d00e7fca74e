/**
 * Table and column guesses on the real export samples (test/fixtures/real): scored on headers and
 * values, so a priority is no branch, a place name no zone, and a review or call file is not taken for
 * orders or complaints.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { suggestMapping, suggestTable } from '../../src/lib/userdata/mapping.ts';
import { inspectFile } from '../../src/lib/userdata/pipeline.ts';

const REAL = 'test/fixtures/real/';
const ZONES = ['urban', 'suburban', 'remote'];

async function guess(path: string) {
  const name = path.split('/').pop()!;
  const ins = await inspectFile(new File([readFileSync(REAL + path)], name));
  const table = suggestTable(name, ins.header, ins.distinct);
  return { table, m: suggestMapping(name, ins.header, ins.distinct, ZONES, table) };
}

describe('guesses on real exports', () => {
  test('the service-desk log: orders; location is the branch, urgency is not, nothing is a zone', async () => {
    const { table, m } = await guess('it-incidents/incident_event_log_sample.csv');
    expect(table).toBe('service_orders');
    expect(m.columns).toMatchObject({ order_id: 'number', branch_id: 'location', status: 'incident_state' });
    expect(m.columns['zone']).toBeUndefined();
    expect(Object.values(m.columns)).not.toContain('urgency');
  });
  test('the e-commerce orders: orders with their time columns; the reviews: surveys', async () => {
    const o = await guess('ecommerce/olist_orders_dataset_sample.csv');
    expect(o.table).toBe('service_orders');
    expect(o.m.columns).toMatchObject({ called_at: 'order_purchase_timestamp', promised_at: 'order_estimated_delivery_date', status: 'order_status' });
    const r = await guess('ecommerce/olist_order_reviews_dataset_sample.csv');
    expect(r.table).toBe('surveys');
    expect(r.m.columns).toMatchObject({ survey_id: 'review_id', order_id: 'order_id', responded_at: 'review_answer_timestamp' });
  });
  test('the call log: calls', async () => {
    const { table, m } = await guess('call-centre/january_sample.txt');
    expect(table).toBe('calls');
    expect(m.columns).toMatchObject({ call_id: 'call_id', answered: 'outcome' });
  });
  test('311: orders; the location type is no zone', async () => {
    const { table, m } = await guess('city-311/311_service_requests_2022-05-01_sample.csv');
    expect(table).toBe('service_orders');
    expect(m.columns['zone']).toBeUndefined();
    expect(m.columns).toMatchObject({ order_id: 'Unique Key', branch_id: 'Agency', called_at: 'Created Date' });
  });
});

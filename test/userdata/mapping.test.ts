/** Column-mapping suggestions, application and memory (src/lib/userdata/mapping.ts, remember.ts). */
import { describe, expect, test } from 'vitest';
import { TABLE_BY_NAME } from '../../src/lib/schema.ts';
import {
  applyMapping,
  guessFormat,
  headerKey,
  missingRequired,
  nameScore,
  similarity,
  suggestMapping,
  suggestTable,
  suggestValue,
  type Distinct,
  type FileMapping,
} from '../../src/lib/userdata/mapping.ts';
import { inspectFile } from '../../src/lib/userdata/pipeline.ts';
import { forgetMappings, recallMapping, rememberMapping } from '../../src/lib/userdata/remember.ts';
import { fixtureFile } from './helpers.ts';

const ZONES = ['urban', 'suburban', 'remote'];
const col = (table: 'service_orders' | 'complaints', name: string) => TABLE_BY_NAME[table].columns.find((c) => c.name === name)!;
const d = (...values: string[]): Distinct => ({ values: values.map((v) => [v, 1]), more: false });

describe('scores', () => {
  test('similarity: same name 1, nothing shared 0', () => {
    expect(similarity('Created Date', 'created_date')).toBe(1);
    expect(similarity('abc', 'xyz')).toBe(0);
    expect(similarity('Closed Date', 'closed_at')).toBeGreaterThan(0.4);
  });
  test('a header scores 1 for the canonical name or a Chinese alias, 0.9 for a known synonym', () => {
    expect(nameScore(col('service_orders', 'called_at'), 'called_at')).toBe(1);
    expect(nameScore(col('service_orders', 'called_at'), '报修时间')).toBe(1);
    expect(nameScore(col('service_orders', 'called_at'), 'Created Date')).toBe(0.9);
    expect(nameScore(col('service_orders', 'called_at'), 'Borough')).toBeLessThan(0.5);
    expect(nameScore(col('service_orders', 'branch_id'), 'State')).toBeLessThan(0.5);
  });
});

describe('suggestions', () => {
  test('CFPB complaints: table (file name and headers), columns, the M/D/YYYY format; the rest is left to the user', async () => {
    const f = fixtureFile('cfpb_complaints_2013.csv');
    const r = await inspectFile(f);
    expect(suggestTable(f.name, r.header, r.distinct)).toBe('complaints');
    const m = suggestMapping(f.name, r.header, r.distinct, ZONES);
    expect(m.columns).toMatchObject({ received_at: 'Date received', channel: 'Submitted via', resolution: 'Company response to consumer' });
    expect(m.formats['received_at']).toBe('MM/DD/YYYY');
    // No complaint number, market or branch in this export: the user maps them (or the file is not importable).
    expect(missingRequired(m).map((c) => c.name)).toEqual(['complaint_no', 'market', 'branch_id']);
  });

  test('values: accepted as they are, synonyms, close names, else nothing', () => {
    expect(suggestValue(col('service_orders', 'service_type'), '维修', ZONES)).toBe('repair');
    expect(suggestValue(col('service_orders', 'service_type'), 'Repair', ZONES)).toBe('repair');
    expect(suggestValue(col('service_orders', 'status'), 'Closed', ZONES)).toBe('completed');
    expect(suggestValue(col('service_orders', 'status'), 'In Progress', ZONES)).toBe('in_progress');
    expect(suggestValue(col('service_orders', 'status'), 'Canceled', ZONES)).toBe('cancelled');
    expect(suggestValue(col('service_orders', 'on_site'), '是', ZONES)).toBe('true');
    expect(suggestValue(col('service_orders', 'service_type'), 'Noise - Residential', ZONES)).toBeNull();
  });

  test('date formats: none when the contract formats read the values, else the first common one that reads all', () => {
    const c = col('service_orders', 'called_at');
    expect(guessFormat(c, d('2026-10-05 09:30:00', '2026/10/5 9:30'))).toBeNull();
    expect(guessFormat(c, d('05/01/2022 12:00:03 AM', '05/01/2022 01:15:00 PM'))).toBe('MM/DD/YYYY hh:mm:ss A');
    expect(guessFormat(c, d('31/12/2025 17:00', '01/05/2026 08:00'))).toBe('DD/MM/YYYY HH:mm');
    expect(guessFormat(c, d('2026年10月5日 09:30'))).toBe('YYYY年M月D日 HH:mm');
  });
});

describe('applyMapping', () => {
  const header = ['Unique Key', 'Created Date', 'Agency', 'Complaint Type', 'Status', 'status'];
  const m: FileMapping = {
    table: 'service_orders',
    columns: { order_id: 'Unique Key', called_at: 'Created Date', branch_id: 'Agency', service_type: 'Complaint Type', status: 'Status' },
    values: { service_type: { Rodent: 'inspection' }, status: { Closed: 'completed' } },
    formats: {},
  };
  test('mapped headers take canonical names; the rest are hidden from name matching', () => {
    const a = applyMapping(header, m);
    expect(a.header.slice(0, 5)).toEqual(['order_id', 'called_at', 'branch_id', 'service_type', 'status']);
    // A second "status" the user did not map must not feed the column.
    expect(a.header[5]).not.toBe('status');
    expect(a.originalName(a.header[5]!)).toBe('status');
  });
  test('value maps rewrite trimmed values; others pass through', () => {
    const fields = ['1', '05/01/2022 12:00:03 AM', 'NYPD', ' Rodent ', 'Closed', 'x'];
    applyMapping(header, m).transform!(fields);
    expect(fields).toEqual(['1', '05/01/2022 12:00:03 AM', 'NYPD', 'inspection', 'completed', 'x']);
  });
});

describe('remembered per header set', () => {
  class MemoryStorage implements Storage {
    private m = new Map<string, string>();
    get length() {
      return this.m.size;
    }
    clear() {
      this.m.clear();
    }
    getItem(k: string) {
      return this.m.get(k) ?? null;
    }
    key(i: number) {
      return [...this.m.keys()][i] ?? null;
    }
    removeItem(k: string) {
      this.m.delete(k);
    }
    setItem(k: string, v: string) {
      this.m.set(k, v);
    }
  }
  const m: FileMapping = {
    table: 'service_orders',
    columns: { order_id: 'Unique Key', status: 'Status', called_at: 'Created' },
    values: { status: { Closed: 'completed' } },
    formats: { called_at: 'MM/DD/YYYY' },
  };
  const H = ['Unique Key', 'Status', 'Created'];

  test('the same headers (case and spacing aside) recall it; other headers do not', () => {
    const s = new MemoryStorage();
    rememberMapping(H, m, s);
    expect(headerKey(['unique key', ' Status ', 'created'])).toBe(headerKey(H));
    expect(recallMapping(H, s)).toEqual(m);
    expect(recallMapping([...H, 'Borough'], s)).toBeNull();
    forgetMappings(s);
    expect(recallMapping(H, s)).toBeNull();
  });

  test('a stored mapping naming a header the file no longer has is ignored', () => {
    const s = new MemoryStorage();
    rememberMapping(['unique key', 'status', 'created'], m, s); // same key, different spelling
    expect(recallMapping(['unique key', 'status', 'created'], s)).toBeNull();
  });

  test('it is stored as a mapping-file entry, with constants and the rest of the format', () => {
    const s = new MemoryStorage();
    const full: FileMapping = {
      ...m,
      constants: { branch_id: 'B1', service_type: 'repair' },
      other: { status: 'in_progress' },
      nullValues: ['?'],
      dedupe: { keep: 'last' },
    };
    rememberMapping(H, full, s);
    expect(JSON.parse([...s['m'].values()][0]!)).toEqual({
      match: '*',
      table: 'service_orders',
      null_values: ['?'],
      dedupe: { keep: 'last' },
      columns: {
        order_id: { from: 'Unique Key' },
        status: { from: 'Status', values: { Closed: 'completed' }, other: 'in_progress' },
        called_at: { from: 'Created', format: 'MM/DD/YYYY' },
        branch_id: { value: 'B1' },
        service_type: { value: 'repair' },
      },
    });
    expect(recallMapping(H, s)).toEqual(full);
  });

  test('a mapping remembered in the older form is still recalled', () => {
    const s = new MemoryStorage();
    s.setItem('shouhou-kpi.mapping.' + headerKey(H), JSON.stringify({ table: 'service_orders', columns: { order_id: 'Unique Key' }, values: {}, formats: {} }));
    expect(recallMapping(H, s)).toEqual({ table: 'service_orders', columns: { order_id: 'Unique Key' }, values: {}, formats: {} });
  });
});

/** The sample-data generator: deterministic, time-zone independent, schema-shaped and referentially clean. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../src/lib/generate/calendar.ts';
import { defaultConfig } from '../src/lib/generate/config.ts';
import { formatTimestamp, parseDay } from '../src/lib/generate/dates.ts';
import { generate } from '../src/lib/generate/generate-node.ts';
import { TABLES } from '../src/lib/schema.ts';

const ORDERS = 2000;
const root = mkdtempSync(join(tmpdir(), 'gen-test-'));
const dir = (name: string): string => join(root, name);

/** Minimal RFC 4180 reader (quoted fields, doubled quotes) returning header + records. */
function readCsv(file: string): { header: string[]; rows: Record<string, string>[] } {
  const text = readFileSync(file, 'utf8');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\n') record.push(field), records.push(record), (record = []), (field = '');
    else if (ch !== '\r') field += ch;
  }
  const [header, ...data] = records;
  return { header: header!, rows: data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? '']))) };
}

const files = (d: string): string[] => readdirSync(d).sort();

beforeAll(() => {
  generate({ out: dir('a'), orders: ORDERS, seed: 7 });
  generate({ out: dir('b'), orders: ORDERS, seed: 7 });
  generate({ out: dir('c'), orders: ORDERS, seed: 8 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('generate', () => {
  it('writes every table of the schema plus config.json', () => {
    expect(files(dir('a'))).toEqual([...TABLES.map((t) => `${t.name}.csv`), 'config.json'].sort());
  });

  it('is deterministic: same seed → identical bytes, different seed → different data', () => {
    for (const f of files(dir('a'))) expect(readFileSync(join(dir('b'), f)).equals(readFileSync(join(dir('a'), f))), f).toBe(true);
    expect(readFileSync(join(dir('c'), 'service_orders.csv')).equals(readFileSync(join(dir('a'), 'service_orders.csv')))).toBe(false);
  });

  it('gives identical output under different time zones', () => {
    const cli = join(import.meta.dirname, '..', 'src', 'cli', 'generate.ts');
    for (const [name, tz] of [
      ['ny', 'America/New_York'],
      ['sh', 'Asia/Shanghai'],
    ]) {
      execFileSync(process.execPath, [cli, '--orders', String(ORDERS), '--seed', '7', '--out', dir(name)], {
        env: { ...process.env, TZ: tz },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    }
    for (const f of files(dir('a'))) {
      const a = readFileSync(join(dir('a'), f));
      expect(readFileSync(join(dir('ny'), f)).equals(a), `${f} (New York)`).toBe(true);
      expect(readFileSync(join(dir('sh'), f)).equals(a), `${f} (Shanghai)`).toBe(true);
    }
  });

  it('writes headers in schema column order', () => {
    for (const t of TABLES) expect(readCsv(join(dir('a'), `${t.name}.csv`)).header, t.name).toEqual(t.columns.map((c) => c.name));
  });

  it('numbers complaints YYMM + serial by month of receipt, restarting each month', () => {
    const { rows } = readCsv(join(dir('a'), 'complaints.csv'));
    expect(rows.length).toBeGreaterThan(5);
    const serials = new Map<string, number[]>();
    for (const r of rows) {
      const yymm = r.received_at!.slice(2, 4) + r.received_at!.slice(5, 7);
      expect(r.complaint_no!.slice(0, 4), r.complaint_no).toBe(yymm);
      serials.set(yymm, [...(serials.get(yymm) ?? []), Number(r.complaint_no!.slice(4))]);
    }
    for (const list of serials.values()) expect(list.sort((x, y) => x - y)).toEqual(list.map((_, i) => i + 1));
  });

  it('gives each complaint responsibility shares summing to 1', () => {
    const { rows } = readCsv(join(dir('a'), 'complaint_responsibility.csv'));
    const complaints = new Set(readCsv(join(dir('a'), 'complaints.csv')).rows.map((r) => r.complaint_no));
    expect(rows.length).toBeGreaterThan(0);
    const sums = new Map<string, number>();
    for (const r of rows) {
      expect(complaints.has(r.complaint_no)).toBe(true);
      sums.set(r.complaint_no!, (sums.get(r.complaint_no!) ?? 0) + Number(r.share));
    }
    for (const [no, sum] of sums) expect(Math.abs(sum - 1), no).toBeLessThan(1e-9);
  });

  it('keeps foreign keys valid: order → branch / technician of that branch, survey → order', () => {
    const branches = new Set(readCsv(join(dir('a'), 'branches.csv')).rows.map((r) => r.branch_id));
    const staff = new Map(readCsv(join(dir('a'), 'staff.csv')).rows.map((r) => [r.staff_id!, r]));
    const orders = readCsv(join(dir('a'), 'service_orders.csv')).rows;
    expect(orders.length).toBeGreaterThan(ORDERS * 0.9);
    for (const o of orders) {
      expect(branches.has(o.branch_id), o.order_id).toBe(true);
      if (o.technician_id) {
        const t = staff.get(o.technician_id);
        expect(t?.branch_id, o.order_id).toBe(o.branch_id);
        expect(t?.department).toBe('service');
      }
    }
    const ids = new Set(orders.map((o) => o.order_id));
    for (const s of readCsv(join(dir('a'), 'surveys.csv')).rows) expect(ids.has(s.order_id), s.survey_id).toBe(true);
  });
});

describe('working-hours calendar (places arrivals)', () => {
  const cal = createCalendar(defaultConfig(2026, 2026));
  const at = (text: string): number => parseDay(text.slice(0, 10)) * 86400 + Number(text.slice(11, 13)) * 3600 + Number(text.slice(14, 16)) * 60;
  const add = (from: string, hours: number): string => formatTimestamp(cal.addWorking(at(from), hours * 3600));
  it('carries the rest of a standard into the next morning', () => {
    // 16:00 → 17:30 uses 1.5 h; the remaining 4.5 h run from 08:30 the next day.
    expect(add('2026-10-09 16:00', 6)).toBe('2026-10-10 13:00:00');
  });
  it('ends at the window end when the standard uses the day up exactly', () => {
    expect(add('2026-10-09 17:00', 0.5)).toBe('2026-10-09 17:30:00');
  });
  it('starts an evening call at the next working window, skipping holidays', () => {
    // 10-01..10-03 are National Day holidays in the default config.
    expect(add('2026-09-30 20:00', 1)).toBe('2026-10-04 09:30:00');
  });
});

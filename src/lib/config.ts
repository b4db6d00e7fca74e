/**
 * data/config.json (SPEC §3): every key optional, missing keys take the defaults, unknown keys ignored.
 * A wrong type is an error naming the key — never silently defaulted.
 */

export interface ZoneStandard {
  /** Arrival standard in working hours; absent = no hour standard. */
  hours?: number;
  /** Standard set by contract: the order's promised_at. */
  by_contract?: boolean;
}

export interface Target {
  min?: number;
  max?: number;
}

export interface Config {
  working_hours: { start: string; end: string; workdays: number[]; holidays: string[]; extra_workdays: string[] };
  zones: Record<string, ZoneStandard>;
  repeat_window_days: number;
  complaint_limit_days: { domestic: number; foreign: number };
  targets: Record<string, Target>;
  /** Company name printed on reports (our addition; default 本公司). */
  company_name: string;
  /**
   * Fewest cases a rate needs to be compared as solid (our addition; default 20): a branch's rate on
   * fewer cases is shown marked low-confidence and not ranked (branch comparison, annual ranking).
   */
  min_cases: number;
}

export const DEFAULT_CONFIG: Config = {
  working_hours: { start: '08:30', end: '17:30', workdays: [1, 2, 3, 4, 5, 6, 7], holidays: [], extra_workdays: [] },
  zones: { urban: { hours: 6 }, suburban: { hours: 7 }, remote: { by_contract: true } },
  repeat_window_days: 30,
  complaint_limit_days: { domestic: 13, foreign: 17 },
  targets: {},
  company_name: '本公司',
  min_cases: 20,
};

/** A config.json problem; `key` is the path of the bad value (e.g. "working_hours.holidays[0]"). */
export class ConfigError extends Error {
  readonly key: string;
  constructor(message: string, key = '') {
    super(message);
    this.key = key;
  }
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function fail(key: string, want: string, got: unknown): never {
  throw new ConfigError(`config.json: ${key} must be ${want}, got ${JSON.stringify(got)}`, key);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(key: string, v: unknown, min = 0): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) fail(key, `a number ≥ ${min}`, v);
  return v;
}

function dates(key: string, v: unknown): string[] {
  if (!Array.isArray(v)) fail(key, 'a list of "YYYY-MM-DD" dates', v);
  return v.map((d, i) => {
    if (typeof d !== 'string' || !isCalendarDate(d)) {
      fail(`${key}[${i}]`, 'a date "YYYY-MM-DD"', d);
    }
    return d;
  });
}

/** "YYYY-MM-DD" naming a real day: Date.parse alone accepts 2026-02-30 (it rolls over to March 2). */
export function isCalendarDate(d: string): boolean {
  if (!DATE.test(d)) return false;
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
}

/** One bad value of a config: its key path and the message (for the settings panel's field). */
export interface ConfigProblem {
  key: string;
  message: string;
}

/**
 * Validate config text and report every bad value, not only the first (the settings panel puts each
 * message at its field). The same rules as parseConfig: each part of the file is checked alone.
 */
export function configProblems(text: string): ConfigProblem[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return [{ key: '', message: `config.json is not valid JSON: ${(e as Error).message}` }];
  }
  if (!isObject(raw)) return [{ key: '', message: 'config.json must be an object' }];
  const parts: Record<string, unknown>[] = [];
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'working_hours' && isObject(v)) {
      const { start, end, ...rest } = v;
      parts.push({ working_hours: { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) } });
      for (const [wk, wv] of Object.entries(rest)) parts.push({ working_hours: { [wk]: wv } });
    } else if ((k === 'zones' || k === 'targets') && isObject(v) && Object.keys(v).length > 0) {
      for (const [name, s] of Object.entries(v)) parts.push({ [k]: { [name]: s } });
    } else if (k === 'complaint_limit_days' && isObject(v)) {
      for (const [lk, lv] of Object.entries(v)) parts.push({ complaint_limit_days: { [lk]: lv } });
    } else parts.push({ [k]: v });
  }
  const out: ConfigProblem[] = [];
  for (const part of parts) {
    try {
      parseConfig(JSON.stringify(part));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      out.push({ key: e.key, message: e.message });
    }
  }
  return out;
}

/** Parse and validate config text; throws ConfigError naming the bad key. */
export function parseConfig(text: string | null): Config {
  if (text === null) return structuredClone(DEFAULT_CONFIG);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`config.json is not valid JSON: ${(e as Error).message}`, '');
  }
  if (!isObject(raw)) fail('(top level)', 'an object', raw);
  const c = structuredClone(DEFAULT_CONFIG);

  if ('working_hours' in raw) {
    const w = raw['working_hours'];
    if (!isObject(w)) fail('working_hours', 'an object', w);
    for (const k of ['start', 'end'] as const) {
      if (k in w) {
        if (typeof w[k] !== 'string' || !TIME.test(w[k] as string)) fail(`working_hours.${k}`, 'a time "HH:MM"', w[k]);
        c.working_hours[k] = w[k] as string;
      }
    }
    if (c.working_hours.start >= c.working_hours.end) {
      fail('working_hours.end', `later than start ${c.working_hours.start}`, c.working_hours.end);
    }
    if ('workdays' in w) {
      const d = w['workdays'];
      if (!Array.isArray(d) || !d.every((x) => Number.isInteger(x) && x >= 1 && x <= 7)) {
        fail('working_hours.workdays', 'a list of ISO weekdays 1–7 (Mon = 1)', d);
      }
      c.working_hours.workdays = d as number[];
    }
    if ('holidays' in w) c.working_hours.holidays = dates('working_hours.holidays', w['holidays']);
    if ('extra_workdays' in w) c.working_hours.extra_workdays = dates('working_hours.extra_workdays', w['extra_workdays']);
  }

  if ('zones' in raw) {
    const z = raw['zones'];
    if (!isObject(z) || Object.keys(z).length === 0) fail('zones', 'an object of zone standards', z);
    c.zones = {};
    for (const [name, s] of Object.entries(z)) {
      if (!isObject(s)) fail(`zones.${name}`, 'an object like {"hours": 6} or {"by_contract": true}', s);
      const zs: ZoneStandard = {};
      if ('hours' in s) zs.hours = num(`zones.${name}.hours`, s['hours']);
      if ('by_contract' in s) {
        if (typeof s['by_contract'] !== 'boolean') fail(`zones.${name}.by_contract`, 'true or false', s['by_contract']);
        zs.by_contract = s['by_contract'];
      }
      c.zones[name] = zs;
    }
  }

  if ('repeat_window_days' in raw) c.repeat_window_days = num('repeat_window_days', raw['repeat_window_days']);
  if ('complaint_limit_days' in raw) {
    const l = raw['complaint_limit_days'];
    if (!isObject(l)) fail('complaint_limit_days', 'an object {"domestic": 13, "foreign": 17}', l);
    if ('domestic' in l) c.complaint_limit_days.domestic = num('complaint_limit_days.domestic', l['domestic']);
    if ('foreign' in l) c.complaint_limit_days.foreign = num('complaint_limit_days.foreign', l['foreign']);
  }
  if ('targets' in raw) {
    const t = raw['targets'];
    if (!isObject(t)) fail('targets', 'an object of {"min": x} / {"max": x}', t);
    for (const [id, v] of Object.entries(t)) {
      if (!isObject(v)) fail(`targets.${id}`, 'an object {"min": x} or {"max": x}', v);
      const target: Target = {};
      if ('min' in v) target.min = num(`targets.${id}.min`, v['min'], -Infinity);
      if ('max' in v) target.max = num(`targets.${id}.max`, v['max'], -Infinity);
      c.targets[id] = target;
    }
  }
  if ('company_name' in raw) {
    if (typeof raw['company_name'] !== 'string') fail('company_name', 'a string', raw['company_name']);
    c.company_name = raw['company_name'];
  }
  if ('min_cases' in raw) {
    const n = raw['min_cases'];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) fail('min_cases', 'a whole number ≥ 1', n);
    c.min_cases = n;
  }
  return c;
}

/**
 * data/config.json (docs/metrics.md#configuration): every key optional, missing keys take the defaults, unknown keys ignored.
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
  /**
   * IANA zone in which epoch timestamps of a mapping file (`format` unix / unix_ms) are shown as local
   * wall-clock time (default Asia/Shanghai).
   */
  time_zone: string;
}

export const DEFAULT_CONFIG: Config = {
  working_hours: { start: '08:30', end: '17:30', workdays: [1, 2, 3, 4, 5, 6, 7], holidays: [], extra_workdays: [] },
  zones: { urban: { hours: 6 }, suburban: { hours: 7 }, remote: { by_contract: true } },
  repeat_window_days: 30,
  complaint_limit_days: { domestic: 13, foreign: 17 },
  targets: {},
  company_name: '本公司',
  min_cases: 20,
  time_zone: 'Asia/Shanghai',
};

/** A config.json problem; `key` is the path of the bad value (e.g. "working_hours.holidays[0]"). */
export class ConfigError extends Error {
  readonly key: string;
  constructor(message: string, key = '') {
    super(message);
    this.key = key;
  }
}

/**
 * Bounds of every numeric or list key (docs/import.md "Config bounds"): a value outside them is an
 * error naming the key, so no setting can make the SQL overflow or run for hours.
 */
export const CONFIG_LIMITS = {
  /** zones.<name>.hours: working hours of an arrival standard. */
  zoneHours: { min: 0, max: 1_000 },
  /** repeat_window_days. */
  repeatWindowDays: { min: 0, max: 3_660 },
  /** complaint_limit_days.domestic / .foreign. */
  complaintLimitDays: { min: 0, max: 3_660 },
  /** targets.<id>.min / .max. */
  target: { min: -1e12, max: 1e12 },
  /** min_cases. */
  minCases: { min: 1, max: 1_000_000 },
  /** Entries of holidays / extra_workdays each (300 years of days). */
  listDays: 110_000,
  /** Zones. */
  zones: 100,
  /** Targets. */
  targets: 1_000,
  /** Characters of company_name, a zone name or a target id. */
  nameChars: 200,
  /** Years a holiday or extra workday may fall in (the years data can hold). */
  years: { min: 1900, max: 2199 },
} as const;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function fail(key: string, want: string, got: unknown): never {
  const shown = JSON.stringify(got) ?? String(got);
  throw new ConfigError(`config.json: ${key} must be ${want}, got ${shown.length > 80 ? shown.slice(0, 79) + '…' : shown}`, key);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A finite number in [min, max]. */
function num(key: string, v: unknown, range: { min: number; max: number }): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < range.min || v > range.max) fail(key, `a number from ${range.min} to ${range.max}`, v);
  return v;
}

/** A real calendar date (no 2026-02-30) in the years data can hold. */
export function isCalendarDate(d: string): boolean {
  const m = DATE.exec(d);
  if (!m) return false;
  const [y, mo, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < CONFIG_LIMITS.years.min || y > CONFIG_LIMITS.years.max || mo < 1 || mo > 12 || day < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
}

function dates(key: string, v: unknown): string[] {
  if (!Array.isArray(v)) fail(key, 'a list of "YYYY-MM-DD" dates', v);
  if (v.length > CONFIG_LIMITS.listDays) fail(key, `a list of at most ${CONFIG_LIMITS.listDays} dates`, `${v.length} dates`);
  return v.map((d, i) => {
    if (typeof d !== 'string' || !isCalendarDate(d)) {
      fail(`${key}[${i}]`, `a calendar date "YYYY-MM-DD" in ${CONFIG_LIMITS.years.min}–${CONFIG_LIMITS.years.max}`, d);
    }
    return d;
  });
}

/** A zone name or target id: a non-empty string of at most nameChars characters. */
function name(key: string, n: string): void {
  if (n.trim() === '' || n.length > CONFIG_LIMITS.nameChars) fail(key, `a name of 1 to ${CONFIG_LIMITS.nameChars} characters`, n);
}

/** obj[k] = v as an own property, even for "__proto__" (which plain assignment would take as the prototype). */
function setOwn<T>(obj: Record<string, T>, k: string, v: T): void {
  Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
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
      if (!Array.isArray(d) || d.length > 7 || !d.every((x) => Number.isInteger(x) && x >= 1 && x <= 7)) {
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
    if (Object.keys(z).length > CONFIG_LIMITS.zones) fail('zones', `at most ${CONFIG_LIMITS.zones} zones`, `${Object.keys(z).length} zones`);
    c.zones = {};
    for (const [zone, s] of Object.entries(z)) {
      name(`zones.${zone}`, zone);
      if (!isObject(s)) fail(`zones.${zone}`, 'an object like {"hours": 6} or {"by_contract": true}', s);
      const zs: ZoneStandard = {};
      if ('hours' in s) zs.hours = num(`zones.${zone}.hours`, s['hours'], CONFIG_LIMITS.zoneHours);
      if ('by_contract' in s) {
        if (typeof s['by_contract'] !== 'boolean') fail(`zones.${zone}.by_contract`, 'true or false', s['by_contract']);
        zs.by_contract = s['by_contract'];
      }
      setOwn(c.zones, zone, zs);
    }
  }

  if ('repeat_window_days' in raw) c.repeat_window_days = num('repeat_window_days', raw['repeat_window_days'], CONFIG_LIMITS.repeatWindowDays);
  if ('complaint_limit_days' in raw) {
    const l = raw['complaint_limit_days'];
    if (!isObject(l)) fail('complaint_limit_days', 'an object {"domestic": 13, "foreign": 17}', l);
    if ('domestic' in l) c.complaint_limit_days.domestic = num('complaint_limit_days.domestic', l['domestic'], CONFIG_LIMITS.complaintLimitDays);
    if ('foreign' in l) c.complaint_limit_days.foreign = num('complaint_limit_days.foreign', l['foreign'], CONFIG_LIMITS.complaintLimitDays);
  }
  if ('targets' in raw) {
    const t = raw['targets'];
    if (!isObject(t)) fail('targets', 'an object of {"min": x} / {"max": x}', t);
    if (Object.keys(t).length > CONFIG_LIMITS.targets) fail('targets', `at most ${CONFIG_LIMITS.targets} targets`, `${Object.keys(t).length} targets`);
    for (const [id, v] of Object.entries(t)) {
      name(`targets.${id}`, id);
      if (!isObject(v)) fail(`targets.${id}`, 'an object {"min": x} or {"max": x}', v);
      const target: Target = {};
      if ('min' in v) target.min = num(`targets.${id}.min`, v['min'], CONFIG_LIMITS.target);
      if ('max' in v) target.max = num(`targets.${id}.max`, v['max'], CONFIG_LIMITS.target);
      if (target.min !== undefined && target.max !== undefined && target.min > target.max) fail(`targets.${id}.max`, `at least min ${target.min}`, target.max);
      setOwn(c.targets, id, target);
    }
  }
  if ('company_name' in raw) {
    const cn = raw['company_name'];
    if (typeof cn !== 'string' || cn.length > CONFIG_LIMITS.nameChars) fail('company_name', `a string of at most ${CONFIG_LIMITS.nameChars} characters`, cn);
    c.company_name = cn;
  }
  if ('min_cases' in raw) {
    const n = raw['min_cases'];
    const { min, max } = CONFIG_LIMITS.minCases;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) fail('min_cases', `a whole number from ${min} to ${max}`, n);
    c.min_cases = n;
  }
  if ('time_zone' in raw) {
    const z = raw['time_zone'];
    if (typeof z !== 'string' || !validZone(z)) fail('time_zone', 'an IANA time zone such as "Asia/Shanghai"', z);
    c.time_zone = z;
  }
  return c;
}

/** Whether Intl knows the zone name. */
function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

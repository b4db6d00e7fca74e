/**
 * Column mapping for foreign exports (issue 6): which header feeds which data-contract column (docs/metrics.md), how enum /
 * bool values translate, which date format a column uses. Pure functions (no DOM, no worker), shared
 * by the mapping form and the import worker; remembered per header set (remember.ts).
 */
import { compileFormat, COMMON_FORMATS } from '../import/formats.ts';
import { detectTable, mapHeaders, normalizeHeader } from '../import/headers.ts';
import { UnusableFileError } from '../import/types.ts';
import { isValueError, parseDate, parseNumber, parserFor } from '../import/values.ts';
import { ratingRule, ratingScale } from '../mapping/suggest.ts';
import type { Dedupe } from '../mapping/types.ts';
import { TABLE_BY_NAME, TABLES, type Column, type TableName } from '../schema.ts';
import { COLUMN_SYNONYMS, FILE_HINTS, VALUE_SYNONYMS } from './synonyms.ts';

/** How one file's columns become a table's columns. Header names are the file's, as written. */
export interface FileMapping {
  table: TableName;
  /** Canonical column → the file's header that feeds it (absent = the column is not in the file). */
  columns: Record<string, string>;
  /** Canonical column → raw value (trimmed) → canonical value, for enum and bool columns. */
  values: Record<string, Record<string, string>>;
  /** Canonical column → date format (formats.ts), for timestamp and date columns. */
  formats: Record<string, string>;
  /**
   * The rest of the mapping file's rules (lib/mapping), so the form holds all of it: a fixed value for
   * a column, several headers joined, the value of unlisted / empty cells, null markers, dedupe,
   * delimiter and encoding. A column with a constant has no header in `columns`.
   */
  constants?: Record<string, string>;
  /** Canonical column → several headers whose cells are joined by a space (the first is in `columns`). */
  joins?: Record<string, string[]>;
  other?: Record<string, string>;
  defaults?: Record<string, string>;
  nullValues?: string[];
  dedupe?: Dedupe;
  delimiter?: string;
  encoding?: 'auto' | 'utf-8' | 'gb18030';
}

/** The distinct values of one source column over the rows the worker sampled. */
export interface Distinct {
  /** [value as written (trimmed), count], most frequent first; at most DISTINCT_LIMIT. */
  values: [string, number][];
  /** More distinct values exist than listed. */
  more: boolean;
}

/** Distinct values of a column sent to the page, most frequent first (all of them for enum-like columns). */
export const DISTINCT_LIMIT = 1000;

/** Key of a header set for remembering its mapping: normalised headers in file order. */
export function headerKey(header: readonly string[]): string {
  return header.map(normalizeHeader).join('\u001f');
}

/** Character bigrams of a normalised name (underscores dropped), for the Dice similarity. */
function bigrams(s: string): string[] {
  const t = normalizeHeader(s).replace(/_/g, '');
  if (t.length < 2) return [t];
  const out: string[] = [];
  for (let i = 0; i < t.length - 1; i++) out.push(t.slice(i, i + 2));
  return out;
}

/** Dice coefficient of two names' bigrams: 1 = same letters in the same pairs, 0 = nothing shared. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let hit = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      hit++;
      pool.set(g, n - 1);
    }
  }
  return (2 * hit) / (x.length + y.length);
}

/** The names a column is known by: canonical, Chinese aliases, synonyms. */
function namesOf(c: Column): { exact: string[]; synonyms: string[] } {
  return { exact: [c.name, ...c.zh], synonyms: COLUMN_SYNONYMS[c.name] ?? [] };
}

/** How well a header names a column: 1 exact name or alias, 0.9 a known synonym, else a damped Dice (≤ 0.7). */
export function nameScore(c: Column, header: string): number {
  const h = normalizeHeader(header);
  const { exact, synonyms } = namesOf(c);
  if (exact.some((n) => normalizeHeader(n) === h)) return 1;
  if (synonyms.some((n) => normalizeHeader(n) === h)) return 0.9;
  let best = 0;
  for (const n of [...exact, ...synonyms]) best = Math.max(best, similarity(n, header));
  // Damped, and only a close spelling (Dice ≥ 0.75) counts: "State" is not "station", "urgency" not "agency".
  return best >= 0.75 ? best * 0.7 : 0;
}

/** Share of the non-empty sample values that fit a column's type (1 when there is nothing to test). */
export function typeFit(c: Column, d: Distinct | undefined): number {
  const values = (d?.values ?? []).filter(([v]) => v !== '');
  if (values.length === 0) return 1;
  let ok = 0;
  let all = 0;
  for (const [v, n] of values) {
    all += n;
    if (fits(c, v)) ok += n;
  }
  return ok / all;
}

const FORMAT_PARSERS = COMMON_FORMATS.map((f) => compileFormat(f, 'timestamp'));

function fits(c: Column, v: string): boolean {
  switch (c.type) {
    case 'timestamp':
    case 'date':
      return !isValueError(parseDate(v)) || FORMAT_PARSERS.some((p) => !isValueError(p(v)));
    case 'money':
    case 'number':
    case 'int':
    case 'share':
      return !isValueError(parseNumber(v.replace(/[¥￥,%\s]/g, '')));
    case 'rating':
      return /^[1-4]$/.test(v) || ['很满意', '满意', '一般', '不满意'].includes(v);
    default:
      return true;
  }
}

/** Share of the rows of an enum column's candidate whose value the importer reads or a synonym maps (1 for other types). */
function valueFit(c: Column, d: Distinct | undefined): number {
  if (c.type !== 'enum' || c.configEnum) return c.configEnum ? zoneFit(d) : 1;
  const values = (d?.values ?? []).filter(([v]) => v.trim() !== '');
  if (values.length === 0) return 1;
  const parse = parserFor(c, { zones: [] });
  let ok = 0;
  let all = 0;
  for (const [v, n] of values) {
    all += n;
    if (!isValueError(parse(v.trim())) || suggestValue(c, v.trim(), []) !== null) ok += n;
  }
  return ok / all;
}

/** A zone column's values look like zones (urban/市区 …), not addresses or place names. */
function zoneFit(d: Distinct | undefined): number {
  const values = (d?.values ?? []).filter(([v]) => v.trim() !== '');
  if (values.length === 0) return 1;
  const known = /^(urban|suburban|remote|市区|郊区|远郊|外埠|远郊外埠|ring\d|city|nearby|far)$/i;
  let ok = 0;
  let all = 0;
  for (const [v, n] of values) {
    all += n;
    if (known.test(v.trim())) ok += n;
  }
  return ok / all;
}

/** Suggested mapping of a file's headers onto `table`: each column takes its best header (score ≥ 0.5). */
export function suggestColumns(table: TableName, header: readonly string[], distinct: readonly Distinct[]): Record<string, string> {
  return matchColumns(table, header, distinct).columns;
}

/** suggestColumns with the sum of the chosen pairs' scores (how well the file fits the table). */
function matchColumns(table: TableName, header: readonly string[], distinct: readonly Distinct[]): { columns: Record<string, string>; total: number } {
  const t = TABLE_BY_NAME[table];
  const pairs: { col: string; h: number; score: number }[] = [];
  for (const c of t.columns) {
    header.forEach((name, h) => {
      if (name.trim() === '') return;
      const s = nameScore(c, name);
      if (s <= 0) return;
      // A header whose values do not fit the type (dates for a timestamp) is a poor match.
      // Values count as much as names: dates for a timestamp, known values for an enum (a "Location 143"
      // is no zone, a "Category 55" no service type).
      // An enum named by a known synonym keeps its header (its values are then mapped); a zone never
      // takes values that are not zones.
      const fit = Math.min(typeFit(c, distinct[h]), s >= 0.9 && !c.configEnum ? 1 : valueFit(c, distinct[h]));
      pairs.push({ col: c.name, h, score: s * (fit >= 0.8 ? 1 : fit >= 0.5 ? 0.7 : 0.3) });
    });
  }
  pairs.sort((a, b) => b.score - a.score || a.h - b.h);
  const out: Record<string, string> = {};
  const used = new Set<number>();
  let total = 0;
  for (const p of pairs) {
    if (p.score < 0.5 || p.col in out || used.has(p.h)) continue;
    out[p.col] = header[p.h]!;
    used.add(p.h);
    total += p.score;
  }
  return { columns: out, total };
}

/** The table a header set most likely holds: detectTable when it can tell, else the best suggestion score. */
export function suggestTable(fileName: string, header: readonly string[], distinct: readonly Distinct[]): TableName {
  try {
    const byHeaders = detectTable(fileName, header);
    // A file with order-like columns is never taken as branches because it has a branch column.
    if (byHeaders !== 'branches' || !orderLike(header, distinct)) return byHeaders;
    throw new Error('order-like');
  } catch {
    let best: { table: TableName; score: number } | null = null;
    const base = fileName.split(/[\\/]/).pop()!.toLowerCase();
    for (const t of TABLES) {
      const { columns, total } = matchColumns(t.name, header, distinct);
      const required = t.columns.filter((c) => c.required);
      const reqHit = required.filter((c) => c.name in columns).length;
      // How many headers fit (by score), a bonus for having every required column, and for a file name
      // that names the table ("cfpb_complaints_2013.csv"). The longest hint wins (complaint_steps over complaints).
      const hint = (FILE_HINTS[t.name] ?? []).filter((w) => base.includes(w)).reduce((n, w) => Math.max(n, w.length), 0);
      // A header named exactly as the table's key ("call_id", "review_id" is not) says which table it is.
      const key = t.key.length === 1 ? t.columns.find((c) => c.name === t.key[0])! : null;
      const keyHit = key && columns[key.name] !== undefined && nameScore(key, columns[key.name]!) === 1 ? 1.5 : 0;
      const score = total + (reqHit === required.length ? 1 : reqHit / required.length / 2) + (hint ? 1.5 + hint / 100 : 0) + keyHit;
      if (!best || score > best.score) best = { table: t.name, score };
    }
    return best!.table;
  }
}

/** Whether a header set carries order-like columns (an order id, a call / completion time or a status). */
function orderLike(header: readonly string[], distinct: readonly Distinct[]): boolean {
  const { columns } = matchColumns('service_orders', header, distinct);
  return ['order_id', 'called_at', 'completed_at', 'status', 'service_type'].filter((c) => c in columns).length >= 2;
}

/** The mapping that the importer would apply on its own (canonical names and Chinese aliases). */
export function automaticColumns(table: TableName, header: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const t = TABLE_BY_NAME[table];
  header.forEach((h) => {
    const c = t.columns.find((c) => [c.name, ...c.zh].some((n) => normalizeHeader(n) === normalizeHeader(h)));
    if (c && !(c.name in out)) out[c.name] = h;
  });
  return out;
}

/** Required columns of `table` that `mapping` leaves without a header (empty = importable). */
export function missingRequired(mapping: FileMapping): Column[] {
  return TABLE_BY_NAME[mapping.table].columns.filter((c) => c.required && !mapping.columns[c.name] && mapping.constants?.[c.name] === undefined);
}

/** Whether the file imports as it is (every required column found by name or alias). */
export function importsAsIs(table: TableName, header: readonly string[]): boolean {
  try {
    mapHeaders('', table, header);
    return true;
  } catch (e) {
    if (e instanceof UnusableFileError) return false;
    throw e;
  }
}

/**
 * Suggested canonical value of a raw enum / bool value, or null. A value the importer already accepts
 * (canonical or alias) maps to itself; then known synonyms; then a close name (Dice ≥ 0.7).
 */
export function suggestValue(c: Column, raw: string, zones: readonly string[]): string | null {
  const accepted = parserFor(c, { zones: [...zones] })(raw);
  if (!isValueError(accepted)) return accepted;
  const allowed = allowedValues(c, zones);
  const key = normalizeHeader(raw);
  const syn = (c.type === 'bool' ? VALUE_SYNONYMS['*bool'] : VALUE_SYNONYMS[c.name])?.[key];
  if (syn && allowed.includes(syn)) return syn;
  let best: { v: string; s: number } | null = null;
  for (const v of allowed) {
    for (const name of [v, ...(c.values?.[v] ?? [])]) {
      const s = normalizeHeader(name) === key ? 1 : similarity(name, raw);
      if (!best || s > best.s) best = { v, s };
    }
  }
  return best && best.s >= 0.7 ? best.v : null;
}

/** The canonical values an enum or bool column accepts (zones from the config). */
export function allowedValues(c: Column, zones: readonly string[]): string[] {
  if (c.type === 'bool') return ['true', 'false'];
  if (c.type === 'rating') return ['4', '3', '2', '1'];
  if (c.configEnum === 'zones') return [...zones];
  return Object.keys(c.values ?? {});
}

/** Whether a column gets a value mapping in the form. */
export const hasValueMapping = (c: Column): boolean => c.type === 'enum' || c.type === 'bool' || c.type === 'rating';

/** Whether a column gets a date-format choice in the form. */
export const hasFormat = (c: Column): boolean => c.type === 'timestamp' || c.type === 'date';

/**
 * The date format of a column's sample values: null when the contract formats read them all (no format
 * needed), else the first common format that reads every sampled value, else null.
 */
export function guessFormat(c: Column, d: Distinct | undefined): string | null {
  const values = (d?.values ?? []).map(([v]) => v).filter((v) => v !== '');
  if (values.length === 0) return null;
  const spec = parserFor(c, { zones: [] });
  if (values.every((v) => !isValueError(spec(v)))) return null;
  for (const f of COMMON_FORMATS) {
    const p = compileFormat(f, c.type === 'date' ? 'date' : 'timestamp');
    if (values.every((v) => !isValueError(p(v)))) return f;
  }
  return null;
}

/** A complete suggestion for a file: table, columns, value maps for what the importer would refuse, formats. */
export function suggestMapping(
  fileName: string,
  header: readonly string[],
  distinct: readonly Distinct[],
  zones: readonly string[],
  table: TableName = suggestTable(fileName, header, distinct),
): FileMapping {
  const columns = suggestColumns(table, header, distinct);
  return { table, columns, ...suggestValuesAndFormats(table, columns, header, distinct, zones) };
}

/** Value maps and formats for a given column choice (re-run when the user changes a column). */
export function suggestValuesAndFormats(
  table: TableName,
  columns: Record<string, string>,
  header: readonly string[],
  distinct: readonly Distinct[],
  zones: readonly string[],
): Pick<FileMapping, 'values' | 'formats'> {
  const values: FileMapping['values'] = {};
  const formats: FileMapping['formats'] = {};
  for (const c of TABLE_BY_NAME[table].columns) {
    const h = columns[c.name];
    if (h === undefined) continue;
    const d = distinct[header.indexOf(h)];
    if (c.type === 'rating') {
      // Another scale (1–5 stars, 0–10, text labels) onto the four levels, by a rule the user sees and can change.
      const raw = (d?.values ?? []).map(([v]) => v);
      const rule = ratingRule(ratingScale(raw), raw);
      if (Object.keys(rule).length > 0) values[c.name] = rule;
    } else if (hasValueMapping(c)) {
      const m: Record<string, string> = {};
      for (const [raw] of d?.values ?? []) {
        if (raw === '') continue;
        const accepted = parserFor(c, { zones: [...zones] })(raw);
        if (!isValueError(accepted)) continue; // the importer reads it already
        const s = suggestValue(c, raw, zones);
        if (s) m[raw] = s;
      }
      if (Object.keys(m).length > 0) values[c.name] = m;
    }
    if (hasFormat(c)) {
      const f = guessFormat(c, d);
      if (f) formats[c.name] = f;
    }
  }
  return { values, formats };
}

/** Marks a header the mapping leaves out, so the importer's name matching cannot pick it up. */
const UNMAPPED = '\u2060unmapped:';

/**
 * Apply a mapping to a file's header: mapped headers take their canonical names, every other header
 * is hidden from the importer's name matching (a "Status" the user left unmapped must stay unmapped).
 * Returns the new header and a function rewriting a record's fields by the value maps (in place).
 */
export function applyMapping(
  header: readonly string[],
  mapping: FileMapping,
): { header: string[]; transform: ((fields: (string | null)[]) => void) | null; originalName: (h: string) => string } {
  const byHeader = new Map<string, string>();
  for (const [col, h] of Object.entries(mapping.columns)) if (h !== undefined && !byHeader.has(h)) byHeader.set(h, col);
  const taken = new Set<string>();
  const out = header.map((h) => {
    const col = byHeader.get(h);
    if (col && !taken.has(col)) {
      taken.add(col);
      return col;
    }
    return h.trim() === '' ? h : UNMAPPED + h;
  });
  const maps: [number, Map<string, string>][] = [];
  for (const [col, m] of Object.entries(mapping.values)) {
    const i = out.indexOf(col);
    if (i >= 0 && Object.keys(m).length > 0) maps.push([i, new Map(Object.entries(m))]);
  }
  const transform =
    maps.length === 0
      ? null
      : (fields: (string | null)[]) => {
          for (const [i, m] of maps) {
            const v = fields[i];
            if (v == null) continue;
            const to = m.get(v.trim());
            if (to !== undefined) fields[i] = to;
          }
        };
  return { header: out, transform, originalName: (h) => (h.startsWith(UNMAPPED) ? h.slice(UNMAPPED.length) : h) };
}

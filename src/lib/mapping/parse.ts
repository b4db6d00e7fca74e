/**
 * Parse and check a mapping file against the data contract (schema.ts). Everything that can be told
 * without the data is checked here — unknown table, contract column or key, a `values` / `other` /
 * `default` / `value` the column cannot hold, a format that does not compile, a required column left
 * out — and is an error naming it (the CLI exits 2). Headers are checked when a file is read (apply.ts).
 */
import { formatParser, isValueError, parserFor } from '../import/values.ts';
import { UnusableFileError } from '../import/types.ts';
import { TABLE_BY_NAME, type Column, type Table, type TableName } from '../schema.ts';
import type { ColumnRule, Dedupe, FileRule, MappingFile } from './types.ts';

/** A mapping file that cannot be used; its message names the file, the entry and the item. */
export class MappingError extends UnusableFileError {
  constructor(file: string, message: string) {
    super(file, message, 'bad_mapping');
    this.name = 'MappingError';
  }
}

/** What checking a mapping needs to know beyond the schema. */
export interface MappingContext {
  /** The zones of the config (a zone target must be one of them). */
  zones: string[];
  /** The config's time zone (epoch formats). */
  timeZone?: string;
  /** Accept entries that leave required columns out (a mapping still being made in the browser). */
  partial?: boolean;
}

const ENTRY_KEYS = new Set(['match', 'table', 'delimiter', 'encoding', 'null_values', 'dedupe', 'columns']);
const RULE_KEYS = new Set(['from', 'value', 'values', 'other', 'default', 'format']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v);

/** A scalar written in JSON as text, number or boolean → its text (a star rating map may say 5: 4). */
function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return null;
}

/** Parse mapping-file text (named `name` in messages); throws MappingError. */
export function parseMapping(text: string, name: string, ctx: MappingContext): MappingFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new MappingError(name, `not valid JSON: ${(e as Error).message}`);
  }
  return checkMapping(raw, name, ctx);
}

/** Check a mapping already read from JSON; throws MappingError naming the first problem. */
export function checkMapping(raw: unknown, name: string, ctx: MappingContext): MappingFile {
  const fail = (msg: string): never => {
    throw new MappingError(name, msg);
  };
  if (!isObject(raw)) fail('the mapping must be a JSON object {"version": 1, "files": [...]}');
  const m = raw as Record<string, unknown>;
  if ('version' in m && m['version'] !== 1) fail(`version must be 1, got ${show(m['version'])}`);
  const files = m['files'];
  if (!Array.isArray(files) || files.length === 0) fail('"files" must be a non-empty list of file entries');
  return { version: 1, files: (files as unknown[]).map((f, i) => checkEntry(f, i, (msg) => fail(`files[${i}]${label(f)}: ${msg}`), ctx)) };
}

/** ` "glob" (table)` of an entry for messages, as far as it is known. */
function label(f: unknown): string {
  if (!isObject(f)) return '';
  const match = typeof f['match'] === 'string' ? ` ${show(f['match'])}` : '';
  const table = typeof f['table'] === 'string' ? ` (${f['table']})` : '';
  return match + table;
}

function checkEntry(raw: unknown, index: number, fail: (msg: string) => never, ctx: MappingContext): FileRule {
  if (!isObject(raw)) fail('an entry must be an object with "match", "table" and "columns"');
  const e = raw as Record<string, unknown>;
  for (const k of Object.keys(e)) if (!ENTRY_KEYS.has(k)) fail(`unknown key ${show(k)} (known: ${[...ENTRY_KEYS].join(', ')})`);
  if (typeof e['match'] !== 'string' || e['match'].trim() === '') fail('"match" must be a file-name pattern such as "orders_*.csv"');
  const tableName = e['table'];
  if (typeof tableName !== 'string' || !(tableName in TABLE_BY_NAME)) {
    fail(`unknown table ${show(tableName)} (tables: ${Object.keys(TABLE_BY_NAME).join(', ')})`);
  }
  const table = TABLE_BY_NAME[tableName as TableName];
  const rule: FileRule = { match: e['match'] as string, table: table.name, columns: {}, index };

  if ('delimiter' in e) {
    const d = e['delimiter'];
    if (typeof d !== 'string' || (d !== 'auto' && [...d].length !== 1) || d === '"' || d === '\n' || d === '\r') {
      fail(`delimiter must be "auto" or one character such as "," or "\\t", got ${show(d)}`);
    }
    rule.delimiter = d as string;
  }
  if ('encoding' in e) {
    const enc = e['encoding'];
    if (enc !== 'auto' && enc !== 'utf-8' && enc !== 'gb18030') fail(`encoding must be "auto", "utf-8" or "gb18030", got ${show(enc)}`);
    rule.encoding = enc as FileRule['encoding'];
  }
  if ('null_values' in e) {
    const n = e['null_values'];
    if (!Array.isArray(n) || !n.every((x) => typeof x === 'string')) fail('null_values must be a list of texts such as ["?", "N/A"]');
    rule.null_values = (n as string[]).map((x) => x.trim());
  }
  const columns = e['columns'];
  if (!isObject(columns)) fail('"columns" must be an object: contract column → {"from": header} or {"value": text}');
  for (const [col, r] of Object.entries(columns as Record<string, unknown>)) {
    const column = table.columns.find((c) => c.name === col);
    if (!column) fail(`unknown column ${show(col)} of table ${table.name} (columns: ${table.columns.map((c) => c.name).join(', ')})`);
    rule.columns[col] = checkColumnRule(r, column!, (msg) => fail(`column ${col}: ${msg}`), ctx);
  }
  const missing = table.columns.filter((c) => c.required && !(c.name in rule.columns));
  if (missing.length > 0 && !ctx.partial) {
    fail(`required column${missing.length > 1 ? 's' : ''} ${missing.map((c) => c.name).join(', ')} of ${table.name} not mapped (give a "from" or a "value")`);
  }
  if ('dedupe' in e) rule.dedupe = checkDedupe(e['dedupe'], table, rule, fail);
  return rule;
}

function checkDedupe(raw: unknown, table: Table, rule: FileRule, fail: (msg: string) => never): Dedupe {
  if (!isObject(raw)) fail('dedupe must be {"keep": "first"|"last"} or {"keep": …, "by": column}');
  const d = raw as Record<string, unknown>;
  for (const k of Object.keys(d)) if (k !== 'keep' && k !== 'by') fail(`dedupe: unknown key ${show(k)}`);
  if (d['keep'] !== 'first' && d['keep'] !== 'last') fail(`dedupe.keep must be "first" or "last", got ${show(d['keep'])}`);
  const out: Dedupe = { keep: d['keep'] as 'first' | 'last' };
  if ('by' in d) {
    const by = d['by'];
    if (typeof by !== 'string' || !table.columns.some((c) => c.name === by)) {
      fail(`dedupe.by: unknown column ${show(by)} of table ${table.name}`);
    }
    if (!((by as string) in rule.columns)) fail(`dedupe.by: column ${by} is not mapped in "columns"`);
    out.by = by as string;
  }
  return out;
}

function checkColumnRule(raw: unknown, column: Column, fail: (msg: string) => never, ctx: MappingContext): ColumnRule {
  if (!isObject(raw)) fail('must be {"from": header} or {"value": text}');
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!RULE_KEYS.has(k)) fail(`unknown key ${show(k)} (known: ${[...RULE_KEYS].join(', ')})`);
  const hasFrom = 'from' in r;
  const hasValue = 'value' in r;
  if (hasFrom === hasValue) fail('give exactly one of "from" (source header or headers) and "value" (a constant)');
  const out: ColumnRule = {};
  if (hasFrom) {
    const f = r['from'];
    const ok = typeof f === 'string' ? f.trim() !== '' : Array.isArray(f) && f.length > 0 && f.every((h) => typeof h === 'string' && h.trim() !== '');
    if (!ok) fail('"from" must be a header or a non-empty list of headers');
    out.from = f as string | string[];
  }
  if ('format' in r) {
    const fmt = r['format'];
    if (column.type !== 'timestamp' && column.type !== 'date') fail(`"format" is for timestamp and date columns; ${column.name} is ${column.type}`);
    if (typeof fmt !== 'string' || fmt.trim() === '') fail('"format" must be a text such as "DD-MM-YYYY HH:mm", "excel", "unix" or "unix_ms"');
    try {
      formatParser(fmt as string, column.type as 'timestamp' | 'date', ctx.timeZone ?? 'Asia/Shanghai');
    } catch (e) {
      fail(`bad format: ${(e as Error).message}`);
    }
    out.format = fmt as string;
  }
  // Every contract value the rule can produce must be one the column holds (parsed as the importer will).
  const parse = parserFor(column, {
    zones: ctx.zones,
    formats: out.format ? { [column.name]: out.format } : {},
    strictFormats: true,
    timeZone: ctx.timeZone,
  });
  const target = (what: string, v: unknown): string => {
    const s = scalar(v);
    if (s === null) fail(`${what} must be a text, got ${show(v)}`);
    const t = s!.trim();
    if (t !== '') {
      const p = parse(t);
      if (isValueError(p)) fail(`${what} ${show(s)} is not a value ${column.name} can hold (${p.reason})`);
    }
    return t;
  };
  if (hasValue) out.value = target('value', r['value']);
  if ('values' in r) {
    if (!hasFrom) fail('"values" needs a "from"');
    const v = r['values'];
    if (!isObject(v)) fail('"values" must be an object: source value → contract value');
    out.values = {};
    for (const [k, t] of Object.entries(v as Record<string, unknown>)) out.values[k.trim()] = target(`values[${show(k)}]:`, t);
  }
  if ('other' in r) {
    if (!hasFrom) fail('"other" needs a "from"');
    out.other = target('other:', r['other']);
  }
  if ('default' in r) {
    if (!hasFrom) fail('"default" needs a "from"');
    out.default = target('default:', r['default']);
  }
  return out;
}

/**
 * Node only: load a typed Parquet file straight into its table, checked in SQL over `read_parquet`
 * instead of value by value as text (parquet-node.ts). Used when every mapped column's Parquet type
 * already fits its schema type (a TIMESTAMP for a timestamp, a DECIMAL for money, an integer for a
 * rating, text for an id or an enum …); any other file goes the text way. Same rules, same rejects
 * (file, line = row number + 1, column, reason, code) and same loaded values as the text path: the
 * SQL below states, per type, what the text path's parser does with the value's text form
 * (test/import/parquet-sql.test.ts holds the two to the same result).
 */
import type { Column, TableName } from '../schema.ts';
import { LINE_COLUMN, TABLE_BY_NAME, sqlType } from '../schema.ts';
import type { Db, Params } from '../db/types.ts';
import { detectTable, mapHeaders } from '../import/headers.ts';
import { PARQUET_INSTANT_ZONE } from '../import/parquet-node.ts';
import type { ImportOptions, ImportedTable, Rejected } from '../import/types.ts';
import { BOOLS, enumLookup } from '../import/values.ts';

/** What was loaded: the import's outcome without its rows (they are in the table). */
export type LoadedParquet = Omit<ImportedTable, 'rows' | 'lines'> & { rowsLoaded: number };

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The characters JavaScript's String.prototype.trim removes (the text path trims every value). */
const JS_WHITESPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/;
const DECIMAL = /^DECIMAL\((\d+),(\d+)\)$/;
const TIMESTAMP = /^TIMESTAMP(_S|_MS|_NS)?$/;

/** Bound parameters, named $p0, $p1, …: every literal from the schema or the config goes in as one. */
class Bound {
  readonly params: Params = {};
  private n = 0;
  add(v: string): string {
    const name = `p${this.n++}`;
    this.params[name] = v;
    return `$${name}`;
  }
}

/** A value problem: when `cond` holds, the row is rejected with `code` and the SQL text `reason`. */
interface Check {
  cond: string;
  code: string;
  reason: string;
}

/** One column in SQL: its canonical text (NULL = empty) and its checks, in the text path's order. */
interface ColumnSql {
  value: string;
  checks: Check[];
  /**
   * The value to load, typed, when it can skip the canonical text: the same value the text would cast
   * to (the text path loads canonical text cast to the column's type). NULL on a rejected row.
   */
  load?: string;
  /** True when the value as read is empty (NULL, or only white space). */
  empty?: string;
}

/** A lookup (as written, then lower-cased: values.ts enumLookup) as a CASE over bound spellings. */
function lookupSql(text: string, map: Map<string, string>, b: Bound): string {
  const whens = [...map].map(([k, v]) => `WHEN ${b.add(k)} THEN ${b.add(v)}`).join(' ');
  return `coalesce(CASE ${text} ${whens} END, CASE lower(${text}) ${whens} END)`;
}

/**
 * A timestamp or date whose year is not written in 4 digits: the text path refuses its text form
 * (`shown`) as "not a date".
 */
function yearCheck(ts: string, shown: string, code: string, b: Bound): Check {
  // The text is made only for the rare row out of those years (a CASE evaluates its branch on its rows).
  return {
    cond: `(CASE WHEN year(${ts}) BETWEEN 1000 AND 9999 THEN false ELSE NOT regexp_full_match(${shown}, '[0-9]{4}-.*') END)`,
    code,
    reason: `${b.add('not a date: ')} || ${shown}`,
  };
}

/**
 * The SQL of a column whose Parquet type fits its schema type, or null (the file then goes the text
 * way). `c` is the column read from the file.
 */
function columnSql(col: Column, type: string, c: string, options: ImportOptions, b: Bound): ColumnSql | null {
  const text = `NULLIF(trim(CAST(${c} AS VARCHAR), ${b.add(JS_WHITESPACE)}), '')`;
  const varchar = type === 'VARCHAR';
  const integer = INTEGER.test(type);
  const decimal = DECIMAL.exec(type);
  // A named date format (the mapping step) reads text; a typed value has none to read.
  if ((col.type === 'timestamp' || col.type === 'date') && options.formats?.[col.name]) return null;
  switch (col.type) {
    case 'id':
    case 'text':
      return varchar || integer ? { value: text, checks: [] } : null;
    case 'enum': {
      if (!varchar) return null;
      if (col.configEnum === 'zones') {
        const values: Record<string, string[]> = {};
        for (const z of options.zones) values[z] = col.values?.[z] ?? [];
        const v = lookupSql(text, enumLookup(values), b);
        const allowed = options.zones.join(', ') || 'none';
        return {
          value: v,
          checks: [
            {
              cond: `(${text} IS NOT NULL AND ${v} IS NULL)`,
              code: 'unknown_zone',
              reason: `${b.add('unknown zone: ')} || ${text} || ${b.add(` (configured zones: ${allowed})`)}`,
            },
          ],
        };
      }
      const v = lookupSql(text, enumLookup(col.values ?? {}), b);
      return {
        value: v,
        checks: [{ cond: `(${text} IS NOT NULL AND ${v} IS NULL)`, code: 'bad_enum', reason: `${b.add(`unknown ${col.name}: `)} || ${text}` }],
      };
    }
    case 'bool': {
      if (type === 'BOOLEAN') return { value: `CASE WHEN ${c} THEN 'true' WHEN NOT ${c} THEN 'false' END`, load: c, checks: [] };
      if (!varchar) return null;
      const v = lookupSql(text, BOOLS, b);
      return {
        value: v,
        checks: [{ cond: `(${text} IS NOT NULL AND ${v} IS NULL)`, code: 'bad_bool', reason: `${b.add('not a yes/no value: ')} || ${text}` }],
      };
    }
    case 'timestamp':
    case 'date': {
      const code = col.type === 'timestamp' ? 'bad_timestamp' : 'bad_date';
      const format = col.type === 'timestamp' ? '%Y-%m-%d %H:%M:%S' : '%Y-%m-%d';
      // Naive timestamps are wall-clock already; instants are shown in China's zone (parquet-node.ts).
      const ts =
        type === 'TIMESTAMP WITH TIME ZONE'
          ? `timezone(${b.add(PARQUET_INSTANT_ZONE)}, ${c})`
          : TIMESTAMP.test(type)
            ? `CAST(${c} AS TIMESTAMP)`
            : col.type === 'date' && type === 'DATE'
              ? c
              : null;
      if (ts === null) return null; // a DATE for a timestamp has no time of day: the text path says so
      const value = `strftime(${ts}, '${format}')`;
      // The text form the text path reads (and quotes): a DATE as a date, anything else with its time.
      const shown = type === 'DATE' ? value : `strftime(${ts}, '%Y-%m-%d %H:%M:%S')`;
      const load = col.type === 'timestamp' ? `date_trunc('second', ${ts})` : `CAST(${ts} AS DATE)`;
      return { value, load, checks: [yearCheck(ts, shown, code, b)] };
    }
    case 'money': {
      if (integer)
        return {
          value: `CAST(CAST(${c} AS DECIMAL(38,2)) AS VARCHAR)`,
          load: `TRY_CAST(${c} AS DECIMAL(18,2))`,
          checks: [
            { cond: `(abs(CAST(${c} AS HUGEINT)) >= 10000000000000000)`, code: 'bad_money', reason: `${b.add('amount too large: ')} || CAST(${c} AS VARCHAR)` },
          ],
        };
      if (!decimal) return null;
      const scale = Number(decimal[2]);
      // The text form the text path reads: the column's scale, zeros past the second decimal dropped.
      const shown = `regexp_replace(CAST(${c} AS VARCHAR), '(\\.[0-9]{2}[0-9]*?)0+$', '\\1')`;
      const checks: Check[] = [];
      if (scale > 2)
        checks.push({ cond: `(${c} <> round(${c}, 2))`, code: 'money_decimals', reason: `${b.add('more than 2 decimals in amount: ')} || ${shown}` });
      if (Number(decimal[1]) - scale > 16)
        checks.push({ cond: `(abs(${c}) >= 10000000000000000)`, code: 'bad_money', reason: `${b.add('amount too large: ')} || ${shown}` });
      return { value: `CAST(CAST(${c} AS DECIMAL(38,2)) AS VARCHAR)`, load: `TRY_CAST(${c} AS DECIMAL(18,2))`, checks };
    }
    case 'int':
      if (!integer) return null;
      return {
        value: `CAST(${c} AS VARCHAR)`,
        load: `TRY_CAST(${c} AS INTEGER)`,
        checks: [
          { cond: `(${c} > 2147483647 OR ${c} < -2147483647)`, code: 'bad_int', reason: `${b.add('whole number out of range: ')} || CAST(${c} AS VARCHAR)` },
        ],
      };
    case 'number':
      if (integer) return { value: `CAST(${c} AS VARCHAR)`, checks: [] };
      // A float's shortest text reads back as the same DOUBLE; NaN and infinities are not numbers.
      if (type === 'DOUBLE' || type === 'FLOAT')
        return {
          value: `CAST(${c} AS VARCHAR)`,
          load: type === 'DOUBLE' ? c : undefined,
          checks: [{ cond: `(isnan(${c}) OR isinf(${c}))`, code: 'bad_number', reason: `${b.add('not a number: ')} || CAST(${c} AS VARCHAR)` }],
        };
      if (!decimal) return null;
      // Canonical decimal text: no trailing fraction zeros, no bare point.
      return { value: `regexp_replace(regexp_replace(CAST(${c} AS VARCHAR), '(\\.[0-9]*?)0+$', '\\1'), '\\.$', '')`, checks: [] };
    case 'rating':
      if (!integer) return null;
      return {
        value: `CAST(${c} AS VARCHAR)`,
        load: `TRY_CAST(${c} AS INTEGER)`,
        checks: [{ cond: `(${c} < 1 OR ${c} > 4)`, code: 'rating_range', reason: `${b.add('rating out of range 1–4: ')} || CAST(${c} AS VARCHAR)` }],
      };
    default:
      // Shares: their table's share-sum rule reads whole complaints, in the text path.
      return null;
  }
}

/**
 * Load `path` (a Parquet file) into `table` (created empty, schema types) of `db` in SQL, when every
 * mapped column fits; null when one does not (nothing was loaded: use the text path).
 */
export async function loadTypedParquet(db: Db, path: string, options: ImportOptions, table?: TableName): Promise<LoadedParquet | null> {
  const file = path.split(/[\\/]/).pop()!;
  let described;
  try {
    described = await db.query('DESCRIBE SELECT * FROM read_parquet($path)', { path });
  } catch {
    return null; // the text path says why the file cannot be read
  }
  const schema = described.map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
  const header = schema.map((c) => c.name);
  const t = table ?? detectTable(file, header);
  if (t === 'complaint_responsibility') return null; // its share-sum rule is the text path's
  const mapping = mapHeaders(file, t, header);
  const b = new Bound();
  const cols: ColumnSql[] = [];
  for (let i = 0; i < mapping.columns.length; i++) {
    const src = schema[mapping.source[i]!]!;
    const c = quoteIdent(src.name);
    const sql = columnSql(mapping.columns[i]!, src.type, c, options, b);
    if (sql === null) return null;
    // Only text can be empty without being NULL.
    const empty = src.type === 'VARCHAR' ? `(NULLIF(trim(${c}, ${b.add(JS_WHITESPACE)}), '') IS NULL)` : `(${c} IS NULL)`;
    cols.push({ ...sql, empty });
  }
  const names = mapping.columns.map((c) => c.name);
  // The first problem in schema order, as the text path finds it: an empty required value, else the
  // column's own checks.
  const whens: string[] = [];
  mapping.columns.forEach((col, i) => {
    const col$ = b.add(col.name);
    if (col.required) whens.push(`WHEN ${cols[i]!.empty} THEN {'column': ${col$}, 'code': 'required_empty', 'reason': 'empty required value'}`);
    for (const k of cols[i]!.checks) whens.push(`WHEN ${k.cond} THEN {'column': ${col$}, 'code': '${k.code}', 'reason': ${k.reason}}`);
    // The column's finite range last, as the text path's bounded parser (values.ts) checks it.
    const r = col.range;
    if (r) {
      const v = cols[i]!.value;
      whens.push(
        `WHEN NOT (TRY_CAST(${v} AS DOUBLE) BETWEEN ${r.min} AND ${r.max}) THEN {'column': ${col$}, 'code': 'out_of_range', 'reason': ${b.add(`${col.name} out of range ${r.min}–${r.max}: `)} || ${v}}`,
      );
    }
  });
  const problem = whens.length ? `CASE ${whens.join(' ')} END` : 'NULL';
  const stage = '_parquet_stage';
  const dupsTable = '_parquet_dups';
  const v = (i: number) => quoteIdent(`v${i}`);
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${stage} AS SELECT CAST(file_row_number + 2 AS INTEGER) AS _line, ${cols.map((c, i) => `${c.load ?? c.value} AS ${v(i)}`).join(', ')}, ${problem} AS _problem FROM read_parquet($path, file_row_number = true)`,
    { ...b.params, path },
  );
  try {
    const rejected: Rejected[] = (
      await db.query(`SELECT _line, _problem['column'] AS col, _problem['code'] AS code, _problem['reason'] AS reason FROM ${stage} WHERE _problem IS NOT NULL`)
    ).map((r) => ({
      file,
      line: Number(r['_line']),
      column: String(r['col']),
      reason: String(r['reason']),
      code: String(r['code']),
    }));
    // Duplicate keys among the rows that passed: the first line wins. A key part the file lacks, or an
    // empty one, counts as "".
    const key = mapping.table.key.map((k) => names.indexOf(k));
    const keyCols = key.map((_, j) => `k${j}`).join(', ');
    const keySql = key.map((k, j) => (k < 0 ? `'' AS k${j}` : `coalesce(${v(k)}, '') AS k${j}`)).join(', ');
    const dupSql = `SELECT _line, ${keyCols}, first FROM (SELECT _line, ${keySql}, first_value(_line) OVER (PARTITION BY ${keyCols} ORDER BY _line) AS first FROM ${stage} WHERE _problem IS NULL) WHERE _line <> first`;
    await db.exec(`CREATE OR REPLACE TEMP TABLE ${dupsTable} AS ${dupSql}`);
    const dups = await db.query(`SELECT * FROM ${dupsTable} ORDER BY _line`);
    const keyColumn = mapping.table.key.length === 1 ? mapping.table.key[0]! : null;
    for (const d of dups) {
      const shown = mapping.table.key.map((k, j) => `${k}=${String(d[`k${j}`])}`).join(', ');
      rejected.push({
        file,
        line: Number(d['_line']),
        column: keyColumn,
        code: 'duplicate_key',
        reason: `duplicate key ${shown} (first on line ${String(d['first'])})`,
      });
    }
    rejected.sort((a, c) => a.line - c.line);
    // Every schema column (NULL when not in the file) and _line, cast from canonical text as the CSV load does.
    const target = TABLE_BY_NAME[t].columns.map((c) => {
      const i = names.indexOf(c.name);
      return i < 0 ? 'NULL' : `CAST(${v(i)} AS ${sqlType(c.type)})`;
    });
    // The stage is in file order; a filter keeps it. Without duplicates (the usual case) no join or sort.
    const keep = dups.length === 0 ? '' : ` AND _line NOT IN (SELECT _line FROM ${dupsTable}) ORDER BY _line`;
    await db.exec(`INSERT INTO ${quoteIdent(t)} SELECT ${target.join(', ')}, _line AS ${LINE_COLUMN} FROM ${stage} WHERE _problem IS NULL${keep}`);
    const [counts] = await db.query(`SELECT count(*)::BIGINT AS n, count(*) FILTER (WHERE _problem IS NULL)::BIGINT AS ok FROM ${stage}`);
    const rowsRead = Number(counts!['n']);
    return {
      file,
      table: t,
      columns: names,
      rejected,
      rowsRead,
      encoding: 'parquet',
      ignoredColumns: mapping.ignoredColumns,
      rowsLoaded: Number(counts!['ok']) - dups.length,
    };
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${stage}; DROP TABLE IF EXISTS ${dupsTable}`);
  }
}

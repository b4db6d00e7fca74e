import type { Param, Params } from './types.ts';

/**
 * Turn `$name` parameters into positional `$1…` with their values in order.
 * DuckDB-WASM binds positional parameters only (TOOLCHAIN.md "Parameters"), so every engine goes
 * through this one mapping. String literals, quoted identifiers and comments are skipped.
 */
export function bindNamed(sql: string, params: Params = {}): { sql: string; values: Param[] } {
  const order: string[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const end = skipQuoted(sql, i, ch);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '$' && /[a-z_]/i.test(sql[i + 1] ?? '')) {
      const m = /^[a-z_][a-z0-9_]*/i.exec(sql.slice(i + 1))!;
      const name = m[0];
      if (!(name in params)) throw new Error(`query parameter $${name} has no value`);
      let n = order.indexOf(name);
      if (n < 0) n = order.push(name) - 1;
      out += `$${n + 1}`;
      i += 1 + name.length;
    } else {
      out += ch;
      i++;
    }
  }
  return { sql: out, values: order.map((n) => params[n] ?? null) };
}

function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

/** Split a setup script into statements on `;` outside quotes and comments. */
export function splitStatements(sql: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const end = skipQuoted(sql, i, ch);
      cur += sql.slice(i, end);
      i = end;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
    } else if (ch === ';') {
      if (cur.trim()) parts.push(cur.trim());
      cur = '';
      i++;
    } else {
      cur += ch;
      i++;
    }
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

/** The read_csv options and column types of canonical CSV (RFC 4180 quoting, empty = NULL, no sniffing). */
const csvOptions = (columns: { name: string; type: string }[], header: boolean): string =>
  `header = ${header}, auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '', ` +
  `columns = {${columns.map((c) => `'${c.name.replace(/'/g, "''")}': '${c.type}'`).join(', ')}}`;

/** A SQL string literal of `text` (a file name in ATTACH or read_csv, which take no parameters). */
export const quoted = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The read_csv call both engines use to load canonical CSV text with explicit types. */
export function readCsvSql(table: string, columns: { name: string; type: string }[], source: string): string {
  return `CREATE OR REPLACE TABLE "${table}" AS SELECT * FROM read_csv(${quoted(source)}, ${csvOptions(columns, true)})`;
}

/**
 * Append canonical CSV files without a header line to `table`, in the order given (DuckDB keeps the
 * files' order: insertion order, so rowid, follows them): one statement for many pieces, no scratch table.
 */
export function appendCsvSql(table: string, columns: { name: string; type: string }[], files: readonly string[]): string {
  return `INSERT INTO "${table}" SELECT * FROM read_csv([${files.map(quoted).join(', ')}], ${csvOptions(columns, false)})`;
}

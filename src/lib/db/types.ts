/** A value bound to a query parameter. Timestamps and dates travel as text and are cast in SQL. */
export type Param = string | number | boolean | null;
export type Params = Record<string, Param>;
/** A result row as plain JS values: numbers, strings, booleans, null, objects (STRUCT), arrays (LIST). */
export type Row = Record<string, unknown>;

/** A column of a table loaded from CSV text: name and DuckDB type. */
export interface LoadColumn {
  name: string;
  type: string;
}

/**
 * The one database interface (architecture principle 2). Implementations: Node (@duckdb/node-api),
 * WASM in Node (tests: the browser's engine), WASM in a browser worker. Nothing else knows the engine.
 */
export interface Db {
  /** Engine description, e.g. "node v1.5.6" or "wasm v1.4.3". */
  readonly engine: string;
  /** One statement; `$name` parameters are bound from `params`, never spliced into the text. */
  query(sql: string, params?: Params): Promise<Row[]>;
  /** A script of statements without parameters (setup files). */
  exec(sql: string): Promise<void>;
  /** Create `table` from CSV text (header row, RFC 4180 quoting, empty = NULL) with explicit column types. */
  loadCsv(table: string, columns: LoadColumn[], csv: string): Promise<void>;
  /**
   * Append CSV bytes (UTF-8, no header line, RFC 4180 quoting, empty = NULL) to `table` of `columns`:
   * record-aligned pieces, in order, read by one statement — the rows never become a JS string. In the
   * browser the pieces' buffers move to the engine's worker (detached here): pass bytes not used again.
   */
  appendCsv(table: string, columns: LoadColumn[], pieces: readonly Uint8Array[]): Promise<void>;
  close(): Promise<void>;
}

/** Settings every engine gets right after open: never download an extension (TOOLCHAIN.md "Extensions"). */
export const SAFE_SETTINGS = 'SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;';

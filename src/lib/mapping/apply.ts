/**
 * Apply one mapping-file entry to a file's header and records: each record becomes a record of the
 * contract columns the entry names (null markers emptied, several sources joined, constants, value
 * maps, defaults), which the importer then checks like any contract file. Line numbers stay the
 * source file's; a contract column the entry does not name is absent.
 */
import { normalizeHeader } from '../import/headers.ts';
import type { SourceRecord } from '../import/import-table.ts';
import { TABLE_BY_NAME } from '../schema.ts';
import { MappingError } from './parse.ts';
import type { ColumnRule, FileRule } from './types.ts';

/** A file's records as contract records. */
export interface MappedRecords {
  /** Contract column names, in schema order: the "header" of the mapped records. */
  header: string[];
  records: Iterable<SourceRecord>;
  /** Source headers no rule reads (kept out, reported for information). */
  ignored: string[];
  /** Indexes of the source columns some rule reads. */
  used: number[];
}

/** Index of `name` in `header`: exactly as written (trimmed), else by normalised spelling; -1 if absent. */
function findHeader(header: readonly string[], name: string): number {
  const t = name.trim();
  const exact = header.findIndex((h) => h.trim() === t);
  if (exact >= 0) return exact;
  return header.findIndex((h) => normalizeHeader(h) === normalizeHeader(t));
}

/** The mapping's rule name for messages: `files[0] "orders*.csv"`. */
function where(rule: FileRule): string {
  return `mapping files[${rule.index ?? 0}] ${JSON.stringify(rule.match)}`;
}

/** The source columns of `rule` in `header` (checking every header exists); throws MappingError naming one that does not. */
export function sourceIndexes(file: string, rule: FileRule, rawHeader: readonly string[]): { header: string[]; index: Map<string, number> } {
  const header = rawHeader.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h));
  const index = new Map<string, number>();
  for (const [col, r] of Object.entries(rule.columns)) {
    const from = r.from === undefined ? [] : typeof r.from === 'string' ? [r.from] : r.from;
    for (const name of from) {
      const i = findHeader(header, name);
      if (i < 0) {
        throw new MappingError(
          file,
          `${where(rule)}, column ${col}: no header ${JSON.stringify(name)} in the file (headers: ${header
            .map((h) => h.trim())
            .filter((h) => h !== '')
            .join(', ')})`,
        );
      }
      index.set(name, i);
    }
  }
  return { header, index };
}

/** One contract cell from a source record's fields. */
type Cell = (fields: readonly (string | null)[]) => string;

function compileRule(r: ColumnRule, index: Map<string, number>, nulls: Set<string>): Cell {
  if (r.value !== undefined) {
    const v = r.value;
    return () => v;
  }
  const from = typeof r.from === 'string' ? [r.from] : r.from!;
  const idx = from.map((h) => index.get(h)!);
  const read = (fields: readonly (string | null)[], i: number): string => {
    const raw = fields[i];
    const s = raw == null ? '' : raw.trim();
    return nulls.has(s) ? '' : s;
  };
  const source: Cell =
    idx.length === 1
      ? (fields) => read(fields, idx[0]!)
      : (fields) => {
          let out = '';
          for (const i of idx) {
            const s = read(fields, i);
            if (s !== '') out = out === '' ? s : out + ' ' + s;
          }
          return out;
        };
  const values = r.values ? new Map(Object.entries(r.values)) : null;
  const other = r.other;
  const dflt = r.default ?? '';
  if (!values && other === undefined) return (fields) => source(fields) || dflt;
  return (fields) => {
    const s = source(fields);
    if (s === '') return dflt;
    return values?.get(s) ?? other ?? s;
  };
}

/** Map a file's header and records through `rule`. Throws MappingError for a header the file lacks. */
export function mapRecords(file: string, rule: FileRule, rawHeader: readonly string[], records: Iterable<SourceRecord>): MappedRecords {
  const { header, index } = sourceIndexes(file, rule, rawHeader);
  const table = TABLE_BY_NAME[rule.table];
  const nulls = new Set(rule.null_values ?? []);
  const cols = table.columns.filter((c) => c.name in rule.columns);
  const cells = cols.map((c) => compileRule(rule.columns[c.name]!, index, nulls));
  const used = [...new Set(index.values())].sort((a, b) => a - b);
  const ignored = header.map((h) => h.trim()).filter((h, i) => h !== '' && !used.includes(i));
  const width = header.length;
  const n = cells.length;
  const mapped = function* (): Generator<SourceRecord> {
    for (const rec of records) {
      if (rec.error) {
        yield rec;
        continue;
      }
      if (rec.fields.length > width) {
        yield {
          line: rec.line,
          fields: [],
          reject: { column: null, code: 'too_many_fields', reason: `too many fields: ${rec.fields.length}, header has ${width}` },
        };
        continue;
      }
      const fields: string[] = new Array(n);
      for (let i = 0; i < n; i++) fields[i] = cells[i]!(rec.fields);
      yield { line: rec.line, fields };
    }
  };
  return { header: cols.map((c) => c.name), records: { [Symbol.iterator]: mapped }, ignored, used };
}

/**
 * The browser's mapping form (userdata/mapping.ts FileMapping) ↔ the mapping file's entries, so the
 * page reads and writes the same format as the CLI: "download mapping", "load mapping", and what the
 * page remembers per header set.
 */
import type { FileMapping } from '../userdata/mapping.ts';
import type { ColumnRule, FileRule, MappingFile } from './types.ts';

/** A glob for next month's file of the same export: every run of digits becomes `*` ("calls_202610.txt" → "calls_*.txt"). */
export function matchFor(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop()!;
  return base.replace(/[*?]/g, '?').replace(/\d+/g, '*');
}

/** A form mapping as a mapping-file entry matching `match`. */
export function toRule(m: FileMapping, match: string): FileRule {
  const columns: Record<string, ColumnRule> = {};
  const names = new Set([...Object.keys(m.columns), ...Object.keys(m.constants ?? {})]);
  for (const col of names) {
    const constant = m.constants?.[col];
    if (constant !== undefined) {
      columns[col] = { value: constant };
      continue;
    }
    const joined = m.joins?.[col];
    const r: ColumnRule = { from: joined && joined.length > 1 ? [...joined] : m.columns[col]! };
    const values = m.values[col];
    if (values && Object.keys(values).length > 0) r.values = { ...values };
    if (m.other?.[col] !== undefined) r.other = m.other[col];
    if (m.defaults?.[col] !== undefined) r.default = m.defaults[col];
    if (m.formats[col]) r.format = m.formats[col];
    columns[col] = r;
  }
  const rule: FileRule = { match, table: m.table, columns };
  if (m.delimiter && m.delimiter !== 'auto') rule.delimiter = m.delimiter;
  if (m.encoding && m.encoding !== 'auto') rule.encoding = m.encoding;
  if (m.nullValues && m.nullValues.length > 0) rule.null_values = [...m.nullValues];
  if (m.dedupe) rule.dedupe = { ...m.dedupe };
  return rule;
}

/** A mapping-file entry as a form mapping. */
export function fromRule(rule: FileRule): FileMapping {
  const m: FileMapping = { table: rule.table, columns: {}, values: {}, formats: {} };
  for (const [col, r] of Object.entries(rule.columns)) {
    if (r.value !== undefined) {
      (m.constants ??= {})[col] = r.value;
      continue;
    }
    const from = typeof r.from === 'string' ? [r.from] : r.from!;
    m.columns[col] = from[0]!;
    if (from.length > 1) (m.joins ??= {})[col] = [...from];
    if (r.values) m.values[col] = { ...r.values };
    if (r.other !== undefined) (m.other ??= {})[col] = r.other;
    if (r.default !== undefined) (m.defaults ??= {})[col] = r.default;
    if (r.format) m.formats[col] = r.format;
  }
  if (rule.delimiter) m.delimiter = rule.delimiter;
  if (rule.encoding) m.encoding = rule.encoding;
  if (rule.null_values) m.nullValues = [...rule.null_values];
  if (rule.dedupe) m.dedupe = { ...rule.dedupe };
  return m;
}

/** The mapping file of several files' form mappings (one entry per file; a glob already taken is not repeated). */
export function mappingDocument(files: readonly { fileName: string; mapping: FileMapping }[]): MappingFile {
  const out: FileRule[] = [];
  for (const f of files) {
    const match = matchFor(f.fileName);
    if (out.some((r) => r.match === match)) continue;
    out.push(toRule(f.mapping, match));
  }
  return { version: 1, files: out };
}

/** The mapping file as the text a user downloads (no internal fields). */
export function mappingText(doc: MappingFile): string {
  const files = doc.files.map(({ index: _i, ...r }) => r);
  return JSON.stringify({ version: 1, files }, null, 2) + '\n';
}

/** Whether parsed JSON looks like a mapping file rather than config.json (it has a "files" list). */
export function isMappingJson(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && Array.isArray((raw as Record<string, unknown>)['files']);
}

/**
 * The import worker's work, apart from its messaging so Node tests can run it: look at a file's first
 * rows (inspect), import files through the importer with their mappings, refuse keys seen in another
 * file or (append) in the data already imported, and store the canonical rows as a pending dataset.
 */
import { csvCell } from '../export/csv-cell.ts';
import { readCsv } from '../import/csv.ts';
import { importRecords, type SourceRecord } from '../import/import-table.ts';
import { UnusableFileError, type ImportedTable, type Rejected } from '../import/types.ts';
import { TABLE_BY_NAME, type TableName } from '../schema.ts';
import { canonicalBlob, csvField, keyPositions } from './canonical.ts';
import { mappedOptions } from '../mapping/options.ts';
import { toRule } from '../mapping/form.ts';
import { DISTINCT_LIMIT, type Distinct, type FileMapping } from './mapping.ts';
import type { FileReport, ImportFile, ImportJob, ImportSummary, Inspection } from './protocol.ts';
import { blobBuffer, csvHeadSource, csvSource, fileKind, parquetSource, xlsxSource, type SourceTable } from './readers.ts';
import { localStamp, type Manifest, type Part, type StoredFile } from './store.ts';

/**
 * How much of a CSV the mapping step reads, and how many rows it counts distinct values over: the whole
 * file (value maps must see every value, with its count, or "every other value" misses some), up to a
 * size where reading twice would cost too much; past it, the first HEAD_BYTES (and the step says so).
 */
const HEAD_BYTES = 256 << 20;
const SAMPLE_ROWS = Infinity;
const PREVIEW_ROWS = 8;
/** Distinct values tracked per column before it counts as "many" (ids, free text). */
const DISTINCT_TRACK = 2_000;
/** Rejected rows sent to the page per file (the CSV download has all). */
const REJECTED_SAMPLE = 50;

export type Progress = (file: string, phase: 'read' | 'parse' | 'store', fraction: number) => void;

/** Storage the pipeline writes to (store.ts in the browser; a fake in Node tests). */
export interface PipelineStore {
  getManifest(kind: 'active' | 'pending'): Promise<Manifest | null>;
  getParts(ids: readonly string[]): Promise<Part[]>;
  putPart(part: Part): Promise<void>;
  putPending(m: Manifest): Promise<void>;
}

/** A file's bytes, read in chunks so a large file reports progress. */
export async function readBytes(file: Blob, onProgress?: (fraction: number) => void): Promise<Uint8Array> {
  const out = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let at = 0;
  let last = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.set(value, at);
    at += value.length;
    if (onProgress && at - last > 4 << 20) {
      last = at;
      onProgress(at / Math.max(file.size, 1));
    }
  }
  onProgress?.(1);
  return at === out.length ? out : out.subarray(0, at);
}

/** The header, first rows and distinct values of a file, reading as little of it as the format allows. */
export async function inspectFile(file: File): Promise<Inspection> {
  const headBytes = await readBytes(file.slice(0, HEAD_BYTES));
  const kind = fileKind(file.name, headBytes.subarray(0, 4));
  if (kind === 'config') {
    return { kind, size: file.size, encoding: '', header: [], preview: [], distinct: [], sampled: 0, complete: true, configText: await file.text() };
  }
  let source: SourceTable;
  let complete = true;
  if (kind === 'csv') {
    complete = file.size <= HEAD_BYTES;
    source = csvHeadSource(file.name, headBytes, complete);
  } else if (kind === 'xlsx') {
    source = await xlsxSource(file.name, await file.arrayBuffer());
  } else {
    source = await parquetSource(file.name, blobBuffer(file), Number.isFinite(SAMPLE_ROWS) ? { limit: SAMPLE_ROWS } : {});
    complete = source.expectedRecords < SAMPLE_ROWS;
  }
  const counts = source.header.map(() => new Map<string, number>());
  const many = source.header.map(() => false);
  const preview: (string | null)[][] = [];
  let sampled = 0;
  for (const r of source.records()) {
    if (r.error) continue;
    if (sampled >= SAMPLE_ROWS) {
      complete = false;
      break;
    }
    sampled++;
    if (preview.length < PREVIEW_ROWS) preview.push([...r.fields]);
    for (let i = 0; i < counts.length; i++) {
      const v = (r.fields[i] ?? '').trim();
      const m = counts[i]!;
      const n = m.get(v);
      if (n !== undefined) m.set(v, n + 1);
      else if (m.size < DISTINCT_TRACK) m.set(v, 1);
      else many[i] = true;
    }
  }
  const distinct: Distinct[] = counts.map((m, i) => {
    const values = [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return { values: values.slice(0, DISTINCT_LIMIT), more: many[i]! || values.length > DISTINCT_LIMIT };
  });
  return { kind, size: file.size, encoding: source.encoding, header: source.header, preview, distinct, sampled, complete };
}

/** Read one file whole into a SourceTable (progress: 'read' then, for Parquet, decoding). */
async function openSource(f: ImportFile, onProgress: Progress, columns: string[] | undefined, mapping: FileMapping | null = null): Promise<SourceTable> {
  const name = f.file.name;
  const head = new Uint8Array(await f.file.slice(0, 4).arrayBuffer());
  const kind = fileKind(name, head);
  if (kind === 'parquet') {
    return parquetSource(name, blobBuffer(f.file), { columns, onProgress: (x) => onProgress(name, 'read', x) });
  }
  const bytes = await readBytes(f.file, (x) => onProgress(name, 'read', x));
  if (kind === 'xlsx') return xlsxSource(name, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  if (kind === 'config') throw new UnusableFileError(name, 'config.json is not a data file', 'unknown_table');
  return csvSource(name, bytes, mapping?.delimiter, mapping?.encoding);
}

/**
 * Import one file: with a mapping, through the mapping file's rules (lib/mapping: the form's mapping as
 * an entry, the same engine as the CLI's --mapping); rows validated by the importer.
 */
export async function importFile(
  f: ImportFile,
  zones: string[],
  onProgress: Progress,
  timeZone?: string,
): Promise<{ table: ImportedTable; source: SourceTable }> {
  const name = f.file.name;
  const rule = f.mapping ? toRule(f.mapping, name) : null;
  const mapped = f.mapping ? [...Object.values(f.mapping.columns), ...Object.values(f.mapping.joins ?? {}).flat()] : undefined;
  const source = await openSource(f, onProgress, mapped, f.mapping);
  const total = Math.max(source.expectedRecords, 1);
  const records = (function* (): Generator<SourceRecord> {
    let n = 0;
    for (const r of source.records()) {
      yield r;
      if (++n % 25_000 === 0) onProgress(name, 'parse', Math.min(n / total, 0.99));
    }
  })();
  const options = rule ? mappedOptions(rule, { zones, timeZone }) : { zones };
  const table = importRecords(name, rule?.table ?? f.table, source.header, records, source.encoding, options);
  onProgress(name, 'parse', 1);
  return { table, source };
}

/** Where a key was first seen: file and line. */
export type Seen = Map<string, { file: string; line: number }>;

/** A row's key as the importer builds it (composite parts joined; empty part = ""). */
function keyOf(row: readonly (string | null)[], idx: readonly number[]): string {
  return idx.length === 1 ? (row[idx[0]!] ?? '') : idx.map((k) => (k < 0 ? '' : (row[k] ?? ''))).join('\u0000');
}

/**
 * Refuse (in place) the rows whose key was already seen — in another file of this import
 * (`duplicate_key`) or in the data already imported (`duplicate_existing`, append) — and record
 * this file's keys. The first occurrence wins, so nothing is counted twice.
 */
export function refuseSeenKeys(t: ImportedTable, seen: Seen, existing: Seen): number {
  const spec = TABLE_BY_NAME[t.table];
  const idx = spec.key.map((k) => t.columns.indexOf(k));
  const keyColumn = spec.key.length === 1 ? spec.key[0]! : null;
  const rows: (string | null)[][] = [];
  const lines: number[] = [];
  let refused = 0;
  t.rows.forEach((row, i) => {
    const key = keyOf(row, idx);
    const line = t.lines[i]!;
    const old = existing.get(key);
    const dup = old ?? seen.get(key);
    if (dup) {
      const shown = spec.key.map((k, j) => `${k}=${idx[j]! < 0 ? '' : (row[idx[j]!] ?? '')}`).join(', ');
      t.rejected.push({
        file: t.file,
        line,
        column: keyColumn,
        code: old ? 'duplicate_existing' : 'duplicate_key',
        reason: old
          ? `duplicate key ${shown}: already imported (${dup.file}, line ${dup.line})`
          : `duplicate key ${shown} (first in ${dup.file}, line ${dup.line})`,
      } satisfies Rejected);
      refused++;
      return;
    }
    seen.set(key, { file: t.file, line });
    rows.push(row);
    lines.push(line);
  });
  if (refused > 0) {
    t.rows = rows;
    t.lines = lines;
    t.rejected.sort((a, b) => a.line - b.line);
  }
  return refused;
}

/** Keys of the stored parts of `table` (append): from their canonical CSV, `_line` last. */
export async function storedKeys(store: PipelineStore, files: readonly StoredFile[], table: TableName): Promise<Seen> {
  const seen: Seen = new Map();
  const mine = files.filter((f) => f.table === table);
  const parts = await store.getParts(mine.map((f) => f.part));
  const idx = keyPositions(table);
  for (let p = 0; p < parts.length; p++) {
    const text = await parts[p]!.csv.text();
    for (const r of readCsv(text, ',')) {
      const key = keyOf(r.fields, idx);
      if (!seen.has(key)) seen.set(key, { file: mine[p]!.file, line: Number(r.fields[r.fields.length - 1]) });
    }
  }
  return seen;
}

/** The rejected rows as CSV lines (no header): file, line, column, code, reason, the record as written. */
export function rejectedLines(t: ImportedTable, source: SourceTable): string {
  if (t.rejected.length === 0) return '';
  const want = new Set(t.rejected.map((r) => r.line));
  const raw = new Map<number, string>();
  for (const r of source.records()) {
    if (!want.has(r.line)) continue;
    raw.set(r.line, r.error ? '' : r.fields.map((f) => csvField(f ?? '')).join(','));
    if (raw.size === want.size) break;
  }
  return (
    t.rejected
      // The cells through csvCell (export/csv-cell.ts): a file name, or a raw record starting with "=", is no formula.
      .map((r) => [r.file, r.line, r.column ?? '', r.code, r.reason, raw.get(r.line) ?? ''].map(csvCell).join(',') + '\r\n')
      .join('')
  );
}

let partCounter = 0;
const newPartId = () => `${Date.now().toString(36)}-${(++partCounter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Import every file of `job`, store each as a part, write the pending dataset, and report. */
export async function runImport(job: ImportJob, store: PipelineStore, onProgress: Progress): Promise<ImportSummary> {
  const t0 = performance.now();
  // The settings (config) stay with the dataset when its files are replaced, unless a config is imported.
  const previous = await store.getManifest('active');
  const active = job.mode === 'append' ? previous : null;
  const kept = active?.files ?? [];
  const seenByTable = new Map<TableName, Seen>();
  const existingByTable = new Map<TableName, Seen>();
  const reports: FileReport[] = [];
  const stored: StoredFile[] = [];
  const stamp = localStamp();

  for (const f of job.files) {
    const t1 = performance.now();
    const { table, source } = await importFile(f, job.options.zones, onProgress, job.options.timeZone);
    if (!existingByTable.has(f.table)) existingByTable.set(f.table, kept.length ? await storedKeys(store, kept, f.table) : new Map());
    if (!seenByTable.has(f.table)) seenByTable.set(f.table, new Map());
    // The importer already refuses a key repeated within a file; across files only when there are others.
    const others = job.files.filter((x) => x.table === f.table).length > 1;
    if (others || existingByTable.get(f.table)!.size > 0) refuseSeenKeys(table, seenByTable.get(f.table)!, existingByTable.get(f.table)!);

    onProgress(f.file.name, 'store', 0);
    const id = newPartId();
    const rejectedText = rejectedLines(table, source);
    await store.putPart({
      id,
      table: f.table,
      ...canonicalBlob(table),
      rejected: table.rejected,
      rejectedCsv: rejectedText ? new Blob([rejectedText], { type: 'text/csv' }) : null,
    });
    onProgress(f.file.name, 'store', 1);
    const byCode: Record<string, number> = {};
    for (const r of table.rejected) byCode[r.code] = (byCode[r.code] ?? 0) + 1;
    const entry: StoredFile = {
      part: id,
      file: f.file.name,
      table: f.table,
      rowsRead: table.rowsRead,
      rowsLoaded: table.rows.length,
      rowsRejected: table.rejected.length,
      rowsMerged: table.merged ?? 0,
      encoding: table.encoding,
      size: f.file.size,
      importedAt: stamp,
      mapped: f.mapping !== null,
      columns: table.columns,
    };
    stored.push(entry);
    reports.push({
      id: f.id,
      file: entry.file,
      table: entry.table,
      encoding: entry.encoding,
      size: entry.size,
      rowsRead: entry.rowsRead,
      rowsLoaded: entry.rowsLoaded,
      rowsRejected: entry.rowsRejected,
      rowsMerged: entry.rowsMerged ?? 0,
      byCode,
      ignoredColumns: table.ignoredColumns,
      rejectedSample: table.rejected.slice(0, REJECTED_SAMPLE),
      mapped: entry.mapped,
      part: id,
      ms: Math.round(performance.now() - t1),
    });
  }

  const pending: Manifest = {
    importedAt: stamp,
    files: [...kept, ...stored],
    config: job.config ? job.config.text : (previous?.config ?? null),
    configFile: job.config ? job.config.file : (previous?.configFile ?? null),
  };
  await store.putPending(pending);
  return { files: reports, pending, kept: kept.length, ms: Math.round(performance.now() - t0) };
}

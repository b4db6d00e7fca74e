/**
 * Public API of the importer (browser-safe). Node-only entry points (files on disk, Parquet through
 * @duckdb/node-api) are in ./node.ts so that browser bundles never pull in Node modules.
 */
export { importCsv, importRecords } from './import-table.ts';
export type { SourceRecord } from './import-table.ts';
export { decodeCsv } from './decode.ts';
export type { CsvEncoding } from './decode.ts';
export { readCsv, detectDelimiter } from './csv.ts';
export type { CsvRecord } from './csv.ts';
export { mapHeaders, detectTable, tableFromFileName, normalizeHeader } from './headers.ts';
export type { HeaderMapping } from './headers.ts';
export { parserFor, parseTimestamp, parseDate, parseMoney, parseNumber, parseInt32, parseBool, parseRating, parseShare } from './values.ts';
export type { ValueError, ValueParser } from './values.ts';
export { UnusableFileError } from './types.ts';
export type { ImportedTable, ImportOptions, Rejected } from './types.ts';
export { compileFormat, checkFormat, COMMON_FORMATS, FormatError } from './formats.ts';
export type { FormatParser } from './formats.ts';

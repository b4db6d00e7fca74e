/** Public API of the mapping file (browser-safe): parse and check it, find a file's entry, import options. */
export { parseMapping, checkMapping, MappingError } from './parse.ts';
export type { MappingContext } from './parse.ts';
export { ruleFor, globRegex } from './glob.ts';
export { mapRecords, sourceIndexes } from './apply.ts';
export { mappedOptions } from './options.ts';
export { dedupeRows } from './dedupe.ts';
export type { ColumnRule, Dedupe, FileRule, MappingFile } from './types.ts';

/** The importer's options for a file a mapping-file entry decides. */
import type { ImportOptions } from '../import/types.ts';
import type { FileRule } from './types.ts';

/** Import options for `rule`: its formats (the only ones read), the zones and the time zone of the config. */
export function mappedOptions(rule: FileRule, base: { zones: string[]; timeZone?: string }): ImportOptions {
  const formats: Record<string, string> = {};
  for (const [col, r] of Object.entries(rule.columns)) if (r.format) formats[col] = r.format;
  return { zones: base.zones, timeZone: base.timeZone, formats, strictFormats: true, mapping: rule };
}

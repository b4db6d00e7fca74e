/** Which entry of a mapping file decides a file: the first whose `match` glob fits the file's name. */
import type { FileRule, MappingFile } from './types.ts';

/** A glob (`*` any run of characters, `?` one character, the rest literal) as a whole-name regex, case-insensitive. */
export function globRegex(glob: string): RegExp {
  let re = '';
  for (const c of glob) {
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}

/** The first entry matching `fileName` (its base name), or null: the file is then read by its contract name, or ignored. */
export function ruleFor(mapping: MappingFile, fileName: string): FileRule | null {
  const base = fileName.split(/[\\/]/).pop()!;
  return mapping.files.find((f) => globRegex(f.match).test(base)) ?? null;
}

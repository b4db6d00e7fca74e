import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlFiles } from './types.ts';

/** The project's queries/ folder. */
export const QUERIES_DIR = fileURLToPath(new URL('../../../queries/', import.meta.url));

/** Read every .sql file under queries/ (Node side; the browser gets the same files through Vite). */
export function readSqlFiles(dir = QUERIES_DIR): SqlFiles {
  const out: SqlFiles = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.sql')) out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

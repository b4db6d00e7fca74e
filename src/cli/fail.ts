/**
 * How the command-line tools fail: exit 2 with one line on stderr naming the file, line, column or
 * key — never exit 1, never a stack trace (a user cannot act on one).
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { fsReason } from '../lib/import/fs-check-node.ts';

/** Print `tool: message` as one line and exit 2. */
export function die(tool: string, message: string): never {
  process.stderr.write(`${tool}: ${oneLine(message)}\n`);
  process.exit(2);
}

/** A message on one line: line breaks become "; ", and it is cut at 500 characters. */
export function oneLine(message: string): string {
  const text = message.replace(/\s*[\r\n]+\s*/g, '; ').trim();
  return text.length > 500 ? text.slice(0, 499) + '…' : text;
}

/** Any error as its one-line message: a file-system error with its path in words, else the message's first line. */
export function errorLine(e: unknown): string {
  const err = e as NodeJS.ErrnoException | null;
  const reason = fsReason(e);
  if (reason !== null && err?.path) return `${err.path}: ${reason}`;
  const text = err instanceof Error ? err.message : String(e);
  return text.split('\n')[0]!.trim() || String(err?.name ?? 'error');
}

/** End the process on any error thrown out of main (exit 2, one line). */
export function failOnError(tool: string): (e: unknown) => never {
  return (e) => die(tool, errorLine(e));
}

/** True when `path` is a DuckDB database file (its header holds "DUCK" at byte 8). */
export function isDuckDbFile(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = new Uint8Array(12);
      const n = readSync(fd, head, 0, 12, 0);
      return n === 12 && new TextDecoder().decode(head.subarray(8, 12)) === 'DUCK';
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** Why a file given as --data is no database file (a CSV, a Parquet file, anything else). */
export function notADatabase(path: string): string {
  const ext = extname(path).toLowerCase();
  const kind = ext === '.csv' ? 'a CSV file' : ext === '.parquet' ? 'a Parquet file' : 'a file but not a database built by build-db';
  return `--data ${path} is ${kind}: give the folder that holds the export files (${dirname(resolve(path))}?) or a database file built by npm run build-db`;
}

/** Why a file given as --data where only a folder will do is refused. */
export function notAFolder(path: string): string {
  const ext = extname(path).toLowerCase();
  const kind = ext === '.csv' ? 'a CSV file' : ext === '.parquet' ? 'a Parquet file' : 'a file';
  return `--data ${path} is ${kind}, not a folder: give the folder that holds the export files (${dirname(resolve(path))}?)`;
}

/** Why `out` cannot be written (its folder missing, or not a folder), or null when it can be tried. */
export function outProblem(out: string): string | null {
  const dir = dirname(resolve(out));
  if (!existsSync(dir)) return `--out ${out}: the folder ${dir} does not exist`;
  if (!statSync(dir).isDirectory()) return `--out ${out}: ${dir} is not a folder`;
  if (existsSync(out) && statSync(out).isDirectory()) return `--out ${out} is a folder; give a file name`;
  return null;
}

/**
 * File-system problems of a data folder as one-line, user-facing reasons (exit 2, never a stack): a
 * dangling symbolic link, an unreadable file or folder, a folder where a file should be.
 */
import { closeSync, lstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UnusableFileError } from './types.ts';

/** A Node file-system error code (ENOENT, EACCES …) as words; null for anything else. */
export function fsReason(e: unknown): string | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (cannot be read)';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'is not a folder';
    case 'ELOOP':
      return 'a loop of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error reading it';
    default:
      return typeof code === 'string' ? `cannot be read (${code})` : null;
  }
}

/** `e` as an UnusableFileError naming `path`'s file when it is a file-system error; else `e`. */
export function asUnusable(path: string, e: unknown): unknown {
  if (e instanceof UnusableFileError) return e;
  const reason = fsReason(e);
  return reason === null ? e : new UnusableFileError(basename(path), reason, 'unreadable');
}

/**
 * Check a data folder before reading it: it is a readable folder, and none of its entries is a
 * symbolic link to nothing (a broken export copy) — each would otherwise fail deep inside the load.
 */
export function checkDataFolder(dir: string): void {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory())
      throw new UnusableFileError(dir, 'is a file, not a folder: --data takes the folder that holds the export files', 'not_a_folder');
    entries = readdirSync(dir);
  } catch (e) {
    if (e instanceof UnusableFileError) throw e;
    throw new UnusableFileError(dir, fsReason(e) ?? String(e), 'unreadable');
  }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    let link = false;
    try {
      link = lstatSync(path).isSymbolicLink();
      statSync(path);
    } catch (e) {
      throw new UnusableFileError(name, link ? 'a symbolic link to a file that does not exist' : (fsReason(e) ?? String(e)), 'unreadable');
    }
  }
}

/** Check that a file of the folder can be opened and read (a folder named like a file, no permission…). */
export function checkReadable(path: string): void {
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    const fd = openSync(path, 'r');
    try {
      readSync(fd, new Uint8Array(1), 0, 1, 0);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw asUnusable(path, e);
  }
}

/** Hostile-input corpus helpers: a small data folder with one change, and the CLIs run on it. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** test/fixtures/cli-data: 3 branches, 4 orders (1 rejected), 3 costs (1 rejected), config. */
const BASE = join(ROOT, 'test/fixtures/cli-data');

const made: string[] = [];

/** A copy of the base fixture folder in a fresh temp folder; `change` edits it (one change per case). */
export function hostileDir(change: (dir: string) => void = () => undefined): string {
  const root = mkdtempSync(join(tmpdir(), 'hostile-'));
  made.push(root);
  const dir = join(root, 'data');
  cpSync(BASE, dir, { recursive: true });
  change(dir);
  return dir;
}

/** Remove every folder hostileDir made (afterAll). */
export function cleanHostile(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Append lines to a file of the folder. */
export function appendLines(dir: string, file: string, ...lines: string[]): void {
  const path = join(dir, file);
  writeFileSync(path, readFileSync(path, 'utf8') + lines.join('\n') + '\n');
}

/** Replace text in a file of the folder (the text must be there). */
export function replaceIn(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(path, text.replace(from, to));
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run a script of the project (src/cli/report.ts, src/cli/build-db.ts …) with `args`. */
export function runScript(script: string, args: string[], timeoutMs = 120_000): CliRun {
  const r = spawnSync(process.execPath, [join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
    env: { ...process.env, TZ: 'Asia/Shanghai' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The report CLI on a folder. */
export function report(dir: string, ...args: string[]): CliRun {
  return runScript('src/cli/report.ts', ['--data', dir, '--period', '2026-10', ...args]);
}

/** Exit 2 with exactly one line on stderr, no stack trace; returns that line. */
export function oneLineFailure(r: CliRun): string {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  if (r.status !== 2 || lines.length !== 1 || /\n\s+at /.test(r.stderr)) {
    throw new Error(`expected exit 2 with one line, got ${r.status}:\n${r.stderr}`);
  }
  return lines[0]!;
}

/**
 * Hostile input, issue 22 item 2: every failure of the command-line tools is exit 2 with one line naming
 * the file, line or key — never exit 1, never a stack trace. Each case is the small fixture folder
 * (test/fixtures/cli-data) with one change.
 */
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '../../src/lib/db/db-node.ts';
import { UnusableFileError } from '../../src/lib/import/types.ts';
import { loadDataDir } from '../../src/lib/report/data-dir-node.ts';
import { cleanHostile, hostileDir, oneLineFailure, report, runScript } from './helpers.ts';

afterAll(cleanHostile);

const config = (text: string) => hostileDir((d) => writeFileSync(join(d, 'config.json'), text));

describe('report CLI: exit 2, one line', () => {
  const cases: [string, () => string, string[], string][] = [
    [
      'a dangling symbolic link anywhere in the folder',
      () => hostileDir((d) => symlinkSync('/nonexistent/x.csv', join(d, 'junk.csv'))),
      [],
      'report: junk.csv: a symbolic link to a file that does not exist',
    ],
    [
      'a dangling symbolic link as a table file',
      () => hostileDir((d) => (rmSync(join(d, 'costs.csv')), symlinkSync('/nonexistent/costs.csv', join(d, 'costs.csv')))),
      [],
      'report: costs.csv: a symbolic link to a file that does not exist',
    ],
    [
      'a folder named like a table file',
      () => hostileDir((d) => (rmSync(join(d, 'costs.csv')), mkdirSync(join(d, 'costs.csv')))),
      [],
      'report: costs.csv: is a folder, not a file',
    ],
    [
      'a folder named config.json',
      () => hostileDir((d) => (rmSync(join(d, 'config.json')), mkdirSync(join(d, 'config.json')))),
      [],
      'report: config.json: is a folder, not a file',
    ],
    [
      'a holiday that is no calendar date (2026-02-30)',
      () => config('{"working_hours": {"holidays": ["2026-10-01", "2026-02-30"]}}'),
      [],
      'report: config.json: working_hours.holidays[1] must be a calendar date "YYYY-MM-DD" in 1900–2199, got "2026-02-30"',
    ],
    [
      'complaint_limit_days 1e300',
      () => config('{"complaint_limit_days": {"domestic": 1e300}}'),
      [],
      'report: config.json: complaint_limit_days.domestic must be a number from 0 to 3660, got 1e+300',
    ],
    [
      'negative zone hours',
      () => config('{"zones": {"urban": {"hours": -6}}}'),
      [],
      'report: config.json: zones.urban.hours must be a number from 0 to 1000, got -6',
    ],
    [
      'working hours start after end',
      () => config('{"working_hours": {"start": "18:00", "end": "08:30"}}'),
      [],
      'report: config.json: working_hours.end must be later than start 18:00, got "08:30"',
    ],
    ['config.json not JSON', () => config('{"zones": '), [], 'report: config.json is not valid JSON: Unexpected end of JSON input'],
    [
      '--out into a missing folder',
      () => hostileDir(),
      ['--out', '/nonexistent-h22/report.json'],
      'report: --out /nonexistent-h22/report.json: the folder /nonexistent-h22 does not exist',
    ],
    [
      'a damaged Parquet file',
      () => hostileDir((d) => (rmSync(join(d, 'costs.csv')), writeFileSync(join(d, 'costs.parquet'), 'PAR1 not really'))),
      [],
      'report: costs.parquet: cannot read Parquet: ',
    ],
  ];
  for (const [name, make, args, line] of cases) {
    it(name, () => {
      const got = oneLineFailure(report(make(), ...args));
      expect(got.startsWith(line), got).toBe(true);
    });
  }

  it('--data pointing at a CSV file says so', () => {
    const dir = hostileDir();
    const got = oneLineFailure(report(join(dir, 'costs.csv')));
    expect(got).toBe(
      `report: --data ${join(dir, 'costs.csv')} is a CSV file: give the folder that holds the export files (${dir}?) or a database file built by npm run build-db`,
    );
  });

  it('--data pointing at a file that is no database says so', () => {
    const dir = hostileDir((d) => writeFileSync(join(d, 'x.duckdb'), 'not a database'));
    expect(oneLineFailure(report(join(dir, 'x.duckdb')))).toMatch(/is a file but not a database built by build-db/);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file (not testable as root: root reads every file)', () => {
    const dir = hostileDir((d) => chmodSync(join(d, 'costs.csv'), 0));
    expect(oneLineFailure(report(dir))).toBe('report: costs.csv: permission denied (cannot be read)');
  });
});

describe('a line longer than the reader takes (a 2 GB file on one line)', () => {
  it("is an unusable file naming the file and line, not a crash at V8's string limit", async () => {
    // The limit is 64 Mi characters; here 1,000, with 32-byte reads so the line arrives in pieces.
    const dir = hostileDir((d) => writeFileSync(join(d, 'costs.csv'), 'cost_id,date,branch_id,category,amount\n' + 'x'.repeat(5000)));
    const db = await openNodeDb();
    try {
      const e = await loadDataDir(db, dir, { readBytes: 32, maxLineChars: 1000 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UnusableFileError);
      expect((e as Error).message).toBe('costs.csv: line 2 is longer than 1000 characters with no line break: not a CSV export');
    } finally {
      await db.close();
    }
  });
});

describe('build-db and publish-site: exit 2, one line', () => {
  it('build-db on a folder with a dangling link', () => {
    const dir = hostileDir((d) => symlinkSync('/nonexistent/x.csv', join(d, 'junk.csv')));
    const r = runScript('src/cli/build-db.ts', ['--no-figures', '--data', dir, '--out', join(dir, '..', 'out.duckdb')]);
    expect(oneLineFailure(r)).toBe('build-sample-db: junk.csv: a symbolic link to a file that does not exist');
  });

  it('build-db with --data a CSV file', () => {
    const dir = hostileDir();
    const r = runScript('src/cli/build-db.ts', ['--no-figures', '--data', join(dir, 'costs.csv'), '--out', join(dir, '..', 'out.duckdb')]);
    expect(oneLineFailure(r)).toBe(
      `build-sample-db: --data ${join(dir, 'costs.csv')} is a CSV file, not a folder: give the folder that holds the export files (${dir}?)`,
    );
  });

  it('build-db with a bad holiday in config.json', () => {
    const dir = config('{"working_hours": {"holidays": ["2026-02-30"]}}');
    const r = runScript('src/cli/build-db.ts', ['--no-figures', '--data', dir, '--out', join(dir, '..', 'out.duckdb')]);
    expect(oneLineFailure(r)).toBe(
      'build-sample-db: config.json: working_hours.holidays[0] must be a calendar date "YYYY-MM-DD" in 1900–2199, got "2026-02-30"',
    );
  });

  it('publish-site with --data a CSV file, and with complaint_limit_days 1e300 (its build step fails first)', () => {
    const dir = hostileDir();
    expect(oneLineFailure(runScript('src/cli/publish-site.ts', ['--data', join(dir, 'costs.csv')]))).toMatch(
      `publish-site: --data ${join(dir, 'costs.csv')} is a CSV file, not a folder: give the folder that holds the export files (${dir}?) — usage: npm run publish-site`,
    );
    const bad = config('{"complaint_limit_days": {"foreign": 1e300}}');
    expect(oneLineFailure(runScript('src/cli/publish-site.ts', ['--data', bad]))).toBe(
      'build-sample-db: config.json: complaint_limit_days.foreign must be a number from 0 to 3660, got 1e+300',
    );
  });
});

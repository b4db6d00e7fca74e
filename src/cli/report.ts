/**
 * Report CLI (SPEC §7): npm run --silent report -- --data DIR --period 2026-10 [--branch B01]
 *   [--as-of "2026-10-20 00:00:00"] [--rollup] [--out FILE]
 * --rollup (ours, not SPEC §7): centres and head office over their branches; --branch then takes a subtree.
 * Prints one JSON document; exit 2 with a message on stderr for unusable arguments or data.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../lib/config.ts';
import { openNodeDb } from '../lib/db/node.ts';
import { UnusableFileError } from '../lib/import/types.ts';
import { computeReport } from '../lib/report/compute.ts';
import { loadDataDir, rejectedOf } from '../lib/report/data-dir-node.ts';
import { parseAsOf, parsePeriod } from '../lib/report/period.ts';
import { findOrphans, runSetup } from '../lib/report/prepare.ts';
import { readSqlFiles } from '../lib/report/sql-node.ts';
import type { Report } from '../lib/report/types.ts';

const USAGE = 'usage: npm run --silent report -- --data DIR --period YYYY-MM|YYYY-Qn|YYYY [--branch ID] [--as-of "YYYY-MM-DD HH:MM:SS"] [--rollup] [--out FILE]';

function die(message: string): never {
  process.stderr.write(`report: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        data: { type: 'string' },
        period: { type: 'string' },
        branch: { type: 'string' },
        'as-of': { type: 'string' },
        out: { type: 'string' },
        rollup: { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    die(`${(e as Error).message}\n${USAGE}`);
  }
  if (!args.data || !args.period) die(`--data and --period are required\n${USAGE}`);
  if (!parsePeriod(args.period)) die(`--period must be YYYY-MM, YYYY-Qn, YYYY or YYYY-MM..YYYY-MM, got "${args.period}"`);
  if (args['as-of'] !== undefined && !parseAsOf(args['as-of'])) {
    die(`--as-of must be "YYYY-MM-DD HH:MM:SS", got "${args['as-of']}"`);
  }

  const sql = readSqlFiles();
  const db = await openNodeDb();
  try {
    let data;
    try {
      data = await loadDataDir(db, args.data);
    } catch (e) {
      if (e instanceof UnusableFileError || e instanceof ConfigError) die(e.message);
      throw e;
    }
    await runSetup(db, data.config, sql);
    const branch = args.branch ?? null;
    if (branch !== null) {
      const known = await db.query('SELECT 1 FROM all_branches WHERE branch_id = $b', { b: branch });
      if (known.length === 0) die(`--branch ${branch}: no such branch in ${args.data}`);
    }
    const selection = { period: args.period, branch, asOf: args['as-of'] ?? null, rollup: args.rollup ?? false };
    const body = await computeReport(db, selection, sql);
    const report: Report = {
      ...body,
      rejected: rejectedOf(data),
      orphans: await findOrphans(db, sql),
    };
    const text = JSON.stringify(report, null, 2) + '\n';
    if (args.out) writeFileSync(args.out, text);
    else process.stdout.write(text);
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`report: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});

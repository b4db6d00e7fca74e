/**
 * Publish the site on a company's own data: `npm run publish-site -- --data DIR [--mapping FILE.json]`.
 * Builds the bundled database from DIR — the same importer, setup, every month's figures and drill
 * tables and the annual reports as the sample's build (src/cli/build-db.ts), with `_meta.kind`
 * 'published' — and then the site into dist/, ready for any static web server on the company's
 * network (`npm run preview` serves it here). Every reader then opens the reports as fast as the
 * sample's, with nothing computed in their browser but the selection's reads; the pages say
 * 发布的数据 and when it was built. `npm run build` or `npm start` go back to the sample.
 * Without `--include-personal-data` the database leaves out bonuses, base points and customer ids
 * (src/lib/report/personal-data.ts); the bonus deductions are computed at build time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { die, notAFolder } from './fail.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const USAGE =
  'usage: npm run publish-site -- --data DIR [--mapping FILE.json] [--include-personal-data]   (DIR: the exported CSV / Parquet files and config.json; FILE: how foreign exports become the contract, docs/import.md)';

const TOOL = 'publish-site';
let data: string | undefined;
let personal = false;
let mapping: string | undefined;
try {
  ({
    data,
    mapping,
    'include-personal-data': personal = false,
  } = parseArgs({
    options: { data: { type: 'string' }, mapping: { type: 'string' }, 'include-personal-data': { type: 'boolean' } },
  }).values);
} catch (e) {
  die(TOOL, `${(e as Error).message} — ${USAGE}`);
}
if (!data) die(TOOL, `no --data folder — ${USAGE}`);
if (!existsSync(data)) die(TOOL, `--data ${data}: no such data folder — ${USAGE}`);
if (!statSync(data).isDirectory()) die(TOOL, `${notAFolder(data)} — ${USAGE}`);
const dir = resolve(data);
if (mapping !== undefined && (!existsSync(mapping) || !statSync(mapping).isFile())) die(TOOL, `--mapping ${mapping}: no such mapping file`);

/**
 * Run a Node script of this project, its output passed through; stop on failure with exit 2 (the step
 * has said why on its own line).
 */
function step(script: string, args: string[]): void {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) process.exit(2);
}

// By default the site ships no bonus, base points or customer id (README "What a published site gives
// away"); --include-personal-data ships them, for an internal audience.
step(join(ROOT, 'src/cli/build-db.ts'), [
  '--force',
  ...(personal ? [] : ['--strip-personal-data']),
  '--data',
  dir,
  ...(mapping === undefined ? [] : ['--mapping', resolve(mapping)]),
]);
step(join(ROOT, 'node_modules/astro/bin/astro.mjs'), ['build']);
step(join(ROOT, 'src/cli/compress-dist.ts'), []); // brotli / gzip copies for the web server
process.stdout.write(`publish-site: dist/ holds the site on ${dir} — copy it to a web server, or try it here with npm run preview\n`);

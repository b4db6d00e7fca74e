/**
 * Publish the site on a company's own data: `npm run publish-site -- --data DIR [--mapping FILE.json]`.
 * Builds the bundled database from DIR — the same importer, setup, every month's figures and drill
 * tables and the annual reports as the sample's build (src/cli/build-db.ts), with `_meta.kind`
 * 'published' — and then the site into dist/, ready for any static web server on the company's
 * network (`npm run preview` serves it here). Every reader then opens the reports as fast as the
 * sample's, with nothing computed in their browser but the selection's reads; the pages say
 * 发布的数据 and when it was built. `npm run build` or `npm start` go back to the sample.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const USAGE = 'usage: npm run publish-site -- --data DIR [--mapping FILE.json]   (DIR: the exported CSV / Parquet files and config.json; FILE: how foreign exports become the contract, docs/import.md)';

let data: string | undefined;
let mapping: string | undefined;
try {
  ({ data, mapping } = parseArgs({ options: { data: { type: 'string' }, mapping: { type: 'string' } } }).values);
} catch (e) {
  process.stderr.write(`publish-site: ${(e as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
if (!data || !existsSync(data) || !statSync(data).isDirectory()) {
  process.stderr.write(`publish-site: ${data ? `not a folder: ${data}` : 'no --data folder'}\n${USAGE}\n`);
  process.exit(2);
}
const dir = resolve(data);
if (mapping !== undefined && (!existsSync(mapping) || !statSync(mapping).isFile())) {
  process.stderr.write(`publish-site: no such mapping file: ${mapping}\n${USAGE}\n`);
  process.exit(2);
}

/** Run a Node script of this project, its output passed through; stop on failure with its exit code. */
function step(script: string, args: string[]): void {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

step(join(ROOT, 'src/cli/build-db.ts'), ['--force', '--data', dir, ...(mapping === undefined ? [] : ['--mapping', resolve(mapping)])]);
step(join(ROOT, 'node_modules/astro/bin/astro.mjs'), ['build']);
process.stdout.write(`publish-site: dist/ holds the site on ${dir} — copy it to a web server, or try it here with npm run preview\n`);

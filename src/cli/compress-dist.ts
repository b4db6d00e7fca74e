/**
 * Write brotli (`.br`) and gzip (`.gz`) copies beside every compressible file of the built site, so a
 * static server sends them to browsers that accept them (src/cli/serve.ts does). Run after each build
 * (`npm run build`, `npm start`, `publish-site`). The 34 MB DuckDB engine goes over the wire as ≈ 6 MB
 * (brotli) or ≈ 7.7 MB (gzip); the bundled database files compress too.
 * Usage: node src/cli/compress-dist.ts [DIR]   (default dist/)
 */
import { existsSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** File types worth compressing (images and fonts are compressed already). */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.wasm', '.svg', '.txt', '.csv', '.xml', '.duckdb']);
/** The encodings written, in the order a server prefers them, with the suffix of their file. */
export const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
/** Smaller files gain nothing worth a second request path. */
const MIN_BYTES = 1024;
const MB = 2 ** 20;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Brotli's top quality is slow on large files (minutes for the 34 MB engine), so quality falls with
 * size; measured on the engine: quality 9 gives 5.9 MB in ≈ 5 s, gzip level 9 7.7 MB in ≈ 2.4 s.
 */
function brotliQuality(size: number): number {
  return size <= 256 * 1024 ? 11 : size <= 64 * MB ? 9 : 5;
}

/** Is `variant` a copy of `source` written after it (not left over from an earlier build)? */
export function variantIsFresh(source: string, variant: string): boolean {
  return existsSync(variant) && statSync(variant).mtimeMs >= statSync(source).mtimeMs;
}

function* filesUnder(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* filesUnder(p);
    else if (e.isFile()) yield p;
  }
}

/** Compress one file into its `.br` and `.gz` copies, unless fresh ones exist; bytes written. */
export async function compressFile(file: string): Promise<number> {
  const todo = ENCODINGS.filter((e) => !variantIsFresh(file, file + e.suffix));
  if (todo.length === 0) return 0;
  const bytes = await readFile(file);
  let written = 0;
  for (const e of todo) {
    const out =
      e.name === 'br'
        ? await brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality(bytes.length), [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
        : await gz(bytes, { level: bytes.length <= 64 * MB ? 9 : 6 });
    // A copy that saves under 5 % is not worth the server's choice: none is kept.
    if (out.length > bytes.length * 0.95) {
      if (existsSync(file + e.suffix)) unlinkSync(file + e.suffix);
      continue;
    }
    writeFileSync(file + e.suffix, out);
    written += out.length;
  }
  return written;
}

/** Compress every compressible file under `dir` (two at a time: zlib runs on libuv's threads). */
export async function compressDir(dir: string): Promise<{ files: number; ms: number }> {
  const t0 = performance.now();
  const files = [...filesUnder(resolve(dir))].filter((f) => COMPRESSIBLE.has(extname(f).toLowerCase()) && statSync(f).size >= MIN_BYTES);
  // Largest first, so the engine and the database do not start last.
  files.sort((a, b) => statSync(b).size - statSync(a).size);
  let next = 0;
  const worker = async () => {
    while (next < files.length) await compressFile(files[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(2, cpus().length) }, worker));
  return { files: files.length, ms: performance.now() - t0 };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../../dist/', import.meta.url));
  if (!existsSync(dir)) {
    process.stderr.write(`compress-dist: ${dir} does not exist — run npm run build first\n`);
    process.exit(2);
  }
  const { files, ms } = await compressDir(dir);
  process.stdout.write(`compress-dist: ${files} files with brotli and gzip copies in ${(ms / 1000).toFixed(1)} s\n`);
}

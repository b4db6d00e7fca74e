/**
 * A small static server for the built site (dist/) on 127.0.0.1 — `npm start`, `npm run preview`, the
 * browser tests and the bench. Correct MIME types (application/wasm for the engine); validators (ETag,
 * Last-Modified) with 304 on revalidation; the brotli / gzip copies written at build time
 * (src/cli/compress-dist.ts) chosen by Accept-Encoding, with `Vary: Accept-Encoding`; a year's immutable
 * caching for the hashed `/_astro/` assets; byte ranges of the uncompressed file; HEAD; and headers
 * that forbid framing and type sniffing. node:http rather than `sirv`: sirv 3 serves a range of the
 * compressed copy when a request has both Range and Accept-Encoding, reads `bytes=-N` as `0-N`, and
 * matches If-None-Match only as one exact string.
 * Usage: node src/cli/serve.ts [DIR]   (port: env PORT, default 4321)
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENCODINGS, variantIsFresh } from './compress-dist.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
  '.duckdb': 'application/octet-stream',
  '.parquet': 'application/octet-stream',
};

const WORKER_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'";
/** No page of the site may be framed by another (with X-Frame-Options for older browsers). */
const FRAME_CSP = "frame-ancestors 'none'";

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Resolve a request path inside `root`; null when it escapes it or names nothing. */
function fileFor(root: string, urlPath: string): string | null {
  let p: string;
  try {
    p = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  const full = resolve(root, normalize(`.${p}`));
  if (full !== root && !full.startsWith(root + sep)) return null;
  if (existsSync(full) && statSync(full).isDirectory()) {
    const index = join(full, 'index.html');
    return existsSync(index) ? index : null;
  }
  if (existsSync(full)) return full;
  // Astro "directory" format without trailing slash: /about → /about/index.html or /about.html
  for (const alt of [`${full}.html`, join(full, 'index.html')]) if (existsSync(alt)) return alt;
  return null;
}

/** The encodings a request accepts (`Accept-Encoding`; `q=0` refuses one, `*` stands for the rest). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const yes = new Set<string>();
  const no = new Set<string>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((x) => x.trim());
    if (!name) continue;
    const q = params.map((p) => /^q=([\d.]+)$/.exec(p)).find((m) => m !== null);
    (q && Number(q[1]) === 0 ? no : yes).add(name);
  }
  if (yes.has('*')) for (const e of ENCODINGS) if (!no.has(e.name)) yes.add(e.name);
  return new Set([...yes].filter((e) => !no.has(e)));
}

/** Does an `If-None-Match` list name `etag` (weak comparison, as for GET)? */
function etagMatches(list: string, etag: string): boolean {
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return list.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** Serve `dir` on 127.0.0.1:`port` (0 = any free port). Resolves once listening. */
export function startServer(dir: string, port = 4321): Promise<RunningServer> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    // On every response: the site may not be framed (clickjacking), nor its types guessed, nor its
    // addresses sent to other sites.
    const safety: Record<string, string> = {
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': FRAME_CSP,
    };
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { ...safety, Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = fileFor(root, req.url ?? '/');
    if (!file) {
      const notFound = join(root, '404.html');
      res.writeHead(404, { ...safety, 'Content-Type': 'text/html; charset=utf-8' });
      if (method === 'HEAD' || !existsSync(notFound)) res.end(method === 'HEAD' ? undefined : 'Not found');
      else createReadStream(notFound).pipe(res);
      return;
    }
    const stat = statSync(file);
    const size = stat.size;
    // The pre-compressed copies written at build time (src/cli/compress-dist.ts), when not stale.
    const variants = ENCODINGS.filter((e) => variantIsFresh(file, file + e.suffix));
    const etag = `"${size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
    const headers: Record<string, string | number> = {
      ...safety,
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      'Last-Modified': stat.mtime.toUTCString(),
      // Hashed build assets never change; pages and data are revalidated (a 304 when unchanged).
      'Cache-Control': file.includes(`${sep}_astro${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (variants.length > 0) headers['Vary'] = 'Accept-Encoding';
    // A worker script gets the policy of its own response (the page's <meta> CSP does not reach it):
    // the DuckDB worker may compile its wasm and read this origin, nothing else. Ignored for <script>.
    if (extname(file) === '.js') headers['Content-Security-Policy'] = `${WORKER_CSP}; ${FRAME_CSP}`;

    // Byte ranges are of the file itself (identity): a range of a compressed copy would be another
    // representation's bytes. DuckDB-WASM reads a database by ranges when it is given a URL.
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    const rangeApplies = range !== null && (range[1] || range[2]) && (ifRange === undefined || ifRange === etag || ifRange === headers['Last-Modified']);
    const accepted = rangeApplies ? new Set<string>() : acceptedEncodings(req.headers['accept-encoding']);
    const encoding = variants.find((e) => accepted.has(e.name));
    // Each encoding is its own representation, with its own validator.
    headers['ETag'] = encoding ? `${etag.slice(0, -1)}-${encoding.name}"` : etag;

    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const unchanged =
      inm !== undefined
        ? etagMatches(inm, headers['ETag'] as string)
        : ims !== undefined && Math.floor(stat.mtimeMs / 1000) <= Math.floor(Date.parse(ims) / 1000);
    if (unchanged) {
      const { 'Content-Type': _t, 'Accept-Ranges': _r, ...kept } = headers;
      res.writeHead(304, kept).end();
      return;
    }
    if (rangeApplies && range) {
      let start = range[1] ? Number(range[1]) : size - Number(range[2]);
      let end = range[1] && range[2] ? Number(range[2]) : size - 1;
      start = Math.max(0, start);
      end = Math.min(end, size - 1);
      if (start > end || start >= size) {
        res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` }).end();
        return;
      }
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
      if (method === 'HEAD') res.end();
      else createReadStream(file, { start, end }).pipe(res);
      return;
    }
    const body = encoding ? file + encoding.suffix : file;
    if (encoding) headers['Content-Encoding'] = encoding.name;
    res.writeHead(200, { ...headers, 'Content-Length': encoding ? statSync(body).size : size });
    if (method === 'HEAD') res.end();
    else createReadStream(body).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      ok({
        url: `http://127.0.0.1:${actual}/`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../../dist/', import.meta.url));
  if (!existsSync(join(dir, 'index.html'))) {
    process.stderr.write(`serve: ${dir} has no index.html — run npm run build first\n`);
    process.exit(2);
  }
  const port = process.env['PORT'] ? Number(process.env['PORT']) : 4321;
  startServer(dir, port).then(
    (s) => process.stdout.write(`售后服务 KPI 报表: ${s.url}  (Ctrl+C to stop)\n`),
    (e: unknown) => {
      process.stderr.write(`serve: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}

/**
 * A tiny static server for the built site (dist/) on 127.0.0.1 — `npm start`, `npm run preview` and
 * the browser tests. Serves correct MIME types (application/wasm for the engine), HEAD and byte
 * ranges (DuckDB-WASM reads the bundled database with range requests), nothing else.
 * Usage: node src/cli/serve.ts [DIR]   (port: env PORT, default 4321)
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Serve `dir` on 127.0.0.1:`port` (0 = any free port). Resolves once listening. */
export function startServer(dir: string, port = 4321): Promise<RunningServer> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = fileFor(root, req.url ?? '/');
    if (!file) {
      const notFound = join(root, '404.html');
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      if (method === 'HEAD' || !existsSync(notFound)) res.end(method === 'HEAD' ? undefined : 'Not found');
      else createReadStream(notFound).pipe(res);
      return;
    }
    const size = statSync(file).size;
    const headers: Record<string, string | number> = {
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      // Hashed build assets never change; pages and data are revalidated.
      'Cache-Control': file.includes(`${sep}_astro${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    // A worker script gets the policy of its own response (the page's <meta> CSP does not reach it):
    // the DuckDB worker may compile its wasm and read this origin, nothing else. Ignored for <script>.
    if (extname(file) === '.js') headers['Content-Security-Policy'] = WORKER_CSP;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && (range[1] || range[2])) {
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
    res.writeHead(200, { ...headers, 'Content-Length': size });
    if (method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
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

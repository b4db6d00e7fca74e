import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressDir } from '../src/cli/compress-dist.ts';
import { acceptedEncodings, startServer, type RunningServer } from '../src/cli/serve.ts';

// A small built site: a page, a hashed asset, an engine stand-in and a database stand-in. Each text
// repeats one line, so it compresses; the database's bytes are their own index (byte i = i mod 256),
// so a range's content is known by hand.
const PAGE = '<!doctype html><title>t</title>' + '<p>售后 KPI 报表</p>\n'.repeat(200);
const ASSET = 'export const x = 1;\n'.repeat(500);
const WASM = Buffer.from('\0asm' + 'wasm-bytes '.repeat(3000));
const DB = Buffer.from(Array.from({ length: 40_000 }, (_, i) => i % 256));

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let dir: string;
let site: RunningServer;

/** A raw GET (or HEAD): no automatic decompression, so the test sees what the server sent. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request(new URL(path, site.url), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
  mkdirSync(join(dir, '_astro'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'index.html'), PAGE);
  writeFileSync(join(dir, '_astro/app.Ab12Cd.js'), ASSET);
  writeFileSync(join(dir, 'engine.wasm'), WASM);
  writeFileSync(join(dir, 'data/sample.duckdb'), DB);
  writeFileSync(join(dir, 'tiny.txt'), 'too small to compress');
  await compressDir(dir);
  site = await startServer(dir, 0);
});

afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the preview server (src/cli/serve.ts)', () => {
  it('parses Accept-Encoding with q-values and *', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')].sort()).toEqual(['br', 'deflate', 'gzip', 'zstd']);
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*;q=1, gzip;q=0')].sort()).toEqual(['*', 'br']);
    expect(acceptedEncodings(undefined).size).toBe(0);
  });

  it('sends the brotli copy, else the gzip one, else the file, with Vary and each its own ETag', async () => {
    const br = await get('/engine.wasm', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('application/wasm');
    expect(br.headers['vary']).toBe('Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(WASM.length / 10); // 3000 repeats of one word
    expect(brotliDecompressSync(br.body).equals(WASM)).toBe(true);

    const gz = await get('/engine.wasm', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(WASM)).toBe(true);

    const plain = await get('/engine.wasm', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(WASM)).toBe(true);
    expect(plain.headers['vary']).toBe('Accept-Encoding');

    const tags = new Set([br, gz, plain].map((r) => r.headers['etag']));
    expect(tags.size).toBe(3);
  });

  it('answers a matching If-None-Match or If-Modified-Since with 304 and no body', async () => {
    const first = await get('/index.html', { 'accept-encoding': 'br' });
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');

    const again = await get('/index.html', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['etag']).toBe(etag);
    expect(again.headers['vary']).toBe('Accept-Encoding');
    // Weak comparison, and a list.
    expect((await get('/index.html', { 'accept-encoding': 'br', 'if-none-match': `"x", W/${etag}` })).status).toBe(304);
    // The brotli copy's tag does not validate the gzip copy.
    expect((await get('/index.html', { 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(200);
    expect((await get('/index.html', { 'if-none-match': '"other"' })).status).toBe(200);

    const lm = first.headers['last-modified'] as string;
    expect((await get('/index.html', { 'if-modified-since': lm })).status).toBe(304);
    expect((await get('/index.html', { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status).toBe(200);
  });

  it('serves a byte range of the uncompressed file with 206, even when the request accepts brotli', async () => {
    const r = await get('/data/sample.duckdb', { range: 'bytes=300-303', 'accept-encoding': 'gzip, deflate, br' });
    expect(r.status).toBe(206);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['content-range']).toBe(`bytes 300-303/${DB.length}`);
    // byte i = i mod 256: 300 → 44, 301 → 45, 302 → 46, 303 → 47
    expect([...r.body]).toEqual([44, 45, 46, 47]);
    // The last 3 bytes: 39 997..39 999 mod 256 = 61, 62, 63 (39 936 = 156 × 256).
    const tail = await get('/data/sample.duckdb', { range: 'bytes=-3' });
    expect(tail.headers['content-range']).toBe(`bytes 39997-39999/${DB.length}`);
    expect([...tail.body]).toEqual([61, 62, 63]);
    expect((await get('/data/sample.duckdb', { range: 'bytes=40000-' })).status).toBe(416);
    // If-Range with another validator: the whole file (compressed, as the request accepts it).
    const stale = await get('/data/sample.duckdb', { range: 'bytes=0-1', 'if-range': '"old"', 'accept-encoding': 'gzip' });
    expect(stale.status).toBe(200);
    expect(gunzipSync(stale.body).equals(DB)).toBe(true);
    // A full GET of the database is compressed (the page fetches it whole).
    expect((await get('/data/sample.duckdb', { 'accept-encoding': 'br' })).headers['content-encoding']).toBe('br');
  });

  it('caches hashed assets for a year, immutable; sends the safety headers everywhere', async () => {
    const a = await get('/_astro/app.Ab12Cd.js', { 'accept-encoding': 'br' });
    expect(a.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(a.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(a.headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    for (const r of [a, await get('/'), await get('/missing')]) {
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await get('/missing')).status).toBe(404);
  });

  it('sends no copy for a file too small to gain, and none left over from before the file changed', async () => {
    const tiny = await get('/tiny.txt', { 'accept-encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers['vary']).toBeUndefined();
    expect(tiny.body.toString()).toBe('too small to compress');
    // The page rewritten after its copies were made: they no longer match it.
    writeFileSync(join(dir, 'index.html'), 'new page');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'index.html'), later, later);
    const r = await get('/index.html', { 'accept-encoding': 'br, gzip' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString()).toBe('new page');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const r = await get('/engine.wasm', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(Number(r.headers['content-length'])).toBeGreaterThan(0);
    expect(r.body.length).toBe(0);
  });
});

// @ts-check
import { defineConfig } from 'astro/config';

/**
 * Static site. Privacy: a strict Content-Security-Policy in a <meta> tag on every page (Astro adds the
 * hashes of its own inline scripts/styles to script-src/style-src, so no 'unsafe-inline' is needed).
 * - 'wasm-unsafe-eval': DuckDB-WASM compiles its engine (TOOLCHAIN.md "DuckDB-WASM in the browser").
 * - connect-src 'self': the engine and the bundled sample database are served from this origin; no
 *   other host is ever contacted (the e2e tests fail on any off-origin request).
 * - worker-src 'self' blob:: the DuckDB worker script is a same-origin file.
 */
export default defineConfig({
  output: 'static',
  // Nothing is sent anywhere: Astro's telemetry is a build-time matter, the site itself has none.
  devToolbar: { enabled: false },
  // No Markdown pages; and Shiki's inline styles would not pass the CSP anyway.
  markdown: { syntaxHighlight: false },
  build: { inlineStylesheets: 'never', assets: '_astro' },
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'"] },
    },
  },
  vite: {
    build: {
      // The DuckDB bundle (wasm + worker) must stay separate files served from this origin.
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 2048,
    },
    // Never pre-bundle the engine in dev: its ?url assets must resolve to the package's own files.
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  },
});

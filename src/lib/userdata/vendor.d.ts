// Deep imports of hyparquet-compressors (no "exports" map, no per-file types): we take its pure-JS
// decompressors one by one and leave out its SNAPPY entry, which compiles a WASM module on import —
// hyparquet's built-in JS snappy reads the common case without it.
declare module 'hyparquet-compressors/src/gzip.js' {
  export function gunzip(input: Uint8Array, output?: Uint8Array): Uint8Array;
}
declare module 'hyparquet-compressors/src/brotli.js' {
  export function decompressBrotli(input: Uint8Array, outputLength: number): Uint8Array;
}
declare module 'hyparquet-compressors/src/lz4.js' {
  export function decompressLz4(input: Uint8Array, outputLength: number): Uint8Array;
  export function decompressLz4Raw(input: Uint8Array, outputLength: number): Uint8Array;
}

// The bench only (papaparse ships no types and the site does not use it): what import-parsers.worker.ts calls.
declare module 'papaparse' {
  interface ParseResult {
    data: string[][];
    errors: unknown[];
    meta: { cursor: number };
  }
  interface Parser {
    abort(): void;
  }
  interface Config {
    chunkSize?: number;
    encoding?: string;
    skipEmptyLines?: boolean;
    chunk?: (results: ParseResult, parser: Parser) => void;
    complete?: () => void;
    error?: (e: Error) => void;
  }
  const Papa: { parse(input: File | Blob, config: Config): void; LocalChunkSize: number };
  export default Papa;
}

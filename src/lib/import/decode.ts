/**
 * Encoding detection for CSV bytes (docs/metrics.md#data-contract: UTF-8, UTF-8 with BOM, or GB18030/GBK from Chinese Excel).
 * Browser-safe: only TextDecoder, no Buffer.
 */

/** Encodings the importer reports in `ImportedTable.encoding` for CSV files. */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** Decoded CSV text, without any byte-order mark. */
export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
}

/** Thrown when bytes are neither valid UTF-8 nor valid GB18030 (we never guess into mojibake). */
export class DecodeError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'DecodeError';
    this.offset = offset;
  }
}

/**
 * Detect the encoding of CSV bytes and decode them: BOM first, then strict UTF-8, else GB18030
 * (decodeCsvChunks with the whole file as its one chunk).
 */
export function decodeCsv(bytes: Uint8Array): DecodedText {
  const found: { encoding?: CsvEncoding } = {};
  let text: string;
  try {
    text = [...decodeCsvChunks([bytes], found)].join('');
  } catch (e) {
    // Valid UTF-8 up to an incomplete sequence at the very end: GB18030 after all.
    if (!(e instanceof NotUtf8Error)) throw e;
    text = [...decodeCsvChunks([bytes], found, 'gb18030')].join('');
  }
  return { text, encoding: found.encoding! };
}

/**
 * Thrown by decodeCsvChunks when a file taken for UTF-8 turns out not to be, after text was already
 * handed on: the caller starts the file again as GB18030 (`decodeCsvChunks(…, 'gb18030')`).
 */
export class NotUtf8Error extends DecodeError {
  constructor(offset: number) {
    super(`not valid UTF-8 (bad bytes near byte ${offset})`, offset);
    this.name = 'NotUtf8Error';
  }
}

/**
 * CSV bytes arriving in chunks (a file read a piece at a time), decoded piece by piece: a byte-order
 * mark decides (and is dropped; it does not excuse bad bytes after it); else the first chunk is read
 * as strict UTF-8 and, if that fails, the file is GB18030 — Chinese Excel saves "CSV" in the ANSI code
 * page, GBK, which GB18030 is a superset of. `found.encoding` is set once known. A file whose first
 * chunk is valid UTF-8 but a later one is not throws NotUtf8Error; `force` then decodes it from the
 * start in the given encoding. Bad bytes in any other encoding throw DecodeError (never mojibake).
 */
export function* decodeCsvChunks(chunks: Iterable<Uint8Array>, found: { encoding?: CsvEncoding }, force?: CsvEncoding): Generator<string> {
  let decoder: TextDecoder | null = null;
  const open = (encoding: CsvEncoding) => {
    found.encoding = encoding;
    decoder = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { fatal: true, ignoreBOM: true });
    return decoder;
  };
  let offset = 0; // bytes before the current chunk
  for (let chunk of chunks) {
    let text: string;
    if (decoder === null) {
      let encoding: CsvEncoding = force ?? 'utf-8';
      if (!force) {
        // Excel's "Unicode text" export is UTF-16LE with a BOM (tab-separated); cheap to accept.
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) encoding = 'utf-8-bom';
        else if (chunk[0] === 0xff && chunk[1] === 0xfe) encoding = 'utf-16le';
        else if (chunk[0] === 0xfe && chunk[1] === 0xff) encoding = 'utf-16be';
      }
      const bom = encoding === 'utf-8-bom' ? 3 : encoding === 'utf-8' || encoding === 'gb18030' ? 0 : 2;
      chunk = chunk.subarray(bom);
      offset = bom;
      try {
        text = open(encoding).decode(chunk, { stream: true });
      } catch {
        // The first chunk alone decides between UTF-8 and GB18030 (nothing was handed on yet).
        if (encoding !== 'utf-8' || force) throw chunkError(encoding, chunk, offset);
        try {
          text = open('gb18030').decode(chunk, { stream: true });
        } catch {
          throw chunkError('gb18030', chunk, offset);
        }
      }
    } else {
      try {
        text = (decoder as TextDecoder).decode(chunk, { stream: true });
      } catch {
        throw chunkError(found.encoding!, chunk, offset);
      }
    }
    offset += chunk.length;
    if (text !== '') yield text;
  }
  if (decoder === null) {
    found.encoding = force ?? 'utf-8';
    return;
  }
  let rest: string;
  try {
    rest = (decoder as TextDecoder).decode();
  } catch {
    throw chunkError(found.encoding!, new Uint8Array(0), offset);
  }
  if (rest !== '') yield rest;
}

function chunkError(encoding: CsvEncoding, chunk: Uint8Array, offset: number): DecodeError {
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  const at = offset + firstBadOffset(label, chunk);
  if (encoding === 'utf-8') return new NotUtf8Error(at);
  return new DecodeError(`not valid ${label === 'gb18030' ? 'UTF-8 or GB18030/GBK' : label.toUpperCase()} text (bad bytes near byte ${at})`, at);
}

/** Byte offset where decoding fails, so the message points somewhere useful (binary search on prefixes). */
function firstBadOffset(label: string, bytes: Uint8Array): number {
  // In streaming mode an incomplete trailing sequence is not an error, so "prefix decodes" is monotonic.
  const ok = (n: number) => {
    try {
      new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}


/**
 * Encoding detection for CSV bytes (SPEC §2: UTF-8, UTF-8 with BOM, or GB18030/GBK from Chinese Excel).
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

/** Detect the encoding of CSV bytes and decode them: BOM first, then strict UTF-8, else GB18030. */
export function decodeCsv(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // The BOM itself is stripped; the rest must still be valid UTF-8 — a BOM does not excuse bad bytes.
    return { text: strictDecode('utf-8', bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  // Excel's "Unicode text" export is UTF-16LE with a BOM (tab-separated); cheap to accept.
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: strictDecode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: strictDecode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    // ignoreBOM is irrelevant here (no BOM), fatal makes any invalid sequence throw instead of U+FFFD.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Chinese Excel saves "CSV" in the ANSI code page, GBK, which GB18030 is a superset of.
  }
  // GB18030 maps almost every byte sequence, so a failure here means the file really is something else.
  return { text: strictDecode('gb18030', bytes), encoding: 'gb18030' };
}

function strictDecode(label: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = firstBadOffset(label, bytes);
    throw new DecodeError(`not valid ${label === 'gb18030' ? 'UTF-8 or GB18030/GBK' : label.toUpperCase()} text (bad bytes near byte ${offset})`, offset);
  }
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
 * decodeCsv for bytes arriving in chunks (a file read a piece at a time): the same detection — BOM,
 * else UTF-8, else GB18030 — with the text yielded piece by piece. `found.encoding` is set once known.
 * A file whose first chunk is valid UTF-8 but a later one is not throws NotUtf8Error; `force` then
 * decodes it from the start in the given encoding.
 */
export function* decodeCsvChunks(chunks: Iterable<Uint8Array>, found: { encoding?: CsvEncoding }, force?: CsvEncoding): Generator<string> {
  let decoder: TextDecoder | null = null;
  let offset = 0; // bytes before the current chunk
  for (let chunk of chunks) {
    if (decoder === null) {
      let encoding: CsvEncoding = force ?? 'utf-8';
      if (!force) {
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) encoding = 'utf-8-bom';
        else if (chunk[0] === 0xff && chunk[1] === 0xfe) encoding = 'utf-16le';
        else if (chunk[0] === 0xfe && chunk[1] === 0xff) encoding = 'utf-16be';
      }
      // A detected byte-order mark is not text (a forced encoding comes from a file that had none).
      const bom = encoding === 'utf-8-bom' ? 3 : encoding === 'utf-8' || encoding === 'gb18030' ? 0 : 2;
      chunk = chunk.subarray(bom);
      offset = bom;
      // The first chunk alone decides between UTF-8 and GB18030 (like decodeCsv on the whole file).
      if (encoding === 'utf-8' && !force && !validPrefix('utf-8', chunk)) encoding = 'gb18030';
      found.encoding = encoding;
      const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
      decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw chunkError(found.encoding!, chunk, offset);
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
    rest = decoder.decode();
  } catch {
    throw chunkError(found.encoding!, new Uint8Array(0), offset);
  }
  if (rest !== '') yield rest;
}

/** Whether `bytes` decode, allowing an incomplete sequence at the end (the next chunk completes it). */
function validPrefix(label: string, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function chunkError(encoding: CsvEncoding, chunk: Uint8Array, offset: number): DecodeError {
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  const at = offset + firstBadOffset(label, chunk);
  if (encoding === 'utf-8') return new NotUtf8Error(at);
  return new DecodeError(`not valid ${label === 'gb18030' ? 'UTF-8 or GB18030/GBK' : label.toUpperCase()} text (bad bytes near byte ${at})`, at);
}

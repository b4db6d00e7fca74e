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

import { MixedEncodingCheck, readsAsUtf8, type Utf8Line } from './mixed-encoding.ts';

/**
 * Detect the encoding of CSV bytes and decode them: BOM first, then strict UTF-8, else GB18030
 * (decodeCsvChunks with the whole file as its one chunk).
 */
export function decodeCsv(bytes: Uint8Array, force?: CsvEncoding): DecodedText {
  const found: { encoding?: CsvEncoding } = {};
  let text: string;
  if (force === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) force = 'utf-8-bom';
  try {
    text = [...decodeCsvChunks([bytes], found, force)].join('');
  } catch (e) {
    // Valid UTF-8 up to an incomplete sequence at the very end: GB18030 after all.
    if (!(e instanceof NotUtf8Error) || force) throw e;
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
  let lines = 0; // line breaks before the current chunk (error messages name the line)
  // A GB18030 file is also checked for rows saved as UTF-8 (mixed-encoding.ts): they decode as mojibake.
  let mixed: MixedEncodingCheck | null = null;
  const checkMixed = (chunk: Uint8Array, at: number) => {
    if (found.encoding !== 'gb18030') return;
    mixed ??= new MixedEncodingCheck();
    mixed.push(chunk, at);
    const e = mixedError(mixed);
    if (e) throw e;
  };
  // A UTF-8 file: its first line of multi-byte UTF-8 text, so that a later row that is not UTF-8 is
  // called a mixed file (naming that row) instead of taking the whole file for GB18030.
  let utf8Seen: Utf8Line | null = null;
  let utf8Checked = false;
  /** The mixed-encodings error for a UTF-8 failure at chunk[bad], if the file had UTF-8 text before it. */
  const utf8Mixed = (chunk: Uint8Array, bad: number): DecodeError | null => {
    const seen = utf8Seen ?? (utf8Checked ? null : utf8LineIn(chunk, bad, offset, lines));
    if (!seen) return null;
    const line = lines + countLineBreaks(chunk, bad) + 1;
    // The line's other-encoding text starts at its first non-ASCII byte (a GBK pair may pass for UTF-8).
    let first = chunk.lastIndexOf(10, bad - 1) + 1;
    while (first < bad && chunk[first]! < 0x80) first++;
    const at = offset + first;
    return new DecodeError(
      `line ${line}: mixed encodings — this line is not UTF-8 (bytes ${hexAt(chunk, first)} at byte ${at}) but line ${seen.line} is UTF-8; save the whole file in one encoding`,
      at,
    );
  };
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
        if (encoding === 'utf-8-bom') throw utf8Mixed(chunk, firstBadOffset('utf-8', chunk)) ?? chunkError(encoding, chunk, offset, lines);
        if (encoding !== 'utf-8' || force) throw chunkError(encoding, chunk, offset, lines);
        const mixedUtf8 = utf8Mixed(chunk, firstBadOffset('utf-8', chunk));
        if (mixedUtf8) throw mixedUtf8;
        try {
          text = open('gb18030').decode(chunk, { stream: true });
        } catch {
          throw chunkError('gb18030', chunk, offset, lines);
        }
      }
    } else {
      try {
        text = (decoder as TextDecoder).decode(chunk, { stream: true });
      } catch {
        const label = found.encoding === 'utf-8-bom' ? 'utf-8' : found.encoding;
        if (label === 'utf-8') {
          const mixedUtf8 = utf8Mixed(chunk, firstBadOffset('utf-8', chunk));
          if (mixedUtf8) throw mixedUtf8;
        }
        throw chunkError(found.encoding!, chunk, offset, lines);
      }
    }
    if ((found.encoding === 'utf-8' || found.encoding === 'utf-8-bom') && !utf8Checked && text.length !== chunk.length) {
      // Not all ASCII (a UTF-8 character is one unit of text for 2–4 bytes): find the first such line once.
      utf8Seen = utf8LineIn(chunk, chunk.length, offset, lines);
      utf8Checked = true;
    }
    checkMixed(chunk, offset);
    offset += chunk.length;
    lines += countLineBreaks(chunk, chunk.length);
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
    throw chunkError(found.encoding!, new Uint8Array(0), offset, lines);
  }
  if (mixed !== null) {
    (mixed as MixedEncodingCheck).end();
    const e = mixedError(mixed);
    if (e) throw e;
  }
  if (rest !== '') yield rest;
}

/** The line of the first non-ASCII byte in chunk[0, end) if that line reads as UTF-8 (mixed-encoding.ts), else null. */
function utf8LineIn(chunk: Uint8Array, end: number, offset: number, lines: number): Utf8Line | null {
  let i = 0;
  while (i < end && chunk[i]! < 0x80) i++;
  if (i >= end) return null;
  const from = chunk.lastIndexOf(10, i) + 1;
  let to = chunk.indexOf(10, i);
  if (to < 0 || to > end) to = end;
  return readsAsUtf8(chunk.subarray(from, to), i - from) ? { line: lines + countLineBreaks(chunk, i) + 1, byte: offset + i } : null;
}

/** Up to 4 bytes from bytes[at] in hex ("E6 B5 8B 2C"), for messages. */
function hexAt(bytes: Uint8Array, at: number): string {
  return Array.from(bytes.subarray(at, at + 4), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Line breaks (LF bytes) in bytes[0, end). */
function countLineBreaks(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * The error of bytes that do not decode: the line and the byte offset (0-based, in the file) of the first
 * bad byte. `lines`: line breaks before the chunk.
 */
function chunkError(encoding: CsvEncoding, chunk: Uint8Array, offset: number, lines: number): DecodeError {
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  const bad = firstBadOffset(label, chunk);
  if (encoding === 'utf-8') return new NotUtf8Error(offset + bad);
  const line = lines + countLineBreaks(chunk, bad) + 1;
  if (encoding === 'gb18030') {
    // A row saved as UTF-8 (an odd number of 3-byte characters somewhere breaks the GBK pairs): say so,
    // at its first non-ASCII byte, not where the pairing happened to fail.
    const from = chunk.lastIndexOf(10, bad - 1) + 1;
    let to = chunk.indexOf(10, bad);
    if (to < 0) to = chunk.length;
    const row = chunk.subarray(from, to);
    const first = row.findIndex((b) => b >= 0x80);
    if (first >= 0 && readsAsUtf8(row, first)) {
      const at = offset + from + first;
      return new DecodeError(
        `line ${line}: mixed encodings — this line is UTF-8 (bytes at byte ${at}) in a GB18030/GBK file; save the whole file in one encoding`,
        at,
      );
    }
  }
  const at = offset + bad;
  return new DecodeError(
    `line ${line}: not valid ${label === 'gb18030' ? 'UTF-8 or GB18030/GBK' : label.toUpperCase()} text (bad bytes ${hexAt(chunk, bad)} at byte ${at})`,
    at,
  );
}

/** The error of a GB18030 file with a line in the other encoding (the later of the two kinds is the odd one), or null. */
function mixedError(check: MixedEncodingCheck): DecodeError | null {
  const { utf8, gbk } = check;
  if (!utf8 || !gbk) return null;
  const [bad, first, badName, fileName] = utf8.line > gbk.line ? [utf8, gbk, 'UTF-8', 'GB18030/GBK'] : [gbk, utf8, 'GB18030/GBK', 'UTF-8'];
  return new DecodeError(
    `line ${bad.line}: mixed encodings — this line is ${badName} (bytes at byte ${bad.byte}) but line ${first.line} is ${fileName}; save the whole file in one encoding`,
    bad.byte,
  );
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
  // bytes[lo] is the byte that made it fail; the bad sequence starts at the incomplete one before it
  // (a lead byte waiting for its trail), at most 3 bytes back: the longest prefix that decodes whole.
  const whole = (n: number) => {
    try {
      new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, n));
      return true;
    } catch {
      return false;
    }
  };
  for (let k = lo; k >= Math.max(0, lo - 3); k--) if (whole(k)) return k;
  return lo;
}

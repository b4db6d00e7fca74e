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

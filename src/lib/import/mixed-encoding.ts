/**
 * Mixed encodings in a GB18030/GBK file: a row saved as UTF-8 among GBK rows. UTF-8 Chinese is 3 bytes
 * a character, all ≥ 0x80, so a run of an even number of characters decodes "validly" as GBK pairs —
 * mojibake (测试网点 → 娴嬭瘯缃戠偣) that strict decoding cannot catch. Such a line is told apart by its
 * bytes: it is valid UTF-8 with multi-byte characters, and read as GBK pairs it is mostly rare
 * characters — the pairs start with UTF-8 lead bytes E4–E9 (GB2312 level 2) or continuation bytes
 * 80–BF (GBK extensions, symbols) — while real GBK text is mostly the 3,755 common characters of GB2312
 * level 1 (lead bytes B0–D7). Browser-safe: bytes only.
 */

/** A line of a GBK file that reads as UTF-8: its physical line (1-based) and the byte of its first non-ASCII byte. */
export interface Utf8Line {
  line: number;
  byte: number;
}

/** Lines longer than this (bytes) are not checked past their start: no real row is that long. */
const MAX_LINE_BYTES = 1 << 20;

/**
 * Checks the lines of a GB18030-decoded file chunk by chunk (`push`), and keeps the first line that
 * reads as UTF-8 and the first non-ASCII line that does not.
 */
export class MixedEncodingCheck {
  /** First line that reads as UTF-8. */
  utf8: Utf8Line | null = null;
  /** First non-ASCII line that is GBK (not UTF-8). */
  gbk: Utf8Line | null = null;
  private line = 1;
  /** Bytes of the current line from earlier chunks (up to MAX_LINE_BYTES). */
  private carry: Uint8Array = new Uint8Array(0);
  private carryStart = 0;

  /** The next chunk of the file's bytes, which start at byte `offset` of the file. */
  push(chunk: Uint8Array, offset: number): void {
    let start = 0;
    for (;;) {
      const lf = chunk.indexOf(10, start);
      if (lf < 0) break;
      this.check(this.joined(chunk, start, lf), this.carry.length > 0 ? this.carryStart : offset + start);
      this.carry = new Uint8Array(0);
      this.line++;
      start = lf + 1;
    }
    if (start < chunk.length && this.carry.length < MAX_LINE_BYTES) {
      if (this.carry.length === 0) this.carryStart = offset + start;
      this.carry = this.joined(chunk, start, Math.min(chunk.length, start + MAX_LINE_BYTES - this.carry.length));
    }
  }

  /** The end of the file: the last line (without a line break). */
  end(): void {
    if (this.carry.length > 0) this.check(this.carry, this.carryStart);
    this.carry = new Uint8Array(0);
  }

  /** The carried start of the line followed by chunk[from, to). */
  private joined(chunk: Uint8Array, from: number, to: number): Uint8Array {
    const part = chunk.subarray(from, to);
    if (this.carry.length === 0) return part;
    const all = new Uint8Array(this.carry.length + part.length);
    all.set(this.carry);
    all.set(part, this.carry.length);
    return all;
  }

  private check(bytes: Uint8Array, at: number): void {
    if (this.utf8 && this.gbk) return;
    let first = -1;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i]! >= 0x80) {
        first = i;
        break;
      }
    }
    if (first < 0) return; // ASCII: either encoding
    const where = { line: this.line, byte: at + first };
    if (readsAsUtf8(bytes, first)) this.utf8 ??= where;
    else this.gbk ??= where;
  }
}

/**
 * True when bytes (non-ASCII from `from`) are valid UTF-8 with multi-byte characters and, read as GBK
 * pairs, fewer than half of those pairs are GB2312 level-1 characters.
 */
export function readsAsUtf8(bytes: Uint8Array, from = 0): boolean {
  const n = bytes.length;
  for (let i = from; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > n) return false;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
    i += len;
  }
  let pairs = 0;
  let common = 0;
  for (let i = from; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80 || i + 1 >= n) {
      i++;
      continue;
    }
    pairs++;
    if (b >= 0xb0 && b <= 0xd7 && bytes[i + 1]! >= 0xa1 && bytes[i + 1]! <= 0xfe) common++;
    i += 2;
  }
  return common * 2 < pairs;
}

/**
 * RFC 4180 CSV record reader that reports the physical line where each record starts (docs/metrics.md rule 18).
 *
 * "Unterminated quote" — a quoted field whose closing quote we cannot trust. The record is rejected and
 * reading resumes at the start of the next physical line after the record's first line. It is one of:
 *  1. the quote is still open at end of file;
 *  2. the quoted field swallowed a line break and its "closing" quote is followed by something other than
 *     a delimiter or a line end (so that quote was really the opening quote of a later field);
 *  3. the quoted field swallowed a line break and the record ends up with more fields than the header
 *     (the swallowed lines were really other records).
 * A quoted field that spans lines and ends cleanly with no more fields than the header is legal: that is
 * how Excel writes multi-line cells, and the following records keep their physical line numbers.
 * A closing quote followed by stray text on the same line (`"ab"c`) is not an error: the stray text is
 * kept verbatim (Excel does the same). A quote inside an unquoted field (`5" screen`) is literal.
 *
 * Speed: a line with no quote character is split with String.split (no per-character work); only lines
 * holding a quote go through the character scanner, which still slices instead of concatenating.
 */

/** One record: its physical start line, its raw (untrimmed) fields, or the unterminated-quote error. */
export interface CsvRecord {
  line: number;
  fields: string[];
  error?: 'unterminated_quote';
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/** Delimiter of the first non-empty line: comma, else tab, semicolon or | (the most frequent) if that line has those and no comma. */
export function detectDelimiter(text: string): string {
  let start = 0;
  for (;;) {
    let eol = text.indexOf('\n', start);
    if (eol < 0) eol = text.length;
    const line = text.slice(start, eol);
    if (line.trim() !== '' || eol >= text.length) {
      if (line.includes(',')) return ',';
      const tabs = line.split('\t').length - 1;
      const semis = line.split(';').length - 1;
      const bars = line.split('|').length - 1;
      if (tabs > 0 || semis > 0 || bars > 0) return tabs >= semis && tabs >= bars ? '\t' : semis >= bars ? ';' : '|';
      return ',';
    }
    start = eol + 1;
  }
}

/**
 * Read CSV records from decoded text. The first record yielded is the header; its field count is what
 * rule 3 above compares against. Completely empty lines are skipped (and not counted as records), but
 * they still count as physical lines.
 */
export function* readCsv(text: string, delimiter: string = detectDelimiter(text)): Generator<CsvRecord> {
  yield* readPart(text, delimiter, { line: 1, expected: -1 }, true);
}

/**
 * The same records from text arriving in pieces (a file read a chunk at a time, so no single string
 * has to hold it: V8 caps strings near 512 M characters). A record cut by a piece's end is read again
 * with the next piece prepended; the delimiter is detected on the first piece.
 */
export function* readCsvChunks(pieces: Iterable<string>, delimiter?: string, maxLine = MAX_LINE): Generator<CsvRecord> {
  const state: ReadState = { line: 1, expected: -1 };
  let carry = '';
  for (const piece of pieces) {
    const text = carry === '' ? piece : carry + piece;
    delimiter ??= detectDelimiter(text);
    const used = yield* readPart(text, delimiter, state, false);
    carry = text.slice(used);
    // A record still open after maxLine characters is no export's row: stop with the line's number
    // before the carried text reaches V8's string limit (a 2 GB file on one line) and crashes.
    if (carry.length > maxLine) throw new LineTooLongError(state.line, maxLine);
  }
  yield* readPart(carry, delimiter ?? ',', state, true);
}

/** Longest line (record) read, in characters: 64 Mi, far above any row, far below V8's string limit (~512 Mi). */
export const MAX_LINE = 64 << 20;

/** A line longer than MAX_LINE: the file is no CSV export (or has lost its line breaks). */
export class LineTooLongError extends Error {
  readonly line: number;
  constructor(line: number, max: number) {
    super(`line ${line} is longer than ${max >= 1 << 20 ? `${max / (1 << 20)} Mi` : max} characters with no line break: not a CSV export`);
    this.name = 'LineTooLongError';
    this.line = line;
  }
}

/**
 * A quoted record longer than this is no real multi-line cell but a quote left open: in pieces it is
 * rejected at this length (rule 1) instead of carrying the rest of the file from piece to piece.
 */
const MAX_CARRY = 16 << 20;

/** Position in the input carried from one piece to the next. */
interface ReadState {
  line: number;
  /** Header field count, once known. */
  expected: number;
}

/**
 * Records of `text`. When not `final`, `text` is followed by more input: a record that reaches its end
 * may continue, so reading stops before it. Returns the position reading stopped at.
 */
function* readPart(text: string, delimiter: string, st: ReadState, final: boolean): Generator<CsvRecord, number> {
  const n = text.length;
  const dc = delimiter.charCodeAt(0);
  let pos = 0;
  let nextQuote = text.indexOf('"'); // first quote at or after pos (refreshed lazily), -1 = none left

  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) {
      if (!final) return pos;
      eol = n;
    }
    const end = eol > pos && text.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
    if (end === pos) {
      pos = eol + 1;
      st.line++;
      continue;
    }
    if (nextQuote >= 0 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
    if (nextQuote < 0 || nextQuote >= end) {
      // Fast path: no quote on this line.
      const fields = text.slice(pos, end).split(delimiter);
      if (st.expected < 0) st.expected = fields.length;
      yield { line: st.line, fields };
      pos = eol + 1;
      st.line++;
      continue;
    }

    const r = scanRecord(text, pos, dc);
    // The record may go on in the next piece (unless it is already too long to be a real one).
    if (!final && r.next >= n && (!r.unterminated || n - pos < MAX_CARRY)) return pos;
    const bad = r.unterminated || (r.spansLines && st.expected >= 0 && r.fields.length > st.expected);
    if (bad) {
      yield { line: st.line, fields: [], error: 'unterminated_quote' };
      pos = eol + 1; // resume on the next physical line after the record's first line
      st.line++;
      continue;
    }
    if (st.expected < 0) st.expected = r.fields.length;
    yield { line: st.line, fields: r.fields };
    pos = r.next;
    st.line += r.newlines + 1;
  }
  return pos;
}

interface Scanned {
  fields: string[];
  /** Position just after the record's terminating line break (or n). */
  next: number;
  /** Line breaks inside quoted fields. */
  newlines: number;
  spansLines: boolean;
  unterminated: boolean;
}

/** Character scanner for one record that has a quote on its first line. */
function scanRecord(text: string, start: number, dc: number): Scanned {
  const n = text.length;
  const fields: string[] = [];
  let p = start;
  let newlines = 0;
  const fail = (): Scanned => ({ fields, next: n, newlines, spansLines: true, unterminated: true });

  for (;;) {
    if (p < n && text.charCodeAt(p) === QUOTE) {
      // Quoted field: jump from quote to quote with indexOf; "" pairs are escaped quotes.
      let q = p + 1;
      let close: number;
      for (;;) {
        const c = text.indexOf('"', q);
        if (c < 0) return fail(); // rule 1: open at end of file
        if (text.charCodeAt(c + 1) === QUOTE) {
          q = c + 2;
          continue;
        }
        close = c;
        break;
      }
      let value = text.slice(p + 1, close);
      let fieldLines = 0;
      for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) fieldLines++;
      if (value.includes('"')) value = value.replaceAll('""', '"');
      if (fieldLines > 0) value = value.replaceAll('\r\n', '\n');
      newlines += fieldLines;
      p = close + 1;
      const c = p < n ? text.charCodeAt(p) : -1;
      if (c !== -1 && c !== dc && c !== LF && !(c === CR && (p + 1 >= n || text.charCodeAt(p + 1) === LF))) {
        if (fieldLines > 0) return fail(); // rule 2: the "closing" quote opens something else
        // Stray text after a same-line closing quote: keep it verbatim up to the delimiter / line end.
        const stop = fieldEnd(text, p, dc);
        value += stripCr(text, p, stop);
        p = stop;
      }
      fields.push(value);
    } else {
      const stop = fieldEnd(text, p, dc);
      fields.push(stripCr(text, p, stop));
      p = stop;
    }
    // p is at a delimiter, a line end (CR LF / LF / final CR) or the end of the text.
    if (p >= n) return { fields, next: n, newlines, spansLines: newlines > 0, unterminated: false };
    const c = text.charCodeAt(p);
    if (c === dc) {
      p++;
      continue;
    }
    if (c === CR) p++;
    if (p < n && text.charCodeAt(p) === LF) p++;
    return { fields, next: p, newlines, spansLines: newlines > 0, unterminated: false };
  }
}

/** Position of the next delimiter or LF at or after p (or n). */
function fieldEnd(text: string, p: number, dc: number): number {
  const n = text.length;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === dc || c === LF) return p;
    p++;
  }
  return n;
}

/** text[from, to) without a CR that ends the line. */
function stripCr(text: string, from: number, to: number): string {
  return to > from && text.charCodeAt(to - 1) === CR && (to === text.length || text.charCodeAt(to) === LF) ? text.slice(from, to - 1) : text.slice(from, to);
}

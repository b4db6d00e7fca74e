// The CSV record reader alone: physical start lines, quotes, unterminated quotes, delimiters.
import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsv } from '../../src/lib/import/csv.ts';

const read = (text: string) => [...readCsv(text)];

describe('readCsv', () => {
  it('reports the physical start line of each record and skips empty lines (still counted as lines)', () => {
    // Line 3 is empty: not a record, but line 4 is still line 4.
    expect(read('a,b\r\n1,2\r\n\r\n3,4\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks; later lines stay physical', () => {
    const text = 'a,b\n1,"x, ""y"""\n2,"multi\r\nline"\n3,z';
    expect(read(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x, "y"'] },
      { line: 3, fields: ['2', 'multi\nline'] }, // CRLF inside a cell becomes \n
      { line: 5, fields: ['3', 'z'] }, // record 3 starts on physical line 5
    ]);
  });

  it('keeps a final record without a line break, and an empty last field', () => {
    expect(read('a,b\n1,')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', ''] },
    ]);
  });

  it('rejects a quote still open at end of file and resumes on the next physical line', () => {
    // Rule 1: the quote on line 2 never closes, so lines 3 and 4 are read as records of their own.
    expect(read('a,b\n1,"open\n2,x\n3,y\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: [], error: 'unterminated_quote' },
      { line: 3, fields: ['2', 'x'] },
      { line: 4, fields: ['3', 'y'] },
    ]);
  });

  it('rejects a multi-line quoted field whose closing quote is followed by text (rule 2)', () => {
    // The quote on line 2 is closed by the opening quote of line 4's field: that pairing is wrong.
    expect(read('a,b\n1,"open\n2,x\n3,"q"\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: [], error: 'unterminated_quote' },
      { line: 3, fields: ['2', 'x'] },
      { line: 4, fields: ['3', 'q'] },
    ]);
  });

  it('rejects a multi-line quoted field that yields more fields than the header (rule 3)', () => {
    // Line 2's quote swallows the line break and closes on line 3, giving 4 fields for a 2-field header.
    expect(read('a,b\n1,"open\n2",x,y\n3,z\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: [], error: 'unterminated_quote' },
      { line: 3, fields: ['2"', 'x', 'y'] }, // a quote inside an unquoted field is literal
      { line: 4, fields: ['3', 'z'] },
    ]);
  });

  it('keeps stray text after a same-line closing quote, like Excel', () => {
    expect(read('a\n"ab"c\n')[1]).toEqual({ line: 2, fields: ['abc'] });
  });

  it('detects tab and semicolon delimiters when the header has no comma', () => {
    expect(detectDelimiter('\na\tb\n1\t2')).toBe('\t');
    expect(detectDelimiter('a;b\n1;2')).toBe(';');
    expect(detectDelimiter('a;b,c')).toBe(',');
    expect(read('a;b\n1;"x;y"')[1]).toEqual({ line: 2, fields: ['1', 'x;y'] });
  });
});

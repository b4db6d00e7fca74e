/**
 * Hostile input, issue 22 item 3: a file mixing encodings is an error naming the first line in the
 * other encoding and the byte where its text starts — never silent mojibake (测试网点 → 娴嬭瘯缃戠偣).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCsv, decodeCsvChunks } from '../../src/lib/import/decode.ts';
import { importCsv } from '../../src/lib/import/import-table.ts';
import { readsAsUtf8 } from '../../src/lib/import/mixed-encoding.ts';
import { cleanHostile, hostileDir, oneLineFailure, report } from './helpers.ts';

afterAll(cleanHostile);

const OPTIONS = { zones: ['urban', 'suburban', 'remote'] };
const utf8 = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));

// test/fixtures/import/service_orders_gbk.csv: 3 GBK lines with CRLF, 168 bytes, so an appended
// line 4 starts at byte 168.
const GBK = new Uint8Array(readFileSync(new URL('../fixtures/import/service_orders_gbk.csv', import.meta.url)));
// Every Chinese run even (维修, 市区, 测试网点): as GBK pairs these UTF-8 bytes decode without an error.
const EVEN_ROW = 'O3,B03,维修,市区,2026-10-07 10:00:00,true,测试网点,completed\r\n';
// 是 is one character (3 bytes): the pairs break and GBK decoding fails further on.
const ODD_ROW = 'O3,B03,维修,市区,2026-10-07 10:00:00,是,测试网点,已完工\r\n';

/** The message of the error `f` throws. */
function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('mixed encodings', () => {
  it('the fixture is 168 bytes of GBK', () => {
    expect(GBK.length).toBe(168);
    expect(decodeCsv(GBK).encoding).toBe('gb18030');
  });

  it('a GBK file with one UTF-8 row of even-length Chinese runs: the error names line 4 and byte 175', () => {
    // Line 4 starts at byte 168; "O3,B03," is 7 bytes, so its first UTF-8 byte (维) is byte 175.
    expect(message(() => importCsv('service_orders.csv', cat(GBK, utf8(EVEN_ROW)), OPTIONS))).toBe(
      'service_orders.csv: line 4: mixed encodings — this line is UTF-8 (bytes at byte 175) but line 1 is GB18030/GBK; save the whole file in one encoding',
    );
  });

  it('with odd-length runs (GBK decoding fails later in the row) it still points at byte 175, not where the pairs broke', () => {
    expect(message(() => importCsv('service_orders.csv', cat(GBK, utf8(ODD_ROW)), OPTIONS))).toBe(
      'service_orders.csv: line 4: mixed encodings — this line is UTF-8 (bytes at byte 175) in a GB18030/GBK file; save the whole file in one encoding',
    );
  });

  it('a UTF-8 file with one GBK row names that row (line 3) and its first GBK byte', () => {
    const header = utf8('工单号,网点编号,服务类型,区域类型,报修时间,现场处理,故障原因,状态\nO9,B01,维修,市区,2026/10/5 9:30,是,电机损坏,已完工\n');
    // Two UTF-8 lines, then the fixture's GBK lines 2–3: its "O1,B01,维修…" is line 3 here, starting at
    // byte header.length, and "O1,B01," is 7 bytes, so 维 (GBK CE AC) is at header.length + 7.
    const gbkRows = GBK.subarray(GBK.indexOf(10) + 1);
    const at = header.length + 7;
    expect(message(() => importCsv('service_orders.csv', cat(header, gbkRows), OPTIONS))).toBe(
      `service_orders.csv: line 3: mixed encodings — this line is not UTF-8 (bytes CE AC D0 DE at byte ${at}) but line 1 is UTF-8; save the whole file in one encoding`,
    );
  });

  it('read a few bytes at a time (the CLI streams files), the same lines are named', () => {
    for (const size of [5, 16, 100]) {
      const pieces = (b: Uint8Array) => Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size));
      const run = (b: Uint8Array) => message(() => [...decodeCsvChunks(pieces(b), {}, 'gb18030')]);
      expect(run(cat(GBK, utf8(EVEN_ROW))), `pieces of ${size}`).toMatch(/^line 4: mixed encodings — this line is UTF-8 \(bytes at byte 175\)/);
    }
  });

  it('tells UTF-8 Chinese from GBK Chinese by its bytes', () => {
    expect(readsAsUtf8(utf8('测试网点'))).toBe(true);
    expect(readsAsUtf8(GBK)).toBe(false); // not valid UTF-8 at all
    // 中 in GBK is D6 D0: D6 is a UTF-8 lead byte but D0 is no continuation byte.
    expect(readsAsUtf8(new Uint8Array([0xd6, 0xd0]))).toBe(false);
  });

  it('the report CLI: exit 2, one line naming the file and the line', () => {
    const dir = hostileDir((d) => writeFileSync(join(d, 'service_orders.csv'), cat(GBK, utf8(EVEN_ROW))));
    expect(oneLineFailure(report(dir))).toBe(
      'report: service_orders.csv: line 4: mixed encodings — this line is UTF-8 (bytes at byte 175) but line 1 is GB18030/GBK; save the whole file in one encoding',
    );
  });
});

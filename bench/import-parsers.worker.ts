/**
 * Benchmark worker (bundled by bench/import-100mb.ts with esbuild, run in Chromium as a blob: worker):
 * the same CSV through the importer's reader (decodeCsv + readCsv, what the site uses) and through
 * papaparse's streaming parser, parse only and parse + validate (importRecords), in one worker.
 */
import Papa from 'papaparse';
import { readCsv, detectDelimiter } from '../src/lib/import/csv.ts';
import { decodeCsv } from '../src/lib/import/decode.ts';
import { importRecords, type SourceRecord } from '../src/lib/import/import-table.ts';

type Result = { name: string; ms: number; rows: number; loaded?: number; detail?: string };
const OPTIONS = { zones: ['urban', 'suburban', 'remote'] };

async function viaReadCsv(file: File, validate: boolean): Promise<Result> {
  const t0 = performance.now();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const t1 = performance.now();
  const { text } = decodeCsv(bytes);
  const t2 = performance.now();
  const it = readCsv(text, detectDelimiter(text));
  const header = it.next().value!.fields;
  let rows = 0;
  let loaded: number | undefined;
  if (validate) {
    const t = importRecords(file.name, 'service_orders', header, { [Symbol.iterator]: () => it }, 'utf-8', OPTIONS);
    rows = t.rowsRead;
    loaded = t.rows.length;
  } else {
    for (let r = it.next(); !r.done; r = it.next()) rows++;
  }
  const t3 = performance.now();
  return {
    name: validate ? 'readCsv + importRecords' : 'readCsv (parse only)',
    ms: t3 - t0,
    rows,
    ...(loaded !== undefined ? { loaded } : {}),
    detail: `read ${Math.round(t1 - t0)} ms, decode ${Math.round(t2 - t1)} ms, ${validate ? 'parse + validate' : 'parse'} ${Math.round(t3 - t2)} ms`,
  };
}

function viaPapa(file: File, validate: boolean): Promise<Result> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let rows = 0;
    let header: string[] | null = null;
    const kept: SourceRecord[] = [];
    Papa.parse(file, {
      chunkSize: 8 << 20,
      encoding: 'utf-8',
      skipEmptyLines: true,
      chunk: (res) => {
        for (const r of res.data) {
          if (!header) {
            header = r;
            continue;
          }
          rows++;
          // papaparse gives no physical line numbers (quoted line breaks): row index + 2 is a best case.
          if (validate) kept.push({ line: rows + 1, fields: r });
        }
      },
      complete: () => {
        const t1 = performance.now();
        let loaded: number | undefined;
        if (validate) loaded = importRecords(file.name, 'service_orders', header!, kept, 'utf-8', OPTIONS).rows.length;
        const t2 = performance.now();
        resolve({
          name: validate ? 'papaparse streaming + importRecords' : 'papaparse streaming (parse only)',
          ms: t2 - t0,
          rows,
          ...(loaded !== undefined ? { loaded } : {}),
          detail: validate ? `parse ${Math.round(t1 - t0)} ms, validate ${Math.round(t2 - t1)} ms` : 'read + decode + parse',
        });
      },
      error: reject,
    });
  });
}

self.addEventListener('message', (ev: MessageEvent<{ file: File; which: string }>) => {
  const { file, which } = ev.data;
  const run =
    which === 'readcsv'
      ? viaReadCsv(file, false)
      : which === 'readcsv+validate'
        ? viaReadCsv(file, true)
        : which === 'papa'
          ? viaPapa(file, false)
          : viaPapa(file, true);
  run.then(
    (r) => (self as unknown as Worker).postMessage(r),
    (e: unknown) => (self as unknown as Worker).postMessage({ error: String(e) }),
  );
});

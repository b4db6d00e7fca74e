/**
 * The page's side of the import worker: one worker, started on first use, with promise-based calls
 * and progress callbacks (protocol.ts).
 */
import type { ImportJob, ImportSummary, Inspection, Request, Response } from './protocol.ts';

/** A failure the worker reported: a file-level problem (code from UnusableFileError) or an unexpected one. */
export class ImportError extends Error {
  readonly file: string | null;
  readonly code: string;
  readonly missing: string[];
  constructor(m: Extract<Response, { type: 'error' }>) {
    super(m.message);
    this.name = 'ImportError';
    this.file = m.file;
    this.code = m.code;
    this.missing = m.missing ?? [];
  }
}

export type OnProgress = (file: string, phase: 'read' | 'parse' | 'store', fraction: number) => void;

interface Call {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  onProgress?: OnProgress;
}

let worker: Worker | null = null;
const calls = new Map<string, Call>();
let counter = 0;

function start(): Worker {
  if (worker) return worker;
  // Vite bundles the worker (and what it imports) into its own same-origin file: CSP worker-src 'self'.
  const w = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'import' });
  w.addEventListener('message', (ev: MessageEvent<Response>) => {
    const m = ev.data;
    const call = calls.get(m.id);
    if (!call) return;
    if (m.type === 'progress') {
      call.onProgress?.(m.file, m.phase, m.fraction);
      return;
    }
    calls.delete(m.id);
    if (m.type === 'error') call.reject(new ImportError(m));
    else call.resolve(m.result);
  });
  w.addEventListener('error', (ev) => {
    // A worker that dies (e.g. out of memory) fails every call in flight; the next call starts a new one.
    const err = new Error(ev.message || 'the import worker stopped');
    for (const c of calls.values()) c.reject(err);
    calls.clear();
    w.terminate();
    worker = null;
  });
  worker = w;
  return w;
}

/** A request without its id (distributed over the union, so each variant keeps its fields). */
type NoId<T> = T extends unknown ? Omit<T, 'id'> : never;

function call<T>(req: NoId<Request>, onProgress?: OnProgress): Promise<T> {
  const id = `c${++counter}`;
  const w = start();
  return new Promise<T>((resolve, reject) => {
    calls.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
    w.postMessage({ ...req, id } as Request);
  });
}

/** Header, first rows and distinct values of a file. */
export const inspect = (file: File): Promise<Inspection> => call({ type: 'inspect', file });

/** Import, validate and store the files as the pending dataset; the report. */
export const runImportJob = (job: ImportJob, onProgress: OnProgress): Promise<ImportSummary> => call({ type: 'import', job }, onProgress);

/**
 * The import worker: reads, parses, validates and stores the user's files off the page's thread, so
 * the page never freezes (issue 6). Messages: protocol.ts. Nothing here touches the network.
 */
import { UnusableFileError } from '../import/types.ts';
import { inspectFile, runImport, type Progress } from './pipeline.ts';
import type { Request, Response } from './protocol.ts';
import { getManifest, getParts, putPart, putPending } from './store.ts';

const post = (m: Response) => (self as unknown as Worker).postMessage(m);

self.addEventListener('message', (ev: MessageEvent<Request>) => {
  const req = ev.data;
  void handle(req).catch((e: unknown) => {
    const u = e instanceof UnusableFileError ? e : null;
    post({
      type: 'error',
      id: req.id,
      file: u?.file ?? null,
      code: u?.code ?? 'failed',
      message: e instanceof Error ? e.message : String(e),
      ...(u && u.missingColumns.length ? { missing: u.missingColumns } : {}),
    });
  });
});

async function handle(req: Request): Promise<void> {
  if (req.type === 'inspect') {
    post({ type: 'inspected', id: req.id, result: await inspectFile(req.file) });
    return;
  }
  // Progress at most every 50 ms per file and phase, so a fast file does not flood the page.
  const last = new Map<string, number>();
  const progress: Progress = (file, phase, fraction) => {
    const k = `${file}\u0000${phase}`;
    const now = performance.now();
    if (fraction < 1 && fraction > 0 && now - (last.get(k) ?? -Infinity) < 50) return;
    last.set(k, now);
    post({ type: 'progress', id: req.id, file, phase, fraction });
  };
  const result = await runImport(req.job, { getManifest, getParts, putPart, putPending }, progress);
  post({ type: 'imported', id: req.id, result });
}

/**
 * Which data the reports show: the user's imported files when this browser has any (store.ts), else
 * the bundled sample. Called by the shared session (src/views/shell/session.ts) for every page.
 */
import { loadBundledSample, type Dataset } from '../report/browser-sample.ts';
import { storedPartName } from '../db/stored-part.ts';
import type { BrowserDb } from '../db/browser.ts';
import type { SqlFiles } from '../report/types.ts';
import { loadUserDataset } from './dataset.ts';
import { getManifest, getParts, type Manifest } from './store.ts';

export { DATASET_EVENT } from './events.ts';

/** What is started before the engine is ready: the manifest read, and the sample's download. */
export interface DatasetStart {
  manifest: Promise<Manifest | null>;
  /** The bundled sample's bytes, downloading while the engine starts; null when user data is active. */
  sample: Promise<SampleBytes | null>;
  sampleUrl: string;
}

/** The sample's bytes: the whole file's, or its stored part's (`part`: stored-part.ts). */
interface SampleBytes {
  bytes: Uint8Array;
  part: boolean;
}

/** The sample file's bytes (same origin); the engine attaches them from memory. */
async function download(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

/**
 * Start reading which dataset is active and, for the sample, downloading it — while the engine starts
 * (a 35 MB WASM module to compile) rather than after: the two overlap instead of adding up.
 * `storedFirst`: a page that reads stored results (the monthly page) downloads the sample's stored part
 * instead, when the build wrote one; the whole file follows only if a query needs it.
 */
export function startActiveDataset(sampleUrl: string, storedFirst = false): DatasetStart {
  // No IndexedDB (some private modes): there is no user data to show.
  const manifest = getManifest('active').catch(() => null);
  const sample = manifest.then(async (m): Promise<SampleBytes | null> => {
    if (m && m.files.length > 0) return null;
    if (storedFirst) {
      const part = await download(storedPartName(sampleUrl)).catch(() => null); // a build without stored results has none
      if (part) return { bytes: part, part: true };
    }
    return { bytes: await download(sampleUrl), part: false };
  });
  sample.catch(() => {}); // reported when awaited (loadActiveDataset), not as an unhandled rejection
  return { manifest, sample, sampleUrl };
}

/**
 * Load the active dataset. User data that cannot be loaded (storage cleared mid-way, a browser that
 * dropped part of it) falls back to the sample with `fallback` set, so the pages still open.
 */
export async function loadActiveDataset(db: BrowserDb, sql: SqlFiles, start: DatasetStart): Promise<Dataset> {
  const manifest = await start.manifest;
  let fallback: string | null = null;
  if (manifest && manifest.files.length > 0) {
    try {
      const parts = await getParts(manifest.files.map((f) => f.part));
      return await loadUserDataset(db, sql, manifest, parts);
    } catch (e) {
      fallback = e instanceof Error ? e.message : String(e);
      console.warn(`imported data could not be loaded, showing the sample: ${fallback}`);
    }
  }
  const sample = (await start.sample) ?? { bytes: await download(start.sampleUrl), part: false };
  const data = await loadBundledSample(db, sql, sample.bytes, sample.part ? () => download(start.sampleUrl) : undefined);
  return fallback ? { ...data, fallback } : data;
}

/**
 * Which data the reports show: the user's imported files when this browser has any (store.ts), else
 * the bundled sample. Called by the shared session (src/lib/ui/session.ts) for every page.
 */
import { loadBundledSample, type Dataset } from '../db/browser-sample.ts';
import type { BrowserDb } from '../db/browser.ts';
import type { SqlFiles } from '../report/types.ts';
import { loadUserDataset } from './dataset.ts';
import { getManifest, getParts, type Manifest } from './store.ts';

export { DATASET_EVENT } from './events.ts';

/**
 * Load the active dataset. User data that cannot be loaded (storage cleared mid-way, a browser that
 * dropped part of it) falls back to the sample with `fallback` set, so the pages still open.
 */
export async function loadActiveDataset(db: BrowserDb, sql: SqlFiles, sampleUrl: string): Promise<Dataset> {
  let manifest: Manifest | null = null;
  try {
    manifest = await getManifest('active');
  } catch {
    manifest = null; // no IndexedDB (some private modes): there is no user data to show
  }
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
  const data = await loadBundledSample(db, sql, sampleUrl);
  return fallback ? { ...data, fallback } : data;
}

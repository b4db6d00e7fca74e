/** Helpers for the import pipeline tests: fixture files as File objects, an in-memory store. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PipelineStore } from '../../src/lib/userdata/pipeline.ts';
import type { Manifest, Part } from '../../src/lib/userdata/store.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/userdata/', import.meta.url));

/** A fixture (or given bytes) as a browser-like File. */
export function fixtureFile(name: string, bytes?: Uint8Array | string): File {
  const data = bytes ?? readFileSync(FIXTURES + name);
  return new File([typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data)], name);
}

/** store.ts semantics in memory: parts by id, active / pending manifests, promote. */
export class MemoryStore implements PipelineStore {
  parts = new Map<string, Part>();
  manifests = new Map<string, Manifest>();
  async getManifest(kind: 'active' | 'pending') {
    return this.manifests.get(kind) ?? null;
  }
  async getParts(ids: readonly string[]) {
    return ids.map((id) => {
      const p = this.parts.get(id);
      if (!p) throw new Error(`missing part ${id}`);
      return p;
    });
  }
  async putPart(p: Part) {
    this.parts.set(p.id, p);
  }
  async putPending(m: Manifest) {
    this.manifests.set('pending', m);
  }
  promote(): Manifest {
    const m = this.manifests.get('pending')!;
    this.manifests.set('active', m);
    this.manifests.delete('pending');
    return m;
  }
}

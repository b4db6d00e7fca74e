import type { SqlFiles } from './types.ts';

/**
 * The texts of every .sql file under queries/, bundled by Vite at build time and keyed by their path relative to
 * queries/ ("metrics/volume.sql") — the same files, under the same keys, as the CLI reads from disk.
 */
const raw = import.meta.glob<string>('/queries/**/*.sql', { query: '?raw', import: 'default', eager: true });

export const SQL: SqlFiles = Object.fromEntries(Object.entries(raw).map(([path, text]) => [path.replace(/^\/queries\//, ''), text]));

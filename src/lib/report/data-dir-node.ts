import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type Config } from '../config.ts';
import { importCsv } from '../import/import-table.ts';
import { importParquetFile } from '../import/parquet-node.ts';
import { UnusableFileError, type ImportedTable } from '../import/types.ts';
import { TABLES } from '../schema.ts';

/** Tables a data folder must have to make a report at all. */
const REQUIRED_FILES = ['branches', 'service_orders'];

/** Everything read from a data folder: the config and one imported table per file found. */
export interface DataDir {
  config: Config;
  imported: ImportedTable[];
}

/**
 * Read a data folder (SPEC §2 file names, `.csv` or `.parquet`, plus `config.json`). Throws
 * UnusableFileError (→ exit 2) for a missing required file or column; rejected rows are not errors.
 */
export async function readDataDir(dir: string): Promise<DataDir> {
  if (!existsSync(dir)) throw new UnusableFileError(dir, 'no such data folder');
  const configPath = join(dir, 'config.json');
  const config = parseConfig(existsSync(configPath) ? readFileSync(configPath, 'utf8') : null);
  const options = { zones: Object.keys(config.zones) };
  const imported: ImportedTable[] = [];
  for (const table of TABLES) {
    const csv = join(dir, `${table.name}.csv`);
    const parquet = join(dir, `${table.name}.parquet`);
    if (existsSync(csv)) {
      imported.push(importCsv(`${table.name}.csv`, new Uint8Array(readFileSync(csv)), options, table.name));
    } else if (existsSync(parquet)) {
      imported.push(await importParquetFile(parquet, options, table.name));
    } else if (REQUIRED_FILES.includes(table.name)) {
      throw new UnusableFileError(`${table.name}.csv`, `not found in ${dir} (required: ${REQUIRED_FILES.join(', ')})`);
    }
  }
  return { config, imported };
}

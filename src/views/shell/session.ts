/**
 * The data session every page shares: start the DuckDB-WASM engine once, load the active dataset (the
 * user's imported files, else the bundled sample: src/lib/userdata/active.ts) with the same setup SQL
 * as the CLI, and read the periods and branches it offers.
 * Pages compute their reports on `session.db` with computeReport; none loads data by itself.
 */
import type { Dataset } from '../../lib/report/browser-sample.ts';
import type { BrowserDb } from '../../lib/db/browser.ts';
import type { Row } from '../../lib/db/types.ts';
import type { MessageId } from '../../lib/i18n/index.ts';
import { readInputs } from '../../lib/report/inputs.ts';
import type { BranchChoice, PeriodChoice } from '../../lib/report/selection.ts';
import { setInputs } from './not-measured.ts';
import { wireDataNoticeCsv } from './render.ts';
import { SQL } from '../../lib/report/sql-bundled.ts';
import { withWhole } from '../../lib/db/lazy-whole.ts';

/** Everything known once the data is loaded. */
export interface Session {
  db: BrowserDb;
  data: Dataset;
  periods: PeriodChoice[];
  branches: BranchChoice[];
  /** The first rejected / orphan rows, for the data notice. */
  rejected: Row[];
  orphans: Row[];
}

/** A failure at one stage of the page's work, explained in the reader's language. */
export class StageError extends Error {
  readonly stage: MessageId;
  constructor(stage: MessageId, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.stage = stage;
  }
}

/** Run `f` as `stage`: any failure becomes a StageError naming it. */
export async function stage<T>(id: MessageId, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw e instanceof StageError ? e : new StageError(id, e);
  }
}

async function load(onStage: (id: MessageId) => void, onEngine: (engine: string) => void, storedFirst: boolean): Promise<Session> {
  onStage('status.starting');
  // The user's imported data when this browser has some (issue 6), else the bundled sample — whose
  // download starts now, while the engine starts.
  const active = import('../../lib/userdata/active.ts');
  const started = active.then((a) => a.startActiveDataset(`${import.meta.env.BASE_URL}data/sample.duckdb`, storedFirst));
  started.catch(() => {}); // a failure is reported by the stage that awaits it
  const [{ loadActiveDataset, DATASET_EVENT }, engineDb] = await stage('status.fail.engine', async () => {
    const engine = await import('../../lib/db/browser.ts');
    return [await active, await engine.browserDb()] as const;
  });
  performance.mark('engine-ready');
  onEngine(engineDb.engine);
  onStage('status.loading_data');
  const data = await stage('status.fail.data', async () => loadActiveDataset(engineDb, SQL, await started));
  // Opened on the sample's stored part: a query that needs the service data fetches the whole file.
  const db = data.whole ? withWhole(engineDb, data.whole) : engineDb;
  performance.mark('data-ready');
  document.dispatchEvent(new CustomEvent(DATASET_EVENT, { detail: data }));
  // The period and branch lists: stored in the bundled file by the build (same SQL), else run here.
  const stored = data.storedLists ? await (await import('../../lib/report/figures.ts')).storedLists(db) : {};
  const list = async (file: string) => stored[file] ?? (await db.query(SQL[file]!));
  const periods = (await list('meta/periods.sql')) as unknown as PeriodChoice[];
  const branches = (await list('meta/branches.sql')) as unknown as BranchChoice[];
  if (periods.length === 0) throw new StageError('status.no_data', 'no service orders');
  const limit = 200;
  const rejected = data.rejected ? await db.query(`SELECT * FROM _rejected ORDER BY file, line LIMIT ${limit}`) : [];
  const orphans = data.orphans ? await db.query(`SELECT * FROM _orphans ORDER BY file, line LIMIT ${limit}`) : [];
  // Which files and columns the data has: a figure without its input says so (not-measured.ts).
  setInputs(await readInputs(db));
  return { db, data, periods, branches, rejected, orphans };
}

let session: Promise<Session> | null = null;

/**
 * The shared session, loaded on first call. `onStage` reports progress (a dictionary id), `onEngine` the
 * engine version, `onData` the dataset with its first rejected / orphan rows (for the data notice).
 * `storedFirst`: the page reads stored results (the monthly page): open the bundled sample on its stored
 * part (db/stored-part.ts), which at L is 11 MB of 183. A failed load is not cached, so a retry starts again.
 */
export async function openSession(
  onStage: (id: MessageId) => void,
  onEngine: (engine: string) => void,
  onData: (data: Dataset, rejected: Row[], orphans: Row[]) => void,
  storedFirst = false,
): Promise<Session> {
  session ??= load(onStage, onEngine, storedFirst).catch((e: unknown) => {
    session = null;
    throw e;
  });
  const s = await session;
  onData(s.data, s.rejected, s.orphans);
  wireDataNoticeCsv(s.db, s.data.files);
  return s;
}

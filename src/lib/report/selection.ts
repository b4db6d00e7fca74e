/** The page's selection and its URL form: `?period=2026-10&branch=B01` (no branch = whole company). */
export interface PageSelection {
  period: string;
  branch: string | null;
}

/** A month row of queries/meta/periods.sql. */
export interface PeriodChoice {
  period: string;
  orders: number;
  is_complete: boolean;
  is_default: boolean;
}

/** A row of queries/meta/branches.sql. */
export interface BranchChoice {
  branch_id: string;
  branch_name: string | null;
  level: string | null;
  parent_id: string | null;
  /** 0 for the head office (a root), 1 below it, … — for indenting the list. */
  depth: number;
}

/** What the URL asks for (unvalidated). */
export function readUrl(search: string): { period: string | null; branch: string | null } {
  const q = new URLSearchParams(search);
  return { period: q.get('period') || null, branch: q.get('branch') || null };
}

/** A query string of `params` in their order, leaving out null, undefined and '' (a page's default). */
export function searchOf(params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  return `?${q.toString()}`;
}

/** The query string of a selection (`extra`: the page's own keys after it, e.g. the quality page's quarter). */
export function toSearch(sel: PageSelection, extra: Record<string, string | null | undefined> = {}): string {
  return searchOf({ period: sel.period, branch: sel.branch, ...extra });
}

/**
 * Resolve what the URL asks for against the choices the data offers: an unknown period falls back to
 * the default month, an unknown branch to the whole company; `problems` says what was replaced.
 */
export function resolveSelection(
  wanted: { period: string | null; branch: string | null },
  periods: PeriodChoice[],
  branches: BranchChoice[],
): { selection: PageSelection; problems: { period?: string; branch?: string } } {
  const fallback = (periods.find((p) => p.is_default) ?? periods[0])!.period;
  const problems: { period?: string; branch?: string } = {};
  let period = fallback;
  if (wanted.period) {
    if (periods.some((p) => p.period === wanted.period)) period = wanted.period;
    else problems.period = wanted.period;
  }
  let branch: string | null = null;
  if (wanted.branch) {
    if (branches.some((b) => b.branch_id === wanted.branch)) branch = wanted.branch;
    else problems.branch = wanted.branch;
  }
  return { selection: { period, branch }, problems };
}

/**
 * The roll-up the monthly page asks for with `branch` selected: the company, and a branch with branches
 * below it (a centre, the head office), with roll-up; a leaf branch without. The build stores the drill
 * tables of every selection by the same rule (src/cli/build-db.ts, report/drill-store.ts).
 */
export const pageRollup = (branches: readonly Pick<BranchChoice, 'branch_id' | 'parent_id'>[], branch: string | null): boolean =>
  branch === null || branches.some((b) => b.parent_id === branch);

/**
 * The branch league table as data (issue 5): one row per branch and regional centre of a roll-up report
 * (computeReport with rollup: true), each headline KPI with its case count, low-confidence mark, target
 * status, rank among its peers and change against the previous period. Pure: report values in, rows out;
 * the values themselves are the SQL's — ranks, changes and medians are only for reading them.
 */
import type { Config } from '../config.ts';
import type { Metrics } from './types.ts';
import {
  caseCount,
  competitionRanks,
  HEADLINE_KPIS,
  isLowConfidence,
  KPI_BY_ID,
  median,
  numeric,
  targetStatus,
  type Better,
  type HeadlineKpi,
  type TargetStatus,
} from '../kpis.ts';
import type { BranchChoice } from './selection.ts';

/** What the league reads of a report (computeReport's result, or a part of it). */
export interface LeagueReport {
  metrics: Metrics;
  by_branch: Record<string, Metrics>;
  cases: { total: Metrics; by_branch: Record<string, Metrics> };
}

/** One KPI of one row. */
export interface LeagueCell {
  /** The value as the SQL returned it (number, money text or null). */
  value: unknown;
  num: number | null;
  cases: number | null;
  low: boolean;
  status: TargetStatus | null;
  /** Among the row's peers (branches, or centres), solid values only. */
  rank: number | null;
  prev: unknown;
  /** num − previous num (money in whole cents); null without both. */
  delta: number | null;
  /** Whether the change is for the better, worse or none; null without a change. */
  trend: 'better' | 'worse' | 'same' | null;
}

export type RowKind = 'company' | 'center' | 'branch';

export interface LeagueRow {
  /** Branch id; null for the company row. */
  id: string | null;
  name: string | null;
  kind: RowKind;
  /** The centre a branch belongs to (its parent), for grouping. */
  parent: string | null;
  /** Orders received and completed: the volume beside the rates. */
  volume: number | null;
  completed: number | null;
  prevVolume: number | null;
  cells: Record<string, LeagueCell>;
  /** KPIs with a target and a solid value: how many of them met it. */
  met: number;
  judged: number;
}

/**
 * Which rows are centres and which branches: a node with children is a centre, a leaf a branch — except a
 * single root over everything (the head office), whose roll-up is the company row itself.
 */
export function rowKinds(branches: readonly BranchChoice[]): Map<string, 'center' | 'branch' | 'company'> {
  const parents = new Set(branches.map((b) => b.parent_id).filter((p): p is string => !!p));
  const roots = branches.filter((b) => !b.parent_id || !branches.some((x) => x.branch_id === b.parent_id));
  const soleRoot = roots.length === 1 && parents.has(roots[0]!.branch_id) ? roots[0]!.branch_id : null;
  return new Map(branches.map((b) => [b.branch_id, b.branch_id === soleRoot ? 'company' : parents.has(b.branch_id) ? 'center' : 'branch']));
}

function delta(kpiId: string, cur: number | null, prev: number | null): number | null {
  if (cur === null || prev === null) return null;
  // Money: in whole cents, so 134.21 − 99.29 is 34.92 and not 34.919999…
  return kpiId.startsWith('cost.') ? Math.round((cur - prev) * 100) / 100 : cur - prev;
}

function trendOf(d: number | null, better: Better): LeagueCell['trend'] {
  if (d === null) return null;
  if (Math.abs(d) < 1e-12) return 'same';
  return d > 0 === (better === 'higher') ? 'better' : 'worse';
}

function cellOf(kpi: HeadlineKpi, m: Metrics | undefined, c: Metrics | undefined, pm: Metrics | undefined, config: Config): LeagueCell {
  const value = m?.[kpi.id] ?? null;
  const num = numeric(value);
  const cases = caseCount(kpi, m, c);
  const prev = pm ? (pm[kpi.id] ?? null) : null;
  const d = delta(kpi.id, num, numeric(prev));
  return {
    value,
    num,
    cases,
    low: num !== null && isLowConfidence(cases, config.min_cases),
    status: targetStatus(num, config.targets[kpi.id]),
    rank: null,
    prev,
    delta: d,
    trend: trendOf(d, kpi.better),
  };
}

/**
 * Rows of the league: the company first, then every centre and branch of `branches` (tree order), from a
 * roll-up report `cur` and optionally the previous period's `prev`. Ranks are given within each kind.
 */
export function buildLeague(cur: LeagueReport, prev: LeagueReport | null, branches: readonly BranchChoice[], config: Config): LeagueRow[] {
  const kinds = rowKinds(branches);
  const row = (id: string | null, kind: RowKind, name: string | null, parent: string | null): LeagueRow => {
    const m = id === null ? cur.metrics : cur.by_branch[id];
    const c = id === null ? cur.cases.total : cur.cases.by_branch[id];
    const pm = prev ? (id === null ? prev.metrics : prev.by_branch[id]) : undefined;
    const cells = Object.fromEntries(HEADLINE_KPIS.map((k) => [k.id, cellOf(k, m, c, pm, config)]));
    const judged = Object.values(cells).filter((x) => x.status !== null && !x.low);
    return {
      id,
      name,
      kind,
      parent,
      volume: numeric(m?.['orders.received']),
      completed: numeric(m?.['orders.completed']),
      prevVolume: pm ? numeric(pm['orders.received']) : null,
      cells,
      met: judged.filter((x) => x.status === 'met').length,
      judged: judged.length,
    };
  };
  const rows: LeagueRow[] = [row(null, 'company', null, null)];
  for (const b of branches) {
    const kind = kinds.get(b.branch_id)!;
    if (kind === 'company') continue;
    rows.push(row(b.branch_id, kind, b.branch_name, b.parent_id));
  }
  for (const kind of ['center', 'branch'] as const) {
    const peers = rows.filter((r) => r.kind === kind);
    for (const k of HEADLINE_KPIS) {
      const ranks = competitionRanks(
        peers.map((r) => [r, r.cells[k.id]!.low ? null : r.cells[k.id]!.num] as const),
        k.better,
      );
      for (const r of peers) r.cells[k.id]!.rank = ranks.get(r) ?? null;
    }
  }
  return rows;
}

/** What the table can be sorted by: a KPI id, or one of these. */
export type SortKey = string | 'name' | 'volume' | 'met';
export type SortDir = 'asc' | 'desc';

/** The direction a column first sorts in: best first for a KPI, largest first for volume and targets met. */
export function defaultDir(key: SortKey): SortDir {
  if (key === 'name') return 'asc';
  const kpi = KPI_BY_ID.get(key);
  return kpi ? (kpi.better === 'higher' ? 'desc' : 'asc') : 'desc';
}

/** The value a row sorts by; null (no data, or low-confidence) always sorts last. */
export function sortValue(r: LeagueRow, key: SortKey): number | null {
  if (key === 'volume') return r.volume;
  if (key === 'met') return r.judged > 0 ? r.met : null;
  const c = r.cells[key];
  return c && !c.low ? c.num : null;
}

/**
 * Sort rows by `key` in `dir`: rows without a solid value last (low-confidence before no data, each by
 * value), ties by branch id. The input is not changed.
 */
export function sortRows(rows: readonly LeagueRow[], key: SortKey, dir: SortDir): LeagueRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const byId = (a: LeagueRow, b: LeagueRow) => (a.id ?? '').localeCompare(b.id ?? '');
  if (key === 'name') return [...rows].sort((a, b) => sign * byId(a, b));
  const tier = (r: LeagueRow) => (sortValue(r, key) !== null ? 0 : r.cells[key]?.low ? 1 : 2);
  return [...rows].sort((a, b) => {
    const ta = tier(a);
    const tb = tier(b);
    if (ta !== tb) return ta - tb;
    const va = ta === 1 ? a.cells[key]!.num! : sortValue(a, key);
    const vb = tb === 1 ? b.cells[key]!.num! : sortValue(b, key);
    if (va !== null && vb !== null && va !== vb) return sign * (va - vb);
    return byId(a, b);
  });
}

/** Ranks of rows by a sort key among their own kind (the rank column): KPI ranks, or volume / targets met. */
export function rankOf(r: LeagueRow, key: SortKey, rows: readonly LeagueRow[]): number | null {
  if (r.kind === 'company' || key === 'name') return null;
  if (KPI_BY_ID.has(key)) return r.cells[key]?.rank ?? null;
  const peers = rows.filter((x) => x.kind === r.kind);
  return (
    competitionRanks(
      peers.map((x) => [x, sortValue(x, key)] as const),
      'higher',
    ).get(r) ?? null
  );
}

/** Where a row stands on a KPI against its peers: their median (solid values) and the peer count. */
export interface Standing {
  value: number | null;
  low: boolean;
  rank: number | null;
  /** Peers with a solid value (the rank's "of n"). */
  ranked: number;
  median: number | null;
  company: number | null;
  /** Every peer's solid value (the strip plot). */
  peers: { id: string; value: number }[];
}

/** A row's standing on each headline KPI among the rows of its kind. */
export function standing(row: LeagueRow, rows: readonly LeagueRow[]): Record<string, Standing> {
  const company = rows.find((r) => r.kind === 'company');
  const peers = rows.filter((r) => r.kind === row.kind && r.id !== null);
  return Object.fromEntries(
    HEADLINE_KPIS.map((k) => {
      const solid = peers.flatMap((p) => {
        const c = p.cells[k.id]!;
        return c.num !== null && !c.low ? [{ id: p.id!, value: c.num }] : [];
      });
      const c = row.cells[k.id]!;
      return [
        k.id,
        {
          value: c.num,
          low: c.low,
          rank: c.rank,
          ranked: solid.length,
          median: median(solid.map((s) => s.value)),
          company: company?.cells[k.id]?.num ?? null,
          peers: solid,
        },
      ];
    }),
  );
}

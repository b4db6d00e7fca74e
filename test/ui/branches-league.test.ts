/**
 * The branch league table's marking logic (issue 5): a rate on fewer than min_cases cases is marked
 * low-confidence, gets no rank and sorts after the solid ones — on a hand-worked roll-up fixture computed
 * by the real SQL — plus target colours, competition ranks, medians and changes on plain values.
 */
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/lib/config.ts';
import type { BranchChoice } from '../../src/lib/report/selection.ts';
import { competitionRanks, isLowConfidence, median, targetStatus } from '../../src/lib/kpis.ts';
import { buildLeague, rankOf, rowKinds, sortRows, standing, type LeagueReport } from '../../src/lib/report/league.ts';
import { ENGINES, fixtureDb, SQL } from '../helpers/fixture.ts';
import { computeReport } from '../../src/lib/report/compute.ts';

const branches = `branch_id,branch_name,level,parent_id
  HQ,总部,hq,
  C1,华东中心,center,HQ
  B1,上海,branch,C1
  B2,杭州,branch,C1
  B3,南京,branch,C1`;
// Urban repairs called 09:00 (deadline 15:00): "k" arrives 10:00 (kept), "l" 16:00 (late).
// B1: 4 orders, 3 kept → on time 3/4 = 0.75 on 4 cases (solid with min_cases 3)
// B2: 2 orders, both kept → 2/2 = 1 on 2 cases: below min_cases 3 → low-confidence, not ranked,
//     sorted after B1 and B3 although 100 % is the best value
// B3: 3 orders, 1 kept → 1/3 on 3 cases (solid: 3 is not fewer than 3)
// C1 = 6 kept of 9 = 2/3, 9 cases; company (HQ) the same.
const kept = (id: string, b: string) => `${id},${b},repair,urban,2026-10-05 09:00:00,2026-10-05 10:00:00,open`;
const late = (id: string, b: string) => `${id},${b},repair,urban,2026-10-05 09:00:00,2026-10-05 16:00:00,open`;
const orders = [
  'order_id,branch_id,service_type,zone,called_at,arrived_at,status',
  kept('O1', 'B1'),
  kept('O2', 'B1'),
  kept('O3', 'B1'),
  late('O4', 'B1'),
  kept('O5', 'B2'),
  kept('O6', 'B2'),
  kept('O7', 'B3'),
  late('O8', 'B3'),
  late('O9', 'B3'),
].join('\n');
// September, for the change: B1 1 of 2 kept → 0.5, so October's 0.75 is +0.25, for the better.
const september = ['O10,B1,repair,urban,2026-09-07 09:00:00,2026-09-07 10:00:00,open', 'O11,B1,repair,urban,2026-09-07 09:00:00,2026-09-07 16:00:00,open'];

const choices: BranchChoice[] = [
  { branch_id: 'HQ', branch_name: '总部', level: 'hq', parent_id: null, depth: 0 },
  { branch_id: 'C1', branch_name: '华东中心', level: 'center', parent_id: 'HQ', depth: 1 },
  { branch_id: 'B1', branch_name: '上海', level: 'branch', parent_id: 'C1', depth: 2 },
  { branch_id: 'B2', branch_name: '杭州', level: 'branch', parent_id: 'C1', depth: 2 },
  { branch_id: 'B3', branch_name: '南京', level: 'branch', parent_id: 'C1', depth: 2 },
];

describe.each(ENGINES)('league table on a roll-up report (%s)', (engine) => {
  test('a branch below min_cases is marked low-confidence, not ranked, and sorted after the solid ones', async () => {
    const cfg = { min_cases: 3, targets: { 'response.on_time_rate': { min: 0.95 } } };
    const db = await fixtureDb(engine, { branches, service_orders: [orders, ...september].join('\n') }, cfg);
    const config = parseConfig(JSON.stringify(cfg));
    const cur = (await computeReport(db, { period: '2026-10', branch: null, rollup: true }, SQL, { tables: [] })) as LeagueReport;
    const prev = (await computeReport(db, { period: '2026-09', branch: null, rollup: true }, SQL, { tables: [] })) as LeagueReport;
    await db.close();

    const rows = buildLeague(cur, prev, choices, config);
    expect(rows.map((r) => [r.id, r.kind])).toEqual([
      [null, 'company'],
      ['C1', 'center'],
      ['B1', 'branch'],
      ['B2', 'branch'],
      ['B3', 'branch'],
    ]);
    const on = (id: string | null) => rows.find((r) => r.id === id)!.cells['response.on_time_rate']!;
    expect(on('B1')).toMatchObject({ value: 0.75, cases: 4, low: false, rank: 1, status: 'missed', trend: 'better' });
    expect(on('B1').delta).toBeCloseTo(0.25, 12);
    expect(on('B2')).toMatchObject({ value: 1, cases: 2, low: true, rank: null, status: 'met', delta: null });
    expect(on('B3')).toMatchObject({ cases: 3, low: false, rank: 2 });
    expect(on('B3').num).toBeCloseTo(1 / 3, 12);
    expect(on('C1')).toMatchObject({ cases: 9, low: false, rank: 1 });
    expect(on('C1').num).toBeCloseTo(2 / 3, 12);
    expect(on(null)).toMatchObject({ cases: 9, rank: null });
    // Volume beside the rates.
    expect(rows.find((r) => r.id === 'B2')).toMatchObject({ volume: 2, prevVolume: 0 });

    const branchRows = rows.filter((r) => r.kind === 'branch');
    expect(sortRows(branchRows, 'response.on_time_rate', 'desc').map((r) => r.id)).toEqual(['B1', 'B3', 'B2']);
    // Worst first: still the low-confidence branch last, not first.
    expect(sortRows(branchRows, 'response.on_time_rate', 'asc').map((r) => r.id)).toEqual(['B3', 'B1', 'B2']);
    // The median of the branches is over the solid values only: (0.75 + 1/3) / 2.
    const s = standing(rows.find((r) => r.id === 'B1')!, rows)['response.on_time_rate']!;
    expect(s).toMatchObject({ rank: 1, ranked: 2 });
    expect(s.median).toBeCloseTo((0.75 + 1 / 3) / 2, 12);
    expect(s.company).toBeCloseTo(2 / 3, 12);
    // Targets met: B2's 100 % meets 95 % but is low-confidence, so it is not counted as met.
    expect(rows.find((r) => r.id === 'B2')).toMatchObject({ met: 0, judged: 0 });
    expect(rankOf(rows.find((r) => r.id === 'B1')!, 'volume', rows)).toBe(1);
  });
});

describe('judging a value', () => {
  test('target colours: met, near (within 5 % of the target), missed', () => {
    expect(targetStatus(0.95, { min: 0.95 })).toBe('met');
    expect(targetStatus(0.91, { min: 0.95 })).toBe('near'); // ≥ 0.95 − 0.0475
    expect(targetStatus(0.9, { min: 0.95 })).toBe('missed');
    expect(targetStatus(1.04, { max: 1 })).toBe('near');
    expect(targetStatus(1.2, { max: 1 })).toBe('missed');
    expect(targetStatus(null, { min: 0.95 })).toBeNull();
    expect(targetStatus(0.5, undefined)).toBeNull();
  });

  test('low confidence: some cases but fewer than the minimum; no cases is no value', () => {
    expect(isLowConfidence(19, 20)).toBe(true);
    expect(isLowConfidence(20, 20)).toBe(false);
    expect(isLowConfidence(0, 20)).toBe(false);
    expect(isLowConfidence(null, 20)).toBe(false);
  });

  test('competition ranks and medians', () => {
    const r = competitionRanks(
      [
        ['a', 0.9],
        ['b', 0.95],
        ['c', 0.9],
        ['d', null],
      ] as const,
      'higher',
    );
    expect([...r.entries()]).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 2],
      ['d', null],
    ]);
    expect(
      competitionRanks(
        [
          ['a', 12],
          ['b', 8],
        ] as const,
        'lower',
      ).get('b'),
    ).toBe(1);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  test('a single head office over everything is the company row; other parents are centres', () => {
    expect([...rowKinds(choices)]).toEqual([
      ['HQ', 'company'],
      ['C1', 'center'],
      ['B1', 'branch'],
      ['B2', 'branch'],
      ['B3', 'branch'],
    ]);
    const twoRoots: BranchChoice[] = [
      { branch_id: 'N', branch_name: null, level: 'center', parent_id: null, depth: 0 },
      { branch_id: 'N1', branch_name: null, level: 'branch', parent_id: 'N', depth: 1 },
      { branch_id: 'X', branch_name: null, level: null, parent_id: null, depth: 0 },
    ];
    expect([...rowKinds(twoRoots)]).toEqual([
      ['N', 'center'],
      ['N1', 'branch'],
      ['X', 'branch'],
    ]);
  });
});

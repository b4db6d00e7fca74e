/**
 * The sentences of the drafted 综述, in Chinese and English. Each takes display texts already formatted
 * (numbers are formatted in draft.ts, once), so the two languages say the same figures.
 */
import type { Lang } from '../i18n/index.ts';

/** A change's direction in words: up, down or no change. */
export type Direction = 'up' | 'down' | 'flat';

/** One figure that missed (or nearly missed) its target: label, value, target text. */
export interface Miss {
  label: string;
  value: string;
  target: string;
}

/** A main contributor to a change: who, how (rate or weight), its share of the change in pp. */
export interface Contributor {
  group: string;
  /** 'rate': the group's own rate moved; 'mix': its weight moved; 'new' / 'gone': present in one month only. */
  how: 'rate' | 'mix' | 'new' | 'gone';
  dir: Direction;
  /** Signed percentage points, e.g. "−0.40". */
  pp: string;
}

/** The phrases of one language. */
export interface Phrases {
  opening(month: string, scope: string, received: string, completed: string): string;
  targets(met: number, near: number, missed: number, misses: Miss[]): string;
  noTargets(): string;
  rate(
    label: string,
    value: string,
    mom: { dir: Direction; pp: string } | null,
    by: Contributor[],
    short: string,
    yoy: { dir: Direction; pp: string } | null,
  ): string;
  urge(n: number, steps: { step: string; n: number }[]): string;
  noUrge(): string;
  lowTech(list: { name: string; score: string }[]): string;
  cost(value: string, change: { dir: Direction; amount: string } | null): string;
  /** The unknown step of an overdue complaint with no step recorded. */
  noStep(): string;
}

const zhDir = (d: Direction) => (d === 'up' ? '上升' : d === 'down' ? '下降' : '持平');
const zhChange = (d: Direction, pp: string) => (d === 'flat' ? '持平' : `${zhDir(d)} ${pp} 个百分点`);

const zh: Phrases = {
  opening: (month, scope, received, completed) => `${month}，${scope}受理工单 ${received} 单，完工 ${completed} 单。`,
  targets: (met, near, missed, misses) =>
    `考核指标 ${met} 项达标` +
    (near ? `，${near} 项接近目标` : '') +
    (missed ? `，${missed} 项未达标` : '') +
    (misses.length ? `：${misses.map((m) => `${m.label} ${m.value}（目标 ${m.target}）`).join('、')}` : '') +
    '。',
  noTargets: () => '未设置考核目标。',
  rate: (label, value, mom, by, short, yoy) => {
    let s = `${label} ${value}`;
    if (mom) s += `，环比${zhChange(mom.dir, mom.pp)}`;
    if (by.length) {
      const why = by.map((c) => {
        const what = c.how === 'rate' ? `${short}${zhDir(c.dir)}` : c.how === 'mix' ? `占比${zhDir(c.dir)}` : c.how === 'new' ? '本月新增' : '本月无数据';
        return `${c.group}${what}（${c.pp} 个百分点）`;
      });
      s += `，主要因${why.join('、')}`;
    }
    if (yoy) s += `；同比${zhChange(yoy.dir, yoy.pp)}`;
    return s + '。';
  },
  urge: (n, steps) => `截至月末催办投诉 ${n} 件，停留环节：${steps.map((x) => `${x.step} ${x.n} 件`).join('、')}。`,
  noUrge: () => '截至月末无催办投诉。',
  lowTech: (list) => `满意度最低的技术员：${list.map((x) => `${x.name}（${x.score} 分）`).join('、')}。`,
  cost: (value, change) =>
    `单均费用 ${value}` + (change ? (change.dir === 'flat' ? '，与上月持平' : `，较上月${change.dir === 'up' ? '增加' : '减少'} ${change.amount}`) : '') + '。',
  noStep: () => '未记录环节',
};

const enDir = (d: Direction) => (d === 'up' ? 'up' : d === 'down' ? 'down' : 'unchanged');
const enChange = (d: Direction, pp: string, on: string) => (d === 'flat' ? `unchanged ${on}` : `${enDir(d)} ${pp} pp ${on}`);

const en: Phrases = {
  opening: (month, scope, received, completed) => `${month}, ${scope}: ${received} orders received, ${completed} completed.`,
  targets: (met, near, missed, misses) =>
    `Targets: ${met} met` +
    (near ? `, ${near} nearly met` : '') +
    (missed ? `, ${missed} missed` : '') +
    (misses.length ? ` — ${misses.map((m) => `${m.label} ${m.value} (target ${m.target})`).join('; ')}` : '') +
    '.',
  noTargets: () => 'No targets are set.',
  rate: (label, value, mom, by, short, yoy) => {
    let s = `${label} ${value}`;
    if (mom) s += `, ${enChange(mom.dir, mom.pp, 'on last month')}`;
    if (by.length) {
      const why = by.map((c) => {
        const what =
          c.how === 'rate' ? `${short} ${enDir(c.dir)}` : c.how === 'mix' ? `share ${enDir(c.dir)}` : c.how === 'new' ? 'new this month' : 'none this month';
        return `${c.group} (${what}, ${c.pp} pp)`;
      });
      s += `, mainly ${why.join(' and ')}`;
    }
    if (yoy) s += `; ${enChange(yoy.dir, yoy.pp, 'on a year ago')}`;
    return s + '.';
  },
  urge: (n, steps) => `Overdue complaints to chase at month-end: ${n}, waiting at ${steps.map((x) => `${x.step} (${x.n})`).join(', ')}.`,
  noUrge: () => 'No overdue complaints to chase at month-end.',
  lowTech: (list) => `Lowest-rated technicians: ${list.map((x) => `${x.name} (${x.score})`).join(', ')}.`,
  cost: (value, change) =>
    `Cost per completed order ${value}` +
    (change ? (change.dir === 'flat' ? ', unchanged on last month' : `, ${change.dir === 'up' ? 'up' : 'down'} ${change.amount} on last month`) : '') +
    '.',
  noStep: () => 'no step recorded',
};

/** The phrases of `lang`. */
export const PHRASES: Record<Lang, Phrases> = { zh, en };

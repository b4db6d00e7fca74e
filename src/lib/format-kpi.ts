/**
 * Text of the comparison, technician and annual pages: period labels, changes, targets, fines' rule.
 * Display only (the values are the SQL's).
 */
import type { Target } from './config.ts';
import { lang, monthLabel, t, type Lang } from './i18n/index.ts';
import { formatMoney, formatNumber, formatValue, type ValueKind } from './format.ts';

const MONTH_NAMES_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Oct" / "10" of a month number, for "1–10 月" / "Jan–Oct". */
export const monthName = (m: number, lng: Lang = lang()): string => (lng === 'zh' ? String(m) : MONTH_NAMES_EN[m - 1]!);

/**
 * A period's label: a month ("2026 年 10 月"), a year to date ("2026 年累计（1–10 月）"), a full year
 * ("2025 年全年"), another range as "first – last".
 */
export function periodLabel(period: string, lng: Lang = lang()): string {
  const r = /^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$/.exec(period);
  if (r) {
    const [, y1, m1, y2, m2] = r;
    if (y1 === y2 && m1 === '01') {
      if (m2 === '12') return t('cmp.full_year', { y: y1! }, lng);
      return t('cmp.ytd', { y: y1!, m: Number(m2), mon: monthName(Number(m2), 'en') }, lng);
    }
    return `${monthLabel(`${y1}-${m1}`, lng)} – ${monthLabel(`${y2}-${m2}`, lng)}`;
  }
  if (/^\d{4}$/.test(period)) return t('cmp.full_year', { y: period }, lng);
  return monthLabel(period, lng);
}

/** A change as an arrow and its size in the value's unit (rates in percentage points): "▲2.5", "▼¥12.30". */
export function formatDelta(delta: number | null, kind: ValueKind, words = false): string {
  if (delta === null || !Number.isFinite(delta)) return '';
  const size = Math.abs(delta);
  let text: string;
  switch (kind) {
    case 'rate':
      text = formatNumber(size * 100, 1, 1);
      break;
    case 'money':
      text = formatMoney(size.toFixed(2));
      break;
    case 'count':
      text = formatNumber(size, 0);
      break;
    case 'hours':
      text = formatNumber(size, 1, 1);
      break;
    default:
      text = formatNumber(size, 2, 2);
  }
  if (Number(text.replace(/[^\d.]/g, '')) === 0) return '±0';
  return `${delta > 0 ? '▲' : '▼'}${text}${words && kind === 'rate' ? t('cmp.pp') : ''}`;
}

/** A relative change "+5.2%" (year on year of a count or amount); '' when the base is 0 or missing. */
export function formatGrowth(cur: number | null, prev: number | null): string {
  if (cur === null || prev === null || prev === 0) return '';
  const g = ((cur - prev) / Math.abs(prev)) * 100;
  const text = formatNumber(Math.abs(g), 1, 1);
  return Number(text) === 0 ? '±0.0%' : `${g > 0 ? '+' : '−'}${text}%`;
}

/** A target as "≥ 95.0%" / "≤ 1.00"; '' without one. */
export function targetText(target: Target | undefined, kind: ValueKind): string {
  if (!target) return '';
  const parts: string[] = [];
  if (target.min !== undefined) parts.push(t('cmp.target.min', { v: formatValue(target.min, kind) }));
  if (target.max !== undefined) parts.push(t('cmp.target.max', { v: formatValue(target.max, kind) }));
  return parts.join(' ');
}

/** The fine rule applied to one technician's counts: "2 × ¥50 + 1 × ¥20". */
export function fineFormula(late: unknown, incomplete: unknown): string {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  // A part that was not measured (null: its input is absent) is left out of the estimate.
  if (late === null && typeof incomplete === 'number') return t('tech.fine_part.incomplete', { n: incomplete });
  if (incomplete === null && typeof late === 'number') return t('tech.fine_part.late', { n: late });
  return t('tech.fine_formula', { late: n(late), incomplete: n(incomplete) });
}

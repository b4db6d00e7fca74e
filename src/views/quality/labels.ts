/**
 * Names of the complaint enums on the quality page (issue 4): Chinese from SPEC §2 as data
 * (src/lib/schema.ts — CAUSE_CODES, DEPARTMENTS, each enum's first Chinese alias), English here.
 * Presentation only.
 */
import { has, lang, t } from '../../lib/i18n/index.ts';
import { CAUSE_CODES, TABLE_BY_NAME } from '../../lib/schema.ts';

/** English names of the cause codes of SPEC §4 [002#2 行政处罚准则 §四]. */
const CAUSES_EN: Record<string, string> = {
  C01: 'Wrong documents or samples',
  C02: 'Financial error',
  C03: 'Materials not per specification',
  C04: 'Non-conforming product mixed in',
  C05: 'Shipped beyond the accepted range',
  C06: 'Production data cut without approval',
  C07: 'Special quality requirement not passed on',
  C08: 'Order recorded wrongly',
  C09: 'Late delivery',
  C10: 'Wrong shipment',
  C11: 'Delivery note recorded wrongly',
  C12: 'Improper storage or transport',
  C13: 'Marking does not match',
  C14: 'Inspection data does not match',
  C15: 'Other',
};

const EN: Record<string, Record<string, string>> = {
  market: { domestic: 'Domestic', foreign: 'Foreign' },
  severity: { major: 'Major', general: 'General' },
  valid: { yes: 'Valid', no: 'Not valid', pending: 'Pending' },
  nature: { quality: 'Quality', non_quality: 'Non-quality (human)' },
  sanction: { none: 'None', warning: 'Warning', minor: 'Minor demerit', major: 'Major demerit' },
  department: {
    service: 'After-sales service',
    sales: 'Sales',
    quality: 'Quality management',
    manufacturing: 'Manufacturing',
    rnd: 'R&D',
    gm_office: 'GM office',
    warehouse: 'Warehouse',
    logistics: 'Logistics',
    other: 'Other',
  },
};

/** Which table's column defines each enum (for its Chinese aliases). */
const SOURCE: Record<string, [string, string]> = {
  market: ['complaints', 'market'],
  severity: ['complaints', 'severity'],
  valid: ['complaints', 'valid'],
  nature: ['complaints', 'nature'],
  sanction: ['complaint_responsibility', 'sanction'],
  department: ['complaint_responsibility', 'department'],
};

export type EnumName = keyof typeof SOURCE;

/** The display name of an enum value in the current language; the raw value when it is unknown; "—" for null. */
export function enumLabel(name: EnumName, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const v = String(value);
  if (lang() === 'en') return EN[name]?.[v] ?? v;
  const [table, column] = SOURCE[name]!;
  const col = TABLE_BY_NAME[table as keyof typeof TABLE_BY_NAME]?.columns.find((c) => c.name === column);
  return col?.values?.[v]?.[0] ?? v;
}

/** "C04 不合格品混入" / "C04 Non-conforming product mixed in"; "—" when empty. */
export function causeLabel(code: unknown): string {
  if (code === null || code === undefined || code === '') return '—';
  const c = String(code);
  const name = lang() === 'en' ? CAUSES_EN[c] : CAUSE_CODES[c];
  return name ? `${c} ${name}` : c;
}

/** A workflow step's name (SPEC §4). */
export function stepLabel(step: unknown): string {
  if (step === null || step === undefined || step === '') return '—';
  const id = `q.step.${String(step)}`;
  return has(id) ? t(id) : String(step);
}

/** The cause codes of SPEC §4 in order (C01–C15). */
export const CAUSE_LIST = Object.keys(CAUSE_CODES);

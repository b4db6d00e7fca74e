/** The annual page's sections in order (id, heading, note: dictionary ids), for its template (annual.astro). */
import type { MessageId } from '../../lib/i18n/index.ts';

/** One section of the annual report. */
export interface AnnualSection {
  id: string;
  title: MessageId;
  note?: MessageId;
}

const section = (id: string, title: MessageId, note?: MessageId): AnnualSection => ({ id, title, note });

/** The sections by name, in the page's order. */
export const ANNUAL_SECTIONS = {
  summary: section('summary', 'annual.section.summary', 'annual.section.summary.note'),
  kpis: section('kpis', 'annual.section.kpis'),
  trends: section('trends', 'annual.section.trends', 'annual.section.trends.note'),
  cost: section('cost', 'annual.section.cost', 'annual.section.cost.note'),
  complaints: section('complaints', 'annual.section.complaints', 'annual.section.complaints.note'),
  satisfaction: section('satisfaction', 'annual.section.satisfaction', 'annual.section.satisfaction.note'),
  ranking: section('ranking', 'annual.section.ranking', 'annual.section.ranking.note'),
} as const;

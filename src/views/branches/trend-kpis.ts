/** The KPIs the branch comparison's small multiples can show (the picker's options and the `kpi=` values the URL may hold). */
import { HEADLINE_KPIS } from '../../lib/kpis.ts';

export const TREND_KPIS: readonly string[] = [...HEADLINE_KPIS.map((k) => k.id), 'orders.received'];

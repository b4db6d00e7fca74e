/**
 * What the month's change explained adds to the monthly page — the 综述 block and the explanation panel —
 * behind three calls for the controller: `pending` (a new selection: the draft without contributors),
 * `show` (the figures are on screen: compute the explanation, then redraw both), `relabel` (language).
 * `<html data-explain-ready="1">` marks that the explanation of the selection shown is in.
 */
import type { Dataset } from '../../lib/report/browser-sample.ts';
import type { Explain } from '../../lib/report/explain.ts';
import type { Metrics } from '../../lib/report/types.ts';
import { refreshExplain, setExplainData, whenOpened, wireExplain } from './explain-panel.ts';
import type { MonthlyData } from './model.ts';
import { showSummary, summaryKey, wireSummary } from './summary-block.ts';

interface Deps {
  /** The explanation of a selection (cached by the controller). */
  explain: (sel: { period: string; branch: string | null }, metrics: Metrics) => Promise<Explain>;
  dataset: () => Dataset;
  /**
   * Is the explanation of this selection stored, or cheap to compute? When not (a branch of the bundled
   * data opened on its stored part: computing it downloads the whole file), it is computed only when the
   * reader opens the panel, and the 综述 names its contributors from then on.
   */
  eager: (data: MonthlyData) => boolean;
  /** The controller's selection counter: a result for an older selection is dropped. */
  current: () => number;
}

/** The 综述 and the explanation panel, wired once. */
export function explainExtras(deps: Deps) {
  wireSummary();
  wireExplain();
  let last: { data: MonthlyData; explain: Explain | null | undefined } | null = null;
  const draw = () => {
    if (!last) return;
    setExplainData(last.data, last.explain);
    showSummary(last.data, last.explain ?? null, summaryKey(deps.dataset(), last.data.period, last.data.branch));
  };
  return {
    pending(data: MonthlyData): void {
      delete document.documentElement.dataset['explainReady'];
      last = { data, explain: undefined };
      draw();
    },
    show(data: MonthlyData, mine: number): void {
      whenOpened(null);
      if (!deps.eager(data)) {
        whenOpened(() => this.compute(data, mine));
        document.documentElement.dataset['explainReady'] = '1';
        return;
      }
      this.compute(data, mine);
    },
    compute(data: MonthlyData, mine: number): void {
      const start = performance.now();
      void deps
        .explain({ period: data.period, branch: data.branch }, data.current.metrics)
        .then(
          (x) => x,
          (e: unknown) => {
            console.warn('explain failed', e);
            return null;
          },
        )
        .then((x) => {
          if (mine !== deps.current()) return;
          // Read by the e2e test: what computing the explanation live costs after the figures are shown.
          performance.measure('monthly-explain', { start, end: performance.now() });
          last = { data, explain: x };
          draw();
          document.documentElement.dataset['explainReady'] = '1';
        });
    },
    relabel(): void {
      draw();
      refreshExplain();
    },
  };
}

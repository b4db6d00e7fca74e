/**
 * Draw a quality-page chart (shared chart-mount) and give its SVG a viewBox, so the printed page can
 * scale it to the paper's width (ECharts' SVG has a fixed pixel size and no viewBox). The viewBox follows
 * every redraw and the shared resize before printing.
 */
import type { EChartsCoreOption } from 'echarts/core';

const drawn = new Set<HTMLElement>();

function fit(el: HTMLElement): void {
  const svg = el.querySelector('svg');
  const w = svg?.getAttribute('width');
  const h = svg?.getAttribute('height');
  if (svg && w && h) {
    svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  }
}

let watching = false;

/** Show `option` in `el` (one chart per element) and keep it printable. */
export async function showQualityChart(el: HTMLElement, option: EChartsCoreOption): Promise<void> {
  const { showChart } = await import('../../components/chart-mount.ts');
  showChart(el, option);
  fit(el);
  drawn.add(el);
  if (!watching) {
    watching = true;
    // Registered after chart-mount's own resize listener, so it runs after the resize.
    addEventListener('beforeprint', () => drawn.forEach(fit));
    addEventListener('afterprint', () => drawn.forEach(fit));
  }
}

import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the charts use (tree-shaken). SVG: crisp at any zoom and in print.
echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, SVGRenderer]);

const charts = new Map<HTMLElement, echarts.ECharts>();
let watching = false;

/** Render `option` into `el` (one chart instance per element, re-used; resized with the window). */
export function showChart(el: HTMLElement, option: echarts.EChartsCoreOption): void {
  let chart = charts.get(el);
  if (!chart) {
    chart = echarts.init(el, null, { renderer: 'svg' });
    charts.set(el, chart);
  } else if (chart.getWidth() !== el.clientWidth || chart.getHeight() !== el.clientHeight) {
    chart.resize(); // the box changed (e.g. a chart whose height follows its number of rows)
  }
  chart.setOption(option, { notMerge: true });
  if (!watching) {
    watching = true;
    const resize = () => charts.forEach((c) => c.resize());
    addEventListener('resize', resize);
    // Print: lay the charts out for the paper width, then back.
    addEventListener('beforeprint', resize);
    addEventListener('afterprint', resize);
  }
}

/** Remove the chart drawn in `el`, if any (its section is hidden for this selection). */
export function clearChart(el: HTMLElement): void {
  charts.get(el)?.dispose();
  charts.delete(el);
}

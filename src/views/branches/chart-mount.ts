/**
 * The chart kinds the comparison and annual pages add to the shared mount (chart-mount.ts registers the
 * bar chart): lines, their target mark line, stacked bars. echarts.use is idempotent, so registering
 * here beside it is safe; rendering still goes through the shared showChart (SVG, resize, print).
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export { showChart } from '../../components/chart-mount.ts';

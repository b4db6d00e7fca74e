/**
 * The printed edition's charts: a ChartSpec drawn as static SVG by Observable Plot (crisp at any zoom,
 * no script needed once drawn). Pure: spec + document in, an <svg> element out — the browser passes its
 * own document, the snapshot tests a linkedom one.
 *
 * Plot puts a <style> element inside every chart; under the site's Content-Security-Policy (no inline
 * styles) the browser would refuse it and log an error, so it is removed here and its two rules live in
 * src/views/shell/print.css (`.print-chart svg`). The title, unit and legend are HTML around the SVG
 * (src/views/monthly/view.ts), so the SVG holds only axes, bars, labels and targets.
 */
import * as Plot from '@observablehq/plot';
import { formatCompact, formatCount, formatNumber, formatValue } from '../lib/format.ts';
import { lang } from '../lib/i18n/index.ts';
import { CHART_COLORS, hasValues, rateAxisMax, type ChartSpec } from '../lib/charts/spec.ts';

export interface PlotChartOptions {
  /** The document to create the SVG in (the page's, or a server-side DOM in tests). */
  document: Document;
  /** Width in CSS pixels (the printed figure's width; the SVG scales with its box). */
  width?: number;
}

interface Datum {
  category: string;
  series: string;
  value: number;
  color: string;
  label: string;
}

const FONT_SIZE = 10;

/** Axis tick text for a value of `kind`. */
function tick(kind: ChartSpec['kind']): (v: number) => string {
  switch (kind) {
    case 'rate':
      return (v) => `${Math.round(v * 100)}%`;
    case 'money':
    case 'count':
      return (v) => formatCompact(v, lang());
    default:
      return (v) => formatNumber(v, 2);
  }
}

/** The spec's values as Plot rows (nulls left out: a gap, never a zero bar). */
function rows(spec: ChartSpec): Datum[] {
  const out: Datum[] = [];
  spec.categories.forEach((category, i) => {
    for (const s of spec.series) {
      const v = s.values[i];
      if (v === null || v === undefined) continue;
      out.push({ category, series: s.name, value: v, color: s.color, label: formatValue(spec.kind === 'money' ? v.toFixed(2) : v, spec.kind) });
    }
  });
  return out;
}

/** Draw `spec` as an SVG element; null when there is nothing to draw (the caller shows the empty text). */
export function plotChart(spec: ChartSpec, options: PlotChartOptions): SVGSVGElement | null {
  if (!hasValues(spec)) return null;
  const width = options.width ?? 340;
  const data = rows(spec);
  const seriesNames = spec.series.map((s) => s.name);
  const common = {
    document: options.document,
    width,
    className: 'pchart',
    ariaLabel: spec.title,
  };
  const max = rateAxisMax(spec);
  let svg: SVGSVGElement | HTMLElement;

  if (spec.type === 'bar') {
    // Categories down, bars to the right: branch lists, stacked compositions.
    const longest = Math.max(...spec.categories.map((c) => c.length), 2);
    const marks: Plot.Markish[] = [
      Plot.barX(data, {
        y: 'category',
        x: 'value',
        fill: 'color',
        ...(spec.stacked ? { order: seriesNames, z: 'series' } : {}),
        inset: 0.5,
      }),
      Plot.ruleX([0], { stroke: CHART_COLORS.muted }),
    ];
    if (!spec.stacked) {
      marks.push(Plot.text(data, { y: 'category', x: 'value', text: 'label', textAnchor: 'start', dx: 3, fill: CHART_COLORS.ink }));
    }
    if (spec.target) {
      marks.push(Plot.ruleX([spec.target.value], { stroke: CHART_COLORS.target, strokeDasharray: '4,3', strokeWidth: 1.2 }));
    }
    svg = Plot.plot({
      ...common,
      height: 28 + spec.categories.length * 20,
      marginLeft: Math.min(12 + longest * FONT_SIZE, 130),
      marginRight: spec.stacked ? 12 : 44,
      marginTop: 8,
      marginBottom: 20,
      x: { domain: max !== undefined ? [0, max] : undefined, tickFormat: tick(spec.kind), ticks: 4, grid: true, label: null, nice: true },
      y: { domain: spec.categories, label: null, tickSize: 0 },
      color: { type: 'identity' },
      marks,
    });
  } else if (spec.series.length === 1 || spec.stacked) {
    // One series along x.
    const marks: Plot.Markish[] = [
      Plot.barY(data, { x: 'category', y: 'value', fill: 'color', ...(spec.stacked ? { order: seriesNames, z: 'series' } : {}), inset: 4 }),
      Plot.ruleY([0], { stroke: CHART_COLORS.muted }),
    ];
    if (!spec.stacked) marks.push(Plot.text(data, { x: 'category', y: 'value', text: 'label', dy: -6, fill: CHART_COLORS.ink }));
    if (spec.target) marks.push(Plot.ruleY([spec.target.value], { stroke: CHART_COLORS.target, strokeDasharray: '4,3', strokeWidth: 1.2 }));
    svg = Plot.plot({
      ...common,
      height: 190,
      marginTop: 16,
      marginLeft: 44,
      marginBottom: 24,
      x: { domain: spec.categories, label: null, tickSize: 0 },
      y: { domain: max !== undefined ? [0, max] : undefined, tickFormat: tick(spec.kind), ticks: 4, grid: true, label: null, nice: true },
      color: { type: 'identity' },
      marks,
    });
  } else {
    // Several series side by side within each category (this month against the comparison months).
    const marks: Plot.Markish[] = [
      Plot.barY(data, { fx: 'category', x: 'series', y: 'value', fill: 'color', inset: 1 }),
      Plot.ruleY([0], { stroke: CHART_COLORS.muted }),
    ];
    if (spec.categoryTargets) {
      const targets = spec.categories
        .map((category, i) => ({ category, value: spec.categoryTargets!.values[i] }))
        .filter((d): d is { category: string; value: number } => d.value !== null && d.value !== undefined);
      marks.push(Plot.tickY(targets, { fx: 'category', y: 'value', stroke: CHART_COLORS.target, strokeWidth: 1.5, strokeDasharray: '4,2' }));
    }
    if (spec.target) marks.push(Plot.ruleY([spec.target.value], { stroke: CHART_COLORS.target, strokeDasharray: '4,3', strokeWidth: 1.2 }));
    svg = Plot.plot({
      ...common,
      height: 190,
      marginTop: 10,
      marginLeft: 44,
      marginBottom: 24,
      fx: { domain: spec.categories, label: null, padding: 0.15 },
      x: { domain: seriesNames, axis: null },
      y: { domain: max !== undefined ? [0, max] : undefined, tickFormat: tick(spec.kind), ticks: 4, grid: true, label: null, nice: true },
      color: { type: 'identity' },
      marks,
    });
  }
  const el = svg as SVGSVGElement;
  el.querySelector('style')?.remove();
  return el;
}

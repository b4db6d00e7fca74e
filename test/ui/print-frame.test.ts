import { describe, expect, test } from 'vitest';
import { counterContent, cssString, pageCss, today } from '../../src/views/shell/print-frame.ts';

describe('print frame: the @page rule of the running header and page numbers', () => {
  test('CSS strings are escaped (a company name with quotes cannot break the rule)', () => {
    expect(cssString('华信"电器"\\x')).toBe('"华信\\"电器\\"\\\\x"');
    expect(cssString('a\nb')).toBe('"a\\A b"');
  });

  test('page numbers from the dictionary template', () => {
    expect(counterContent('第 {page} 页 / 共 {pages} 页')).toBe('"第 " counter(page) " 页 / 共 " counter(pages) " 页"');
    expect(counterContent('Page {page} of {pages}')).toBe('"Page " counter(page) " of " counter(pages)');
    expect(counterContent('')).toBe('""');
  });

  test('A4 portrait with the company, the report title, the period and scope, and the page number', () => {
    const css = pageCss({
      company: '华信电器股份有限公司',
      title: '售后服务月报',
      period: '2026 年 10 月',
      scope: '全公司',
      asOf: '2026-11-01 00:00',
      pageTemplate: '第 {page} 页 / 共 {pages} 页',
    });
    expect(css).toContain('size: A4 portrait');
    expect(css).toMatch(/@top-left \{ content: "华信电器股份有限公司";/);
    expect(css).toMatch(/@top-center \{ content: "售后服务月报";/);
    expect(css).toMatch(/@top-right \{ content: "2026 年 10 月 · 全公司";/);
    expect(css).toMatch(/@bottom-center \{ content: "第 " counter\(page\) " 页 \/ 共 " counter\(pages\) " 页";/);
  });

  test('the print date is the local calendar date', () => {
    expect(today(new Date(2026, 10, 3, 23, 59))).toBe('2026-11-03');
  });
});

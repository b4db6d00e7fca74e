/**
 * The printed monthly report: `page.pdf` of the built site (A4, the page's own @page rules), read back
 * page by page (pdf-text.ts). Checks the page count, the running header (company, report, period) and
 * "第 n 页 / 共 N 页" on every page, the title block and the 编制 / 审核 / 批准 signature block, no UI
 * chrome, and that no chart is cut: each chart card is kept whole (break-inside: avoid) and fits a page
 * in print layout, and in the PDF each figure's title and its caption (under the chart) are on the same
 * page. Writes test-results/monthly.pdf (look at it: pdftoppm -png).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pdfPageTexts } from './pdf-text.ts';
import { reportReady, RESULTS, startSession, watchedPage, type Session, type Watched } from './browser.ts';

let s: Session;
let w: Watched;
let pages: string[];
let company: string;
let figures: { n: number; title: string; caption: string; height: number; breakInside: string }[];
let visibleControls: string[];
let pageHeightPx: number;
let lateList: { header: string; first: string; last: string; rows: number; theadDisplay: string };

const squash = (t: string) => t.replace(/\s+/g, '');

beforeAll(async () => {
  s = await startSession();
  w = await watchedPage(s.browser);
  await w.page.goto(`${s.server.url}?period=2026-10`);
  await reportReady(w.page);
  await w.page.waitForFunction(() => document.documentElement.dataset['printReady'] === '1', undefined, { timeout: 30_000 });
  company = (await w.page.locator('#print-company').textContent())!;
  // The whole late-orders list, so a table certainly runs over pages.
  await w.page.click('[data-toggle-all="drill-late"]');
  await w.page.emulateMedia({ media: 'print' });
  lateList = await w.page.evaluate(() => {
    const t = document.querySelector<HTMLTableElement>('#table-drill-late')!;
    const rows = t.querySelectorAll('tbody tr');
    return {
      header: t.tHead!.textContent!,
      first: rows[0]!.textContent!,
      last: rows[rows.length - 1]!.textContent!,
      rows: rows.length,
      theadDisplay: getComputedStyle(t.tHead!).display,
    };
  });
  // A4 page box 297 mm minus the 17 mm + 15 mm margins of print.css / print-frame.ts, in CSS px.
  pageHeightPx = ((297 - 17 - 15) / 25.4) * 96;
  figures = await w.page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.chart-card')].map((fig) => {
      const box = fig.querySelector<HTMLElement>('[data-print-chart]')!;
      return {
        n: Number(box.dataset['figure']),
        title: box.querySelector('[data-print-title]')!.textContent!,
        caption: box.querySelector('[data-print-caption]')!.textContent!,
        height: fig.getBoundingClientRect().height,
        breakInside: getComputedStyle(fig).breakInside,
      };
    }),
  );
  // Controls that would print: any button, picker or link box still laid out in print media.
  visibleControls = await w.page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, select, input, nav, .site-header, .site-footer')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  const pdf = await w.page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(`${RESULTS}monthly.pdf`, pdf);
  pages = pdfPageTexts(pdf).map(squash);
});

afterAll(async () => {
  await s?.close();
});

describe('printed monthly report (A4 PDF)', () => {
  test('a handful of A4 pages, each with the running header and its page number', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.length).toBeLessThanOrEqual(20);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(squash(company));
      expect(text, `page ${i + 1}`).toContain('售后服务月报');
      expect(text, `page ${i + 1}`).toContain(squash('2026 年 10 月 · 全公司'));
      expect(text, `page ${i + 1}`).toContain(squash(`第 ${i + 1} 页 / 共 ${pages.length} 页`));
    });
  });

  test('the first page opens with the title block; the last one ends with the signature block', () => {
    expect(company.length).toBeGreaterThan(0);
    expect(pages[0]).toContain(squash('报告期间2026 年 10 月'));
    expect(pages[0]).toContain('核心指标');
    const last = pages.at(-1)!;
    for (const word of ['编制', '审核', '批准']) expect(last).toContain(word);
    expect(last.match(/日期/g)?.length).toBeGreaterThanOrEqual(3);
  });

  test('no UI chrome: no buttons, pickers, navigation or footer in the print', () => {
    expect(visibleControls).toEqual([]);
    const all = pages.join('');
    for (const word of ['打印月报', '统计期间', '显示全部', 'English', '计算引擎', '示例数据']) expect(all).not.toContain(word);
  });

  test('every chart is drawn (Plot SVG) and kept whole: it fits a page and may not break inside', () => {
    expect(figures.length).toBe(15); // the seven sections' 13 and the hotline's two
    for (const f of figures) {
      expect(f.breakInside, f.title).toBe('avoid');
      expect(f.height, f.title).toBeGreaterThan(100);
      expect(f.height, f.title).toBeLessThan(pageHeightPx);
    }
  });

  test('in the PDF each figure title and its caption under the chart are on the same page', () => {
    for (const f of figures) {
      expect(f.caption).toMatch(new RegExp(`^图 ${f.n}\\s`));
      const titlePage = pages.findIndex((p) => p.includes(squash(f.title)));
      const captionPage = pages.findIndex((p) => p.includes(squash(f.caption)));
      expect(titlePage, f.title).toBeGreaterThanOrEqual(0);
      expect(captionPage, `${f.title} (${f.caption})`).toBe(titlePage);
    }
  });

  test('a table that runs over pages repeats its header row on each of them', () => {
    expect(lateList.theadDisplay).toBe('table-header-group');
    expect(lateList.rows).toBeGreaterThan(40);
    const first = pages.findIndex((p) => p.includes(squash(lateList.first)));
    const last = pages.findIndex((p) => p.includes(squash(lateList.last)));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(last).toBeGreaterThan(first); // the whole list does not fit one page
    for (let i = first; i <= last; i++) expect(pages[i], `page ${i + 1}`).toContain(squash(lateList.header));
    expect(w.errors).toEqual([]);
  });
});

/**
 * The printed frame of a report page (A4): a running header on every page — company name, report title,
 * period and scope — and "page X of Y" in the footer, as CSS @page margin boxes. Their text depends on
 * the data and the selection, so the rule is built here and installed as a constructed style sheet
 * (document.adoptedStyleSheets): the site's Content-Security-Policy forbids inline <style>, not CSSOM.
 * Also fills the title block of src/components/print/PrintFrame.astro. Any report page can use it.
 */

export interface PrintFrameText {
  company: string;
  /** The report's name, e.g. 售后服务月报. */
  title: string;
  /** e.g. 2026 年 10 月. */
  period: string;
  /** e.g. 全公司, or 华东服务中心及下属 4 个网点. */
  scope: string;
  /** "YYYY-MM-DD HH:MM" (statistics cut-off). */
  asOf: string;
  /** The page-number text with {page} and {pages} placeholders, e.g. "第 {page} 页 / 共 {pages} 页". */
  pageTemplate: string;
}

/** A CSS string literal of `s` (quotes and backslashes escaped, line breaks as \A). */
export function cssString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\A ')}"`;
}

/** "第 {page} 页 / 共 {pages} 页" → `"第 " counter(page) " 页 / 共 " counter(pages) " 页"`. */
export function counterContent(template: string): string {
  const parts: string[] = [];
  let rest = template;
  for (;;) {
    const m = /\{(page|pages)\}/.exec(rest);
    if (!m) break;
    if (m.index > 0) parts.push(cssString(rest.slice(0, m.index)));
    parts.push(`counter(${m[1]})`);
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest) parts.push(cssString(rest));
  return parts.join(' ') || '""';
}

const BOX = 'font-size: 8.5pt; color: #5b6675; font-family: inherit;';

/** The @page rule: A4 portrait, running header (company | title | period · scope), page numbers below. */
export function pageCss(text: PrintFrameText): string {
  return [
    '@page {',
    '  size: A4 portrait;',
    '  margin: 17mm 13mm 15mm 13mm;',
    `  @top-left { content: ${cssString(text.company)}; ${BOX} vertical-align: bottom; padding-bottom: 2mm; border-bottom: 0.6pt solid #1f4e79; }`,
    `  @top-center { content: ${cssString(text.title)}; ${BOX} color: #1d2733; font-weight: 600; vertical-align: bottom; padding-bottom: 2mm; border-bottom: 0.6pt solid #1f4e79; }`,
    `  @top-right { content: ${cssString(`${text.period} · ${text.scope}`)}; ${BOX} vertical-align: bottom; padding-bottom: 2mm; border-bottom: 0.6pt solid #1f4e79; }`,
    `  @bottom-center { content: ${counterContent(text.pageTemplate)}; ${BOX} }`,
    '}',
  ].join('\n');
}

let sheet: CSSStyleSheet | null = null;

/** Install (or replace) the page rule and fill the title block's elements (#print-company …) when present. */
export function setPrintFrame(text: PrintFrameText, generated: string): void {
  if (typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in document) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }
    sheet.replaceSync(pageCss(text));
  }
  const fill = (id: string, s: string) => {
    const el = document.getElementById(id);
    if (el) el.textContent = s;
  };
  fill('print-company', text.company);
  fill('print-period', text.period);
  fill('print-scope', text.scope);
  fill('print-as-of', text.asOf);
  fill('print-generated', generated);
}

/** Today's date as "YYYY-MM-DD" in the reader's wall-clock time (the date the report was printed). */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

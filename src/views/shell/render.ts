import type { Dataset } from '../../lib/report/browser-sample.ts';
import type { Db, Row } from '../../lib/db/types.ts';
import { has, lang, monthLabel, t, type MessageId } from '../../lib/i18n/index.ts';
import { TABLE_BY_NAME, type TableName } from '../../lib/schema.ts';
import type { Metrics } from '../../lib/report/types.ts';
import { formatCount, formatValue, rawValue, type ValueKind, nodeLabel } from '../../lib/format.ts';
import { downloadCsv, toCsv } from '../../components/csv-export.ts';
import { display } from '../../lib/metrics.ts';
import type { BranchChoice, PageSelection, PeriodChoice } from '../../lib/report/selection.ts';
import { byId as $ } from './dom.ts';
import { markNotMeasured } from './not-measured.ts';

/**
 * Fill every `[data-metric]` element from `metrics`: formatted text, raw `data-value`. Cells of another
 * month (`data-compare`) or another branch (`data-branch`) are left to their own fillers.
 */
export function fillMetrics(metrics: Metrics, root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-metric]:not([data-compare]):not([data-branch])')) {
    const id = el.dataset['metric']!;
    const key = el.dataset['key'];
    let v: unknown = metrics[id];
    if (key !== undefined) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : null;
    const kind = (el.dataset['kind'] as ValueKind | undefined) ?? (key !== undefined ? 'count' : display(id).kind);
    el.textContent = formatValue(v ?? null, kind);
    el.dataset['value'] = rawValue(v ?? null);
    el.classList.toggle('is-null', v === null || v === undefined);
  }
  markNotMeasured(root); // a figure the data has no input for names it (未导入投诉记录 …), not "—"
}

/** Re-format the numbers already on the page (after a language switch), from their data-value. */
export function reformatMetrics(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-metric][data-value]')) {
    const raw = el.dataset['value']!;
    const kind = (el.dataset['kind'] as ValueKind | undefined) ?? (el.dataset['key'] !== undefined ? 'count' : display(el.dataset['metric']!).kind);
    const v = raw === 'null' ? null : kind === 'money' ? raw : Number(raw);
    el.textContent = formatValue(v, kind);
  }
  markNotMeasured(root);
}

/** The option list of the period picker. */
export function fillPeriods(periods: PeriodChoice[], current: string): void {
  const sel = $<HTMLSelectElement>('period-select');
  sel.replaceChildren(
    ...periods.map((p) => {
      const o = new Option(monthLabel(p.period) + (p.is_complete ? '' : t('select.partial')), p.period);
      o.selected = p.period === current;
      return o;
    }),
  );
}

/** A branch's display name: "B01 北京分公司", or the id alone when branches.csv does not name it. */
export function branchLabel(b: BranchChoice | undefined, id: string): string {
  return nodeLabel(id, b?.branch_name);
}

/** The option list of the branch filter: 全公司 first, then every branch in tree order, indented by depth. */
export function fillBranches(branches: BranchChoice[], current: string | null, sel: HTMLSelectElement = $<HTMLSelectElement>('branch-select')): void {
  const all = new Option(t('select.company'), '');
  all.selected = current === null;
  sel.replaceChildren(
    all,
    ...branches.map((b) => {
      const o = new Option('\u3000'.repeat(Math.min(b.depth, 4)) + branchLabel(b, b.branch_id), b.branch_id);
      o.selected = b.branch_id === current;
      return o;
    }),
  );
}

/** The report heading and as-of line. */
export function fillTitle(sel: PageSelection, branches: BranchChoice[], asOf: string | null): void {
  const period = $('title-period');
  delete period.dataset['i18n']; // no longer the loading text
  period.textContent = monthLabel(sel.period);
  $('title-branch').textContent = sel.branch
    ? branchLabel(
        branches.find((b) => b.branch_id === sel.branch),
        sel.branch,
      )
    : t('select.company');
  $('as-of').textContent = asOf ? asOf.slice(0, 16) : '—';
}

/** Header: company name and the data-source badge with row counts. */
export function fillSource(data: Dataset): void {
  const company = $('company-name');
  company.textContent = data.config.company_name;
  company.title = data.config.company_name; // the header may cut a long name short
  company.hidden = false;
  $('source-rows').textContent = t('source.rows', { n: formatCount(data.rows) });
  const badge = $('source-badge');
  badge.hidden = false;
  // The files and their rows; for imported or published data, when (the badge shows it too).
  const files = data.files.map((f) => `${f.file}: ${formatCount(f.rows_loaded)}`).join('\n');
  if (data.source === 'user' && data.importedAt) badge.title = t('import.source.title', { files, at: data.importedAt });
  else if (data.source === 'sample' && data.published) badge.title = t('source.published.title', { files, at: data.published });
  else badge.title = files;
}

/** A data column's name for the reader: its Chinese header alias in Chinese, the canonical name in English. */
function columnLabel(file: string, column: unknown, files: Dataset['files']): string {
  if (column === null || column === undefined) return '—';
  const table = files.find((f) => f.file === file)?.table ?? file.replace(/\.[^.]+$/, '');
  const zh = TABLE_BY_NAME[table as TableName]?.columns.find((c) => c.name === column)?.zh[0];
  return lang() === 'zh' && zh ? zh : String(column);
}

/** Why a row was rejected / is an orphan, in the reader's language (null when there is no wording for it). */
function reasonLabel(row: Row, kind: 'rejected' | 'orphans', files: Dataset['files']): string | null {
  if (kind === 'rejected') {
    const id = `reject.${String(row['code'])}`;
    return has(id) ? t(id) : null;
  }
  const m = /^unknown (\w+): /.exec(String(row['reason'] ?? ''));
  return m ? t('orphan.unknown', { column: columnLabel(String(row['file']), m[1], files) }) : null;
}

/** The reason cell: the reader's wording with the original detail after it. */
function reasonCell(row: Row, kind: 'rejected' | 'orphans', files: Dataset['files']): HTMLElement {
  const td = document.createElement('td');
  const reason = String(row['reason'] ?? '');
  const label = reasonLabel(row, kind, files);
  if (label) {
    td.append(label);
    const detail = document.createElement('span');
    detail.className = 'detail';
    detail.textContent = reason;
    td.append(detail);
  } else td.textContent = reason;
  return td;
}

/** The rejected / orphan notice, with the first rows of each listed. */
export function fillDataNotice(data: Dataset, rejected: Row[], orphans: Row[]): void {
  const box = $('data-notice');
  box.hidden = data.rejected === 0 && data.orphans === 0;
  const parts: string[] = [];
  if (data.rejected > 0) parts.push(t('source.rejected', { n: formatCount(data.rejected) }));
  if (data.orphans > 0) parts.push(t('source.orphans', { n: formatCount(data.orphans) }));
  $('data-notice-summary').textContent = parts.join(' · ');
  const fill = (kind: 'rejected' | 'orphans', rows: Row[]) => {
    $(`${kind}-block`).hidden = rows.length === 0;
    const body = $(`${kind}-table`).querySelector('tbody')!;
    body.replaceChildren(
      ...rows.map((r) => {
        const tr = document.createElement('tr');
        const cell = (text: string, cls = '') => {
          const td = document.createElement('td');
          td.textContent = text;
          if (cls) td.className = cls;
          tr.append(td);
        };
        cell(String(r['file'] ?? '—'));
        cell(r['line'] === null || r['line'] === undefined ? '—' : String(r['line']), 'num-col num');
        cell(columnLabel(String(r['file']), r['column'], data.files));
        tr.append(reasonCell(r, kind, data.files));
        return tr;
      }),
    );
  };
  fill('rejected', rejected);
  fill('orphans', orphans);
}

/**
 * The data notice's CSV buttons: every rejected / orphan row (the notice lists the first 200), read
 * from the session's `_rejected` / `_orphans` when clicked. Wired once per page.
 */
export function wireDataNoticeCsv(db: Db, files: Dataset['files']): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-notice-csv]')) {
    if (button.dataset['wired']) continue;
    button.dataset['wired'] = '1';
    const kind = button.dataset['noticeCsv'] === 'orphans' ? 'orphans' : 'rejected';
    button.addEventListener('click', () => {
      void db.query(`SELECT * FROM _${kind} ORDER BY file, line, "column"`).then(
        (rows) => {
          const head = [t('table.file'), t('table.line'), t('table.column'), t('table.reason'), t('source.csv.detail')];
          const body = rows.map((r) => [
            String(r['file'] ?? ''),
            r['line'] === null || r['line'] === undefined ? '' : Number(r['line']),
            columnLabel(String(r['file']), r['column'], files),
            reasonLabel(r, kind, files) ?? String(r['reason'] ?? ''),
            String(r['reason'] ?? ''),
          ]);
          downloadCsv(`${t(kind === 'rejected' ? 'source.rejected.file' : 'source.orphans.file')}.csv`, toCsv([head, ...body]));
        },
        (e: unknown) => status.error('status.fail.compute', e instanceof Error ? e.message.split('\n')[0] : String(e)),
      );
    });
  }
}

/** Loading / notice / error states. */
export const status = {
  loading(message: MessageId | null): void {
    const box = $('status-loading');
    box.hidden = message === null;
    if (message) {
      const text = $('status-text');
      text.dataset['i18n'] = message;
      text.textContent = t(message);
    }
  },
  notice(text: string | null): void {
    const box = $('status-notice');
    box.hidden = !text;
    box.textContent = text ?? '';
  },
  /** Show (or clear, with null) the error box: a plain-language message and the technical detail. */
  error(message: MessageId | null, detail = ''): void {
    const box = $('status-error');
    box.hidden = message === null;
    const text = $('error-message');
    if (message) text.dataset['i18n'] = message;
    else delete text.dataset['i18n'];
    text.textContent = message ? t(message) : '';
    $('error-detail').textContent = detail;
    $('error-detail-line').hidden = !detail;
    document.documentElement.classList.toggle('has-error', message !== null);
    if (message !== null) status.loading(null);
  },
};

/** The engine line of the footer. */
export function fillEngine(engine: string): void {
  $('engine-name').textContent = `DuckDB-WASM ${engine.replace(/^wasm\s*/, '')}`;
}

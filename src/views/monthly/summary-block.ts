/**
 * The 综述 block (SummaryBlock.astro): shows the drafted summary (src/lib/summary/draft.ts) or the
 * manager's edit of it. An edit is kept in localStorage per dataset, month and selection; "恢复草稿"
 * removes it and the draft shows again. The draft is re-written whenever the figures or the language
 * change; an edit is the manager's own text and stays as written.
 */
import { t, lang } from '../../lib/i18n/index.ts';
import type { Dataset } from '../../lib/report/browser-sample.ts';
import type { Explain } from '../../lib/report/explain.ts';
import { draftSummary, type SummaryInput } from '../../lib/summary/draft.ts';
import type { MonthlyData } from './model.ts';

const PREFIX = 'shouhou-kpi.summary';

/** The storage key of a selection's edit: the dataset (sample, published build or import), month, branch. */
export function summaryKey(data: Dataset, period: string, branch: string | null): string {
  const dataset = data.source === 'user' ? `user:${data.importedAt ?? ''}` : `sample:${data.published ?? ''}`;
  return `${PREFIX}|${dataset}|${period}|${branch ?? '*'}`;
}

/** The summary's input from what the page shows. */
export function summaryInput(data: MonthlyData, explain: Explain | null): SummaryInput {
  return {
    period: data.period,
    branch: data.branch,
    branchNames: Object.fromEntries(data.branches.map((b) => [b.branch_id, b.branch_name ?? b.branch_id])),
    current: data.current,
    previous: data.previous,
    lastYear: data.lastYear,
    targets: data.config.targets,
    explain,
  };
}

const read = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const write = (key: string, text: string | null): void => {
  try {
    if (text === null) localStorage.removeItem(key);
    else localStorage.setItem(key, text);
  } catch {
    /* storage disabled: the edit lasts for this page only */
  }
};

let shown: { key: string; draft: string } | null = null;
const el = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;

function paint(): void {
  if (!shown) return;
  const edit = read(shown.key);
  el('[data-summary-text]').textContent = edit ?? shown.draft;
  const state = el('[data-summary-state]');
  state.dataset['i18n'] = edit === null ? 'summary.draft' : 'summary.edited';
  state.textContent = t(edit === null ? 'summary.draft' : 'summary.edited');
  el<HTMLButtonElement>('[data-summary-reset]').disabled = edit === null;
  el('#section-summary').dataset['edited'] = edit === null ? '0' : '1';
  const editor = el<HTMLTextAreaElement>('[data-summary-editor]');
  if (editor.hidden) editor.value = edit ?? shown.draft;
}

/** Show the summary of `data` (drafted in the page's language) under the edit kept for `key`. */
export function showSummary(data: MonthlyData, explain: Explain | null, key: string): void {
  const draft = draftSummary(summaryInput(data, explain), lang());
  if (shown?.key !== key) closeEditor();
  shown = { key, draft };
  paint();
}

function closeEditor(): void {
  const editor = el<HTMLTextAreaElement>('[data-summary-editor]');
  editor.hidden = true;
  el('[data-summary-text]').hidden = false;
  const b = el('[data-summary-edit]');
  b.dataset['i18n'] = 'summary.edit';
  b.textContent = t('summary.edit');
}

/** Wire the edit and reset buttons (once). */
export function wireSummary(): void {
  const editor = el<HTMLTextAreaElement>('[data-summary-editor]');
  el('[data-summary-edit]').addEventListener('click', () => {
    if (!editor.hidden) {
      closeEditor();
      paint();
      return;
    }
    editor.value = el('[data-summary-text]').textContent ?? '';
    editor.hidden = false;
    el('[data-summary-text]').hidden = true;
    const b = el('[data-summary-edit]');
    b.dataset['i18n'] = 'summary.done';
    b.textContent = t('summary.done');
    editor.focus();
  });
  editor.addEventListener('input', () => {
    if (!shown) return;
    // An edit back to the draft word for word is no edit.
    write(shown.key, editor.value === shown.draft ? null : editor.value);
    el('[data-summary-text]').textContent = editor.value;
    paint();
  });
  el('[data-summary-reset]').addEventListener('click', () => {
    if (!shown) return;
    write(shown.key, null);
    closeEditor();
    paint();
  });
}

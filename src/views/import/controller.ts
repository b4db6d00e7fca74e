/**
 * The import panel's controller (issue 6): files in → inspected by the worker → recognised as a table
 * or mapped by the user → checked (worker: import + validate + store as pending; page: orphans on
 * staged tables) → the report → replace / append → the page reloads on the new data. Also keeps the
 * header's data-source badge saying which data the reports show.
 */
import { parseConfig, type Config } from '../../lib/config.ts';
import type { Dataset } from '../../lib/report/browser-sample.ts';
import type { Row } from '../../lib/db/types.ts';
import { has, lang, t, type MessageId } from '../../lib/i18n/index.ts';
import { applyI18n } from '../shell/i18n-dom.ts';
import { el } from '../shell/dom.ts';
import { compileFormat, COMMON_FORMATS } from '../../lib/import/formats.ts';
import { isValueError, parserFor } from '../../lib/import/values.ts';
import { TABLE_BY_NAME, TABLES, type Column, type TableName } from '../../lib/schema.ts';
import { formatCount } from '../../lib/format.ts';
import { ImportError, inspect, runImportJob } from '../../lib/userdata/client.ts';
import { DATASET_EVENT, IMPORT_PANEL_EVENT } from '../../lib/userdata/events.ts';
import { missingTables } from '../../lib/userdata/manifest.ts';
import {
  allowedValues,
  hasFormat,
  hasValueMapping,
  importsAsIs,
  missingRequired,
  suggestMapping,
  suggestTable,
  suggestValuesAndFormats,
  type FileMapping,
} from '../../lib/userdata/mapping.ts';
import type { ImportMode, ImportSummary, Inspection } from '../../lib/userdata/protocol.ts';
import { recallMapping, rememberMapping } from '../../lib/userdata/remember.ts';
import { clearAll, discardPending, getManifest, getParts, promotePending, type Manifest } from '../../lib/userdata/store.ts';

// ---------- state ----------

type Status = 'inspecting' | 'ready' | 'remembered' | 'suggested' | 'needs_mapping' | 'config' | 'error';

interface Entry {
  id: string;
  file: File;
  status: Status;
  inspection: Inspection | null;
  /** Table for a file that imports as it is (mapping null), else mapping.table. */
  table: TableName | null;
  /** null = the file's headers are used as they are (canonical names or Chinese aliases). */
  mapping: FileMapping | null;
  remember: boolean;
  open: boolean;
  showAll: boolean;
  error: string | null;
  progress: { phase: 'read' | 'parse' | 'store'; fraction: number } | null;
  configText?: string;
}

let entries: Entry[] = [];
let active: Manifest | null = null;
let dataset: Dataset | null = null;
let report: { summary: ImportSummary; orphans: Row[] } | null = null;
let busy = false;
let counter = 0;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const dialog = $<HTMLDialogElement>('import-dialog');


/** A progress bar's fill (width through the CSSOM: the CSP forbids style attributes). */
function bar(pct: number): HTMLElement {
  const fill = el('span');
  fill.style.width = `${pct}%`;
  return fill;
}

/** "x（y）" in Chinese, "x (y)" in English; "x：" / "x: ". */
const paren = (x: string, y: string | number) => (lang() === 'zh' ? `${x}（${y}）` : `${x} (${y})`);
const colon = (x: string) => (lang() === 'zh' ? `${x}：` : `${x}: `);
const tableLabel = (name: TableName) => paren(t(`import.table.${name}` as MessageId), name);
/** A column's name for the reader: its Chinese header in Chinese, the canonical name in English. */
const colLabel = (c: Column) => (lang() === 'zh' ? (c.zh[0] ?? c.name) : c.name);
/** The other name, shown small under it. */
const colAlt = (c: Column) => (lang() === 'zh' ? c.name : (c.zh[0] ?? ''));
const kb = (n: number) => (n < 1 << 20 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / (1 << 20)).toFixed(1)} MB`);

/** The config that will apply to the import (a config.json among the files, else the current / default). */
function configFor(mode: ImportMode): Config {
  const cfg = entries.find((e) => e.status === 'config');
  try {
    if (cfg) return parseConfig(cfg.configText ?? null);
  } catch {
    /* shown on the entry */
  }
  return parseConfig(mode === 'append' ? (active?.config ?? null) : null);
}

const mode = (): ImportMode => ((document.querySelector<HTMLInputElement>('input[name="import-mode"]:checked')?.value ?? 'replace') as ImportMode);
const zones = () => Object.keys(configFor(mode()).zones);

// ---------- files in ----------

async function addFiles(files: Iterable<File>): Promise<void> {
  report = null;
  for (const file of files) {
    const e: Entry = {
      id: `f${++counter}`,
      file,
      status: 'inspecting',
      inspection: null,
      table: null,
      mapping: null,
      remember: true,
      open: false,
      showAll: false,
      error: null,
      progress: null,
    };
    entries.push(e);
    render();
    void inspectEntry(e);
  }
}

async function inspectEntry(e: Entry): Promise<void> {
  try {
    const ins = await inspect(e.file);
    e.inspection = ins;
    if (ins.kind === 'config') {
      e.configText = ins.configText ?? '';
      try {
        parseConfig(e.configText);
        e.status = 'config';
      } catch (err) {
        e.status = 'error';
        e.error = t('import.error.config', { message: (err as Error).message });
      }
    } else {
      classify(e);
    }
  } catch (err) {
    e.status = 'error';
    e.error = err instanceof ImportError || err instanceof Error ? err.message : String(err);
  }
  render();
}

/** Decide how a file imports: remembered mapping, as it is, or a suggested mapping to check. */
function classify(e: Entry): void {
  const ins = e.inspection!;
  const remembered = recallMapping(ins.header);
  if (remembered) {
    e.mapping = remembered;
    e.table = remembered.table;
    e.status = missingRequired(remembered).length ? 'needs_mapping' : 'remembered';
    return;
  }
  const table = suggestTable(e.file.name, ins.header, ins.distinct);
  const suggestion = suggestMapping(e.file.name, ins.header, ins.distinct, zones(), table);
  e.table = table;
  if (importsAsIs(table, ins.header) && Object.keys(suggestion.formats).length === 0 && Object.keys(suggestion.values).length === 0) {
    e.mapping = null;
    e.status = 'ready';
    return;
  }
  e.mapping = suggestion;
  e.status = missingRequired(suggestion).length ? 'needs_mapping' : 'suggested';
  e.open = entries.every((x) => x === e || !x.open); // open the first one that needs a look
}

/** Re-derive the status after an edit. */
function restatus(e: Entry): void {
  if (e.status === 'error' || e.status === 'config' || e.status === 'inspecting') return;
  if (!e.mapping) {
    e.status = importsAsIs(e.table!, e.inspection!.header) ? 'ready' : 'needs_mapping';
    return;
  }
  e.status = missingRequired(e.mapping).length ? 'needs_mapping' : e.status === 'remembered' ? 'remembered' : 'suggested';
}

/** The mapping of an entry, made explicit (the editor edits a mapping even for an as-is file). */
function ensureMapping(e: Entry): FileMapping {
  if (!e.mapping) {
    const ins = e.inspection!;
    e.mapping = suggestMapping(e.file.name, ins.header, ins.distinct, zones(), e.table!);
  }
  return e.mapping;
}

// ---------- rendering ----------

function render(): void {
  renderCurrent();
  const list = $('import-file-list');
  list.replaceChildren(...entries.map(renderEntry));
  $('import-files').hidden = entries.length === 0;
  $('import-actions').hidden = entries.length === 0;
  const canAppend = (active?.files.length ?? 0) > 0;
  const append = document.querySelector<HTMLInputElement>('input[name="import-mode"][value="append"]')!;
  append.disabled = !canAppend;
  if (!canAppend && append.checked) document.querySelector<HTMLInputElement>('input[name="import-mode"][value="replace"]')!.checked = true;
  $('import-mode-append').classList.toggle('is-disabled', !canAppend);
  const check = $<HTMLButtonElement>('import-check');
  const data = entries.filter((e) => e.status !== 'config');
  check.disabled =
    busy || data.length === 0 || entries.some((e) => e.status === 'inspecting' || e.status === 'needs_mapping' || e.status === 'error');
  check.textContent = t(busy ? 'import.checking' : 'import.check');
  renderReport();
}

function renderCurrent(): void {
  const box = $('import-current');
  const parts: Node[] = [el('span', {}, colon(t('import.current')))];
  if (active && active.files.length > 0) {
    const rows = active.files.reduce((n, f) => n + f.rowsLoaded, 0);
    parts.push(el('strong', {}, t('import.current.user', { files: active.files.length, rows: formatCount(rows), at: active.importedAt })));
    const back = el('button', { type: 'button', class: 'btn', id: 'import-back' }, t(bundlePublished() === null ? 'import.back_to_sample' : 'import.back_to_published'));
    back.addEventListener('click', () => void backToSample());
    parts.push(back);
    parts.push(
      el(
        'ul',
        { class: 'imp__current-files' },
        ...active.files.map((f) =>
          el(
            'li',
            {},
            `${f.file} → ${tableLabel(f.table)} · `,
            t('import.current.file', { loaded: formatCount(f.rowsLoaded), rejected: formatCount(f.rowsRejected), at: f.importedAt }),
          ),
        ),
      ),
    );
  } else {
    const at = bundlePublished();
    parts.push(el('strong', {}, at === null ? t('import.current.sample') : t('import.current.published', { company: dataset?.config.company_name ?? '', at })));
  }
  if (dataset?.fallback) {
    const shown = t(bundlePublished() === null ? 'import.shown.sample' : 'import.shown.published');
    parts.push(el('p', { class: 'imp__warn' }, t('import.current.fallback', { reason: dataset.fallback, shown })));
  }
  box.replaceChildren(...parts);
}

const STATUS_CHIP: Record<Status, string> = {
  inspecting: '',
  ready: 'is-ok',
  remembered: 'is-ok',
  suggested: 'is-warn',
  needs_mapping: 'is-bad',
  config: 'is-ok',
  error: 'is-bad',
};

function statusText(e: Entry): string {
  if (e.status === 'needs_mapping') {
    const missing = e.mapping ? missingRequired(e.mapping) : TABLE_BY_NAME[e.table!].columns.filter((c) => c.required);
    return t('import.status.needs_mapping', { columns: missing.map(colLabel).join(lang() === 'zh' ? '、' : ', ') });
  }
  return t(`import.status.${e.status}` as MessageId);
}

function renderEntry(e: Entry): HTMLElement {
  const ins = e.inspection;
  const meta = [kb(e.file.size), ins?.encoding ? ins.encoding.toUpperCase() : null].filter(Boolean).join(' · ');
  const name = el('div', { class: 'imp__file-name' }, e.file.name, el('span', { class: 'imp__file-meta' }, meta));

  let tableCell: HTMLElement = el('div');
  if (e.table && e.status !== 'error' && e.status !== 'config') {
    const sel = el('select', { 'aria-label': t('import.table'), 'data-focus': `${e.id}:table` });
    for (const tb of TABLES) sel.append(new Option(tableLabel(tb.name), tb.name, false, tb.name === e.table));
    sel.addEventListener('change', () => {
      const table = sel.value as TableName;
      e.table = table;
      const i = e.inspection!;
      e.mapping = importsAsIs(table, i.header) ? null : suggestMapping(e.file.name, i.header, i.distinct, zones(), table);
      e.status = 'suggested';
      restatus(e);
      rerender(sel);
    });
    tableCell = el('div', {}, sel);
  }

  const chip = el('span', { class: `imp__chip ${STATUS_CHIP[e.status]}` }, statusText(e));
  const status = el('div', { class: 'imp__status', 'data-status': e.status }, chip);
  if (e.error) status.append(el('span', { class: 'imp__detail' }, e.error));
  if (e.progress) {
    const pct = Math.round(e.progress.fraction * 100);
    status.append(
      el('span', { class: 'imp__detail' }, `${t(`import.phase.${e.progress.phase}` as MessageId)} ${pct}%`),
      el(
        'span',
        { class: 'imp__progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(pct), 'data-file': e.file.name },
        bar(pct),
      ),
    );
  }

  const tools = el('div', { class: 'imp__file-tools' });
  if (ins && ins.kind !== 'config' && e.status !== 'error') {
    const edit = el('button', { type: 'button', class: 'btn', 'data-action': 'map', 'data-focus': `${e.id}:map` }, t(e.open ? 'import.hide_mapping' : 'import.edit_mapping'));
    edit.addEventListener('click', () => {
      e.open = !e.open;
      if (e.open) ensureMapping(e);
      rerender(edit);
    });
    tools.append(edit);
  }
  const remove = el('button', { type: 'button', class: 'btn btn--ghost', 'data-action': 'remove' }, t('import.remove'));
  remove.addEventListener('click', () => {
    entries = entries.filter((x) => x !== e);
    report = null;
    render();
  });
  tools.append(remove);

  const li = el('li', { class: 'imp__file', 'data-file': e.file.name }, el('div', { class: 'imp__file-row' }, name, tableCell, status, tools));
  if (e.open && ins && e.table) li.append(renderMapping(e));
  return li;
}

/** Re-render, keeping focus on the control that caused it (by its data-focus key). */
function rerender(from?: HTMLElement): void {
  const key = from?.dataset['focus'] ?? (document.activeElement as HTMLElement | null)?.dataset?.['focus'];
  report = null;
  render();
  if (key) document.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`)?.focus();
}

function renderMapping(e: Entry): HTMLElement {
  const ins = e.inspection!;
  const m = ensureMapping(e);
  const z = zones();
  const cols = TABLE_BY_NAME[m.table].columns;
  const shown = cols.filter((c) => e.showAll || c.required || m.columns[c.name] !== undefined);
  const body = el('tbody');
  for (const c of shown) body.append(renderColumn(e, m, c, z));

  const toggle = el('button', { type: 'button', class: 'imp__link', 'data-focus': `${e.id}:all` }, e.showAll ? t('import.mapping.show_less') : t('import.mapping.show_all', { n: cols.length }));
  toggle.addEventListener('click', () => {
    e.showAll = !e.showAll;
    rerender(toggle);
  });

  const remember = el('input', { type: 'checkbox', checked: e.remember, 'data-focus': `${e.id}:remember` });
  remember.addEventListener('change', () => (e.remember = remember.checked));

  const preview = el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...ins.header.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...ins.preview.slice(0, 5).map((r) => el('tr', {}, ...ins.header.map((_, i) => el('td', {}, r[i] ?? ''))))),
  );

  return el(
    'div',
    { class: 'imp__mapping', 'data-mapping': e.file.name },
    el('h4', {}, t('import.mapping.title', { file: e.file.name })),
    el('p', {}, t('import.mapping.intro')),
    el(
      'table',
      { class: 'imp__grid' },
      el(
        'thead',
        {},
        el('tr', {}, el('th', { scope: 'col' }, t('import.mapping.column')), el('th', { scope: 'col' }, t('import.mapping.source')), el('th', { scope: 'col' }, t('import.mapping.sample'))),
      ),
      body,
    ),
    el('p', { class: 'imp__mt' }, toggle),
    el('label', { class: 'imp__remember' }, remember, ' ', t('import.mapping.remember')),
    el('div', { class: 'imp__preview', 'aria-label': t('import.mapping.preview') }, preview),
  );
}

function sampleOf(ins: Inspection, h: string | undefined): string[] {
  if (h === undefined) return [];
  const d = ins.distinct[ins.header.indexOf(h)];
  return (d?.values ?? []).map(([v]) => v).filter((v) => v !== '').slice(0, 3);
}

function renderColumn(e: Entry, m: FileMapping, c: Column, z: string[]): HTMLElement {
  const ins = e.inspection!;
  const h = m.columns[c.name];
  const src = el('select', { 'data-column': c.name, 'data-focus': `${e.id}:col:${c.name}`, 'aria-label': `${colLabel(c)} ${c.name}` });
  src.append(new Option(t('import.mapping.none'), '', false, h === undefined));
  ins.header.forEach((name) => {
    if (name.trim() === '') return;
    src.append(new Option(name, name, false, name === h));
  });
  src.addEventListener('change', () => {
    if (src.value === '') delete m.columns[c.name];
    else {
      // One header feeds one column: take it away from any other column first.
      for (const [k, v] of Object.entries(m.columns)) if (v === src.value) delete m.columns[k];
      m.columns[c.name] = src.value;
    }
    // New source column: fresh value maps and format suggestions for it.
    const fresh = suggestValuesAndFormats(m.table, { [c.name]: src.value }, ins.header, ins.distinct, z);
    if (src.value && fresh.values[c.name]) m.values[c.name] = fresh.values[c.name]!;
    else delete m.values[c.name];
    if (src.value && fresh.formats[c.name]) m.formats[c.name] = fresh.formats[c.name]!;
    else delete m.formats[c.name];
    restatus(e);
    rerender(src);
  });

  const cellSrc = el('td', {}, src);
  if (h !== undefined && hasFormat(c)) cellSrc.append(renderFormat(e, m, c));
  if (h !== undefined && hasValueMapping(c)) cellSrc.append(renderValues(e, m, c, z));

  return el(
    'tr',
    { class: h === undefined && c.required ? 'is-missing' : null, 'data-row': c.name },
    el('th', { scope: 'row' }, colLabel(c), c.required ? el('span', { class: 'imp__req', 'aria-hidden': 'true' }, '*') : null, el('span', { class: 'imp__colname' }, colAlt(c))),
    cellSrc,
    el('td', { class: 'imp__sample' }, sampleOf(ins, h).join(' · ')),
  );
}

function renderFormat(e: Entry, m: FileMapping, c: Column): HTMLElement {
  const ins = e.inspection!;
  const current = m.formats[c.name] ?? '';
  const sel = el('select', { 'data-format': c.name, 'data-focus': `${e.id}:fmt:${c.name}`, 'aria-label': t('import.mapping.format') });
  sel.append(new Option(t('import.mapping.format.auto'), '', false, current === ''));
  const list: string[] = [...COMMON_FORMATS];
  if (current && !list.includes(current)) list.unshift(current);
  for (const f of list) sel.append(new Option(f, f, false, f === current));
  sel.append(new Option(t('import.mapping.format.custom'), '\u0000custom'));
  sel.addEventListener('change', () => {
    let v = sel.value;
    if (v === '\u0000custom') {
      v = prompt(t('import.mapping.format.custom_prompt'), current || 'MM/DD/YYYY hh:mm:ss A') ?? current;
      try {
        if (v) compileFormat(v, 'timestamp');
      } catch (err) {
        alert((err as Error).message);
        v = current;
      }
    }
    if (v) m.formats[c.name] = v;
    else delete m.formats[c.name];
    rerender(sel);
  });
  // What the first sample value becomes with this choice.
  const first = sampleOf(ins, m.columns[c.name])[0];
  const out = el('span', { class: 'imp__convert' });
  if (first !== undefined) {
    const p = parserFor(c, { zones: [], ...(current ? { formats: { [c.name]: current } } : {}) });
    const v = p(first);
    out.textContent = `${first} → ${isValueError(v) ? '✗' : v}`;
    out.classList.toggle('is-bad', isValueError(v));
  }
  return el('div', {}, el('span', { class: 'imp__convert' }, t('import.mapping.format')), sel, out);
}

function renderValues(e: Entry, m: FileMapping, c: Column, z: string[]): HTMLElement {
  const ins = e.inspection!;
  const h = m.columns[c.name]!;
  const d = ins.distinct[ins.header.indexOf(h)];
  const parse = parserFor(c, { zones: z });
  const allowed = allowedValues(c, z);
  const map = (m.values[c.name] ??= {});
  const rows: HTMLElement[] = [];
  let accepted = 0;
  const unmapped: string[] = [];
  for (const [raw, n] of d?.values ?? []) {
    if (raw === '') continue;
    const direct = parse(raw);
    if (!isValueError(direct) && map[raw] === undefined) {
      accepted++;
      continue;
    }
    const sel = el('select', { 'data-value': raw, 'data-focus': `${e.id}:val:${c.name}:${raw}`, 'aria-label': raw });
    sel.append(new Option(t('import.mapping.value.unmapped'), '\u0000unmapped', false, map[raw] === undefined));
    for (const v of allowed) {
      const alias = c.values?.[v]?.[0];
      sel.append(new Option(alias ? `${v} ${alias}` : v, v, false, map[raw] === v));
    }
    if (!c.required) sel.append(new Option(t('import.mapping.value.empty'), '', false, map[raw] === ''));
    sel.addEventListener('change', () => {
      if (sel.value === '\u0000unmapped') delete map[raw];
      else map[raw] = sel.value;
      rerender(sel);
    });
    if (map[raw] === undefined) unmapped.push(raw);
    rows.push(el('tr', { class: map[raw] === undefined ? 'is-unmapped' : null }, el('td', {}, paren(raw, n)), el('td', {}, '→'), el('td', {}, sel)));
  }
  const box = el('div', { 'data-values': c.name });
  if (rows.length === 0 && accepted > 0) return box;
  box.append(el('span', { class: 'imp__convert' }, `${t('import.mapping.values')}${accepted ? ` · ${t('import.mapping.value.as_is', { n: accepted })}` : ''}`));
  if (rows.length) box.append(el('table', { class: 'imp__values' }, el('tbody', {}, ...rows)));
  if (unmapped.length > 1) {
    const rest = el('select', { 'data-rest': c.name, 'data-focus': `${e.id}:rest:${c.name}`, 'aria-label': t('import.mapping.value.rest') });
    rest.append(new Option('…', '\u0000none'));
    for (const v of allowed) rest.append(new Option(c.values?.[v]?.[0] ? `${v} ${c.values[v]![0]}` : v, v));
    if (!c.required) rest.append(new Option(t('import.mapping.value.empty'), ''));
    rest.addEventListener('change', () => {
      if (rest.value === '\u0000none') return;
      for (const raw of unmapped) map[raw] = rest.value;
      rerender(rest);
    });
    box.append(el('label', { class: 'imp__convert' }, `${t('import.mapping.value.rest')} `, rest));
  }
  if (d?.more || !ins.complete) box.append(el('span', { class: 'imp__convert' }, t('import.mapping.value.more', { n: formatCount(ins.sampled) })));
  return box;
}

// ---------- check → report → confirm ----------

async function check(): Promise<void> {
  const err = $('import-error');
  err.hidden = true;
  const data = entries.filter((e) => e.status !== 'config');
  if (data.length === 0) {
    err.textContent = t('import.error.no_files');
    err.hidden = false;
    return;
  }
  busy = true;
  report = null;
  render();
  const m = mode();
  const cfg = entries.find((e) => e.status === 'config');
  try {
    for (const e of data) if (e.mapping && e.remember) rememberMapping(e.inspection!.header, e.mapping);
    const summary = await runImportJob(
      {
        files: data.map((e) => ({ id: e.id, file: e.file, table: e.mapping?.table ?? e.table!, mapping: e.mapping })),
        options: { zones: zones() },
        mode: m,
        config: cfg ? { file: cfg.file.name, text: cfg.configText ?? '' } : null,
      },
      (file, phase, fraction) => {
        const e = data.find((x) => x.file.name === file);
        if (!e) return;
        e.progress = { phase, fraction };
        updateProgress(e);
      },
    );
    $('import-error').hidden = true;
    const status = $('import-report');
    status.hidden = false;
    status.replaceChildren(el('p', {}, t('import.phase.orphans')));
    const [{ browserDb }, { stagedOrphans }, { SQL }] = await Promise.all([
      import('../../lib/db/browser.ts'),
      import('../../lib/userdata/dataset.ts'),
      import('../../lib/report/sql-bundled.ts'),
    ]);
    const db = await browserDb();
    const parts = await getParts(summary.pending.files.map((f) => f.part));
    const orphans = await stagedOrphans(db, SQL, summary.pending, parts);
    for (const e of data) e.progress = null;
    report = { summary, orphans };
  } catch (e) {
    console.error(e);
    err.textContent =
      e instanceof ImportError && e.file ? t('import.error.unusable', { file: e.file, message: e.message }) : t('import.error.check', { message: (e as Error).message });
    err.hidden = false;
    for (const x of data) x.progress = null;
  } finally {
    busy = false;
    render();
  }
}

/** Update one file's progress bar in place (no full re-render while the worker streams progress). */
function updateProgress(e: Entry): void {
  const li = document.querySelector<HTMLElement>(`.imp__file[data-file="${CSS.escape(e.file.name)}"]`);
  const bar = li?.querySelector<HTMLElement>('.imp__progress');
  if (!li || !bar) {
    render();
    return;
  }
  const pct = Math.round(e.progress!.fraction * 100);
  bar.setAttribute('aria-valuenow', String(pct));
  (bar.firstElementChild as HTMLElement).style.width = `${pct}%`;
  const label = bar.previousElementSibling;
  if (label) label.textContent = `${t(`import.phase.${e.progress!.phase}` as MessageId)} ${pct}%`;
}

function reasonLabel(code: string): string {
  const id = `reject.${code}`;
  return has(id) ? t(id) : code;
}

function renderReport(): void {
  const box = $('import-report');
  if (!report) {
    if (!busy) box.hidden = true;
    return;
  }
  const { summary, orphans } = report;
  const files = summary.files;
  const sum = (k: 'rowsRead' | 'rowsLoaded' | 'rowsRejected') => files.reduce((n, f) => n + f[k], 0);
  const read = sum('rowsRead');
  const loaded = sum('rowsLoaded');
  const rejected = sum('rowsRejected');
  const dup = (f: (typeof files)[number]) => (f.byCode['duplicate_key'] ?? 0) + (f.byCode['duplicate_existing'] ?? 0);
  const num = (n: number) => el('td', { class: 'num-col num' }, formatCount(n));

  const table = el(
    'table',
    { class: 'data-table data-table--compact', id: 'import-report-table' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...(
          [
            ['table.file', ''],
            ['import.table', ''],
            ['import.report.encoding', ''],
            ['import.report.read', 'num-col'],
            ['import.report.loaded', 'num-col'],
            ['import.report.rejected', 'num-col'],
            ['import.report.duplicates', 'num-col'],
            ['import.report.time', 'num-col'],
          ] as [MessageId, string][]
        ).map(([id, cls]) => el('th', { scope: 'col', class: cls || null }, t(id))),
      ),
    ),
    el(
      'tbody',
      {},
      ...files.map((f) =>
        el(
          'tr',
          { 'data-file': f.file, 'data-read': String(f.rowsRead), 'data-loaded': String(f.rowsLoaded), 'data-rejected': String(f.rowsRejected), 'data-ms': String(f.ms) },
          el('td', {}, f.file),
          el('td', {}, tableLabel(f.table)),
          el('td', {}, f.encoding),
          num(f.rowsRead),
          num(f.rowsLoaded),
          num(f.rowsRejected),
          num(dup(f)),
          el('td', { class: 'num-col num' }, `${(f.ms / 1000).toFixed(1)} s`),
        ),
      ),
      el(
        'tr',
        { class: 'row-total' },
        el('th', { scope: 'row', colspan: '3' }, t('table.total')),
        num(read),
        num(loaded),
        num(rejected),
        num(files.reduce((n, f) => n + dup(f), 0)),
        el('td', { class: 'num-col num' }, `${(summary.ms / 1000).toFixed(1)} s`),
      ),
    ),
  );

  const byCode: Record<string, number> = {};
  for (const f of files) for (const [k, n] of Object.entries(f.byCode)) byCode[k] = (byCode[k] ?? 0) + n;
  const reasons = Object.entries(byCode).sort((a, b) => b[1] - a[1]);
  const sample = files.flatMap((f) => f.rejectedSample).slice(0, 20);

  const missing = missingTables(summary.pending);
  const blocked = missing.includes('service_orders');
  const confirm = el('button', { type: 'button', class: 'btn btn--primary', id: 'import-confirm', disabled: blocked }, t(summary.kept > 0 || mode() === 'append' ? 'import.confirm.append' : 'import.confirm.replace'));
  confirm.addEventListener('click', () => void apply());
  const cancel = el('button', { type: 'button', class: 'btn', id: 'import-cancel' }, t('import.cancel'));
  cancel.addEventListener('click', () => void cancelPending());
  const buttons = el('div', { class: 'imp__buttons' }, confirm);
  if (rejected > 0) {
    const dl = el('button', { type: 'button', class: 'btn', id: 'import-download' }, t('import.report.download'));
    dl.addEventListener('click', () => void downloadRejected());
    buttons.append(dl);
  }
  buttons.append(cancel);

  box.hidden = false;
  const blocks: (HTMLElement | null)[] = [
    el('h3', {}, t('import.report.title')),
    el(
      'p',
      { id: 'import-summary', 'data-read': String(read), 'data-loaded': String(loaded), 'data-rejected': String(rejected), 'data-orphans': String(orphans.length) },
      t('import.report.summary', { read: formatCount(read), loaded: formatCount(loaded), rejected: formatCount(rejected) }),
      ' ',
      loaded + rejected === read ? el('span', { class: 'imp__ok' }, t('import.report.adds_up')) : null,
    ),
    table,
    summary.kept > 0 ? el('p', {}, t('import.report.kept', { n: summary.kept })) : null,
    reasons.length
      ? el('div', { id: 'import-reasons' }, el('h3', { class: 'imp__mt' }, t('import.report.by_reason')), el('ul', { class: 'imp__reasons' }, ...reasons.map(([code, n]) => el('li', { 'data-code': code }, `${colon(reasonLabel(code))}${formatCount(n)}`))))
      : null,
    sample.length ? rowsTable('import-rejected-table', sample.map((r) => ({ ...r }) as unknown as Row), true) : null,
    el('h3', { class: 'imp__mt' }, orphans.length ? t('import.report.orphans', { n: formatCount(orphans.length) }) : t('import.report.no_orphans')),
    orphans.length ? rowsTable('import-orphans-table', orphans.slice(0, 20), false) : null,
    ...files.filter((f) => f.ignoredColumns.length).map((f) => el('p', { class: 'imp__status' }, t('import.report.ignored', { file: f.file, columns: f.ignoredColumns.join(lang() === 'zh' ? '、' : ', ') }))),
    ...missing.map((tb) => el('p', { class: blocked && tb === 'service_orders' ? 'imp__bad' : 'imp__warn' }, t(`import.report.missing.${tb}` as MessageId))),
    buttons,
  ];
  box.replaceChildren(...blocks.filter((b): b is HTMLElement => b !== null));
}

function rowsTable(id: string, rows: Row[], reasons: boolean): HTMLElement {
  return el(
    'table',
    { class: 'data-table data-table--compact', id },
    el('thead', {}, el('tr', {}, ...(['table.file', 'table.line', 'table.column', 'table.reason'] as MessageId[]).map((x) => el('th', { scope: 'col' }, t(x))))),
    el(
      'tbody',
      {},
      ...rows.map((r) =>
        el(
          'tr',
          {},
          el('td', {}, String(r['file'] ?? '')),
          el('td', { class: 'num-col num' }, String(r['line'] ?? '')),
          el('td', {}, String(r['column'] ?? '—')),
          el('td', {}, reasons ? `${reasonLabel(String(r['code']))} — ${String(r['reason'])}` : String(r['reason'] ?? '')),
        ),
      ),
    ),
  );
}

/** The rejected rows of this check as one CSV (UTF-8 with BOM, so Excel reads the Chinese). */
async function downloadRejected(): Promise<void> {
  if (!report) return;
  const parts = await getParts(report.summary.files.map((f) => f.part));
  const blob = new Blob(['\uFEFF', t('import.rejected_csv.header') + '\r\n', ...parts.map((p) => p.rejectedCsv).filter((b): b is Blob => b !== null)], {
    type: 'text/csv;charset=utf-8',
  });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: `${t('import.rejected_csv.name')}-${report.summary.pending.importedAt.replace(/[: ]/g, '')}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let applying = false;

async function apply(): Promise<void> {
  applying = true;
  const box = $('import-report');
  box.querySelectorAll('button').forEach((b) => (b.disabled = true));
  box.append(el('p', { id: 'import-applying' }, t('import.applying')));
  await promotePending();
  // A fresh start on the new data: the selection in the URL belonged to the old data.
  location.assign(location.pathname);
}

async function cancelPending(): Promise<void> {
  report = null;
  await discardPending().catch(() => {});
  render();
}

async function backToSample(): Promise<void> {
  if (!confirm(t(bundlePublished() === null ? 'import.back_to_sample.confirm' : 'import.back_to_published.confirm'))) return;
  await clearAll();
  location.assign(location.pathname);
}

// ---------- badge, dialog, drop ----------

/**
 * When the site's bundled data is a company's published data (`npm run publish-site`): its build time; null
 * for the generated sample. While imported data is shown the bundle is not loaded, so the answer is
 * the one remembered from the last time it was (the wording of "back to …" follows it).
 */
const BUNDLE_KEY = 'shouhou-kpi.bundle-published';
function bundlePublished(): string | null {
  if (dataset?.source === 'sample') return dataset.published ?? null;
  try {
    return localStorage.getItem(BUNDLE_KEY);
  } catch {
    return null;
  }
}
function rememberBundle(d: Dataset): void {
  try {
    if (d.published !== undefined) localStorage.setItem(BUNDLE_KEY, d.published);
    else localStorage.removeItem(BUNDLE_KEY);
  } catch {
    // storage refused (private mode): the sample's wording is used while imported data is shown
  }
}

function fillBadge(): void {
  const badge = document.getElementById('source-badge');
  const label = document.getElementById('source-label');
  if (!badge || !label || !dataset) return;
  const user = dataset.source === 'user';
  const published = !user && dataset.published !== undefined;
  badge.classList.toggle('is-user', user);
  badge.dataset['source'] = published ? 'published' : dataset.source;
  const key = user ? 'import.source.user' : published ? 'source.published' : 'source.sample';
  label.dataset['i18n'] = key;
  label.textContent = t(key);
  let time = badge.querySelector<HTMLElement>('.source-badge__time');
  const at = user ? dataset.importedAt : dataset.published;
  if (at) {
    time ??= badge.appendChild(el('span', { class: 'source-badge__time num' }));
    time.textContent = at;
  } else time?.remove();
}

document.addEventListener(DATASET_EVENT, (ev) => {
  dataset = (ev as CustomEvent<Dataset>).detail;
  if (dataset.source === 'sample') rememberBundle(dataset);
  fillBadge(); // its tooltip (files, rows, when) is the page's: render.ts fillSource
});

async function refreshActive(): Promise<void> {
  try {
    active = await getManifest('active');
  } catch {
    active = null;
  }
}

async function openDialog(files?: Iterable<File>): Promise<void> {
  if (!dialog.open) {
    dialog.showModal();
    document.dispatchEvent(new CustomEvent(IMPORT_PANEL_EVENT, { detail: { open: true } }));
  }
  await refreshActive();
  render();
  if (files) await addFiles(files);
}

$('import-open').addEventListener('click', () => void openDialog());
$('import-close').addEventListener('click', () => dialog.close());
// Closing the panel with a report on screen drops the checked files (nothing was replaced).
dialog.addEventListener('close', () => {
  document.dispatchEvent(new CustomEvent(IMPORT_PANEL_EVENT, { detail: { open: false } }));
  if (report && !applying) void cancelPending();
});
$('import-check').addEventListener('click', () => void check());
for (const r of document.querySelectorAll<HTMLInputElement>('input[name="import-mode"]')) {
  r.addEventListener('change', () => {
    report = null;
    render();
  });
}
const input = $<HTMLInputElement>('import-input');
input.addEventListener('change', () => {
  const files = [...(input.files ?? [])];
  input.value = '';
  if (files.length) void addFiles(files);
});

// Files may be dropped on the panel's drop zone, or anywhere on the page (which opens the panel).
const drop = $('import-drop');
const hasFiles = (ev: DragEvent) => [...(ev.dataTransfer?.types ?? [])].includes('Files');
for (const target of [drop, document.documentElement]) {
  target.addEventListener('dragover', (ev) => {
    if (!hasFiles(ev as DragEvent)) return;
    ev.preventDefault();
    drop.classList.add('is-over');
  });
  target.addEventListener('dragleave', () => drop.classList.remove('is-over'));
  target.addEventListener('drop', (ev) => {
    const dt = (ev as DragEvent).dataTransfer;
    if (!dt || !hasFiles(ev as DragEvent)) return;
    ev.preventDefault();
    ev.stopPropagation();
    drop.classList.remove('is-over');
    void openDialog([...dt.files]);
  });
}

// The badge opens the panel too (it says which data the reports show, and how to change it).
const badge = document.getElementById('source-badge');
if (badge) {
  badge.setAttribute('role', 'button');
  badge.tabIndex = 0;
  badge.addEventListener('click', () => void openDialog());
  badge.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      void openDialog();
    }
  });
}

// Re-translate the dynamic parts when the page's language changes (<html lang> is set by setLang).
new MutationObserver(() => {
  applyI18n(dialog);
  fillBadge();
  if (dialog.open) render();
}).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });

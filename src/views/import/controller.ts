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
import { COMMON_FORMATS } from '../../lib/import/formats.ts';
import { formatParser, isValueError, parserFor } from '../../lib/import/values.ts';
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
import { fromRule, isMappingJson, mappingDocument, mappingText } from '../../lib/mapping/form.ts';
import { parseMapping, ruleFor } from '../../lib/mapping/index.ts';
import type { MappingFile } from '../../lib/mapping/types.ts';
import { columnFailures } from '../../lib/mapping/preview.ts';
import { dedupeOffer, ratingScale, ratingsOutOfRange, suggestNullMarkers } from '../../lib/mapping/suggest.ts';
import { clearAll, discardPending, getManifest, getParts, promotePending, type Manifest } from '../../lib/userdata/store.ts';
import { acquireImportLock, announceActiveChanged, collectAtStartup, isQuotaError, onActiveChanged, storageRoom } from '../../lib/userdata/tabs.ts';

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
  /** The mapping came from a loaded mapping file. */
  fromFile?: boolean;
}

let entries: Entry[] = [];
let active: Manifest | null = null;
let dataset: Dataset | null = null;
let report: { summary: ImportSummary; orphans: Row[] } | null = null;
let busy = false;
let counter = 0;
/** A mapping file loaded on this page ("load mapping", or dropped with the files). */
let loadedMapping: { name: string; doc: MappingFile } | null = null;
let mappingMessage: { text: string; bad: boolean } | null = null;

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

const mode = (): ImportMode => (document.querySelector<HTMLInputElement>('input[name="import-mode"]:checked')?.value ?? 'replace') as ImportMode;
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
    if (ins.kind === 'config' && looksLikeMapping(ins.configText ?? '')) {
      // A mapping file among the files: load it, it is not data.
      entries = entries.filter((x) => x !== e);
      loadMapping(e.file.name, ins.configText ?? '');
      return;
    }
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
  const rule = loadedMapping ? ruleFor(loadedMapping.doc, e.file.name) : null;
  if (rule) {
    e.mapping = fromRule(rule);
    e.table = rule.table;
    e.fromFile = true;
    e.status = missingRequired(e.mapping).length || blocking(e) ? 'needs_mapping' : 'remembered';
    return;
  }
  e.fromFile = false;
  const remembered = recallMapping(ins.header, undefined, zones());
  if (remembered) {
    e.mapping = remembered;
    e.table = remembered.table;
    e.status = missingRequired(remembered).length ? 'needs_mapping' : 'remembered';
    return;
  }
  const table = suggestTable(e.file.name, ins.header, ins.distinct);
  const suggestion = suggestMapping(e.file.name, ins.header, ins.distinct, zones(), table);
  const markers = suggestNullMarkers(ins.distinct);
  if (markers.length > 0) suggestion.nullValues = markers;
  e.table = table;
  if (importsAsIs(table, ins.header) && Object.keys(suggestion.formats).length === 0 && Object.keys(suggestion.values).length === 0 && markers.length === 0) {
    e.mapping = null;
    e.status = 'ready';
    return;
  }
  e.mapping = suggestion;
  e.status = missingRequired(suggestion).length || blocking(e) ? 'needs_mapping' : 'suggested';
  e.open = entries.every((x) => x === e || !x.open); // open the first one that needs a look
}

/** Whether text is a mapping file rather than config.json. */
function looksLikeMapping(text: string): boolean {
  try {
    return isMappingJson(JSON.parse(text));
  } catch {
    return false;
  }
}

/** Load a mapping file: checked against the schema; the files it matches take its entries. */
function loadMapping(name: string, text: string): void {
  try {
    const doc = parseMapping(text, name, { zones: zones(), timeZone: configFor(mode()).time_zone, partial: true });
    loadedMapping = { name, doc };
    mappingMessage = { text: t(doc.files.length === 1 ? 'mapfile.loaded.one' : 'mapfile.loaded', { file: name, n: doc.files.length }), bad: false };
    for (const e of entries) if (e.inspection && e.status !== 'config' && e.status !== 'error' && e.status !== 'inspecting') classify(e);
  } catch (err) {
    mappingMessage = { text: t('mapfile.error', { file: name, message: (err as Error).message }), bad: true };
  }
  render();
}

/** Download the mapping of every file that has one, as a mapping file. */
function downloadMapping(): void {
  const files = entries.filter((e) => e.mapping && e.status !== 'config').map((e) => ({ fileName: e.file.name, mapping: e.mapping! }));
  if (files.length === 0) return;
  const blob = new Blob([mappingText(mappingDocument(files))], { type: 'application/json' });
  const a = el('a', { href: URL.createObjectURL(blob), download: 'mapping.json' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Problems of a mapping the page shows before Check: required columns whose values all fail (blocking), some fail, ratings outside 1–4. */
function previewProblems(e: Entry): { block: string[]; warn: string[] } {
  const out = { block: [] as string[], warn: [] as string[] };
  const m = e.mapping;
  const ins = e.inspection;
  if (!m || !ins) return out;
  const z = zones();
  for (const c of TABLE_BY_NAME[m.table].columns) {
    if (c.required) {
      const f = columnFailures(m, c, ins.header, ins.distinct, z);
      if (f && f.total > 0 && f.bad === f.total) out.block.push(t('mapfile.preview.block', { column: colLabel(c), bad: formatCount(f.bad) }));
      else if (f && f.bad > 0) out.warn.push(t('mapfile.preview.warn', { column: colLabel(c), bad: formatCount(f.bad), total: formatCount(f.total) }));
    }
    if (c.type === 'rating' && m.columns[c.name] !== undefined && m.constants?.[c.name] === undefined) {
      const d = ins.distinct[ins.header.indexOf(m.columns[c.name]!)];
      const n = d ? ratingsOutOfRange(d.values, m.values[c.name] ?? {}, m.other?.[c.name]) : 0;
      if (n > 0) out.warn.push(t('mapfile.rating.out', { column: colLabel(c), n: formatCount(n) }));
    }
  }
  return out;
}

const blocking = (e: Entry) => previewProblems(e).block.length > 0;

/** Re-derive the status after an edit. */
function restatus(e: Entry): void {
  if (e.status === 'error' || e.status === 'config' || e.status === 'inspecting') return;
  if (!e.mapping) {
    e.status = importsAsIs(e.table!, e.inspection!.header) ? 'ready' : 'needs_mapping';
    return;
  }
  e.status = missingRequired(e.mapping).length || blocking(e) ? 'needs_mapping' : e.status === 'remembered' ? 'remembered' : 'suggested';
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
  check.disabled = busy || data.length === 0 || entries.some((e) => e.status === 'inspecting' || e.status === 'needs_mapping' || e.status === 'error');
  check.textContent = t(busy ? 'import.checking' : 'import.check');
  renderMappingActions();
  renderReport();
}

/** "Download mapping" / "Load mapping…" beside Check, and what loading said. */
function renderMappingActions(): void {
  let box = document.getElementById('import-mapfile');
  if (!box) {
    box = el('div', { id: 'import-mapfile', class: 'imp__buttons' });
    $('import-check').insertAdjacentElement('afterend', box);
  }
  const download = el(
    'button',
    { type: 'button', class: 'btn', id: 'import-mapping-download', title: t('mapfile.download.title'), disabled: !entries.some((e) => e.mapping) },
    t('mapfile.download'),
  );
  download.addEventListener('click', downloadMapping);
  const input = el('input', { type: 'file', accept: '.json,application/json', id: 'import-mapping-input', hidden: true });
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) void f.text().then((text) => loadMapping(f.name, text));
  });
  const load = el('button', { type: 'button', class: 'btn', id: 'import-mapping-load' }, t('mapfile.load'));
  load.addEventListener('click', () => input.click());
  const parts: HTMLElement[] = [download, load, input];
  if (mappingMessage) parts.push(el('span', { class: mappingMessage.bad ? 'imp__bad' : 'imp__ok', id: 'import-mapping-message' }, mappingMessage.text));
  box.replaceChildren(...parts);
}

function renderCurrent(): void {
  const box = $('import-current');
  const parts: Node[] = [el('span', {}, colon(t('import.current')))];
  if (active && active.files.length > 0) {
    const rows = active.files.reduce((n, f) => n + f.rowsLoaded, 0);
    parts.push(el('strong', {}, t('import.current.user', { files: active.files.length, rows: formatCount(rows), at: active.importedAt })));
    const back = el(
      'button',
      { type: 'button', class: 'btn', id: 'import-back' },
      t(bundlePublished() === null ? 'import.back_to_sample' : 'import.back_to_published'),
    );
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
    if (missing.length === 0) return previewProblems(e).block[0] ?? t('import.status.needs_mapping', { columns: '' });
    return t('import.status.needs_mapping', { columns: missing.map(colLabel).join(lang() === 'zh' ? '、' : ', ') });
  }
  if (e.status === 'remembered' && e.fromFile) return t('mapfile.status.loaded');
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
  // Warned before Check, with counts: rows a required column or a rating column would reject.
  if (e.status !== 'error' && e.status !== 'config')
    for (const w of previewProblems(e).warn) status.append(el('span', { class: 'imp__detail imp__warn', 'data-warning': '' }, w));
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
    const edit = el(
      'button',
      { type: 'button', class: 'btn', 'data-action': 'map', 'data-focus': `${e.id}:map` },
      t(e.open ? 'import.hide_mapping' : 'import.edit_mapping'),
    );
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

  const toggle = el(
    'button',
    { type: 'button', class: 'imp__link', 'data-focus': `${e.id}:all` },
    e.showAll ? t('import.mapping.show_less') : t('import.mapping.show_all', { n: cols.length }),
  );
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
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, t('import.mapping.column')),
          el('th', { scope: 'col' }, t('import.mapping.source')),
          el('th', { scope: 'col' }, t('import.mapping.sample')),
        ),
      ),
      body,
    ),
    el('p', { class: 'imp__mt' }, toggle),
    renderNulls(e, m),
    m.dedupe ? renderDedupe(e, m) : null,
    el('label', { class: 'imp__remember' }, remember, ' ', t('import.mapping.remember')),
    el('div', { class: 'imp__preview', 'aria-label': t('import.mapping.preview') }, preview),
  );
}

/** Missing-value markers: the ones the file holds are offered (ticked = read as empty). */
function renderNulls(e: Entry, m: FileMapping): HTMLElement | null {
  const found = suggestNullMarkers(e.inspection!.distinct);
  const all = [...new Set([...found, ...(m.nullValues ?? [])])];
  if (all.length === 0) return null;
  const boxes = all.map((marker) => {
    const cb = el('input', { type: 'checkbox', checked: (m.nullValues ?? []).includes(marker), 'data-null': marker, 'data-focus': `${e.id}:null:${marker}` });
    cb.addEventListener('change', () => {
      const set = new Set(m.nullValues ?? []);
      if (cb.checked) set.add(marker);
      else set.delete(marker);
      m.nullValues = [...set];
      restatus(e);
      rerender(cb);
    });
    return el('label', { class: 'imp__null' }, cb, ` ${marker} `);
  });
  return el('p', { class: 'imp__mt', 'data-nulls': '' }, colon(t('mapfile.nulls')), ...boxes, el('span', { class: 'imp__convert' }, t('mapfile.nulls.note')));
}

/** The dedupe the mapping applies, and a way back. */
function renderDedupe(e: Entry, m: FileMapping): HTMLElement {
  const d = m.dedupe!;
  const by = d.by ? TABLE_BY_NAME[m.table].columns.find((c) => c.name === d.by) : undefined;
  const rule = by
    ? lang() === 'zh'
      ? `${colLabel(by)}最晚的一行`
      : `the row with the latest ${colLabel(by)}`
    : lang() === 'zh'
      ? '文件中的最后一行'
      : 'the last row in the file';
  const off = el('button', { type: 'button', class: 'imp__link', 'data-focus': `${e.id}:dedupe-off` }, t('mapfile.dedupe.off'));
  off.addEventListener('click', () => {
    delete m.dedupe;
    rerender(off);
  });
  return el('p', { class: 'imp__mt', 'data-dedupe': d.by ?? 'file-order' }, t('mapfile.dedupe.on', { rule }), ' ', off);
}

function sampleOf(ins: Inspection, h: string | undefined): string[] {
  if (h === undefined) return [];
  const d = ins.distinct[ins.header.indexOf(h)];
  return (d?.values ?? [])
    .map(([v]) => v)
    .filter((v) => v !== '')
    .slice(0, 3);
}

function renderColumn(e: Entry, m: FileMapping, c: Column, z: string[]): HTMLElement {
  const ins = e.inspection!;
  const constant = m.constants?.[c.name];
  const h = constant === undefined ? m.columns[c.name] : undefined;
  const src = el('select', { 'data-column': c.name, 'data-focus': `${e.id}:col:${c.name}`, 'aria-label': `${colLabel(c)} ${c.name}` });
  src.append(new Option(t('import.mapping.none'), '', false, h === undefined && constant === undefined));
  ins.header.forEach((name) => {
    if (name.trim() === '') return;
    src.append(new Option(name, name, false, name === h));
  });
  // A fixed value on every row (any column, required ones too).
  if (constant !== undefined) src.append(new Option(t('mapfile.constant.shown', { value: constant }), '\u0000shown', false, true));
  src.append(new Option(t('mapfile.constant'), '\u0000const'));
  src.addEventListener('change', () => {
    if (src.value === '\u0000shown') return;
    if (src.value === '\u0000const') {
      const v = prompt(t('mapfile.constant.prompt', { column: colLabel(c) }), constant ?? '')?.trim();
      if (v) {
        const p = parserFor(c, { zones: z })(v);
        if (isValueError(p)) alert(t('mapfile.constant.bad', { value: v, column: colLabel(c), reason: p.reason }));
        else {
          (m.constants ??= {})[c.name] = v;
          delete m.columns[c.name];
          delete m.joins?.[c.name];
          delete m.values[c.name];
          delete m.formats[c.name];
        }
      }
      restatus(e);
      rerender(src);
      return;
    }
    delete m.constants?.[c.name];
    delete m.joins?.[c.name];
    // One header may feed several columns (a delivery time as both arrival and completion).
    if (src.value === '') delete m.columns[c.name];
    else m.columns[c.name] = src.value;
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
  if (h !== undefined) cellSrc.append(renderJoin(e, m, c));
  if (h !== undefined && hasFormat(c)) cellSrc.append(renderFormat(e, m, c));
  if (h !== undefined && hasValueMapping(c)) cellSrc.append(renderValues(e, m, c, z));

  return el(
    'tr',
    { class: h === undefined && c.required ? 'is-missing' : null, 'data-row': c.name },
    el(
      'th',
      { scope: 'row' },
      colLabel(c),
      c.required ? el('span', { class: 'imp__req', 'aria-hidden': 'true' }, '*') : null,
      el('span', { class: 'imp__colname' }, colAlt(c)),
    ),
    cellSrc,
    el('td', { class: 'imp__sample' }, sampleOf(ins, h).join(' · ')),
  );
}

/** Further headers joined to the column's first one by a space (a date and a time, a line and a number). */
function renderJoin(e: Entry, m: FileMapping, c: Column): HTMLElement {
  const ins = e.inspection!;
  const box = el('div', { 'data-join': c.name });
  const joined = m.joins?.[c.name] ?? [m.columns[c.name]!];
  joined.slice(1).forEach((h, i) => {
    const sel = el('select', { 'data-join-part': String(i + 1), 'data-focus': `${e.id}:join:${c.name}:${i + 1}`, 'aria-label': `${colLabel(c)} + ${i + 1}` });
    for (const name of ins.header) if (name.trim() !== '') sel.append(new Option(name, name, false, name === h));
    sel.addEventListener('change', () => {
      joined[i + 1] = sel.value;
      (m.joins ??= {})[c.name] = joined;
      rerender(sel);
    });
    const remove = el('button', { type: 'button', class: 'imp__link', 'data-focus': `${e.id}:joinrm:${c.name}:${i + 1}` }, t('mapfile.join.remove'));
    remove.addEventListener('click', () => {
      joined.splice(i + 1, 1);
      if (joined.length > 1) (m.joins ??= {})[c.name] = joined;
      else delete m.joins?.[c.name];
      rerender(remove);
    });
    box.append(el('div', {}, '+ ', sel, ' ', remove));
  });
  const add = el('button', { type: 'button', class: 'imp__link', 'data-join-add': c.name, 'data-focus': `${e.id}:joinadd:${c.name}` }, t('mapfile.join.add'));
  add.addEventListener('click', () => {
    const next = ins.header.find((name) => name.trim() !== '' && !joined.includes(name)) ?? ins.header[0]!;
    (m.joins ??= {})[c.name] = [...joined, next];
    rerender(add);
  });
  box.append(add);
  if (joined.length > 1) box.append(el('span', { class: 'imp__convert' }, t('mapfile.join.note')));
  return box;
}

function renderFormat(e: Entry, m: FileMapping, c: Column): HTMLElement {
  const ins = e.inspection!;
  const current = m.formats[c.name] ?? '';
  const sel = el('select', { 'data-format': c.name, 'data-focus': `${e.id}:fmt:${c.name}`, 'aria-label': t('import.mapping.format') });
  sel.append(new Option(t('import.mapping.format.auto'), '', false, current === ''));
  const list: string[] = [...COMMON_FORMATS, 'excel', 'unix', 'unix_ms'];
  if (current && !list.includes(current)) list.unshift(current);
  for (const f of list) sel.append(new Option(f, f, false, f === current));
  sel.append(new Option(t('import.mapping.format.custom'), '\u0000custom'));
  sel.addEventListener('change', () => {
    let v = sel.value;
    if (v === '\u0000custom') {
      v = prompt(t('import.mapping.format.custom_prompt'), current || 'MM/DD/YYYY hh:mm:ss A') ?? current;
      try {
        if (v) formatParser(v, 'timestamp', configFor(mode()).time_zone);
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
    const p = parserFor(c, { zones: [], timeZone: configFor(mode()).time_zone, ...(current ? { formats: { [c.name]: current }, strictFormats: true } : {}) });
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
      restatus(e);
      rerender(sel);
    });
    if (map[raw] === undefined) unmapped.push(raw);
    rows.push(el('tr', { class: map[raw] === undefined ? 'is-unmapped' : null }, el('td', {}, paren(raw, n)), el('td', {}, '→'), el('td', {}, sel)));
  }
  const box = el('div', { 'data-values': c.name });
  const listed = (d?.values ?? []).filter(([v]) => v !== '').length;
  if (c.type === 'rating') {
    const scale = ratingScale((d?.values ?? []).map(([v]) => v));
    if (scale !== '1-4' && scale !== 'unknown')
      box.append(
        el(
          'p',
          { class: 'imp__convert', 'data-rating-scale': scale },
          t('mapfile.rating.rule', { scale: scale === 'labels' ? (lang() === 'zh' ? '文字' : 'text-label') : scale }),
        ),
      );
  }
  if (rows.length === 0 && accepted > 0 && m.other?.[c.name] === undefined) return box;
  box.append(
    el(
      'span',
      { class: 'imp__convert' },
      `${t('import.mapping.values')}${accepted ? ` · ${t('import.mapping.value.as_is', { n: accepted })}` : ''} · ${t('mapfile.values.counts', { n: formatCount(listed) })}`,
    ),
  );
  if (rows.length) box.append(el('table', { class: 'imp__values' }, el('tbody', {}, ...rows)));
  if (unmapped.length > 1) {
    const rest = el('select', { 'data-rest': c.name, 'data-focus': `${e.id}:rest:${c.name}`, 'aria-label': t('import.mapping.value.rest') });
    rest.append(new Option('…', '\u0000none'));
    for (const v of allowed) rest.append(new Option(c.values?.[v]?.[0] ? `${v} ${c.values[v]![0]}` : v, v));
    if (!c.required) rest.append(new Option(t('import.mapping.value.empty'), ''));
    rest.addEventListener('change', () => {
      if (rest.value === '\u0000none') return;
      for (const raw of unmapped) map[raw] = rest.value;
      restatus(e);
      rerender(rest);
    });
    box.append(el('label', { class: 'imp__convert' }, `${t('import.mapping.value.rest')} `, rest));
  }
  // `other`: the value of every non-empty cell the map does not list, also values never shown here.
  const other = el('select', { 'data-other': c.name, 'data-focus': `${e.id}:other:${c.name}`, 'aria-label': t('mapfile.other') });
  other.append(new Option(t('mapfile.other.keep'), '\u0000none', false, m.other?.[c.name] === undefined));
  for (const v of allowed) other.append(new Option(c.values?.[v]?.[0] ? `${v} ${c.values[v]![0]}` : v, v, false, m.other?.[c.name] === v));
  other.addEventListener('change', () => {
    if (other.value === '\u0000none') delete m.other?.[c.name];
    else (m.other ??= {})[c.name] = other.value;
    restatus(e);
    rerender(other);
  });
  box.append(el('label', { class: 'imp__convert' }, `${t('mapfile.other')} → `, other));
  // `default`: the value of an empty cell.
  const dflt = el('select', { 'data-default': c.name, 'data-focus': `${e.id}:default:${c.name}`, 'aria-label': t('mapfile.default') });
  dflt.append(new Option(t('mapfile.default.keep'), '\u0000none', false, m.defaults?.[c.name] === undefined));
  for (const v of allowed) dflt.append(new Option(c.values?.[v]?.[0] ? `${v} ${c.values[v]![0]}` : v, v, false, m.defaults?.[c.name] === v));
  dflt.addEventListener('change', () => {
    if (dflt.value === '\u0000none') delete m.defaults?.[c.name];
    else (m.defaults ??= {})[c.name] = dflt.value;
    restatus(e);
    rerender(dflt);
  });
  box.append(el('label', { class: 'imp__convert' }, `${t('mapfile.default')} → `, dflt));
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
  // One import at a time across tabs (lib/userdata/tabs.ts); held until confirm or cancel.
  releaseLock?.();
  releaseLock = await acquireImportLock();
  if (!releaseLock) {
    err.textContent = t('import.error.other_tab');
    err.hidden = false;
    return;
  }
  const room = await storageRoom(data.reduce((n, e) => n + e.file.size, 0));
  if (room.short) {
    err.textContent = t('import.error.no_room', { free: formatMb(room.free ?? 0), need: formatMb(data.reduce((n, e) => n + e.file.size, 0) * 1.5) });
    err.hidden = false;
    releaseLock();
    releaseLock = null;
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
        options: { zones: zones(), timeZone: configFor(m).time_zone },
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
    err.textContent = isQuotaError(e)
      ? t('import.error.quota')
      : e instanceof ImportError && e.file
        ? t('import.error.unusable', { file: e.file, message: e.message })
        : t('import.error.check', { message: (e as Error).message });
    err.hidden = false;
    for (const x of data) x.progress = null;
    if (!report) {
      await discardPending().catch(() => {}); // the parts written so far (the active data is untouched)
      releaseLock?.();
      releaseLock = null;
    }
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
  const sum = (k: 'rowsRead' | 'rowsLoaded' | 'rowsRejected' | 'rowsMerged') => files.reduce((n, f) => n + (f[k] ?? 0), 0);
  const read = sum('rowsRead');
  const loaded = sum('rowsLoaded');
  const rejected = sum('rowsRejected');
  const merged = sum('rowsMerged');
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
            ['mapfile.report.merged', 'num-col'],
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
          {
            'data-file': f.file,
            'data-read': String(f.rowsRead),
            'data-loaded': String(f.rowsLoaded),
            'data-merged': String(f.rowsMerged ?? 0),
            'data-rejected': String(f.rowsRejected),
            'data-ms': String(f.ms),
          },
          el('td', {}, f.file),
          el('td', {}, tableLabel(f.table)),
          el('td', {}, f.encoding),
          num(f.rowsRead),
          num(f.rowsLoaded),
          num(f.rowsMerged ?? 0),
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
        num(merged),
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
  const confirm = el(
    'button',
    { type: 'button', class: 'btn btn--primary', id: 'import-confirm', disabled: blocked },
    t(summary.kept > 0 || mode() === 'append' ? 'import.confirm.append' : 'import.confirm.replace'),
  );
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
      {
        id: 'import-summary',
        'data-read': String(read),
        'data-loaded': String(loaded),
        'data-merged': String(merged),
        'data-rejected': String(rejected),
        'data-orphans': String(orphans.length),
      },
      t('import.report.summary', { read: formatCount(read), loaded: formatCount(loaded), rejected: formatCount(rejected) }),
      ' ',
      loaded + merged + rejected === read ? el('span', { class: 'imp__ok' }, t(merged > 0 ? 'mapfile.report.adds_up' : 'import.report.adds_up')) : null,
    ),
    table,
    ...dedupeOffers(files),
    summary.kept > 0 ? el('p', {}, t('import.report.kept', { n: summary.kept })) : null,
    reasons.length
      ? el(
          'div',
          { id: 'import-reasons' },
          el('h3', { class: 'imp__mt' }, t('import.report.by_reason')),
          el('ul', { class: 'imp__reasons' }, ...reasons.map(([code, n]) => el('li', { 'data-code': code }, `${colon(reasonLabel(code))}${formatCount(n)}`))),
        )
      : null,
    sample.length
      ? rowsTable(
          'import-rejected-table',
          sample.map((r) => ({ ...r }) as unknown as Row),
          true,
        )
      : null,
    el('h3', { class: 'imp__mt' }, orphans.length ? t('import.report.orphans', { n: formatCount(orphans.length) }) : t('import.report.no_orphans')),
    orphans.length ? rowsTable('import-orphans-table', orphans.slice(0, 20), false) : null,
    ...files
      .filter((f) => f.ignoredColumns.length)
      .map((f) =>
        el('p', { class: 'imp__status' }, t('import.report.ignored', { file: f.file, columns: f.ignoredColumns.join(lang() === 'zh' ? '、' : ', ') })),
      ),
    ...missing.map((tb) => el('p', { class: blocked && tb === 'service_orders' ? 'imp__bad' : 'imp__warn' }, t(`import.report.missing.${tb}` as MessageId))),
    buttons,
  ];
  box.replaceChildren(...blocks.filter((b): b is HTMLElement => b !== null));
}

/** Files whose keys repeat (an event log's row per state change): offer to collapse them and check again. */
function dedupeOffers(files: ImportSummary['files']): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const f of files) {
    const n = f.byCode['duplicate_key'] ?? 0;
    const e = entries.find((x) => x.id === f.id);
    if (n === 0 || !e || !e.inspection) continue;
    const m = ensureMapping(e);
    if (m.dedupe) continue;
    const offer = dedupeOffer(m.table, [...Object.keys(m.columns), ...Object.keys(m.constants ?? {})]);
    const by = offer.by ? TABLE_BY_NAME[m.table].columns.find((c) => c.name === offer.by) : undefined;
    const button = el(
      'button',
      { type: 'button', class: 'btn', 'data-dedupe-offer': f.file },
      by ? t('mapfile.dedupe.offer', { by: colLabel(by) }) : t('mapfile.dedupe.offer_order'),
    );
    button.addEventListener('click', () => {
      m.dedupe = offer;
      e.status = e.status === 'ready' ? 'suggested' : e.status;
      void check();
    });
    out.push(el('p', { class: 'imp__warn' }, t('mapfile.dedupe.found', { file: f.file, n: formatCount(n) }), ' ', button));
  }
  return out;
}

function rowsTable(id: string, rows: Row[], reasons: boolean): HTMLElement {
  return el(
    'table',
    { class: 'data-table data-table--compact', id },
    el(
      'thead',
      {},
      el('tr', {}, ...(['table.file', 'table.line', 'table.column', 'table.reason'] as MessageId[]).map((x) => el('th', { scope: 'col' }, t(x)))),
    ),
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
  try {
    await promotePending();
  } catch (e) {
    applying = false;
    $('import-applying').textContent = isQuotaError(e) ? t('import.error.quota') : t('import.error.check', { message: (e as Error).message });
    releaseLock?.();
    releaseLock = null;
    return;
  }
  announceActiveChanged();
  releaseLock?.();
  // A fresh start on the new data: the selection in the URL belonged to the old data.
  location.assign(location.pathname);
}

async function cancelPending(): Promise<void> {
  report = null;
  await discardPending().catch(() => {});
  releaseLock?.();
  releaseLock = null;
  render();
}

async function backToSample(): Promise<void> {
  if (!confirm(t(bundlePublished() === null ? 'import.back_to_sample.confirm' : 'import.back_to_published.confirm'))) return;
  const release = releaseLock ?? (await acquireImportLock());
  if (!release) {
    alert(t('import.error.other_tab'));
    return;
  }
  await clearAll();
  announceActiveChanged();
  release();
  location.assign(location.pathname);
}

/** The import lock this tab holds (tabs.ts), from the check to confirm or cancel. */
let releaseLock: (() => void) | null = null;
const formatMb = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString()} MB`;

// Another tab changed the active data: reload onto it, unless this tab is in the middle of an import.
onActiveChanged(() => {
  if (busy || applying || report) return;
  location.assign(location.pathname);
});
// Parts left by an import interrupted in a closed tab (none while another tab imports).
void collectAtStartup().catch(() => {});

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

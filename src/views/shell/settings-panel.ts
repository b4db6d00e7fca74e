/**
 * The settings panel (Settings.astro): the dataset's config.json as a form. Opened from every page's
 * header; the values are checked by src/lib/config.ts configProblems (the same rules as the CLI) and
 * each message is put at its field — never a silent default. Saved with the imported data (IndexedDB,
 * store.ts setActiveConfig; replacing the files keeps it) and applied at once (the page reloads and
 * recomputes). Exported / imported as config.json. The bundled sample's settings come with the build:
 * shown, exportable, not saved here.
 */
import { configProblems, parseConfig, type Config, type ConfigProblem } from '../../lib/config.ts';
import { CN_HOLIDAYS_SOURCE, statutoryCalendar } from '../../lib/calendar/cn-holidays.ts';
import type { Dataset } from '../../lib/report/browser-sample.ts';
import { t, type MessageId } from '../../lib/i18n/index.ts';
import { betterOf, display, HEADLINE_CARDS as HEADLINE } from '../../lib/metrics.ts';
import { DATASET_EVENT } from '../../lib/userdata/events.ts';

const dialog = document.getElementById('settings-dialog') as HTMLDialogElement | null;
const form = document.getElementById('settings-form') as HTMLFormElement | null;
const status = document.getElementById('settings-status')!;
let dataset: Dataset | null = null;

/** The targets offered: the headline KPIs with a good direction, and the hotline's. */
const TARGET_IDS = [...HEADLINE.filter((id) => betterOf(id)), 'calls.answer_rate', 'calls.within_3_rings_rate'];

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};

/** A labelled field; `key` is the config key path its problems are reported under. */
function field(key: string, label: string, input: HTMLElement): HTMLElement {
  const wrap = el('div', { class: 'settings__field', 'data-key': key });
  const l = el('label');
  l.append(el('span', { class: 'settings__label' }, label), input);
  wrap.append(l, el('p', { class: 'settings__error', role: 'alert', hidden: '' }));
  return wrap;
}

const input = (name: string, value: string, type = 'text', extra: Record<string, string> = {}) => el('input', { name, value, type, ...extra });

/** Fill the form from a config. */
function fill(c: Config): void {
  if (!form) return;
  form.replaceChildren();
  const group = (title: MessageId, hint?: MessageId) => {
    const fs = el('fieldset', { class: 'settings__group' });
    fs.append(el('legend', {}, t(title)));
    if (hint) fs.append(el('p', { class: 'settings__hint' }, t(hint)));
    form.append(fs);
    return fs;
  };
  group('settings.company').append(field('company_name', t('settings.company'), input('company_name', c.company_name)));

  const targets = group('settings.targets', 'settings.targets.hint');
  for (const id of TARGET_IDS) {
    const side = betterOf(id) === 'lower' ? 'max' : 'min';
    const v = c.targets[id]?.[side];
    const rate = display(id).kind === 'rate';
    const shown = v === undefined ? '' : String(rate ? Math.round(v * 1e6) / 1e4 : v);
    const label = `${t(`metric.${id}` as MessageId)} ${t(side === 'min' ? 'settings.target.min' : 'settings.target.max')}${rate ? ' (%)' : ''}`;
    targets.append(field(`targets.${id}.${side}`, label, input(`target:${id}:${side}`, shown, 'number', { step: 'any', 'data-rate': rate ? '1' : '' })));
  }

  const hours = group('settings.hours');
  hours.append(field('working_hours.start', t('settings.start'), input('start', c.working_hours.start, 'time')));
  hours.append(field('working_hours.end', t('settings.end'), input('end', c.working_hours.end, 'time')));
  const days = el('span', { class: 'settings__days' });
  for (let d = 1; d <= 7; d++) {
    const l = el('label');
    const box = input(`workday:${d}`, String(d), 'checkbox');
    (box as HTMLInputElement).checked = c.working_hours.workdays.includes(d);
    l.append(box, t(`settings.weekday.${d}` as MessageId));
    days.append(l);
  }
  hours.append(field('working_hours.workdays', t('settings.workdays'), days));
  const holidays = el('textarea', { name: 'holidays', rows: '5' });
  holidays.value = c.working_hours.holidays.join('\n');
  const extra = el('textarea', { name: 'extra_workdays', rows: '5' });
  extra.value = c.working_hours.extra_workdays.join('\n');
  hours.append(field('working_hours.holidays', t('settings.holidays'), holidays), field('working_hours.extra_workdays', t('settings.extra_workdays'), extra));
  const years = dataYears();
  const fillDays = el('button', { type: 'button', class: 'btn btn--small', id: 'settings-statutory' }, t('settings.statutory', { years: years.join(', ') }));
  const note = el(
    'p',
    { class: 'settings__hint', id: 'settings-statutory-note' },
    t('settings.statutory.source', { source: CN_HOLIDAYS_SOURCE.source, first: CN_HOLIDAYS_SOURCE.firstYear, last: CN_HOLIDAYS_SOURCE.lastYear }),
  );
  fillDays.addEventListener('click', () => {
    const cal = statutoryCalendar(years);
    const merge = (ta: HTMLTextAreaElement, add: string[]) => {
      const all = new Set([...lines(ta.value), ...add]);
      ta.value = [...all].sort().join('\n');
    };
    merge(holidays, cal.holidays);
    merge(extra, cal.extra_workdays);
    note.textContent = [
      t('settings.statutory.added', { holidays: cal.holidays.length, workdays: cal.extra_workdays.length }),
      cal.missingYears.length ? t('settings.statutory.missing', { years: cal.missingYears.join(', ') }) : '',
    ]
      .filter(Boolean)
      .join(' ');
    note.classList.toggle('is-warning', cal.missingYears.length > 0);
  });
  hours.append(fillDays, note);

  const zones = group('settings.zones');
  const list = el('div', { class: 'settings__zones' });
  const addZone = (name: string, hours: number | undefined, contract: boolean) => {
    const row = el('div', { class: 'settings__zone', 'data-key': `zones.${name}` });
    const n = input('zone-name', name);
    const h = input('zone-hours', hours === undefined ? '' : String(hours), 'number', { step: 'any' });
    const k = input('zone-contract', '1', 'checkbox');
    (k as HTMLInputElement).checked = contract;
    const rm = el('button', { type: 'button', class: 'btn btn--small' }, t('settings.zone.remove'));
    rm.addEventListener('click', () => row.remove());
    const kl = el('label');
    kl.append(k, t('settings.zone.contract'));
    row.append(n, h, kl, rm, el('p', { class: 'settings__error', role: 'alert', hidden: '' }));
    list.append(row);
  };
  for (const [name, s] of Object.entries(c.zones)) addZone(name, s.hours, s.by_contract ?? false);
  const add = el('button', { type: 'button', class: 'btn btn--small' }, t('settings.zone.add'));
  add.addEventListener('click', () => addZone('', undefined, false));
  zones.append(el('p', { class: 'settings__hint' }, `${t('settings.zone.name')} · ${t('settings.zone.hours')} · ${t('settings.zone.contract')}`), list, add);

  const other = group('settings.limits');
  other.append(field('repeat_window_days', t('settings.repeat'), input('repeat', String(c.repeat_window_days), 'number', { step: 'any' })));
  other.append(
    field('complaint_limit_days.domestic', t('settings.limit.domestic'), input('domestic', String(c.complaint_limit_days.domestic), 'number', { step: 'any' })),
  );
  other.append(
    field('complaint_limit_days.foreign', t('settings.limit.foreign'), input('foreign', String(c.complaint_limit_days.foreign), 'number', { step: 'any' })),
  );
}

const lines = (s: string) =>
  s
    .split(/[\s,，、]+/)
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** A number field's value: a number, or the text as written (so the check names it), or undefined when empty. */
function numberOf(v: string): number | string | undefined {
  const s = v.trim();
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
}

/** The form as a config.json object (keys as docs/metrics.md#configuration; what the check reads). */
function read(): Record<string, unknown> {
  const f = form!;
  const val = (name: string) => (f.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value;
  const targets: Record<string, Record<string, unknown>> = {};
  for (const i of f.querySelectorAll<HTMLInputElement>('input[name^="target:"]')) {
    const [, id, side] = i.name.split(':') as [string, string, string];
    let v = numberOf(i.value);
    if (v === undefined) continue;
    if (typeof v === 'number' && i.dataset['rate']) v = v / 100;
    targets[id] = { [side]: v };
  }
  const zones: Record<string, unknown> = {};
  for (const row of f.querySelectorAll<HTMLElement>('.settings__zone')) {
    const name = (row.querySelector('[name="zone-name"]') as HTMLInputElement).value.trim();
    const hours = numberOf((row.querySelector('[name="zone-hours"]') as HTMLInputElement).value);
    const contract = (row.querySelector('[name="zone-contract"]') as HTMLInputElement).checked;
    row.dataset['key'] = `zones.${name}`;
    zones[name] = { ...(hours !== undefined ? { hours } : {}), ...(contract ? { by_contract: true } : {}) };
  }
  return {
    company_name: val('company_name'),
    working_hours: {
      start: val('start'),
      end: val('end'),
      workdays: [...f.querySelectorAll<HTMLInputElement>('input[name^="workday:"]')].filter((b) => b.checked).map((b) => Number(b.value)),
      holidays: lines(val('holidays')),
      extra_workdays: lines(val('extra_workdays')),
    },
    zones,
    repeat_window_days: numberOf(val('repeat')) ?? null,
    complaint_limit_days: { domestic: numberOf(val('domestic')) ?? null, foreign: numberOf(val('foreign')) ?? null },
    targets,
    min_cases: dataset?.config.min_cases ?? 20,
  };
}

/** Put each problem at its field (the longest key the problem's key starts with); returns the count. */
function showProblems(problems: ConfigProblem[]): number {
  for (const e of form!.querySelectorAll<HTMLElement>('.settings__error')) {
    e.hidden = true;
    e.textContent = '';
  }
  for (const w of form!.querySelectorAll('.is-invalid')) w.classList.remove('is-invalid');
  const fields = [...form!.querySelectorAll<HTMLElement>('[data-key]')];
  for (const p of problems) {
    const key = p.key.replace(/\[\d+\]$/, '');
    const target = fields
      .filter((f) => key === f.dataset['key'] || key.startsWith(`${f.dataset['key']}.`))
      .sort((a, b) => b.dataset['key']!.length - a.dataset['key']!.length)[0];
    const box = target?.querySelector<HTMLElement>(':scope > .settings__error');
    const msg = p.message.replace(/^config\.json: /, '');
    if (box) {
      box.textContent = box.textContent ? `${box.textContent} ${msg}` : msg;
      box.hidden = false;
      target!.classList.add('is-invalid');
    } else status.textContent = msg;
  }
  return problems.length;
}

/** The years the data covers (the page's period list), else this year. */
function dataYears(): number[] {
  const opts = [...document.querySelectorAll<HTMLOptionElement>('#period-select option')].map((o) => Number(o.value.slice(0, 4))).filter((y) => y > 1900);
  return opts.length ? [...new Set(opts)].sort() : [new Date().getFullYear()];
}

function open(): void {
  if (!dialog) return;
  fill(dataset?.config ?? parseConfig(null));
  const user = dataset?.source === 'user';
  document.getElementById('settings-note')!.textContent = t(user ? 'settings.user_note' : 'settings.sample_note');
  (document.getElementById('settings-save') as HTMLButtonElement).disabled = !user;
  status.textContent = '';
  dialog.showModal();
}

async function save(): Promise<void> {
  const text = JSON.stringify(read(), null, 2);
  const n = showProblems(configProblems(text));
  if (n > 0) {
    status.textContent = t('settings.invalid', { n });
    form!.querySelector('.is-invalid')?.scrollIntoView({ block: 'center' });
    return;
  }
  const { setActiveConfig } = await import('../../lib/userdata/store.ts');
  if (await setActiveConfig(text, 'config.json')) {
    status.textContent = t('settings.saved');
    location.reload(); // the page recomputes with the new settings
  }
}

function exportConfig(): void {
  const blob = new Blob([JSON.stringify(read(), null, 2) + '\n'], { type: 'application/json' });
  const a = el('a', { href: URL.createObjectURL(blob), download: 'config.json' });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function importConfig(file: File): Promise<void> {
  const text = await file.text();
  const problems = configProblems(text);
  if (problems.some((p) => p.key === '')) {
    status.textContent = problems[0]!.message;
    return;
  }
  // Fill what is valid; the bad values are shown at their fields after the fill.
  // Each top-level key that is valid on its own is taken; a bad one keeps the current value.
  const c = structuredClone(dataset?.config ?? parseConfig(null)) as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(JSON.parse(text) as Record<string, unknown>)) {
    try {
      c[k] = (parseConfig(JSON.stringify({ [k]: v })) as unknown as Record<string, unknown>)[k];
    } catch {
      // shown at its field below
    }
  }
  fill(c as unknown as Config);
  showProblems(problems);
  status.textContent = t('settings.imported', { file: file.name });
}

document.addEventListener(DATASET_EVENT, (e) => (dataset = (e as CustomEvent<Dataset>).detail));
document.getElementById('settings-open')?.addEventListener('click', open);
for (const id of ['settings-close', 'settings-cancel']) document.getElementById(id)?.addEventListener('click', () => dialog?.close());
document.getElementById('settings-save')?.addEventListener('click', () => void save());
document.getElementById('settings-export')?.addEventListener('click', exportConfig);
document.getElementById('settings-import')?.addEventListener('change', (e) => {
  const f = (e.target as HTMLInputElement).files?.[0];
  if (f) void importConfig(f);
});

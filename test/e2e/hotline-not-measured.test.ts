/**
 * The hotline section (热线) on the sample, and the "not measured" wording (docs/metrics.md): on data
 * imported without costs, surveys, complaints or calls files, the cards, table cells, charts and
 * section notes say which input is missing — never a zero — in Chinese and in English.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { reportReady, RESULTS, ROOT, startSession, watchedPage, type Session, type Watched } from './browser.ts';
import { addFiles, check, expectPrivateAndClean, openImport } from './import-helpers.ts';

let s: Session;
let w: Watched;

/** Screenshots also go to SHOTS_DIR when it is set (a reviewer's folder). */
async function shot(name: string, el?: string): Promise<void> {
  const path = `${RESULTS}${name}.png`;
  if (el) await w.page.locator(el).screenshot({ path });
  else await w.page.screenshot({ path, fullPage: true });
  const dir = process.env['SHOTS_DIR'];
  if (dir) {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    copyFileSync(path, `${dir}/${name}.png`);
  }
}

const text = (sel: string) => w.page.locator(sel).first().textContent();

beforeAll(async () => {
  s = await startSession();
  w = await watchedPage(s.browser);
  await w.page.goto(`${s.server.url}?period=2026-10`);
  await reportReady(w.page);
});
afterAll(async () => {
  await s?.close();
});

test("the sample: the hotline section shows the CLI's calls.* figures and its two charts", { timeout: 300_000 }, async () => {
  const cli = spawnSync(process.execPath, ['src/cli/report.ts', '--data', 'data/sample', '--period', '2026-10'], { cwd: ROOT, encoding: 'utf8' });
  expect(cli.status).toBe(0);
  const m = JSON.parse(cli.stdout).metrics as Record<string, unknown>;
  const p = w.page;
  const section = p.locator('#section-calls');
  await section.scrollIntoViewIfNeeded();
  for (const id of ['calls.received', 'calls.answer_rate', 'calls.within_3_rings_rate', 'calls.unanswered_in_hours', 'calls.unanswered_penalty']) {
    expect(m[id], id).not.toBeNull();
    expect(await section.locator(`[data-metric="${id}"]:not([data-compare])`).first().getAttribute('data-value'), id).toBe(String(m[id]));
  }
  // The by-hour and by-kind charts are drawn (not the empty text); no by-branch table (calls have no branch).
  await p.waitForFunction(() => document.documentElement.dataset['chartsReady'] === '1', undefined, { timeout: 60_000 });
  for (const c of ['calls.by_hour', 'calls.by_kind'])
    expect(await section.locator(`[data-chart="${c}"] canvas, [data-chart="${c}"] svg`).count(), c).toBeGreaterThan(0);
  // The printed edition draws the same specs: bars, not the empty text.
  await p.waitForFunction(() => document.documentElement.dataset['printReady'] === '1', undefined, { timeout: 60_000 });
  for (const c of ['calls.by_hour', 'calls.by_kind']) {
    expect(await section.locator(`[data-print-chart="${c}"] .print-chart__empty`).count(), c).toBe(0);
    expect(await section.locator(`[data-print-chart="${c}"] [data-print-svg] svg`).count(), c).toBe(1);
  }
  expect(await section.locator('[data-table-card="branch-calls"]').isHidden()).toBe(true);
  expect(await section.locator('.section__missing').count()).toBe(0);
  await shot('hotline-sample-zh', '#section-calls');
});

test('imported data without costs, surveys, complaints or calls: every such figure names its missing input', { timeout: 300_000 }, async () => {
  const p = w.page;
  await openImport(p);
  await addFiles(p, ['网点.csv', '工单_2026年10月.csv']);
  await p.check('input[name="import-mode"][value="replace"]');
  const r = await check(p);
  expect(r.rejected).toBe(0);
  // The page reloads on the new data (computed in the browser: slower than the stored sample).
  await Promise.all([p.waitForEvent('load', { timeout: 60_000 }), p.click('#import-confirm')]);
  await reportReady(p, 110_000);
  if ((await p.locator('#period-select').inputValue()) !== '2026-10') {
    await p.selectOption('#period-select', '2026-10');
    await reportReady(p);
  }
  // Headline card and comparison table: the missing file, not ¥0.00.
  expect(await text('[data-metric="cost.total"]:not([data-compare])')).toBe('未导入费用明细');
  expect(await text('[data-metric="cost.total"]:not([data-compare])')).not.toContain('0.00');
  expect(await text('#section-satisfaction [data-metric="satisfaction.satisfied_rate"]:not([data-compare])')).toBe('未导入回访调查');
  expect(await text('#section-complaints [data-metric="complaints.received"]:not([data-compare])')).toBe('未导入投诉记录');
  expect(await text('#section-calls [data-metric="calls.received"]:not([data-compare])')).toBe('未导入热线来电记录');
  // By-branch table cells too.
  expect(await text('#table-branch-cost td[data-metric="cost.total"][data-branch]')).toBe('未导入费用明细');
  // Each section says what it lacks; a measured section says nothing.
  expect(await text('#section-cost .section__missing')).toContain('未导入费用明细');
  expect(await text('#section-calls .section__missing')).toContain('未导入热线来电记录');
  expect(await p.locator('#section-volume .section__missing').count()).toBe(0);
  // Measured figures stay numbers.
  expect(await p.locator('[data-metric="orders.received"]:not([data-compare])').first().getAttribute('data-value')).not.toBe('null');
  // The charts of an unmeasured section say why they are empty (the printed edition shows the same text).
  await p.waitForFunction(() => document.documentElement.dataset['printReady'] === '1', undefined, { timeout: 60_000 });
  expect(await text('[data-print-chart="cost.composition"] .print-chart__empty')).toBe('未导入费用明细');
  expect(await text('[data-print-chart="calls.by_hour"] .print-chart__empty')).toBe('未导入热线来电记录');
  await shot('not-measured-zh');
  for (const part of ['headline', 'section-cost', 'section-satisfaction', 'section-calls']) {
    const sel = part === 'headline' ? '.headline' : `#${part}`;
    await p.locator(sel).first().scrollIntoViewIfNeeded();
    await shot(`not-measured-zh-${part}`, sel);
  }

  await p.click('#lang-button');
  await p.waitForFunction(() => document.documentElement.lang.startsWith('en'));
  expect(await text('[data-metric="cost.total"]:not([data-compare])')).toBe('no costs file');
  expect(await text('#section-satisfaction [data-metric="satisfaction.satisfied_rate"]:not([data-compare])')).toBe('no surveys file');
  expect(await text('#section-calls .section__missing')).toContain('no hotline calls file');
  await shot('not-measured-en');
  for (const part of ['headline', 'section-cost', 'section-calls']) {
    const sel = part === 'headline' ? '.headline' : `#${part}`;
    await p.locator(sel).first().scrollIntoViewIfNeeded();
    await shot(`not-measured-en-${part}`, sel);
  }
  await p.click('#lang-button');
  expectPrivateAndClean(w, s.server.url.replace(/\/$/, ''));
});

test('settings panel: a bad value gets its message at the field; saved settings apply at once and stay with the data', { timeout: 300_000 }, async () => {
  const p = w.page;
  await p.click('#settings-open');
  const dialog = p.locator('#settings-dialog');
  await dialog.waitFor({ state: 'visible' });
  // The statutory calendar of the data's years (2026: six 调休 workdays), with its source.
  await p.click('#settings-statutory');
  expect(await p.locator('textarea[name="extra_workdays"]').inputValue()).toContain('2026-10-10');
  expect(await p.locator('#settings-statutory-note').textContent()).toContain('6');
  // A day that does not exist and negative hours: messages at those fields, nothing saved.
  await p.fill('textarea[name="holidays"]', '2026-10-01\n2026-02-30');
  await p.locator('.settings__zone input[name="zone-hours"]').first().fill('-6');
  await p.fill('input[name="company_name"]', '华东售后服务公司');
  await p.click('#settings-save');
  const holidays = p.locator('.settings__field[data-key="working_hours.holidays"] .settings__error');
  await holidays.waitFor({ state: 'visible' });
  expect(await holidays.textContent()).toContain('2026-02-30');
  expect(await p.locator('.settings__zone .settings__error').first().textContent()).toContain('-6');
  await shot('settings-invalid', '#settings-dialog');
  // Fixed: saved and applied (the page reloads and recomputes), the company name in the header.
  await p.fill('textarea[name="holidays"]', '2026-10-01');
  await p.locator('.settings__zone input[name="zone-hours"]').first().fill('6');
  await Promise.all([p.waitForEvent('load', { timeout: 60_000 }), p.click('#settings-save')]);
  await reportReady(p, 110_000);
  expect(await p.locator('#company-name').textContent()).toContain('华东售后服务公司');
  await p.click('#settings-open');
  expect(await p.locator('textarea[name="holidays"]').inputValue()).toBe('2026-10-01');
  expect(await p.locator('input[name="company_name"]').inputValue()).toBe('华东售后服务公司');
  await p.click('#settings-cancel');
});

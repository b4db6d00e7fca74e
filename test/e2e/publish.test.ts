/**
 * A site published on a company's own data (`npm run publish-site -- --data DIR`, src/cli/publish-site.ts):
 * the bundled file built from another folder than data/sample says so — the badge reads 发布的数据
 * with the build's time, the import panel names the company's published data (not the fictional
 * sample), in both languages. The copy of dist/ here gets a file built from a copy of the sample
 * with another company name, the way publish-site builds it.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DIST, reportReady, ROOT, startSession, watchedPage, type Session } from './browser.ts';

const run = promisify(execFile);
const COMPANY = '测试发布公司';
let s: Session;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'publish-'));
  cpSync(join(ROOT, 'data/sample'), join(dir, 'data'), { recursive: true });
  const config = JSON.parse(readFileSync(join(dir, 'data/config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'data/config.json'), JSON.stringify({ ...config, company_name: COMPANY }));
  cpSync(DIST, join(dir, 'site'), { recursive: true });
  // Over the copy's bundled file and its stored part (build-sample-db writes both).
  await run(process.execPath, ['src/cli/build-db.ts', '--data', join(dir, 'data'), '--out', join(dir, 'site/data/sample.duckdb')], { cwd: ROOT });
  s = await startSession(join(dir, 'site'));
}, 120_000);

afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the badge and the import panel name the published data and when it was built, not the sample', async () => {
  const w = await watchedPage(s.browser);
  await w.page.goto(s.server.url);
  await reportReady(w.page);
  expect(await w.page.locator('#company-name').textContent()).toBe(COMPANY);
  expect(await w.page.locator('#source-label').textContent()).toBe('发布的数据');
  const at = (await w.page.locator('#source-badge .source-badge__time').textContent()) ?? '';
  expect(at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  const title = (await w.page.locator('#source-badge').getAttribute('title')) ?? '';
  expect(title).toContain('service_orders.csv: ');
  expect(title).toContain(`生成于 ${at}`);

  await w.page.click('#import-open');
  expect(await w.page.locator('#import-current').textContent()).toBe(`报表当前使用：随网站发布的数据：${COMPANY} · 生成于 ${at}`);
  await w.page.keyboard.press('Escape');

  await w.page.click('#lang-button');
  await reportReady(w.page);
  expect(await w.page.locator('#source-label').textContent()).toBe('Published data');
  expect(await w.page.locator('#source-badge').getAttribute('title')).toContain(`built ${at}`);
  expect(w.errors).toEqual([]);
  await w.context.close();
});

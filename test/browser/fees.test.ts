// Fees and records (guide step 8) in Chromium, in Japanese and English: the facility's staff open
// 利用料 from their start page, mark a use paid, open and print the 領収書 (print media), open the
// monthly usage and download the CSV; the city's staff record a fee reduction; the guardian (on a
// phone) opens 利用実績 from マイページ. Attendance rows are put in directly (check-in is built
// elsewhere). Screens are saved to test-results/fees-*.png and checked with axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { BROWSER_TIMEOUT_MS, assertAccessible, browserAvailable, launchBrowser, screenshot, startServer } from '../helpers/browser.ts';
import { GuideVisitor, Shots, PHONE, DESKTOP } from '../helpers/guide-visitor.ts';
import { GUARDIAN_PASSWORD, approvedGuardian, childrenOf, facilityIdOf } from '../helpers/journeys.ts';
import { recordedUse } from '../helpers/uses.ts';

const GUARDIAN_EMAIL = 'fees.ojiya@example.com';
const FACILITY_STAFF = 'staff@niji.ojiya.example.jp';
const CITY_STAFF = 'city-staff@ojiya.example.jp';

async function capture(page: Page, name: string, phone = false): Promise<void> {
  await page.waitForLoadState('load');
  if (phone) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `${name}: ${width}px wide on a ${PHONE.width}px screen`);
  }
  await screenshot(page, `fees-${name}`);
  await assertAccessible(page, name);
}

async function toEnglish(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
}

async function toJapanese(page: Page): Promise<void> {
  await page.getByRole('link', { name: '日本語' }).click();
  await page.waitForLoadState('load');
}

test('fees and records: the facility marks paid and prints a receipt, downloads usage; the city records a reduction; the guardian reads the usage', async (t) => {
  if (!browserAvailable() || process.env.SKIP_BROWSER_TESTS === '1') {
    t.skip('no chromium, or SKIP_BROWSER_TESTS=1');
    return;
  }
  const server = await startServer();
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  try {
    await approvedGuardian(server.app, server.db, GUARDIAN_EMAIL);
    const [kid] = await childrenOf(server.db, GUARDIAN_EMAIL);
    assert.ok(kid);
    const niji = await facilityIdOf(server.db, 'にじいろ保育園（架空）');
    // The test clock is Thursday 26 November 2026, 10:00 in Tokyo.
    await recordedUse(server.db, kid, niji, '2026-11-24', '09:00', '12:00', { in: '09:05', out: '12:35' });
    await recordedUse(server.db, kid, niji, '2026-11-24', '13:00', '14:00', { status: 'late_cancelled' });
    await recordedUse(server.db, kid, niji, '2026-11-19', '09:00', '11:00', { in: '09:00', out: '10:10' });
    const shots = new Shots(80);

    // ---- The facility's staff, on a desktop ----
    const staffContext = await browser.newContext({ baseURL: server.baseUrl, viewport: DESKTOP, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', acceptDownloads: true });
    staffContext.setDefaultTimeout(BROWSER_TIMEOUT_MS);
    contexts.push(staffContext);
    const staff = new GuideVisitor(await staffContext.newPage(), shots, false);
    const sp = staff.page;
    await staff.logIn(FACILITY_STAFF, SAMPLE_PASSWORD, { expectOtp: true });
    await staff.heading('施設の業務').waitFor();
    await capture(sp, '01-facility-home');
    await staff.link('利用料', ).click();
    await staff.heading('利用料').waitFor();
    await sp.getByLabel('日別').fill('2026-11-24');
    await sp.getByRole('button', { name: '表示する' }).first().click();
    await staff.heading('2026年11月24日(火)の利用', 2).waitFor();
    const row = sp.getByRole('row').filter({ hasText: '9:05〜12:35' });
    assert.match(await row.innerText(), /35分遅れ（追加 1時間）/);
    assert.match(await row.innerText(), /1,200円/);
    await capture(sp, '02-fees-day');
    await row.getByRole('button', { name: /支払済にする/ }).click();
    await sp.locator('[data-qa=notice]').waitFor();
    assert.match(await sp.locator('[data-qa=notice]').innerText(), /支払済にしました。領収書番号は R2026-\d{6}/);
    await capture(sp, '03-fees-paid');
    await sp.getByRole('row').filter({ hasText: '9:05〜12:35' }).getByRole('link', { name: /領収書/ }).click();
    await staff.heading('領収書').waitFor();
    assert.equal(await sp.locator('[data-qa=receipt-amount]').innerText(), '1,200円');
    await capture(sp, '04-receipt');
    await sp.emulateMedia({ media: 'print' });
    assert.equal(await sp.locator('.site-header').isVisible(), false, 'the print view leaves the site header out');
    await screenshot(sp, 'fees-05-receipt-print');
    await sp.emulateMedia({ media: 'screen' });
    await toEnglish(sp);
    await staff.heading('Receipt').waitFor();
    await capture(sp, '06-receipt-en');
    await staff.link('Back to fees').click();
    await capture(sp, '07-fees-day-en');
    await staff.link('Monthly usage per child and CSV').click();
    await staff.heading('Monthly usage').waitFor();
    await capture(sp, '08-usage-en');
    await toJapanese(sp);
    await staff.heading('月別の利用実績').waitFor();
    await capture(sp, '09-usage');
    const [download] = await Promise.all([sp.waitForEvent('download'), sp.getByRole('button', { name: 'CSV をダウンロード' }).click()]);
    assert.equal(download.suggestedFilename(), 'usage-2026-11.csv');
    const bytes = await readFile((await download.path())!);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(bytes.toString('utf8').includes(kid.name), 'the child is in the CSV');
    await sp.goto('/facility/fees?month=2026-11');
    await capture(sp, '10-fees-month');

    // ---- The city's staff, on a desktop ----
    const cityContext = await browser.newContext({ baseURL: server.baseUrl, viewport: DESKTOP, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    cityContext.setDefaultTimeout(BROWSER_TIMEOUT_MS);
    contexts.push(cityContext);
    const city = new GuideVisitor(await cityContext.newPage(), shots, false);
    const cp = city.page;
    await city.logIn(CITY_STAFF, SAMPLE_PASSWORD);
    await city.heading('市区町村の業務').waitFor();
    await cp.locator('[data-qa=municipality-reductions]').click();
    await city.heading('利用料減免').waitFor();
    await capture(cp, '11-reductions');
    await cp.getByLabel('お名前・ふりがな・認定番号').fill(kid.name.split(/\s/)[0]!);
    await cp.getByRole('button', { name: '検索する' }).click();
    await capture(cp, '12-reductions-search');
    await cp.getByRole('link', { name: kid.name }).click();
    await city.heading(`${kid.name}さんの利用料減免`).waitFor();
    await cp.getByRole('button', { name: '記録する' }).click();
    await cp.locator('.error-summary').waitFor();
    await capture(cp, '13-reduction-errors');
    await cp.getByLabel('市町村民税非課税世帯').check();
    await cp.getByRole('group', { name: /適用開始日/ }).getByLabel('年').fill('2026');
    await cp.getByRole('group', { name: /適用開始日/ }).getByLabel('月').fill('11');
    await cp.getByRole('group', { name: /適用開始日/ }).getByLabel('日').fill('20');
    await cp.getByRole('button', { name: '記録する' }).click();
    await cp.locator('[data-qa=notice]').waitFor();
    await capture(cp, '14-reduction-recorded');
    await toEnglish(cp);
    await capture(cp, '15-reduction-en');

    // The facility now sees the category (only) and the reduced fee from 20 November.
    await sp.goto('/facility/fees?date=2026-11-24');
    const reduced = sp.getByRole('row').filter({ hasText: '13:00〜14:00' });
    assert.match(await reduced.innerText(), /60円\s*（非課税）.*60円/s);

    // ---- The guardian, on a phone ----
    const guardianContext = await browser.newContext({ baseURL: server.baseUrl, viewport: PHONE, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    guardianContext.setDefaultTimeout(BROWSER_TIMEOUT_MS);
    contexts.push(guardianContext);
    const family = new GuideVisitor(await guardianContext.newPage(), shots, true);
    const gp = family.page;
    await family.logIn(GUARDIAN_EMAIL, GUARDIAN_PASSWORD);
    await family.heading('マイページ').waitFor();
    await family.link('利用実績を見る').click();
    await family.heading('利用実績').waitFor();
    const text = await family.main();
    assert.match(text, /2026年11月の利用可能時間 10時間 のうち 6時間 使用・残り 4時間/);
    assert.match(text, /支払済（R2026-\d{6}）/);
    assert.match(text, /当日キャンセル/);
    await capture(gp, '16-guardian-usage', true);
    await family.link('← 前の月').click();
    await capture(gp, '17-guardian-usage-october', true);
    await gp.goto('/reservations');
    await gp.locator('[data-qa=list-usage]').click();
    await family.heading('利用実績').waitFor();
    await toEnglish(gp);
    await family.heading('Usage history').waitFor();
    await capture(gp, '18-guardian-usage-en', true);
  } finally {
    for (const context of contexts) await context.close();
    await browser.close();
    await server.close();
  }
});

// Guide step 8 (施設の利用) walked in Chromium: the facility's staff (desktop, the entrance tablet)
// open 「QRコード表示」; the guardian (phone) reads that code — decoded from a screenshot of the
// staff's screen with jsQR, as the phone's camera would — opens its URL, records 利用開始 and sees
// 利用中 on マイページ; the roster shows 利用中. At pick-up the guardian types the short code on the
// portal's scanner page (the fallback without a camera) and records 利用終了; the roster shows
// 終了, its print view, and a time corrected by staff with a reason in the history. Every screen
// is saved to test-results/ (step8-NN-*.png) and checked with axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { newVisitor, walkGuide } from '../helpers/guide-visitor.ts';
import { BROWSER_TIMEOUT_MS, screenshot } from '../helpers/browser.ts';
import { GUARDIAN_PASSWORD, approvedGuardian, childrenOf, facilityIdOf } from '../helpers/journeys.ts';
import { bookingOn } from '../attendance/world.ts';

// pngjs comes with qrcode (it writes the PNGs); here it reads the screenshot back into pixels.
const require = createRequire(import.meta.url);
// jsQR in node, as the scanner page runs it in the browser (its CommonJS build exports the function).
const jsQR = require('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const { PNG } = require('pngjs') as { PNG: { sync: { read(data: Buffer): { width: number; height: number; data: Buffer } } } };

const GUARDIAN_EMAIL = 'step8.ojiya@example.com';
const STAFF_EMAIL = 'staff@niji.ojiya.example.jp';
const FACILITY = 'にじいろ保育園（架空）';

/** What a phone's camera would read: the QR code on the staff's screen, from a screenshot of it. */
async function readQrFrom(page: Page): Promise<string> {
  const png = PNG.sync.read(await page.locator('[data-qa="qr-image"]').screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  assert.ok(found, 'the screenshot holds a readable QR code');
  return found.data;
}

test('guide step 8: QR check-in and check-out, マイページ 利用中, the roster and a correction', async (t) => {
  await walkGuide(t, 8, async ({ browser, server, shots }) => {
    // A family of 小千谷市 with a confirmed booking at にじいろ today, 9:00–12:00 (the server's clock: 10:00).
    await approvedGuardian(server.app, server.db, GUARDIAN_EMAIL);
    const [kid] = await childrenOf(server.db, GUARDIAN_EMAIL);
    assert.ok(kid);
    const guardianId = (await server.db.selectFrom('children').select('guardian_id').where('id', '=', kid.id).executeTakeFirstOrThrow()).guardian_id;
    const nijiId = await facilityIdOf(server.db, FACILITY);
    const staffId = (await server.db.selectFrom('users').select('id').where('email', '=', STAFF_EMAIL).executeTakeFirstOrThrow()).id;
    const niji = { id: nijiId, municipalityId: kid.municipality_id, staff: { id: staffId, facilityId: nijiId } };
    await bookingOn(server.db, niji, { id: kid.id, guardianId, municipalityId: kid.municipality_id }, '2026-11-26', '09:00', '12:00', { pickup: '小千谷 花子' });

    // ---- The staff at the entrance tablet (desktop) ----
    const { context: staffContext, visitor: s } = await newVisitor(browser, server, shots, { phone: false });
    await s.logIn(STAFF_EMAIL, SAMPLE_PASSWORD);
    await s.heading('施設の業務').waitFor();
    await s.capture('staff-home');
    await s.link('QRコード表示').click();
    await s.heading('QRコード表示').waitFor();
    await s.capture('staff-qr');
    const url = await readQrFrom(s.page);
    assert.match(url, new RegExp(`^${server.baseUrl}/checkin/[A-Za-z0-9_-]{50}$`));

    // The tablet's page swaps in the next minute's code by itself (public/attendance-qr.js).
    server.clock.advance(60_000);
    await s.page.waitForFunction((old) => document.querySelector<HTMLElement>('[data-qa=qr-image]')?.dataset.url !== old, url, { timeout: BROWSER_TIMEOUT_MS });
    assert.notEqual(await readQrFrom(s.page), url);
    server.clock.advance(-60_000);

    // ---- The guardian, on a phone, not logged in: the camera's URL leads through login to the check-in page ----
    const { context: guardianContext, visitor: g } = await newVisitor(browser, server, shots, { phone: true });
    await g.page.goto(url);
    assert.equal(new URL(g.page.url()).pathname, '/login');
    await g.logIn(GUARDIAN_EMAIL, GUARDIAN_PASSWORD);
    await g.heading('利用開始・利用終了の登録').waitFor();
    assert.match(new URL(g.page.url()).pathname, /^\/checkin\/[A-Za-z0-9_-]{50}$/);
    assert.match(await g.main(), /にじいろ保育園（架空）の本日のご予約です/);
    await g.capture('check-in');
    await g.button(/さんの利用開始を登録する$/).click();
    await g.heading('登録しました').waitFor();
    assert.match(await g.page.locator('[data-qa=done]').innerText(), /さんの利用開始を 10:00 に登録しました。/);
    await g.capture('checked-in');
    await g.link('マイページに戻る').click();
    await g.heading('マイページ').waitFor();
    assert.equal((await g.page.locator('[data-qa=mypage-in-use]').innerText()).replace(/\s+/g, ' ').trim(), '利用中 にじいろ保育園（架空）で利用中（10:00から）');
    await g.capture('mypage-in-use');

    // ---- The roster shows the child in ----
    await s.page.goto('/facility/attendance');
    await s.heading('本日の利用者').waitFor();
    assert.equal(await s.page.locator('[data-qa=roster-status]').innerText(), '利用中');
    await s.capture('staff-roster-in');

    // ---- Pick-up, twenty minutes later: the guardian types the code shown under the QR ----
    server.clock.advance(20 * 60_000);
    await s.page.goto('/facility/attendance/qr');
    const code = (await s.page.locator('[data-qa=short-code]').innerText()).replace(/\s/g, '');
    assert.match(code, /^\d{6}$/);
    assert.notEqual(await readQrFrom(s.page), url, 'the code has changed since');
    await g.link('QRコードを読み取る（登園・退園）').first().click();
    await g.heading('QRコードを読み取る（登園・退園）').waitFor();
    await g.capture('scan-page');
    // The scanner's decoder, as served to the phone, reads the staff's screen too.
    const png = PNG.sync.read(await s.page.locator('[data-qa="qr-image"]').screenshot());
    const inBrowser = await g.page.evaluate(
      ({ pixels, width, height }) => (window as unknown as { jsQR(d: Uint8ClampedArray, w: number, h: number): { data: string } | null }).jsQR(new Uint8ClampedArray(pixels), width, height)?.data,
      { pixels: Array.from(png.data), width: png.width, height: png.height },
    );
    assert.equal(inBrowser, await readQrFrom(s.page));
    await g.page.getByLabel(/^6桁の数字/).fill(code);
    await g.button('次へ').click();
    await g.heading('利用開始・利用終了の登録').waitFor();
    assert.match(await g.main(), /10:00に利用開始を登録しました（利用中）/);
    await g.capture('check-out');
    const checkOutPage = g.page.url();
    await g.button(/さんの利用終了を登録する$/).click();
    await g.heading('登録しました').waitFor();
    assert.match(await g.page.locator('[data-qa=done]').innerText(), /さんの利用終了を 10:20 に登録しました。/);
    await g.capture('checked-out');
    // Opened again (a second scan): the times, and no button to record anything twice.
    await g.page.goto(checkOutPage);
    await g.heading('利用開始・利用終了の登録').waitFor();
    assert.match(await g.main(), /10:00に利用開始、10:20に利用終了を登録しました/);
    assert.equal(await g.page.getByRole('button', { name: /を登録する$/ }).count(), 0);
    await g.capture('scanned-twice');
    await g.page.goto('/mypage');
    assert.equal(await g.page.locator('[data-qa=mypage-in-use]').count(), 0);

    // ---- The roster: 終了, the print view, and a correction with its reason ----
    await s.page.goto('/facility/attendance');
    assert.equal(await s.page.locator('[data-qa=roster-status]').innerText(), '終了');
    assert.match(await s.page.locator('#roster tbody tr').innerText(), /10:00（QR） \/ 10:20（QR）/);
    await s.capture('staff-roster-done');
    await s.link('印刷用の表示').click();
    await s.page.locator('#roster-print').waitFor();
    await s.capture('staff-roster-print');
    await s.page.emulateMedia({ media: 'print' });
    assert.equal(await s.page.locator('.site-header').isVisible(), false, 'the header is not printed');
    await screenshot(s.page, 'step8-print-media');
    await s.page.emulateMedia({ media: 'screen' });
    await s.link('本日の利用者に戻る').click();
    await s.page.locator('[data-qa=roster-child]').click();
    await s.heading(/^登園・退園の記録：/).waitFor();
    await s.page.getByLabel(/^利用終了の時刻/).fill('10:15');
    await s.page.getByLabel(/^理由/).first().fill('お迎えは10:15。保護者の読み取りが遅れたため修正');
    await s.button('記録する').click();
    await s.page.getByRole('status').filter({ hasText: '記録しました。' }).waitFor();
    assert.match(await s.page.locator('#corrections').innerText(), /利用終了：10:20 → 10:15/);
    await s.capture('staff-corrected');

    // ---- The guardian's history (利用実績): the use with the times as recorded (corrected) ----
    await g.page.goto('/usage');
    const use = (await g.page.locator('[data-qa=use]').first().innerText()).replace(/\s+/g, ' ');
    assert.match(use, /登園・退園 10:00〜10:15/, use);
    await g.capture('usage-history');
    await guardianContext.close();
    await staffContext.close();
  });
});

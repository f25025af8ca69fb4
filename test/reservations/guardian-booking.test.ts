// The guardian's 予約 tab through HTTP, as the guide's steps 6 and 7 walk it: STEP1 child → STEP2
// type → calendar → time → 予約時の注意事項 → お迎え and comment → 確認画面 → 予約内容を送信する →
// 仮予約 on screen and by mail; and every refusal on the way, with its reason in words.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { TestClient, TestResponse } from '../helpers/http.ts';
import { childrenOf, facilityIdOf, newGuardian } from '../helpers/journeys.ts';
import { mailsTo } from '../helpers/mail.ts';
import { page, type Page } from '../helpers/page.ts';
import { slot as slotAt, type Facility } from './world.ts';

let t: TestApp;
let niji: Facility;
let himawari: string;
let staffEmail: string;

before(async () => {
  t = await startTestApp();
  const id = await facilityIdOf(t.db, 'にじいろ保育園（架空）');
  const staff = await t.db.selectFrom('users').select(['id', 'municipality_id', 'email']).where('facility_id', '=', id).executeTakeFirstOrThrow();
  niji = { id, municipalityId: staff.municipality_id, staff: { id: staff.id, facilityId: id } };
  staffEmail = staff.email;
  himawari = await facilityIdOf(t.db, 'ひまわりこども園（架空）');
  // The tests put in the slots they need: the seeded sample ones (src/reservations/seed.ts) go.
  await t.db.deleteFrom('slots').where('facility_id', '=', id).execute();
});
after(() => t?.close());

let families = 0;
/** A new family of 小千谷市 (named facility: にじいろ保育園), logged in, with its one child (born 2025-10-01). */
async function family() {
  families += 1;
  const email = `booking-${families}@example.jp`;
  const client = await newGuardian(t.app, t.db, email);
  const [child] = await childrenOf(t.db, email);
  assert.ok(child);
  return { client, email, child };
}

/** The fields a form on the page would send: hidden inputs, checked boxes and radios, chosen options, text. */
function formFields(p: Page, action: string): Record<string, string | string[]> {
  const form = p.all('form').find((f) => f.getAttribute('action')?.split('#')[0] === action);
  assert.ok(form, `a form posting to ${action}`);
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  };
  for (const input of form.querySelectorAll('input')) {
    const name = input.getAttribute('name');
    const type = input.getAttribute('type') ?? 'text';
    if (!name) continue;
    if ((type === 'checkbox' || type === 'radio') && !input.hasAttribute('checked')) continue;
    add(name, input.getAttribute('value') ?? '');
  }
  for (const select of form.querySelectorAll('select')) {
    const name = select.getAttribute('name');
    if (name) add(name, select.querySelector('option[selected]')?.getAttribute('value') ?? '');
  }
  for (const area of form.querySelectorAll('textarea')) {
    const name = area.getAttribute('name');
    if (name) add(name, area.textContent);
  }
  return fields;
}

function query(fields: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) if (k !== '_csrf') search.append(k, item);
  return search.toString();
}

async function ok(res: Promise<TestResponse> | TestResponse, status = 200): Promise<Page> {
  const r = await res;
  assert.equal(r.status, status, `expected ${status}, got ${r.status} ${r.location ?? ''}: ${page(r.body).errorSummary().join(' / ')}`);
  return page(r.body);
}

const reserve = (facility = niji.id) => `/facilities/${facility}/reserve`;

/** Walks from the 予約 tab to the confirm screen; returns the confirm page. */
async function toConfirm(client: TestClient, childId: string, kind: string, slotId: string, times: { start?: string; end?: string; frequency?: string; until?: string }, details: { pickup?: string; comment?: string } = {}) {
  const { date } = await t.db.selectFrom('slots').select('date').where('id', '=', slotId).executeTakeFirstOrThrow();
  const calendar = await ok(client.get(`${reserve()}?child=${childId}&kind=${kind}&month=${date.slice(0, 7)}`));
  const link = calendar.all('a[data-qa="slot-link"]').map((a) => a.getAttribute('href') ?? '').find((href) => href.includes(slotId));
  assert.ok(link, 'the calendar links the slot');
  const time = await ok(client.get(link));
  const fields = { ...formFields(time, `${reserve()}/notes`), ...times } as Record<string, string>;
  const notes = await ok(client.get(`${reserve()}/notes?${query(fields)}`));
  assert.equal(notes.textOf('h2'), '予約時の注意事項');
  const detailsPage = await ok(client.get(`${reserve()}/details?${query(formFields(notes, `${reserve()}/details`))}`));
  return ok(client.post(`${reserve()}/confirm`, { ...formFields(detailsPage, `${reserve()}/confirm`), ...details }));
}

function consentAll(confirm: Page): Record<string, string | string[]> {
  const fields = formFields(confirm, `${reserve()}/submit`);
  const boxes = confirm.all('input[name="consent"]').length;
  return { ...fields, consent: Array.from({ length: boxes }, () => '1') };
}

async function approve(childId: string, municipalityId: string, approved = true, reason = '') {
  await t.db
    .insertInto('facility_approvals')
    .values({ facility_id: niji.id, child_id: childId, municipality_id: municipalityId, approved, reason, decided_by: niji.staff.id, decided_at: t.clock.now() })
    .onConflict((oc) => oc.columns(['facility_id', 'child_id']).doUpdateSet({ approved, reason }))
    .execute();
}

async function addPickup(childId: string, municipalityId: string) {
  const { id } = await t.db
    .insertInto('child_pickup_persons')
    .values({ child_id: childId, municipality_id: municipalityId, position: 1, name: '小千谷 太郎', relationship: '父', phone: '090-1111-2222' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

describe('the 予約 tab', () => {
  test('the facility page has the tabs 施設の詳細 | 予約, each a link, the current one marked', async () => {
    const { client } = await family();
    const detail = await ok(client.get(`/facilities/${niji.id}`));
    assert.deepEqual(detail.all('nav.tabs a').map((a) => [a.text, a.getAttribute('aria-current') ?? '']), [['施設の詳細', 'page'], ['予約', '']]);
    const tab = await ok(client.get(reserve()));
    assert.deepEqual(tab.all('nav.tabs a').map((a) => [a.text, a.getAttribute('aria-current') ?? '']), [['施設の詳細', ''], ['予約', 'page']]);
    assert.ok(tab.text().includes('STEP1 ご利用のお子さまを選択'));
    assert.ok(tab.all('button').some((b) => b.text.trim() === '適用する'));
  });

  test('guide step 6: a first interview from STEP1 to 仮予約, on screen and by mail to the family and to the facility', async () => {
    const { client, email, child } = await family();
    const slotId = await slotAt(t.db, niji, '2026-12-03', '09:00', '15:00');
    const step2 = await ok(client.get(`${reserve()}?child=${child.id}`));
    assert.equal(step2.qa('kind-interview')?.getAttribute('data-available'), 'yes');
    assert.equal(step2.qa('kind-regular')?.getAttribute('data-available'), 'no');
    assert.match(step2.qaText('kind-regular') ?? '', /先に初回面談を受けてください/);

    const calendar = await ok(client.get(`${reserve()}?child=${child.id}&kind=interview`));
    assert.equal(calendar.textOf('table.calendar caption'), '2026年11月の予約枠');
    assert.match(calendar.textOf('td[data-today="yes"]') ?? '', /今日/);
    // The slot is in December: the page says so, links there, and shows how to reach the facility.
    assert.ok(calendar.text().includes('この月には、予約できる枠がありません。'));
    assert.ok(calendar.text().includes('カレンダーの予約枠に希望の日時がない場合は、施設へ直接お問い合わせください。'));
    assert.ok(calendar.qaText('contact-facility')?.includes('0258-00-0001'));
    const december = await ok(client.get(calendar.linksTo('2026年12月の予約枠を見る')[0]!));
    assert.match(december.textOf('td[data-date="2026-12-03"]') ?? '', /9:00〜15:00\s*残り3/);

    const confirm = await toConfirm(client, child.id, 'interview', slotId, { start: '10:00', end: '11:00' }, { comment: '人見知りがあります。' });
    assert.equal(confirm.textOf('h2'), '予約内容の確認');
    assert.ok(confirm.text().includes('2026年12月3日(木)'));
    assert.ok(confirm.text().includes('10:00〜11:00'));
    assert.ok(confirm.text().includes('人見知りがあります。'));
    assert.ok(confirm.all('button').some((b) => b.text.trim() === '予約内容を送信する'));
    const fields = consentAll(confirm);
    assert.equal((fields.consent as string[]).length, 2);

    const sent = await client.post(`${reserve()}/submit`, fields);
    assert.equal(sent.status, 303);
    assert.match(sent.location ?? '', /^\/reservations\/[0-9a-f-]{36}\/done$/);
    const done = await ok(client.get(sent.location!));
    assert.equal(done.heading(), '仮予約を受け付けました');
    assert.ok(done.text().includes('初回面談'));
    assert.ok(done.text().includes('仮予約'));

    const rows = await t.db.selectFrom('reservations').selectAll().where('child_id', '=', child.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'provisional');
    assert.equal(rows[0]!.comment, '人見知りがあります。');
    const toFamily = (await mailsTo(t.db, email)).filter((m) => m.subject.includes('仮予約を受け付けました'));
    assert.equal(toFamily.length, 1);
    assert.match(toFamily[0]!.text_body, /にじいろ保育園（架空）/);
    assert.match(toFamily[0]!.text_body, /2026年12月3日\(木\) 10:00〜11:00/);
    assert.match(toFamily[0]!.text_body, /施設が確認・確定すると/);
    const toStaff = (await mailsTo(t.db, staffEmail)).filter((m) => m.subject.includes('新しい予約（仮予約）があります'));
    assert.equal(toStaff.length, 1);
    assert.match(toStaff[0]!.text_body, /\/facility\b/);
    assert.doesNotMatch(toStaff[0]!.text_body, /人見知り|アレルギー/);

    // 送信 pressed twice: the same page, one booking, one mail each.
    const again = await client.post(`${reserve()}/submit`, fields);
    assert.equal(again.status, 303);
    assert.equal(again.location, sent.location);
    assert.equal((await t.db.selectFrom('reservations').select('id').where('child_id', '=', child.id).execute()).length, 1);
    assert.equal((await mailsTo(t.db, email)).filter((m) => m.subject.includes('仮予約を受け付けました')).length, 1);

    // Now 初回面談 is taken; the facility appears under 面談・利用歴から探す.
    const after = await ok(client.get(`${reserve()}?child=${child.id}`));
    assert.equal(after.qa('kind-interview')?.getAttribute('data-available'), 'no');
    assert.match(after.qaText('kind-regular') ?? '', /施設が利用を承認すると予約できます/);
    const history = await ok(client.get('/facilities/history'));
    assert.ok(history.text().includes('にじいろ保育園（架空）'));
  });
});

describe('refusals, each with its reason', () => {
  test('STEP2: not approved (with the facility’s reason), too young, three or older, certification ended, the municipality’s rule', async () => {
    const { client, child } = await family();
    await approve(child.id, child.municipality_id, false, '医療的ケアの体制が整っていないため');
    let step2 = await ok(client.get(`${reserve()}?child=${child.id}`));
    assert.match(step2.qaText('kind-regular') ?? '', /利用の承認が得られていません.*医療的ケアの体制が整っていないため/);
    assert.match(step2.qaText('kind-interview') ?? '', /初回面談は終わっています/);
    // Asking for it anyway is answered with the same words, 400.
    const refused = await ok(client.get(`${reserve()}?child=${child.id}&kind=regular`), 400);
    assert.match(refused.errorSummary().join(), /医療的ケアの体制/);

    await t.db.updateTable('children').set({ birth_date: '2026-10-01' }).where('id', '=', child.id).execute();
    step2 = await ok(client.get(`${reserve()}?child=${child.id}`));
    assert.match(step2.qaText('kind-interview') ?? '', /受け入れ年齢に達していません。2027年3月31日から予約できます/);
    await t.db.updateTable('children').set({ birth_date: '2023-06-01' }).where('id', '=', child.id).execute();
    step2 = await ok(client.get(`${reserve()}?child=${child.id}`));
    assert.match(step2.qaText('kind-flexible') ?? '', /3歳以上/);
    await t.db.updateTable('children').set({ birth_date: '2025-10-01', certification_valid_until: '2026-10-31' }).where('id', '=', child.id).execute();
    step2 = await ok(client.get(`${reserve()}?child=${child.id}`));
    assert.match(step2.qaText('kind-interview') ?? '', /認定.*有効期間が2026年10月31日で終わっています/);
    await t.db.updateTable('children').set({ certification_valid_until: '2028-09-29' }).where('id', '=', child.id).execute();
    // 小千谷市: only the facility named in the application.
    step2 = await ok(client.get(`${reserve(himawari)}?child=${child.id}`));
    assert.match(step2.qaText('kind-interview') ?? '', /利用申請で選んだ施設（にじいろ保育園（架空））のみ利用できます/);
  });

  test('another family’s child is not found, on the tab and at 送信', async () => {
    const { client } = await family();
    const other = await family();
    assert.equal((await client.get(`${reserve()}?child=${other.child.id}`)).status, 404);
    assert.equal((await client.get(`${reserve()}?child=not-a-child`)).status, 404);
    const slotId = await slotAt(t.db, niji, '2026-12-04', '09:00', '12:00');
    const res = await client.post(`${reserve()}/submit`, { child: other.child.id, kind: 'interview', slot: slotId, start: '09:00', end: '10:00', comment: '', consent: ['1', '1'], idempotency: crypto.randomUUID() });
    assert.equal(res.status, 404);
    assert.equal((await t.db.selectFrom('reservations').select('id').where('child_id', '=', other.child.id).execute()).length, 0);
  });

  test('at 送信, another facility’s slot and another family’s お迎えの方 are not taken (400), and nothing is booked', async () => {
    const { client, child } = await family();
    const other = await family();
    await approve(child.id, child.municipality_id);
    const pickup = await addPickup(child.id, child.municipality_id);
    const othersPickup = await addPickup(other.child.id, other.child.municipality_id);
    const slotId = await slotAt(t.db, niji, '2026-12-18', '09:00', '12:00');
    const elsewhere = await slotAt(t.db, { ...niji, id: himawari }, '2026-12-18', '18:00', '20:00');
    const fields = consentAll(await toConfirm(client, child.id, 'flexible', slotId, { start: '09:00', end: '10:00' }, { pickup, comment: '' }));

    const wrongSlot = await ok(client.post(`${reserve()}/submit`, { ...fields, slot: elsewhere }), 400);
    assert.match(wrongSlot.text(), /選んだ予約枠は予約できません/);
    const wrongPickup = await ok(client.post(`${reserve()}/submit`, { ...fields, pickup: othersPickup }), 400);
    assert.equal(wrongPickup.field('pickup')?.error, 'お迎えに来られる方を選んでください');
    assert.equal((await t.db.selectFrom('reservations').select('id').where('child_id', '=', child.id).execute()).length, 0);

    // The same form, as the page gave it, books.
    assert.equal((await client.post(`${reserve()}/submit`, fields)).status, 303);
  });

  test('a slot that fills up before 送信: 409, the reason in words and the way back to the calendar', async () => {
    const { client, child } = await family();
    const rival = await family();
    const slotId = await slotAt(t.db, niji, '2026-12-08', '09:00', '12:00', { capacity: [3, 1, 3] });
    const confirm = await toConfirm(client, child.id, 'interview', slotId, { start: '09:00', end: '10:00' });
    // Someone else takes the last place for 1-year-olds.
    const rivalConfirm = await toConfirm(rival.client, rival.child.id, 'interview', slotId, { start: '10:00', end: '11:00' });
    assert.equal((await rival.client.post(`${reserve()}/submit`, consentAll(rivalConfirm))).status, 303);
    const res = await client.post(`${reserve()}/submit`, consentAll(confirm));
    assert.equal(res.status, 409);
    const p = page(res.body);
    assert.match(p.qaText('refusal') ?? '', /定員に達しました（満員）/);
    assert.ok(p.linksTo('カレンダーに戻って').length > 0);
    assert.equal((await t.db.selectFrom('reservations').select('id').where('child_id', '=', child.id).execute()).length, 0);
  });

  test('without every consent box: 400, the message by the boxes, everything else kept', async () => {
    const { client, child } = await family();
    const slotId = await slotAt(t.db, niji, '2026-12-09', '09:00', '12:00');
    const confirm = await toConfirm(client, child.id, 'interview', slotId, { start: '09:00', end: '10:30' }, { comment: '午前中だけ希望です' });
    const fields: Record<string, string | string[]> = { ...consentAll(confirm), consent: ['1'] };
    const res = await client.post(`${reserve()}/submit`, fields);
    assert.equal(res.status, 400);
    const p = page(res.body);
    assert.deepEqual(p.errorSummary(), ['すべての同意事項を確認し、チェックを入れてください']);
    assert.equal(p.field('consent')?.error, 'すべての同意事項を確認し、チェックを入れてください');
    const kept = formFields(p, `${reserve()}/submit`);
    assert.equal(kept.comment, '午前中だけ希望です');
    assert.equal(kept.start, '09:00');
    assert.equal(kept.end, '10:30');
    assert.equal(kept.idempotency, fields.idempotency);
    assert.equal((await t.db.selectFrom('reservations').select('id').where('child_id', '=', child.id).execute()).length, 0);
  });

  test('two first interviews at one facility from two confirm screens: the second is refused inside its transaction (409), and mailed about by no one', async () => {
    const { client, child, email } = await family();
    const morning = await slotAt(t.db, niji, '2026-12-15', '09:00', '12:00');
    const afternoon = await slotAt(t.db, niji, '2026-12-16', '13:00', '16:00');
    const first = await toConfirm(client, child.id, 'interview', morning, { start: '09:00', end: '10:00' });
    const second = await toConfirm(client, child.id, 'interview', afternoon, { start: '13:00', end: '14:00' });
    assert.equal((await client.post(`${reserve()}/submit`, consentAll(first))).status, 303);
    const res = await client.post(`${reserve()}/submit`, consentAll(second));
    assert.equal(res.status, 409);
    assert.match(page(res.body).qaText('refusal') ?? '', /初回面談は、すでに予約されています/);
    assert.equal((await t.db.selectFrom('reservations').select('id').where('child_id', '=', child.id).execute()).length, 1);
    // The refused booking's mails were queued in its transaction and went back with it.
    assert.equal((await mailsTo(t.db, email)).filter((m) => m.subject.includes('仮予約を受け付けました')).length, 1);
  });

  test('bad input anywhere in the steps is answered with a page, never a 500', async () => {
    const { client, child } = await family();
    const slotId = await slotAt(t.db, niji, '2026-12-17', '09:00', '12:00');
    const cases: Array<Record<string, string | string[]>> = [
      { child: child.id, kind: 'weekly' },
      { child: child.id, kind: 'interview', slot: 'not-a-slot' },
      { child: child.id, kind: 'interview', slot: crypto.randomUUID() },
      { child: child.id, kind: 'interview', slot: slotId, start: '25:99', end: '10:00' },
      { child: child.id, kind: 'interview', slot: slotId, start: '09:00', end: '09:00' },
      { child: child.id, kind: 'interview', slot: slotId, month: '2026-13' },
      { child: child.id, kind: 'regular', slot: slotId, start: '09:00', end: '10:00', frequency: 'daily', until: '2026-02-30' },
      { child: child.id, kind: 'flexible', slot: slotId, start: '09:00', end: '10:00', pickup: 'nobody', comment: 'あ'.repeat(2000) },
      { child: child.id, kind: 'interview', slot: slotId, start: '09:00', end: '10:00', consent: ['1', '1'], idempotency: 'not-a-uuid', comment: '<script>alert(1)</script>' },
      {},
    ];
    for (const fields of cases) {
      const q = query(fields);
      for (const step of ['', '/notes', '/details']) {
        const res = await client.get(`${reserve()}${step}?${q}`);
        assert.ok(res.status < 500, `GET ${step}?${q} answered ${res.status}`);
      }
      for (const step of ['/details', '/confirm', '/submit']) {
        const res = await client.post(`${reserve()}${step}`, fields);
        assert.ok(res.status < 500, `POST ${step} ${q} answered ${res.status}`);
        // Inside a quoted attribute value `<` is only text; anywhere else it must be escaped.
        assert.ok(!res.body.replace(/="[^"]*"/g, '=""').includes('<script>alert(1)</script>'), `POST ${step} reflected the comment unescaped`);
      }
    }
    assert.equal((await t.db.selectFrom('reservations').select('id').where('child_id', '=', child.id).execute()).length, 0);
  });

  test('in English too', async () => {
    const { client, child } = await family();
    await client.get(`/language?to=en&back=${encodeURIComponent(reserve())}`);
    const step2 = await ok(client.get(`${reserve()}?child=${child.id}`));
    assert.equal(step2.lang(), 'en');
    assert.ok(step2.text().includes('STEP 2 Choose the type of booking'));
    assert.match(step2.qaText('kind-regular') ?? '', /Book a first interview here first/);
  });

  test('a time outside the slot or shorter than an hour is answered beside the time fields', async () => {
    const { client, child } = await family();
    const slotId = await slotAt(t.db, niji, '2026-12-10', '09:00', '12:00');
    const res = await ok(client.get(`${reserve()}/notes?child=${child.id}&kind=interview&slot=${slotId}&start=11:30&end=12:00`), 400);
    assert.equal(res.field('end')?.error, '終了時刻は、開始時刻の1時間以上あと（30分単位）にしてください');
  });
});

describe('guide step 7: 定期利用', () => {
  test('the dates are listed with what fits and why not (full, holiday, closed, allowance); 送信 books exactly the fitting ones', async () => {
    const { client, email, child } = await family();
    await approve(child.id, child.municipality_id);
    const pickup = await addPickup(child.id, child.municipality_id);
    // Mondays from 7 Dec 2026: the 14th full for 1-year-olds, 4 Jan a closed day, 11 Jan 成人の日 (no slot).
    const first = await slotAt(t.db, niji, '2026-12-07', '09:00', '13:00');
    await slotAt(t.db, niji, '2026-12-14', '09:00', '13:00', { capacity: [3, 0, 3] });
    for (const date of ['2026-12-21', '2026-12-28', '2027-01-04', '2027-01-18', '2027-01-25']) await slotAt(t.db, niji, date, '09:00', '13:00');
    await t.db.insertInto('facility_closed_days').values({ facility_id: niji.id, municipality_id: niji.municipalityId, date: '2027-01-04', reason: '園内行事' }).execute();

    const step2 = await ok(client.get(`${reserve()}?child=${child.id}`));
    assert.equal(step2.qa('kind-regular')?.getAttribute('data-available'), 'yes');
    const calendar = await ok(client.get(`${reserve()}?child=${child.id}&kind=regular&month=2026-12`));
    assert.match(calendar.qaText('allowance') ?? '', /残り10時間/);
    assert.match(calendar.textOf('td[data-date="2026-12-14"]') ?? '', /満員/);

    // 4 hours each Monday: December allows two (8 of 10 hours), so the 28th would go over.
    const preview = await ok(client.get(`${reserve()}?child=${child.id}&kind=regular&month=2026-12&slot=${first}&start=09:00&end=13:00&frequency=weekly&until=2027-01-31`));
    const results = Object.fromEntries(preview.all('[data-qa="series-date"]').map((row) => [row.getAttribute('data-date'), row.querySelectorAll('td')[0]!.text.replace(/[○×]\s*/, '').trim()]));
    assert.deepEqual(results, {
      '2026-12-07': '予約できます',
      '2026-12-14': '満員',
      '2026-12-21': '予約できます',
      '2026-12-28': '利用可能時間を超える',
      '2027-01-04': '休園日（園内行事）',
      '2027-01-11': '祝日（成人の日）',
      '2027-01-18': '予約できます',
      '2027-01-25': '予約できます',
    });
    assert.ok(preview.all('button').some((b) => b.text.trim() === '予約に進む'));

    const confirm = await toConfirm(client, child.id, 'regular', first, { start: '09:00', end: '13:00', frequency: 'weekly', until: '2027-01-31' }, { pickup, comment: '' });
    assert.ok(confirm.text().includes('小千谷 太郎（父）'));
    assert.ok(confirm.text().includes('2026年12月28日(月)：利用可能時間を超える'));
    const sent = await client.post(`${reserve()}/submit`, consentAll(confirm));
    assert.equal(sent.status, 303, page(sent.body).errorSummary().join());
    assert.match(sent.location ?? '', /^\/reservations\/series\/[0-9a-f-]{36}\/done\?refused=/);
    const booked = await t.db.selectFrom('reservations').select(['starts_at', 'series_id', 'pickup_name', 'kind']).where('child_id', '=', child.id).orderBy('starts_at').execute();
    assert.deepEqual(
      booked.map((b) => b.starts_at.toISOString().slice(0, 10)),
      ['2026-12-07', '2026-12-21', '2027-01-18', '2027-01-25'],
    );
    assert.ok(booked.every((b) => b.series_id && b.series_id === booked[0]!.series_id && b.pickup_name === '小千谷 太郎' && b.kind === 'regular'));
    const done = await ok(client.get(sent.location!));
    assert.equal(done.heading(), '仮予約を受け付けました');
    assert.equal(done.all('[data-qa="series-booked"] li').length, 4);
    assert.deepEqual(done.all('[data-qa="series-refused"] li').map((li) => li.getAttribute('data-date')), ['2026-12-14', '2026-12-28', '2027-01-04', '2027-01-11']);
    const mails = (await mailsTo(t.db, email)).filter((m) => m.subject.includes('仮予約を受け付けました'));
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.text_body, /予約した日程（4回）/);

    // The same form sent again: the same series, nothing more booked, no second mail.
    const again = await client.post(`${reserve()}/submit`, consentAll(confirm));
    assert.equal(again.status, 303);
    assert.equal(again.location?.split('?')[0], sent.location?.split('?')[0]);
    assert.equal((await t.db.selectFrom('reservations').select('id').where('child_id', '=', child.id).execute()).length, 4);
    assert.equal((await mailsTo(t.db, email)).filter((m) => m.subject.includes('仮予約を受け付けました')).length, 1);
  });

  test('柔軟利用 asks who picks up; with nobody registered it says so and links to the お迎え予定者 tab', async () => {
    const { client, child } = await family();
    await approve(child.id, child.municipality_id);
    const slotId = await slotAt(t.db, niji, '2026-12-11', '09:00', '12:00');
    const details = await ok(client.get(`${reserve()}/details?child=${child.id}&kind=flexible&slot=${slotId}&start=09:00&end=10:00`));
    assert.ok(details.qaText('no-pickup')?.includes('お迎え予定者が登録されていません'));
    assert.deepEqual(details.linksTo('お迎え予定者を登録する'), [`/profile/children/${child.id}/pickup`]);
    const res = await ok(client.post(`${reserve()}/confirm`, formFields(details, `${reserve()}/confirm`)), 400);
    assert.deepEqual(res.errorSummary(), ['お迎え予定者を登録してから、もう一度お進みください']);
  });
});

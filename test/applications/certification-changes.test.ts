// 変更認定: a municipality's staff change a certification (the child's name or its reading, or the
// last day) from the first day of a later month. Until then nothing changes; the daily job applies
// it on the month's first day, keeping what it said before; a pending change may be withdrawn;
// ending the certification withdraws a pending change of its last day. Another municipality's
// staff are refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient } from '../helpers/http.ts';
import { mailsTo } from '../helpers/mail.ts';
import { logInAsStaff } from '../helpers/journeys.ts';
import { page as parse } from '../helpers/page.ts';
import { runDailyJob } from '../../src/platform/daily-jobs.ts';
import { certificationChangesJob } from '../../src/applications/certification-queries.ts';
import { child as childOf, type Child } from '../reservations/world.ts';

let t: TestApp;
let ojiyaStaff: TestClient;
let nagaokaStaff: TestClient;
let ojiya: { id: string };
before(async () => {
  t = await startTestApp();
  ojiyaStaff = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
  nagaokaStaff = await logInAsStaff(t.app, t.db, 'city-staff@nagaoka.example.jp');
  ojiya = { id: (await t.db.selectFrom('users').select('municipality_id').where('email', '=', 'city-staff@ojiya.example.jp').executeTakeFirstOrThrow()).municipality_id };
});
after(() => t.close());

// The test clock stands at 2026-11-26 10:00 in Tokyo: the first month a change may take is 2026-12.
const change = (fields: Record<string, string>) => ({
  changeFrom: '2026-12',
  changeName: 'テスト こども',
  changeKana: 'テスト コドモ',
  'changeValidUntil.year': '2028',
  'changeValidUntil.month': '1',
  'changeValidUntil.day': '8',
  changeReason: '婚姻による改姓の届出',
  ...fields,
});

/** A child born 2025-01-10 (eligible until 2028-01-08), certified until then. */
async function certified(): Promise<Child> {
  return childOf(t.db, ojiya, '2025-01-10', { certifiedUntil: '2028-01-08' });
}

const stored = (kid: Child) => t.db.selectFrom('children').select(['name', 'name_kana', 'certification_valid_until']).where('id', '=', kid.id).executeTakeFirstOrThrow();
const guardianEmail = async (kid: Child) => (await t.db.selectFrom('users').select('email').where('id', '=', kid.guardianId).executeTakeFirstOrThrow()).email;

/** Runs the daily jobs as on `isoInstant`, then puts the clock back. */
async function runJobOn(isoInstant: string) {
  const saved = t.clock.now();
  t.clock.set(isoInstant);
  try {
    return await runDailyJob(t.db, t.clock, certificationChangesJob);
  } finally {
    t.clock.set(saved);
  }
}

describe('the change form', () => {
  test('shows the certification as it reads now, from next month; bad answers come back with their message and what was typed', async () => {
    const kid = await certified();
    const page = parse((await ojiyaStaff.get(`/municipality/children/${kid.id}`)).body);
    assert.equal(page.field('changeName')?.value, 'テスト こども');
    assert.equal(page.field('changeFrom')?.value, '2026-12');
    assert.equal(page.field('changeValidUntil.year')?.value, '2028');
    const path = `/municipality/children/${kid.id}/changes`;

    const noReason = await ojiyaStaff.post(path, change({ changeName: '新 こども', changeReason: '' }));
    assert.equal(noReason.status, 400);
    assert.deepEqual(parse(noReason.body).errorSummary(), ['変更の理由を入力してください。']);
    assert.equal(parse(noReason.body).field('changeName')?.value, '新 こども', 'what was typed is kept');

    const nothing = parse((await ojiyaStaff.post(path, change({}))).body);
    assert.deepEqual(nothing.errorSummary(), ['変更する内容がありません。氏名、フリガナ、認定の最後の日のどれかを変えてください。']);

    const thisMonth = parse((await ojiyaStaff.post(path, change({ changeFrom: '2026-11', changeName: '新 こども' }))).body);
    assert.deepEqual(thisMonth.errorSummary(), ['変更する月を選んでください。変更は翌月以降の1日から適用されます。']);

    const shorter = parse((await ojiyaStaff.post(path, change({ 'changeValidUntil.year': '2027' }))).body);
    assert.match(shorter.errorSummary()[0] ?? '', /認定を終了する/, 'shortening goes through the end of the certification');

    const pastAge = parse((await ojiyaStaff.post(path, change({ 'changeValidUntil.day': '9' }))).body);
    assert.deepEqual(pastAge.errorSummary(), ['対象年齢は3歳の誕生日の前々日までです。このお子さまは2028年1月8日より後にできません。']);

    const badKana = parse((await ojiyaStaff.post(path, change({ changeKana: 'abc' }))).body);
    assert.equal(badKana.errorSummary().length, 1);

    assert.equal((await t.db.selectFrom('certification_changes').select('id').where('child_id', '=', kid.id).execute()).length, 0, 'nothing recorded');
  });
});

describe('a change from next month', () => {
  test('is recorded and mailed, changes nothing until its month, then applies on the 1st exactly as typed, once', async () => {
    const kid = await certified();
    // A rare form kept exactly: 葛 with an ideographic variation selector.
    const name = '葛\u{E0100}城 はな';
    const response = await ojiyaStaff.post(`/municipality/children/${kid.id}/changes`, change({ changeName: name, changeKana: 'カツラギ ハナ' }));
    assert.equal(response.status, 303);
    const page = parse((await ojiyaStaff.get(response.headers.location as string)).body);
    assert.match(page.text(), /変更を登録しました。2026年12月1日から適用します。/);
    assert.match(page.find('#pending-changes')?.textContent ?? '', /葛\u{E0100}城 はな/u);
    assert.deepEqual(await stored(kid), { name: 'テスト こども', name_kana: 'テスト コドモ', certification_valid_until: '2028-01-08' }, 'nothing changes before the month');
    const mail = (await mailsTo(t.db, await guardianEmail(kid))).at(-1);
    assert.ok(mail);
    assert.match(mail.subject, /乳児等支援給付認定の変更のお知らせ/);
    assert.match(mail.text_body, /2026年12月1日から/);
    assert.ok(mail.text_body.includes(name));

    // A second change for the same month is refused by the database's rule, with a message.
    const again = await ojiyaStaff.post(`/municipality/children/${kid.id}/changes`, change({ changeName: '別 はな' }));
    assert.equal(again.status, 400);
    assert.match(parse(again.body).errorSummary()[0] ?? '', /この月に適用する変更がすでにあります/);

    // 30 November: not yet.
    await runJobOn('2026-11-30T01:00:00Z');
    assert.equal((await stored(kid)).name, 'テスト こども');
    // 1 December, 0:05 in Tokyo.
    const ran = await runJobOn('2026-11-30T15:05:00Z');
    assert.ok(ran && ran.applied! >= 1);
    const after = await stored(kid);
    assert.equal(after.name, name, 'the name exactly as typed, variation selector kept');
    assert.equal(after.name_kana, 'カツラギ ハナ');
    const row = await t.db.selectFrom('certification_changes').selectAll().where('child_id', '=', kid.id).executeTakeFirstOrThrow();
    assert.equal(row.previous_name, 'テスト こども');
    assert.ok(row.applied_at);
    assert.equal(await runJobOn('2026-11-30T20:00:00Z'), undefined, 'the same day does not run twice');

    const history = parse((await ojiyaStaff.get(`/municipality/children/${kid.id}`)).body);
    assert.match(history.find('#changes')?.textContent ?? '', /適用済み/);
    assert.match(history.find('#changes')?.textContent ?? '', /テスト こども/, 'what it said before');
    assert.equal(history.find('#pending-changes'), undefined);
  });

  test('a pending change can be withdrawn once; it then never applies', async () => {
    const kid = await certified();
    await ojiyaStaff.post(`/municipality/children/${kid.id}/changes`, change({ changeFrom: '2027-02', changeName: '取消 はな' }));
    const pending = await t.db.selectFrom('certification_changes').select('id').where('child_id', '=', kid.id).executeTakeFirstOrThrow();
    const withdrawPath = `/municipality/children/${kid.id}/changes/${pending.id}/withdraw`;
    const done = await ojiyaStaff.post(withdrawPath, {});
    assert.equal(done.headers.location, `/municipality/children/${kid.id}?done=withdrawn`);
    const twice = await ojiyaStaff.post(withdrawPath, {});
    assert.equal(twice.headers.location, `/municipality/children/${kid.id}?problem=gone`);
    assert.match(parse((await ojiyaStaff.get(twice.headers.location as string)).body).text(), /すでに適用されたか取り消されています/);
    await runJobOn('2027-02-01T00:00:00Z');
    assert.equal((await stored(kid)).name, 'テスト こども');
  });

  test('extends a certification that was ended early; ending it again withdraws a pending extension', async () => {
    const kid = await certified();
    await t.db.updateTable('children').set({ certification_valid_until: '2026-12-31' }).where('id', '=', kid.id).execute();
    const extend = await ojiyaStaff.post(`/municipality/children/${kid.id}/changes`, change({ changeFrom: '2027-01', 'changeValidUntil.year': '2027', 'changeValidUntil.month': '12', 'changeValidUntil.day': '31', changeReason: '入園の取りやめ' }));
    assert.equal(extend.status, 303);
    const ended = await ojiyaStaff.post(`/municipality/children/${kid.id}/terminate`, { reason: 'moved', reasonNote: '', 'lastDay.year': '2026', 'lastDay.month': '12', 'lastDay.day': '20', confirmed: 'yes' });
    assert.equal(ended.status, 303);
    const row = await t.db.selectFrom('certification_changes').select(['withdrawn_at', 'applied_at']).where('child_id', '=', kid.id).executeTakeFirstOrThrow();
    assert.ok(row.withdrawn_at, 'the extension no longer waits');
    await runJobOn('2027-01-01T00:00:00Z');
    assert.equal((await stored(kid)).certification_valid_until, '2026-12-20', 'the end stands');

    // Recorded again after the end, it applies on its month's first day.
    const kid2 = await certified();
    await t.db.updateTable('children').set({ certification_valid_until: '2026-12-31' }).where('id', '=', kid2.id).execute();
    await ojiyaStaff.post(`/municipality/children/${kid2.id}/changes`, change({ changeFrom: '2027-01', 'changeValidUntil.year': '2027', 'changeValidUntil.month': '12', 'changeValidUntil.day': '31' }));
    await runJobOn('2027-01-01T00:00:00Z');
    assert.equal((await stored(kid2)).certification_valid_until, '2026-12-31', 'the job had run that day already');
    await runJobOn('2027-01-02T00:00:00Z');
    assert.equal((await stored(kid2)).certification_valid_until, '2027-12-31', 'a day late, when the job next runs');
  });
});

describe('another municipality', () => {
  test('cannot change or withdraw; nothing changes', async () => {
    const kid = await certified();
    await ojiyaStaff.post(`/municipality/children/${kid.id}/changes`, change({ changeFrom: '2027-03', changeName: '守る はな' }));
    const pending = await t.db.selectFrom('certification_changes').select('id').where('child_id', '=', kid.id).executeTakeFirstOrThrow();
    assert.equal((await nagaokaStaff.post(`/municipality/children/${kid.id}/changes`, change({ changeFrom: '2027-04', changeName: '他市 はな' }))).status, 404);
    assert.equal((await nagaokaStaff.post(`/municipality/children/${kid.id}/changes/${pending.id}/withdraw`, {})).status, 404);
    const rows = await t.db.selectFrom('certification_changes').select(['new_name', 'withdrawn_at']).where('child_id', '=', kid.id).execute();
    assert.deepEqual(rows, [{ new_name: '守る はな', withdrawn_at: null }]);
  });
});

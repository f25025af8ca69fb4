// Municipality review (審査): the queue, the detail page, approval creating the account and the
// certifications in one transaction, rejection with a mailed reason — and who is refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf } from '../helpers/http.ts';
import { lastMailTo, linksIn } from '../helpers/mail.ts';
import { page as parsed } from '../helpers/page.ts';
import { NAGAOKA, applicationIdOf, applyFor, logInAsStaff, newGuardian } from '../helpers/journeys.ts';

let t: TestApp;
let ojiyaStaff: TestClient;
before(async () => {
  t = await startTestApp();
  ojiyaStaff = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
});
after(() => t.close());

describe('the queue', () => {
  test('shows this municipality’s waiting applications, filtered by status', async () => {
    const mine = await applyFor(t.app, t.db, 'queue-ojiya@example.jp');
    const theirs = await applyFor(t.app, t.db, 'queue-nagaoka@example.jp', { municipalityCode: NAGAOKA });
    const waiting = textOf((await ojiyaStaff.get('/municipality/applications?status=submitted')).body);
    assert.match(waiting, new RegExp(mine));
    assert.doesNotMatch(waiting, new RegExp(theirs), 'another municipality’s application is not listed');
    const approved = textOf((await ojiyaStaff.get('/municipality/applications?status=approved')).body);
    assert.doesNotMatch(approved, new RegExp(mine));
  });

  test('the start page counts the applications waiting', async () => {
    const waitingNow = async () => parsed((await ojiyaStaff.get('/municipality')).body).qaText('waiting') ?? '';
    const before = /^審査待ちの申請が(\d+)件あります。$/.exec(await waitingNow())?.[1];
    assert.ok(before, 'the count is shown');
    await applyFor(t.app, t.db, 'queue-count@example.jp');
    assert.equal(await waitingNow(), `審査待ちの申請が${Number(before) + 1}件あります。`);
  });
});

describe('approval', () => {
  test('creates the guardian, certifies each child until two days before the third birthday, and mails the notice', async () => {
    const reference = await applyFor(t.app, t.db, 'approve@example.jp', {
      fields: { childCount: '2', 'child1.name': '小千谷 かえで', 'child1.kana': 'オヂヤ カエデ', 'child1.birth.year': '2024', 'child1.birth.month': '3', 'child1.birth.day': '15' },
    });
    const id = await applicationIdOf(t.db, reference);
    const detail = await ojiyaStaff.get(`/municipality/applications/${id}`);
    assert.equal(detail.status, 200);
    assert.match(textOf(detail.body), /小千谷 花子.*小千谷 さくら.*小千谷 かえで/);
    const approved = await ojiyaStaff.post(`/municipality/applications/${id}/approve`);
    assert.equal(approved.status, 303);
    assert.match(textOf((await ojiyaStaff.follow(approved)).body), /承認しました/);

    const guardian = await t.db.selectFrom('users').selectAll().where('email', '=', 'approve@example.jp').executeTakeFirstOrThrow();
    assert.equal(guardian.role, 'guardian');
    assert.equal(guardian.password_hash, null, 'the guardian sets the password in step 2');
    const children = await t.db.selectFrom('children').selectAll().where('guardian_id', '=', guardian.id).orderBy('birth_date').execute();
    assert.equal(children.length, 2);
    assert.equal(children[0]?.birth_date, '2024-03-15');
    assert.equal(children[0]?.certification_valid_until, '2027-03-13');
    assert.match(children[0]?.certification_number ?? '', /^15208\d{6}$/);
    assert.notEqual(children[0]?.certification_number, children[1]?.certification_number);

    const mail = await lastMailTo(t.db, 'approve@example.jp');
    assert.equal(mail.subject, '【つうえん】アカウント発行のお知らせ');
    assert.match(mail.text_body, new RegExp(children[0]?.certification_number ?? 'x'));
    assert.match(mail.text_body, /2027年3月13日/);
    assert.ok(linksIn(mail.text_body).some((l) => l.endsWith('/password-reset')));
    const audit = await t.db.selectFrom('audit_log').selectAll().where('subject_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(audit.action, 'application.approve');
  });

  test('approving twice (two staff at once) creates one account', async () => {
    const reference = await applyFor(t.app, t.db, 'twice@example.jp');
    const id = await applicationIdOf(t.db, reference);
    await ojiyaStaff.get(`/municipality/applications/${id}`);
    const results = await Promise.all([ojiyaStaff.post(`/municipality/applications/${id}/approve`), ojiyaStaff.post(`/municipality/applications/${id}/approve`)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [303, 409]);
    const users = await t.db.selectFrom('users').select('id').where('email', '=', 'twice@example.jp').execute();
    assert.equal(users.length, 1);
    const children = await t.db.selectFrom('children').select('id').where('guardian_id', '=', users[0]!.id).execute();
    assert.equal(children.length, 1);
  });

  test('two applications of one family approved at the same moment make one account with both children', async () => {
    const first = await applicationIdOf(t.db, await applyFor(t.app, t.db, 'samemoment@example.jp'));
    const second = await applicationIdOf(t.db, await applyFor(t.app, t.db, 'samemoment@example.jp', { fields: { 'child0.name': '小千谷 かえで', 'child0.kana': 'オヂヤ カエデ' } }));
    await ojiyaStaff.get(`/municipality/applications/${first}`);
    const results = await Promise.all([ojiyaStaff.post(`/municipality/applications/${first}/approve`), ojiyaStaff.post(`/municipality/applications/${second}/approve`)]);
    assert.deepEqual(results.map((r) => r.status), [303, 303]);
    const users = await t.db.selectFrom('users').select('id').where('email', '=', 'samemoment@example.jp').execute();
    assert.equal(users.length, 1);
    const children = await t.db.selectFrom('children').select('name').where('guardian_id', '=', users[0]!.id).execute();
    assert.equal(children.length, 2);
  });

  test('a family applying again for another child keeps one account', async () => {
    await newGuardian(t.app, t.db, 'again@example.jp');
    const reference = await applyFor(t.app, t.db, 'again@example.jp', { fields: { 'child0.name': '小千谷 もみじ', 'child0.kana': 'オヂヤ モミジ' } });
    const id = await applicationIdOf(t.db, reference);
    await ojiyaStaff.get(`/municipality/applications/${id}`);
    assert.equal((await ojiyaStaff.post(`/municipality/applications/${id}/approve`)).status, 303);
    const guardian = await t.db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', 'again@example.jp').executeTakeFirstOrThrow();
    assert.ok(guardian.password_hash, 'the existing password is kept');
    const children = await t.db.selectFrom('children').select('name').where('guardian_id', '=', guardian.id).execute();
    assert.equal(children.length, 2);
  });
});

describe('rejection', () => {
  test('needs a reason, re-shown with a message when empty', async () => {
    const id = await applicationIdOf(t.db, await applyFor(t.app, t.db, 'reason@example.jp'));
    await ojiyaStaff.get(`/municipality/applications/${id}`);
    const page = await ojiyaStaff.post(`/municipality/applications/${id}/reject`, { reason: '   ' });
    assert.equal(page.status, 400);
    assert.match(parsed(page.body).field('reason')?.error ?? '', /却下の理由を入力してください/);
    const stored = await t.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(stored.status, 'submitted');
  });

  test('mails the reason and creates no account', async () => {
    const id = await applicationIdOf(t.db, await applyFor(t.app, t.db, 'rejected@example.jp'));
    await ojiyaStaff.get(`/municipality/applications/${id}`);
    const done = await ojiyaStaff.post(`/municipality/applications/${id}/reject`, { reason: '市外にお住まいのため、お住まいの市区町村へ申請してください。' });
    assert.equal(done.status, 303);
    const mail = await lastMailTo(t.db, 'rejected@example.jp');
    assert.equal(mail.subject, '【つうえん】利用申請の審査結果のお知らせ');
    assert.match(mail.text_body, /市外にお住まいのため/);
    assert.equal(await t.db.selectFrom('users').select('id').where('email', '=', 'rejected@example.jp').executeTakeFirst(), undefined);
    const again = await ojiyaStaff.post(`/municipality/applications/${id}/approve`);
    assert.equal(again.status, 409, 'a decided application cannot be approved afterwards');
  });
});

describe('refusals', () => {
  test('another municipality’s staff get 404 for the same URLs', async () => {
    const id = await applicationIdOf(t.db, await applyFor(t.app, t.db, 'private@example.jp'));
    const nagaokaStaff = await logInAsStaff(t.app, t.db, 'city-staff@nagaoka.example.jp');
    assert.equal((await nagaokaStaff.get(`/municipality/applications/${id}`)).status, 404);
    assert.equal((await nagaokaStaff.post(`/municipality/applications/${id}/approve`)).status, 404);
    assert.equal((await nagaokaStaff.post(`/municipality/applications/${id}/reject`, { reason: '不正' })).status, 404);
    const stored = await t.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(stored.status, 'submitted');
  });

  test('facility staff and guardians are refused; strangers are sent to log in', async () => {
    const facilityStaff = await logInAsStaff(t.app, t.db, 'staff@niji.ojiya.example.jp');
    assert.equal((await facilityStaff.get('/municipality/applications')).status, 403);
    const guardian = await newGuardian(t.app, t.db, 'nosy@example.jp');
    const refused = await guardian.get('/municipality/applications');
    assert.equal(refused.status, 403);
    assert.match(textOf(refused.body), /このページを表示する権限がありません/);
    assert.equal((await guardian.get('/facility')).status, 403);
    const id = await applicationIdOf(t.db, await applyFor(t.app, t.db, 'target@example.jp'));
    assert.equal((await guardian.post(`/municipality/applications/${id}/approve`)).status, 403);
    const stranger = await new TestClient(t.app).get('/municipality/applications');
    assert.equal(stranger.status, 303);
    assert.match(stranger.location ?? '', /^\/login\?next=/);
  });

  test('a malformed id is a 404, not a database error', async () => {
    assert.equal((await ojiyaStaff.get('/municipality/applications/not-a-uuid')).status, 404);
  });
});

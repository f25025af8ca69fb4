// 利用料減免の申請 (issue 10) over HTTP: a guardian applies from マイページ with evidence files
// (type found from the bytes, size-limited, CSRF checked in the multipart body), the child's
// municipality downloads the evidence (logged) and approves from a date (tax-based: until the
// coming 31 August) or refuses with a reason; the fee of a use follows the decision; the September
// reminder is mailed once; retention deletes the evidence; and the refusals across families,
// facilities and municipalities.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { newToken } from '../../src/platform/tokens.ts';
import { TestClock } from '../../src/platform/clock.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { runDailyJob } from '../../src/platform/daily-jobs.ts';
import { approveReductionApplication, reapplyReminderJob, submitReductionApplication } from '../../src/fees/application-queries.ts';
import { usesOfChild } from '../../src/fees/queries.ts';
import { purgeExpiredProfiles } from '../../src/profiles/retention.ts';
import { detectFileType } from '../../src/platform/uploads.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient } from '../helpers/http.ts';
import { mailsTo } from '../helpers/mail.ts';
import { page } from '../helpers/page.ts';
import { child, facility, municipality, type Child, type Facility, type Municipality, municipalityStaff } from '../reservations/world.ts';
import { signedIn } from '../helpers/signed-in.ts';

let t: TestApp;
let city: Municipality;
let otherCity: Municipality;
let niji: Facility;
let kid: Child;
let sibling: Child;
let otherFamilyKid: Child;
let cityStaff: string;
let otherCityStaff: string;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fictional image bytes')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF fictional')]);
const PDF = Buffer.from('%PDF-1.4\n% 課税証明書（架空）\n');
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`);

before(async () => {
  t = await startTestApp();
  city = await municipality(t.db);
  otherCity = await municipality(t.db);
  niji = await facility(t.db, city, 'にじいろ減免テスト園');
  kid = await child(t.db, city, '2025-06-01');
  // A second child of the same guardian.
  sibling = await child(t.db, city, '2024-06-01');
  await t.db.updateTable('children').set({ guardian_id: kid.guardianId }).where('id', '=', sibling.id).execute();
  await t.db.updateTable('children').set({ name: '減免 さくら' }).where('id', '=', kid.id).execute();
  await t.db.updateTable('children').set({ name: '減免 たいち' }).where('id', '=', sibling.id).execute();
  otherFamilyKid = await child(t.db, city, '2025-05-01');
  cityStaff = await municipalityStaff(t.db, city);
  otherCityStaff = await municipalityStaff(t.db, otherCity);
});
after(() => t?.close());

const guardian = (who: Child = kid) => signedIn(t, who.guardianId, '/mypage');
const clerk = (id = cityStaff) => signedIn(t, id, '/municipality');

async function emailOf(userId: string): Promise<string> {
  return (await t.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;
}

async function applicationsOf(childId: string) {
  return t.db.selectFrom('fee_reduction_applications').selectAll().where('child_id', '=', childId).orderBy('submitted_at').orderBy('id').execute();
}

async function auditCount(action: string, subjectId: string): Promise<number> {
  return (await t.db.selectFrom('audit_log').select('id').where('action', '=', action).where('subject_id', '=', subjectId).execute()).length;
}

/** The application form as the guardian sends it, with the form's one-time key from the page. */
async function apply(client: TestClient, fields: Record<string, string>, files: Array<{ fileName: string; bytes: Buffer; contentType?: string }>) {
  const form = await client.get('/reductions');
  const key = page(form.body).field('key')?.value ?? '';
  return client.postMultipart('/reductions', { key, declared: 'yes', note: '', ...fields }, files.map((f) => ({ field: 'evidence', ...f })));
}

/** The booking of a used day (checked in and out 9:00–12:00) at にじいろ (rate 300 yen an hour). */
async function use(who: Child, date: string): Promise<void> {
  const { id } = await t.db
    .insertInto('reservations')
    .values({ municipality_id: who.municipalityId, facility_id: niji.id, child_id: who.id, kind: 'flexible', status: 'confirmed', starts_at: at(date, '09:00'), ends_at: at(date, '12:00'), age_class: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('attendances')
    .values({ reservation_id: id, municipality_id: who.municipalityId, facility_id: niji.id, child_id: who.id, checked_in_at: at(date, '09:00'), checked_out_at: at(date, '12:00'), updated_at: t.clock.now() })
    .execute();
}

/** The hourly fee of the child's use on `date`, from the fee query the pages use. */
async function perHourOn(who: Child, date: string): Promise<{ perHourYen: number; reduction: string | undefined }> {
  const uses = await usesOfChild(t.db, who.id, CalendarDate.from(date).firstOfMonth());
  const found = uses.find((u) => u.booked.date.toString() === date);
  assert.ok(found, `a use on ${date}`);
  return { perHourYen: found.charge.perHourYen, reduction: found.reduction };
}

describe('the file type is read from the bytes', () => {
  test('JPEG, PNG and PDF by their magic numbers; anything else (text, HTML, a short file) is none of them', () => {
    assert.equal(detectFileType(JPEG), 'image/jpeg');
    assert.equal(detectFileType(PNG), 'image/png');
    assert.equal(detectFileType(PDF), 'application/pdf');
    assert.equal(detectFileType(Buffer.from('課税証明書です')), undefined);
    assert.equal(detectFileType(Buffer.from('<html><script>alert(1)</script>')), undefined);
    assert.equal(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47])), undefined);
    assert.equal(detectFileType(Buffer.from('%PDF')), undefined);
  });
});

describe('the guardian applies', () => {
  test('from マイページ: child, category, files and a note → 審査中, the files stored as sent; a double submit acts once; a second application waits its turn', async () => {
    const client = await guardian();
    const home = await client.get('/mypage');
    assert.equal(page(home.body).qa('mypage-reductions')?.getAttribute('href'), '/reductions');
    const form = await client.get('/reductions');
    assert.equal(form.status, 200);
    assert.match(page(form.body).find('form[enctype="multipart/form-data"]')?.getAttribute('action') ?? '', /^\/reductions$/);
    assert.match(page(form.body).text(), /減免 さくら.*減免なし/);
    const key = page(form.body).field('key')?.value ?? '';
    const fields = { key, child: kid.id, category: 'tax_exempt', note: '令和8年度の非課税証明書です。', declared: 'yes' };
    const files = [
      { field: 'evidence', fileName: '非課税証明書.png', contentType: 'image/png', bytes: PNG },
      { field: 'evidence', fileName: 'scan.pdf', contentType: 'application/pdf', bytes: PDF },
    ];
    const sent = await client.postMultipart('/reductions', fields, files);
    assert.equal(sent.status, 303, sent.body.slice(0, 300));
    assert.equal(sent.location, '/reductions?done=submitted');
    const done = await client.follow(sent);
    assert.match(page(done.body).qaText('notice') ?? '', /申請を受け付けました/);
    assert.equal(page(done.body).qaText('application-status'), '審査中');
    const [application, ...more] = await applicationsOf(kid.id);
    assert.equal(more.length, 0);
    assert.ok(application);
    assert.equal(application.status, 'pending');
    assert.equal(application.category, 'tax_exempt');
    assert.equal(application.note, '令和8年度の非課税証明書です。');
    assert.equal(application.municipality_id, city.id);
    const evidence = await t.db.selectFrom('fee_reduction_evidence').selectAll().where('application_id', '=', application.id).orderBy('position').execute();
    assert.deepEqual(
      evidence.map((e) => [e.position, e.file_name, e.content_type, e.size_bytes, e.municipality_id, e.child_id]),
      [
        [1, '非課税証明書.png', 'image/png', PNG.length, city.id, kid.id],
        [2, 'scan.pdf', 'application/pdf', PDF.length, city.id, kid.id],
      ],
    );
    assert.deepEqual(Buffer.from(evidence[0]!.content), PNG);
    assert.deepEqual(Buffer.from(evidence[1]!.content), PDF);
    assert.equal(await auditCount('fee_reduction.application.submit', application.id), 1);
    // The same form sent again (a double click): the first application stands, nothing is added.
    const again = await client.postMultipart('/reductions', fields, files);
    assert.equal(again.status, 303);
    assert.equal((await applicationsOf(kid.id)).length, 1);
    // A new application for the same child while one waits: refused by the database, the form kept.
    const second = await apply(client, { child: kid.id, category: 'public_assistance', note: 'もう一通' }, [{ fileName: 'a.jpg', bytes: JPEG }]);
    assert.equal(second.status, 409);
    assert.match(page(second.body).field('child')?.error ?? '', /すでに審査中/);
    assert.equal(page(second.body).field('note')?.value, 'もう一通');
    assert.equal((await applicationsOf(kid.id)).length, 1);
  });

  test('a text file renamed .pdf is refused by its content, with the form kept and a word to choose the files again', async () => {
    const client = await guardian();
    const res = await apply(client, { child: sibling.id, category: 'support_needed', note: '名前だけPDFです' }, [{ fileName: '証明書.pdf', contentType: 'application/pdf', bytes: Buffer.from('これはテキストです') }]);
    assert.equal(res.status, 400);
    const p = page(res.body);
    assert.match(p.field('evidence')?.error ?? '', /「証明書\.pdf」は画像（JPEG・PNG）またはPDFではありません/);
    assert.equal(p.field('category')?.value, 'support_needed');
    assert.equal(p.field('child')?.value, sibling.id);
    assert.equal(p.field('note')?.value, '名前だけPDFです');
    assert.match(p.qaText('choose-again') ?? '', /もう一度選んでください/);
    assert.equal((await applicationsOf(sibling.id)).length, 0);
  });

  test('a file over 5 MB and more than 3 files are refused on the form, never with a 413 page', async () => {
    const client = await guardian();
    const big = Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)]);
    const large = await apply(client, { child: sibling.id, category: 'support_needed' }, [{ fileName: 'big.jpg', bytes: big }]);
    assert.equal(large.status, 400);
    assert.match(page(large.body).field('evidence')?.error ?? '', /「big\.jpg」は大きすぎます。1ファイル5MBまで/);
    assert.equal(page(large.body).field('category')?.value, 'support_needed');
    const many = await apply(client, { child: sibling.id, category: 'support_needed', note: '四通' }, [1, 2, 3, 4].map((n) => ({ fileName: `${n}.png`, bytes: PNG })));
    assert.equal(many.status, 400);
    assert.match(page(many.body).field('evidence')?.error ?? '', /3ファイルまで/);
    assert.equal(page(many.body).field('note')?.value, '四通');
    assert.equal((await applicationsOf(sibling.id)).length, 0);
  });

  test('nothing chosen: messages next to each field; without the CSRF token the upload is refused', async () => {
    const client = await guardian();
    const form = await client.get('/reductions');
    const key = page(form.body).field('key')?.value ?? '';
    const empty = await client.postMultipart('/reductions', { key, note: '' }, [{ field: 'evidence', fileName: '', bytes: Buffer.alloc(0) }]);
    assert.equal(empty.status, 400);
    const p = page(empty.body);
    assert.deepEqual(p.errorSummary(), ['お子さまを選んでください', '減免の区分を選んでください', '書類を選んでください', '内容を確認して、チェックを入れてください']);
    const forged = await client.postMultipart('/reductions', { _csrf: 'forged', key, child: sibling.id, category: 'support_needed', declared: 'yes' }, [{ field: 'evidence', fileName: 'a.png', bytes: PNG }]);
    assert.equal(forged.status, 403);
    assert.equal((await applicationsOf(sibling.id)).length, 0);
  });
});

describe('the municipality decides', () => {
  test('sees it waiting, downloads the evidence (logged), approves from a date: tax-based until the coming 31 August; the fee of a use on and after the date is reduced; the guardian is mailed', async () => {
    await use(kid, '2026-11-30');
    await use(kid, '2026-12-01');
    const client = await clerk();
    const pendingNow = (await t.db.selectFrom('fee_reduction_applications').select('id').where('municipality_id', '=', city.id).where('status', '=', 'pending').execute()).length;
    assert.ok(pendingNow > 0);
    assert.equal(page((await client.get('/municipality')).body).qaText('waiting-reductions'), `審査を待っている申請が${pendingNow}件あります。`, 'the start page counts them');
    const list = await client.get('/municipality/fee-reductions');
    const link = page(list.body).qa('pending-application');
    assert.equal(link?.textContent.trim(), '減免 さくら');
    const [application] = await applicationsOf(kid.id);
    assert.ok(application);
    const path = `/municipality/fee-reductions/applications/${application.id}`;
    assert.equal(link?.getAttribute('href'), path);
    const shown = await client.get(path);
    assert.equal(shown.status, 200);
    assert.match(page(shown.body).text(), /令和8年度の非課税証明書です。/);
    assert.match(page(shown.body).qaText('tax-until') ?? '', /2027年8月31日まで/);
    const links = page(shown.body).all('[data-qa="evidence-link"]').map((a) => a.getAttribute('href') ?? '');
    assert.equal(links.length, 2);
    const evidenceId = links[0]!.split('/').at(-1)!;
    const download = await client.get(links[0]!);
    assert.equal(download.status, 200);
    assert.equal(download.headers['content-type'], 'image/png');
    assert.equal(download.headers['content-disposition'], 'attachment; filename="evidence-1.png"');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.equal(download.headers['cache-control'], 'no-store');
    assert.deepEqual(download.bytes, PNG);
    assert.equal((await client.get(links[1]!)).headers['content-type'], 'application/pdf');
    assert.equal(await auditCount('fee_reduction.evidence.read', evidenceId), 1);
    // A bad date comes back with its message and the date kept.
    const bad = await client.post(`${path}/approve`, { 'from.year': '2026', 'from.month': '2', 'from.day': '30' });
    assert.equal(bad.status, 400);
    assert.equal(page(bad.body).field('from.day')?.value, '30');
    const approved = await client.post(`${path}/approve`, { 'from.year': '2026', 'from.month': '12', 'from.day': '1' });
    assert.equal(approved.status, 303);
    assert.match(page((await client.follow(approved)).body).qaText('notice') ?? '', /認定しました/);
    const decided = await t.db.selectFrom('fee_reduction_applications').selectAll().where('id', '=', application.id).executeTakeFirstOrThrow();
    assert.equal(decided.status, 'approved');
    const reduction = await t.db.selectFrom('fee_reductions').selectAll().where('id', '=', decided.reduction_id!).executeTakeFirstOrThrow();
    assert.deepEqual([reduction.category, reduction.effective_from, reduction.effective_until, reduction.child_id], ['tax_exempt', '2026-12-01', '2027-08-31', kid.id]);
    assert.equal(await auditCount('fee_reduction.application.approve', application.id), 1);
    assert.equal(await auditCount('child.fee_reduction.record', kid.id), 1);
    // Pressed again: already decided, nothing more written.
    const twice = await client.post(`${path}/approve`, { 'from.year': '2026', 'from.month': '12', 'from.day': '1' });
    assert.equal(twice.status, 409);
    assert.match(page(twice.body).qaText('problem') ?? '', /すでに審査済み/);
    assert.equal((await t.db.selectFrom('fee_reductions').select('id').where('child_id', '=', kid.id).execute()).length, 1);
    // Fees: 300 yen an hour on 30 November; 300 − 240 = 60 from 1 December.
    assert.deepEqual(await perHourOn(kid, '2026-11-30'), { perHourYen: 300, reduction: undefined });
    assert.deepEqual(await perHourOn(kid, '2026-12-01'), { perHourYen: 60, reduction: 'tax_exempt' });
    const mail = (await mailsTo(t.db, await emailOf(kid.guardianId))).at(-1);
    assert.equal(mail?.subject, '【つうえん】利用料減免の認定のお知らせ');
    assert.match(mail?.text_body ?? '', /適用期間：2026年12月1日～2027年8月31日/);
    // The guardian sees it approved and, from its first day, in effect.
    const family = await guardian();
    const status = await family.get('/reductions');
    assert.match(page(status.body).qaText('application-status') ?? '', /認定（2026年12月1日～2027年8月31日）/);
    // The facility sees the category on its fee page, never the documents.
    const staffClient = await signedIn(t, niji.staff.id, '/facility');
    const fees = await staffClient.get('/facility/fees?date=2026-12-01');
    assert.match(page(fees.body).text(), /60円 ?（非課税）/);
    assert.ok(!fees.body.includes('evidence') && !fees.body.includes('非課税証明書.png'));
  });

  test('refuses with a reason (required), mailed and shown to the guardian; a date before a later reduction is refused with a message', async () => {
    const family = await guardian();
    assert.equal((await apply(family, { child: sibling.id, category: 'public_assistance' }, [{ fileName: '保護決定通知.jpg', bytes: JPEG }])).status, 303);
    const [application] = await applicationsOf(sibling.id);
    assert.ok(application);
    const client = await clerk();
    const path = `/municipality/fee-reductions/applications/${application.id}`;
    await client.get(path);
    const empty = await client.post(`${path}/reject`, { reason: '  ' });
    assert.equal(empty.status, 400);
    assert.equal(page(empty.body).field('reason')?.error, '却下の理由を入力してください');
    const rejected = await client.post(`${path}/reject`, { reason: '書類の世帯主の名前が読み取れません。' });
    assert.equal(rejected.status, 303);
    assert.equal((await t.db.selectFrom('fee_reduction_applications').select('status').where('id', '=', application.id).executeTakeFirstOrThrow()).status, 'rejected');
    assert.equal(await auditCount('fee_reduction.application.reject', application.id), 1);
    const mail = (await mailsTo(t.db, await emailOf(kid.guardianId))).at(-1);
    assert.equal(mail?.subject, '【つうえん】利用料減免の申請の審査結果のお知らせ');
    assert.match(mail?.text_body ?? '', /書類の世帯主の名前が読み取れません。/);
    const status = await family.get('/reductions');
    assert.ok(page(status.body).all('[data-qa="application-status"]').some((s) => /却下（理由：書類の世帯主の名前が読み取れません。）/.test(s.textContent)));
    // Applying again, and approving from a date before a reduction recorded later: refused, nothing written.
    await t.db.insertInto('fee_reductions').values({ child_id: sibling.id, municipality_id: city.id, category: 'support_needed', effective_from: '2027-01-01', effective_until: null, recorded_by: cityStaff, recorded_at: t.clock.now() }).execute();
    assert.equal((await apply(family, { child: sibling.id, category: 'public_assistance' }, [{ fileName: 'again.pdf', bytes: PDF }])).status, 303);
    const retry = (await applicationsOf(sibling.id)).find((a) => a.status === 'pending');
    assert.ok(retry);
    const retryPath = `/municipality/fee-reductions/applications/${retry.id}`;
    await client.get(retryPath);
    const early = await client.post(`${retryPath}/approve`, { 'from.year': '2026', 'from.month': '12', 'from.day': '1' });
    assert.equal(early.status, 409);
    assert.match(page(early.body).field('from.year')?.error ?? page(early.body).textOf('#f-from-error') ?? '', /2027年1月1日 から始まる減免/);
    assert.equal((await t.db.selectFrom('fee_reduction_applications').select('status').where('id', '=', retry.id).executeTakeFirstOrThrow()).status, 'pending');
  });
});

describe('at the same moment', () => {
  test('five applications for one child at once: one waits, the others are told one is under review; two approvals at once decide once', async () => {
    const twin = await child(t.db, city, '2025-03-01');
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => submitReductionApplication(t.db, t.clock, twin.guardianId, { childId: twin.id, category: 'public_assistance', note: '', submissionKey: `same-moment-${n}-${randomUUID()}`, files: [{ fileName: `${n}.png`, type: 'image/png', bytes: PNG }] })),
    );
    assert.deepEqual(results.map((r) => r.outcome).sort(), ['pending-exists', 'pending-exists', 'pending-exists', 'pending-exists', 'submitted']);
    const [application, ...none] = await applicationsOf(twin.id);
    assert.ok(application && none.length === 0);
    assert.equal((await t.db.selectFrom('fee_reduction_evidence').select('id').where('child_id', '=', twin.id).execute()).length, 1, 'the refused ones left no files');
    const staff = { id: cityStaff, municipalityId: city.id };
    const decisions = await Promise.all([1, 2].map(() => approveReductionApplication(t.db, t.clock, 'http://localhost', staff, application.id, CalendarDate.from('2026-12-01'))));
    assert.deepEqual(decisions.map((d) => d.outcome).sort(), ['already-decided', 'approved']);
    assert.equal((await t.db.selectFrom('fee_reductions').select('id').where('child_id', '=', twin.id).execute()).length, 1);
    assert.equal((await mailsTo(t.db, await emailOf(twin.guardianId))).length, 1);
  });
});

describe('refusals', () => {
  test('a child whose certification has ended cannot be applied for: a message at the child, nothing stored', async () => {
    const ended = await child(t.db, city, '2025-03-01', { certifiedUntil: '2026-10-31' });
    const client = await guardian(ended);
    const res = await apply(client, { child: ended.id, category: 'public_assistance' }, [{ fileName: 'a.png', bytes: PNG }]);
    assert.equal(res.status, 400);
    assert.deepEqual(page(res.body).errorSummary(), ['このお子さまの認定（乳児等支援給付認定）は終了しているため、申請できません']);
    assert.equal((await applicationsOf(ended.id)).length, 0);
  });

  test("a guardian cannot apply for another family's child: 404, nothing stored", async () => {
    const stranger = await guardian(otherFamilyKid);
    const res = await apply(stranger, { child: kid.id, category: 'public_assistance' }, [{ fileName: 'a.png', bytes: PNG }]);
    assert.equal(res.status, 404);
    assert.equal((await t.db.selectFrom('fee_reduction_applications').select('id').where('guardian_id', '=', otherFamilyKid.guardianId).execute()).length, 0);
    // Their page lists only their own children and applications.
    const own = await stranger.get('/reductions');
    assert.ok(!own.body.includes('減免 さくら'));
  });

  test("another municipality's staff get 404 for the application, its evidence and its decision; no read is logged", async () => {
    const [application] = await applicationsOf(kid.id);
    assert.ok(application);
    const evidence = await t.db.selectFrom('fee_reduction_evidence').select('id').where('application_id', '=', application.id).execute();
    const stranger = await clerk(otherCityStaff);
    const path = `/municipality/fee-reductions/applications/${application.id}`;
    assert.equal((await stranger.get(path)).status, 404);
    for (const e of evidence) assert.equal((await stranger.get(`/municipality/fee-reductions/evidence/${e.id}`)).status, 404);
    assert.equal((await stranger.post(`${path}/reject`, { reason: 'だめ' })).status, 404);
    const list = await stranger.get('/municipality/fee-reductions');
    assert.ok(!list.body.includes('減免 さくら'));
    const reads = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'fee_reduction.evidence.read').where('actor_user_id', '=', otherCityStaff).execute();
    assert.equal(reads.length, 0);
  });

  test('facility staff and guardians cannot fetch evidence (403); without login, the pages lead to login', async () => {
    const evidence = await t.db.selectFrom('fee_reduction_evidence').select('id').where('child_id', '=', kid.id).executeTakeFirstOrThrow();
    const path = `/municipality/fee-reductions/evidence/${evidence.id}`;
    const staffClient = await signedIn(t, niji.staff.id, '/facility');
    assert.equal((await staffClient.get(path)).status, 403);
    assert.equal((await (await guardian()).get(path)).status, 403);
    const anonymous = new TestClient(t.app);
    const res = await anonymous.get(path);
    assert.equal(res.status, 303);
    assert.equal(res.location, `/login?next=${encodeURIComponent(path)}`);
    const apply = await anonymous.get('/reductions');
    assert.equal(apply.status, 303);
    assert.equal(apply.location, '/login?next=%2Freductions');
    assert.equal((await anonymous.postMultipart('/reductions', { child: kid.id }, [{ field: 'evidence', fileName: 'a.png', bytes: PNG }])).status, 403);
  });
});

describe('the September expiry and the reminder', () => {
  test('the tax-based reduction ends on 31 August; from 1 September its guardian is mailed once to re-apply', async () => {
    await use(kid, '2027-08-31');
    await use(kid, '2027-09-01');
    assert.deepEqual(await perHourOn(kid, '2027-08-31'), { perHourYen: 60, reduction: 'tax_exempt' });
    assert.deepEqual(await perHourOn(kid, '2027-09-01'), { perHourYen: 300, reduction: undefined });
    const job = reapplyReminderJob('http://localhost:3000');
    const email = await emailOf(kid.guardianId);
    const reminders = async () => (await mailsTo(t.db, email)).filter((m) => m.subject === '【つうえん】利用料減免の再申請のお願い');
    // In August nothing is due.
    assert.deepEqual(await runDailyJob(t.db, new TestClock(at('2027-08-31', '10:00')), job), { reminded: 0 });
    assert.equal((await reminders()).length, 0);
    const september = new TestClock(at('2027-09-01', '09:00'));
    assert.deepEqual(await runDailyJob(t.db, september, job), { reminded: 1 });
    // The same day again: the day's run is claimed.
    assert.equal(await runDailyJob(t.db, september, job), undefined);
    // The next day: the child was reminded this year already.
    assert.deepEqual(await runDailyJob(t.db, new TestClock(at('2027-09-02', '09:00')), job), { reminded: 0 });
    const sent = await reminders();
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.text_body, /減免 さくらさんの利用料減免（市町村民税非課税世帯）は、税額にもとづく減免のため 2027年8月31日 で終了しました/);
    assert.match(sent[0]!.text_body, /http:\/\/localhost:3000\/reductions/);
    assert.deepEqual(await t.db.selectFrom('fee_reduction_reminders').select(['child_id', 'year']).execute(), [{ child_id: kid.id, year: 2027 }]);
    // The sibling's open-ended reduction (and its waiting application) are not reminded.
    assert.ok(!sent.some((m) => m.text_body.includes('減免 たいち')));
  });
});

describe('retention', () => {
  test('the evidence of a child whose certification ended more than the retention period ago is deleted; the decision stays', async () => {
    // Applied for while certified; the certification ended in 2021.
    const old = await child(t.db, city, '2018-04-01', { certifiedFrom: '2018-10-01' });
    const submitted = await submitReductionApplication(t.db, t.clock, old.guardianId, { childId: old.id, category: 'public_assistance', note: '', submissionKey: newToken(), files: [{ fileName: 'old.png', type: 'image/png', bytes: PNG }] });
    assert.equal(submitted.outcome, 'submitted');
    await t.db.updateTable('children').set({ certification_valid_until: '2021-03-29' }).where('id', '=', old.id).execute();
    const keptBefore = (await t.db.selectFrom('fee_reduction_evidence').select('id').where('child_id', '=', kid.id).execute()).length;
    const result = await purgeExpiredProfiles(t.db, t.clock, 5);
    assert.equal(result.reductionEvidence, 1);
    assert.equal((await t.db.selectFrom('fee_reduction_evidence').select('id').where('child_id', '=', old.id).execute()).length, 0);
    assert.equal((await applicationsOf(old.id)).length, 1, 'the application (the record) stays');
    assert.equal((await t.db.selectFrom('fee_reduction_evidence').select('id').where('child_id', '=', kid.id).execute()).length, keptBefore, 'a current child keeps its evidence');
  });
});

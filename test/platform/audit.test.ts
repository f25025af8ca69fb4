// Typed audit actions: every name in AUDIT_ACTIONS is written by a real code path, with its subject
// type, actor, municipality and detail; unknown names are refused (by tsc, and at run time); an
// entry goes with its transaction.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { applicationIdOf, applyFor, childrenOf, facilityIdOf, reserve } from '../helpers/journeys.ts';
import { AUDIT_ACTIONS, audit, type AuditAction } from '../../src/platform/audit.ts';
import type { Db } from '../../src/platform/database.ts';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { approveApplication, rejectApplication } from '../../src/applications/review-queries.ts';
import { createFacility, createStaffLogin, updateFacility } from '../../src/facilities/municipality-queries.ts';
import type { ValidFacility } from '../../src/facilities/form.ts';
import { readChildAsStaff, setTwoFactor } from '../../src/profiles/queries.ts';
import { bookSlot, cancelReservation, decideReservation, recordInterviewOutcome } from '../../src/reservations/queries.ts';
import { acceptPickupChange, refusePickupChange, requestPickupChange, withdrawPickupChange } from '../../src/reservations/change-queries.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { recordSeriesBooked, seriesIdFor } from '../../src/reservations/booking-queries.ts';
import { addTemplate, closeDay, deleteTemplate, reopenDay, saveOffer, withdrawSlot } from '../../src/reservations/setup-queries.ts';
import { recordDesignation } from '../../src/facilities/designation-queries.ts';
import { applyDueCertificationChanges, recordCertificationChange, terminateCertification, withdrawCertificationChange } from '../../src/applications/certification-queries.ts';
import { inquiryMunicipality, markInquiryAnswered, replyToInquiry, submitInquiry } from '../../src/support/queries.ts';
import { addMunicipality, issueStaffPasswordReset } from '../../src/municipalities/admin-queries.ts';
import { saveSettingsChange, municipalitySettingsFor } from '../../src/municipalities/settings-queries.ts';
import { recordPayment } from '../../src/fees/queries.ts';
import { endReduction, recordReduction } from '../../src/fees/reduction-queries.ts';
import { approveReductionApplication, readEvidence, rejectReductionApplication, submitReductionApplication } from '../../src/fees/application-queries.ts';
import { child as childOf, facility as facilityIn, municipality as newMunicipality, slot as slotAt } from '../reservations/world.ts';
import { correctTimes, markNoShow, recordScan } from '../../src/attendance/queries.ts';
import { bookingOn } from '../attendance/world.ts';
import { claimsOfFacilityMonth, computeClaim, decideClaim, recordClaimPayment, submitClaim } from '../../src/claims/queries.ts';

let t: TestApp;
let cityStaff: { id: string; municipalityId: string };
let facilityStaff: { id: string; facilityId: string; municipalityId: string };
before(async () => {
  t = await startTestApp();
  const city = await userNamed('city-staff@ojiya.example.jp');
  cityStaff = { id: city.id, municipalityId: city.municipality_id };
  const staff = await userNamed('staff@niji.ojiya.example.jp');
  assert.ok(staff.facility_id);
  facilityStaff = { id: staff.id, facilityId: staff.facility_id, municipalityId: staff.municipality_id };
});
after(() => t.close());

async function userNamed(email: string) {
  return t.db.selectFrom('users').select(['id', 'municipality_id', 'facility_id']).where('email', '=', email).executeTakeFirstOrThrow();
}

async function entriesFor(subjectId: string) {
  return t.db.selectFrom('audit_log').selectAll().where('subject_id', '=', subjectId).orderBy('id').execute();
}

const facility: ValidFacility = {
  name: '監査テスト保育園',
  name_kana: 'カンサテストホイクエン',
  facility_type: 'nursery',
  address: '新潟県小千谷市城内1丁目1-1',
  latitude: 37.31,
  longitude: 138.79,
  phone: '0258-00-0000',
  opens_at: '08:30',
  closes_at: '17:00',
  open_days: [1, 2, 3, 4, 5],
  ages_accepted: [0, 1, 2],
  daily_capacity: 3,
  fee_per_hour: 300,
  introduction: '',
  notes: '',
};

describe('every audit action is written by a code path', () => {
  const written = new Set<string>();
  const expectEntry = async (subjectId: string, expected: { action: AuditAction; actor: string | null; municipality: string; detail?: unknown }) => {
    const entries = (await entriesFor(subjectId)).filter((e) => e.action === expected.action);
    assert.equal(entries.length, 1, `${expected.action} on ${subjectId}`);
    const [entry] = entries;
    assert.equal(entry?.subject_type, AUDIT_ACTIONS[expected.action]);
    assert.equal(entry?.actor_user_id, expected.actor);
    assert.equal(entry?.municipality_id, expected.municipality);
    assert.deepEqual(entry?.detail, expected.detail ?? null);
    assert.equal(entry?.at.getTime(), t.clock.now().getTime());
    written.add(expected.action);
  };
  const byCity = () => ({ actor: cityStaff.id, municipality: cityStaff.municipalityId });

  test('facility.create, facility.update and facility.staff.create', async () => {
    const id = await createFacility(t.db, t.clock, cityStaff, facility);
    await expectEntry(id, { action: 'facility.create', ...byCity() });
    assert.equal(await updateFacility(t.db, t.clock, cityStaff, id, { ...facility, daily_capacity: 4 }), true);
    await expectEntry(id, { action: 'facility.update', ...byCity() });
    assert.deepEqual(await createStaffLogin(t.db, t.clock, 'http://localhost', cityStaff, id, { displayName: '監査 太郎', email: 'audit-staff@example.jp' }), { kind: 'created' });
    const login = await userNamed('audit-staff@example.jp');
    await expectEntry(login.id, { action: 'facility.staff.create', ...byCity(), detail: { facility_id: id } });
  });

  test('application.approve and application.reject', async () => {
    const approvedId = await applicationIdOf(t.db, await applyFor(t.app, t.db, 'audit-approve@example.jp'));
    assert.deepEqual(await approveApplication(t.db, t.clock, 'http://localhost', cityStaff, approvedId), { kind: 'done' });
    await expectEntry(approvedId, { action: 'application.approve', ...byCity() });
    const rejectedId = await applicationIdOf(t.db, await applyFor(t.app, t.db, 'audit-reject@example.jp'));
    assert.deepEqual(await rejectApplication(t.db, t.clock, cityStaff, rejectedId, '区域外のため'), { kind: 'done' });
    await expectEntry(rejectedId, { action: 'application.reject', ...byCity() });
  });

  test('child.sensitive.read', async () => {
    const [child] = await childrenOf(t.db, 'audit-approve@example.jp');
    assert.ok(child);
    await reserve(t.db, child, await facilityIdOf(t.db, 'にじいろ保育園（架空）'));
    assert.ok(await readChildAsStaff(t.db, t.clock, facilityStaff, child.id));
    await expectEntry(child.id, { action: 'child.sensitive.read', actor: facilityStaff.id, municipality: child.municipality_id, detail: { facility_id: facilityStaff.facilityId } });
  });

  test('account.two_factor.disable and account.two_factor.enable', async () => {
    assert.equal(await setTwoFactor(t.db, t.clock, facilityStaff.id, false, SAMPLE_PASSWORD), 'changed');
    await expectEntry(facilityStaff.id, { action: 'account.two_factor.disable', actor: facilityStaff.id, municipality: facilityStaff.municipalityId });
    assert.equal(await setTwoFactor(t.db, t.clock, facilityStaff.id, true, SAMPLE_PASSWORD), 'changed');
    await expectEntry(facilityStaff.id, { action: 'account.two_factor.enable', actor: facilityStaff.id, municipality: facilityStaff.municipalityId });
  });

  test('reservation.book, .confirm, .decline, .cancel and child.facility_approval.record', async () => {
    const city = await newMunicipality(t.db);
    const place = await facilityIn(t.db, city);
    const kid = await childOf(t.db, city, '2025-06-01');
    const guardian = { id: kid.guardianId, role: 'guardian' as const };
    const date = CalendarDate.today(t.clock).addDays(10).toString();
    const slotId = await slotAt(t.db, place, date, '09:00', '15:00');
    const book = async (kind: 'interview' | 'flexible', startMinute: number) => {
      const result = await bookSlot(t.db, t.clock, guardian, { slotId, childId: kid.id, kind, startMinute, endMinute: startMinute + 60, idempotencyKey: `audit-${startMinute}` });
      assert.ok(result.outcome === 'booked', JSON.stringify(result));
      return result.reservationId;
    };
    const byGuardian = { actor: kid.guardianId, municipality: kid.municipalityId };
    const byStaff = { actor: place.staff.id, municipality: kid.municipalityId };
    const interview = await book('interview', 540);
    await expectEntry(interview, { action: 'reservation.book', ...byGuardian, detail: { facility_id: place.id, kind: 'interview' } });
    assert.deepEqual(await decideReservation(t.db, t.clock, place.staff, interview, 'confirm'), { outcome: 'confirmed' });
    await expectEntry(interview, { action: 'reservation.confirm', ...byStaff });
    assert.equal(await recordInterviewOutcome(t.db, t.clock, place.staff, { childId: kid.id, approved: true, reason: '', note: '' }), 'recorded');
    await expectEntry(kid.id, { action: 'child.facility_approval.record', ...byStaff, detail: { facility_id: place.id, approved: true } });
    const declined = await book('flexible', 600);
    assert.deepEqual(await decideReservation(t.db, t.clock, place.staff, declined, 'decline'), { outcome: 'declined' });
    await expectEntry(declined, { action: 'reservation.decline', ...byStaff });
    const cancelled = await book('flexible', 720);
    assert.deepEqual(await cancelReservation(t.db, t.clock, kid.guardianId, cancelled), { outcome: 'cancelled' });
    await expectEntry(cancelled, { action: 'reservation.cancel', ...byGuardian, detail: { status: 'cancelled' } });
  });

  test('facility.offer.update, .slot_template.create and .delete, .closed_day.add and .remove, slot.withdraw, reservation.cancel.facility_closed', async () => {
    const city = await newMunicipality(t.db);
    const place = await facilityIn(t.db, city);
    const byStaff = { actor: place.staff.id, municipality: city.id };
    const offer = { kinds: { interview: true, regular: true, flexible: true }, youngestAgeMonths: 6 as const, bookingStyle: 'free' as const, cancelMinutesBeforeDay: 0, bookingNotes: '', weeksAhead: 2 };
    await saveOffer(t.db, t.clock, place.staff, offer);
    await expectEntry(place.id, { action: 'facility.offer.update', ...byStaff });
    const added = await addTemplate(t.db, t.clock, place.staff, { weekday: 3, startMinute: 540, endMinute: 720, capacity: [1, 3, 3], kinds: ['interview'] });
    assert.equal(added.kind, 'added');
    const template = await t.db.selectFrom('slot_templates').select('id').where('facility_id', '=', place.id).executeTakeFirstOrThrow();
    await expectEntry(template.id, { action: 'facility.slot_template.create', ...byStaff });
    assert.equal(await deleteTemplate(t.db, t.clock, place.staff, template.id), true);
    await expectEntry(template.id, { action: 'facility.slot_template.delete', ...byStaff });
    const empty = await slotAt(t.db, place, CalendarDate.today(t.clock).addDays(10).toString(), '09:00', '12:00');
    assert.equal((await withdrawSlot(t.db, t.clock, place.staff, empty)).kind, 'withdrawn');
    await expectEntry(empty, { action: 'slot.withdraw', ...byStaff });
    const day = CalendarDate.today(t.clock).addDays(11);
    const kid = await childOf(t.db, city, '2025-06-01');
    const slotId = await slotAt(t.db, place, day.toString(), '09:00', '12:00');
    const booked = await bookSlot(t.db, t.clock, { id: kid.guardianId, role: 'guardian' }, { slotId, childId: kid.id, kind: 'interview', startMinute: 540, endMinute: 600, idempotencyKey: 'audit-closed' });
    assert.ok(booked.outcome === 'booked');
    assert.deepEqual(await closeDay(t.db, t.clock, place.staff, { date: day, reason: '行事のため' }), { kind: 'closed', slots: 1, bookings: 1 });
    await expectEntry(booked.reservationId, { action: 'reservation.cancel.facility_closed', actor: place.staff.id, municipality: kid.municipalityId, detail: { facility_id: place.id, date: day.toString() } });
    await expectEntry(place.id, { action: 'facility.closed_day.add', ...byStaff, detail: { date: day.toString() } });
    assert.equal((await reopenDay(t.db, t.clock, place.staff, day)).kind, 'reopened');
    await expectEntry(place.id, { action: 'facility.closed_day.remove', ...byStaff, detail: { date: day.toString() } });
  });

  test('reservation.pickup_change.request, .withdraw, .accept and .refuse', async () => {
    const city = await newMunicipality(t.db);
    const place = await facilityIn(t.db, city);
    const kid = await childOf(t.db, city, '2025-06-01');
    await t.db.insertInto('facility_approvals').values({ facility_id: place.id, child_id: kid.id, municipality_id: city.id, approved: true, decided_by: place.staff.id, decided_at: t.clock.now() }).execute();
    const guardian = { id: kid.guardianId, role: 'guardian' as const };
    const byGuardian = { actor: kid.guardianId, municipality: kid.municipalityId };
    const byStaff = { actor: place.staff.id, municipality: kid.municipalityId };
    const booked = async (days: number) => {
      const slotId = await slotAt(t.db, place, CalendarDate.today(t.clock).addDays(days).toString(), '09:00', '15:00');
      const result = await bookSlot(t.db, t.clock, guardian, { slotId, childId: kid.id, kind: 'flexible', startMinute: 540, endMinute: 600, idempotencyKey: `audit-change-${days}` });
      assert.ok(result.outcome === 'booked', JSON.stringify(result));
      const request = await requestPickupChange(t.db, t.clock, 'http://localhost', kid.guardianId, result.reservationId, 660, '');
      assert.ok(request.outcome === 'requested', JSON.stringify(request));
      await expectEntry(result.reservationId, { action: 'reservation.pickup_change.request', ...byGuardian, detail: { request_id: request.requestId, end_minute: 660 } });
      return { reservationId: result.reservationId, requestId: request.requestId };
    };
    const withdrawn = await booked(11);
    assert.equal(await withdrawPickupChange(t.db, t.clock, 'http://localhost', kid.guardianId, withdrawn.reservationId), 'withdrawn');
    await expectEntry(withdrawn.reservationId, { action: 'reservation.pickup_change.withdraw', ...byGuardian, detail: { request_id: withdrawn.requestId } });
    const accepted = await booked(12);
    assert.deepEqual(await acceptPickupChange(t.db, t.clock, 'http://localhost', place.staff, accepted.requestId, ''), { outcome: 'accepted' });
    await expectEntry(accepted.reservationId, { action: 'reservation.pickup_change.accept', ...byStaff, detail: { request_id: accepted.requestId, end_minute: 660 } });
    const refused = await booked(13);
    assert.equal(await refusePickupChange(t.db, t.clock, 'http://localhost', place.staff, refused.requestId, '満員のため'), 'refused');
    await expectEntry(refused.reservationId, { action: 'reservation.pickup_change.refuse', ...byStaff, detail: { request_id: refused.requestId } });
  });

  test('reservation.series.book (once per series, with its mails)', async () => {
    const city = await newMunicipality(t.db);
    const place = await facilityIn(t.db, city);
    const kid = await childOf(t.db, city, '2025-06-01');
    const seriesId = seriesIdFor(kid.guardianId, 'audit-series');
    await t.db
      .insertInto('reservation_series')
      .values({ id: seriesId, municipality_id: city.id, facility_id: place.id, child_id: kid.id, frequency: 'weekly', first_date: '2026-12-07', last_date: '2026-12-21', start_minute: 540, end_minute: 600, created_by: kid.guardianId, created_at: t.clock.now() })
      .execute();
    const detail = { facility_id: place.id, booked: 2, refused: 1 };
    assert.equal(await recordSeriesBooked(t.db, t.clock, seriesId, detail, kid.guardianId, async () => {}), true);
    assert.equal(await recordSeriesBooked(t.db, t.clock, seriesId, detail, kid.guardianId, async () => {}), false);
    await expectEntry(seriesId, { action: 'reservation.series.book', actor: kid.guardianId, municipality: city.id, detail });
  });

  test('support.inquiry.reply and support.inquiry.answer', async () => {
    const municipality = await inquiryMunicipality(t.db, { id: cityStaff.municipalityId });
    assert.ok(municipality);
    const { reference } = await submitInquiry(t.db, t.clock, 'http://localhost', municipality, { userId: undefined, accountName: undefined }, 'audit-inquiry-key-0001', {
      category: 'other',
      message: '監査テストのお問い合わせ',
      contactName: '監査 花子',
      email: 'audit-inquiry@example.jp',
      phone: '',
    });
    const { id } = await t.db.selectFrom('support_inquiries').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
    const staff = { ...cityStaff, role: 'municipality_staff' as const, facilityId: null, displayName: '', email: '' };
    assert.equal(await replyToInquiry(t.db, t.clock, staff, id, '回答です'), true);
    await expectEntry(id, { action: 'support.inquiry.reply', ...byCity() });
    await markInquiryAnswered(t.db, t.clock, staff, id);
    await expectEntry(id, { action: 'support.inquiry.answer', ...byCity() });
  });

  test('fee.payment.record, child.fee_reduction.record and child.fee_reduction.end', async () => {
    const kid = await childOf(t.db, { id: cityStaff.municipalityId }, '2025-06-01');
    // A use at the staff's facility that has been checked in and out (attendance is put in directly).
    const { id } = await t.db
      .insertInto('reservations')
      .values({ municipality_id: kid.municipalityId, facility_id: facilityStaff.facilityId, child_id: kid.id, kind: 'flexible', status: 'confirmed', starts_at: '2026-11-20T09:00:00+09:00', ends_at: '2026-11-20T10:00:00+09:00', age_class: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('attendances')
      .values({ reservation_id: id, municipality_id: kid.municipalityId, facility_id: facilityStaff.facilityId, child_id: kid.id, checked_in_at: '2026-11-20T09:00:00+09:00', checked_out_at: '2026-11-20T10:00:00+09:00', updated_at: t.clock.now() })
      .execute();
    const rate = (await t.db.selectFrom('facilities').select('fee_per_hour').where('id', '=', facilityStaff.facilityId).executeTakeFirstOrThrow()).fee_per_hour;
    const paid = await recordPayment(t.db, t.clock, facilityStaff, id, rate);
    assert.equal(paid.outcome, 'paid');
    assert.equal((await recordPayment(t.db, t.clock, facilityStaff, id, rate)).outcome, 'already-paid');
    const receipt = paid.outcome === 'paid' ? paid.payment.receiptNumber : '';
    await expectEntry(id, { action: 'fee.payment.record', actor: facilityStaff.id, municipality: kid.municipalityId, detail: { facility_id: facilityStaff.facilityId, amount_yen: rate, receipt_number: receipt } });
    const recorded = await recordReduction(t.db, t.clock, cityStaff, kid.id, 'tax_exempt', CalendarDate.from('2026-04-01'));
    assert.equal(recorded.outcome, 'recorded');
    const reductionId = recorded.outcome === 'recorded' ? recorded.id : '';
    await expectEntry(kid.id, { action: 'child.fee_reduction.record', ...byCity(), detail: { reduction_id: reductionId, category: 'tax_exempt', effective_from: '2026-04-01' } });
    assert.equal((await endReduction(t.db, t.clock, cityStaff, kid.id, reductionId, CalendarDate.from('2026-08-31'))).outcome, 'ended');
    await expectEntry(kid.id, { action: 'child.fee_reduction.end', ...byCity(), detail: { reduction_id: reductionId, effective_until: '2026-08-31' } });
  });

  test('fee_reduction.application.submit, .approve, .reject and fee_reduction.evidence.read', async () => {
    const kid = await childOf(t.db, { id: cityStaff.municipalityId }, '2025-06-01');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x01]);
    const submit = (category: 'tax_exempt' | 'support_needed', key: string) =>
      submitReductionApplication(t.db, t.clock, kid.guardianId, { childId: kid.id, category, note: '', submissionKey: key, files: [{ fileName: 'a.png', type: 'image/png', bytes: png }] });
    const first = await submit('tax_exempt', 'audit-reduction-application-1');
    assert.ok(first.outcome === 'submitted');
    await expectEntry(first.id, { action: 'fee_reduction.application.submit', actor: kid.guardianId, municipality: kid.municipalityId, detail: { child_id: kid.id, category: 'tax_exempt', files: 1 } });
    const evidence = await t.db.selectFrom('fee_reduction_evidence').select('id').where('application_id', '=', first.id).executeTakeFirstOrThrow();
    assert.ok(await readEvidence(t.db, t.clock, cityStaff, evidence.id));
    await expectEntry(evidence.id, { action: 'fee_reduction.evidence.read', ...byCity(), detail: { application_id: first.id } });
    assert.equal((await rejectReductionApplication(t.db, t.clock, 'http://localhost', cityStaff, first.id, '書類が読めません')).outcome, 'rejected');
    await expectEntry(first.id, { action: 'fee_reduction.application.reject', ...byCity() });
    const second = await submit('tax_exempt', 'audit-reduction-application-2');
    assert.ok(second.outcome === 'submitted');
    const approved = await approveReductionApplication(t.db, t.clock, 'http://localhost', cityStaff, second.id, CalendarDate.from('2026-12-01'));
    assert.ok(approved.outcome === 'approved');
    await expectEntry(second.id, { action: 'fee_reduction.application.approve', ...byCity(), detail: { reduction_id: approved.reductionId, category: 'tax_exempt', effective_from: '2026-12-01', effective_until: '2027-08-31' } });
  });

  test('attendance.check_in, .check_out (QR), .correct and .no_show (staff)', async () => {
    const city = await newMunicipality(t.db);
    const place = await facilityIn(t.db, city);
    const kid = await childOf(t.db, city, '2025-06-01');
    const today = CalendarDate.today(t.clock).toString();
    const byGuardian = { actor: kid.guardianId, municipality: kid.municipalityId };
    const byStaff = { actor: place.staff.id, municipality: kid.municipalityId };
    const scanned = await bookingOn(t.db, place, kid, today, '09:00', '11:00');
    assert.equal((await recordScan(t.db, t.clock, kid.guardianId, { reservationId: scanned, facilityId: place.id, direction: 'in' })).outcome, 'recorded');
    await expectEntry(scanned, { action: 'attendance.check_in', ...byGuardian, detail: { facility_id: place.id, via: 'qr' } });
    assert.equal((await recordScan(t.db, t.clock, kid.guardianId, { reservationId: scanned, facilityId: place.id, direction: 'out' })).outcome, 'recorded');
    await expectEntry(scanned, { action: 'attendance.check_out', ...byGuardian, detail: { facility_id: place.id, via: 'qr' } });
    const corrected = await bookingOn(t.db, place, kid, today, '12:00', '13:00');
    const nine = new Date(`${today}T09:30:00+09:00`);
    assert.equal((await correctTimes(t.db, t.clock, place.staff, corrected, { checkedInAt: nine, checkedOutAt: null, shownIn: null, shownOut: null, reason: '電話なし' })).outcome, 'saved');
    await expectEntry(corrected, { action: 'attendance.correct', ...byStaff, detail: { facility_id: place.id } });
    const absent = await bookingOn(t.db, place, kid, today, '14:00', '15:00');
    assert.equal((await markNoShow(t.db, t.clock, place.staff, absent, '連絡なし')).outcome, 'saved');
    await expectEntry(absent, { action: 'attendance.no_show', ...byStaff, detail: { facility_id: place.id } });
  });

  test('facility.designation.record and reservation.cancel.facility_unconfirmed', async () => {
    const city = await newMunicipality(t.db);
    const place = await facilityIn(t.db, city);
    const kid = await childOf(t.db, city, '2025-06-01');
    const day = CalendarDate.today(t.clock).addDays(10);
    const slotId = await slotAt(t.db, place, day.toString(), '09:00', '12:00', { kinds: ['interview'] });
    const booked = await bookSlot(t.db, t.clock, { id: kid.guardianId, role: 'guardian' }, { slotId, childId: kid.id, kind: 'interview', startMinute: 540, endMinute: 600, idempotencyKey: 'audit-unconfirmed' });
    assert.ok(booked.outcome === 'booked');
    const staff = await t.db.insertInto('users').values({ municipality_id: city.id, role: 'municipality_staff', facility_id: null, email: `city-${place.id}@example.jp`, display_name: '市職員', password_hash: null, terms_version_accepted: null }).returning('id').executeTakeFirstOrThrow();
    const ends = day.addDays(-1).toString();
    const result = await recordDesignation(t.db, t.clock, { id: staff.id, municipalityId: city.id }, place.id, {
      effectiveFrom: CalendarDate.today(t.clock).toString(),
      businessType: 'general_dedicated',
      licensedOn: '2000-01-01',
      confirmedOn: '2000-01-01',
      confirmationEndsOn: ends,
      note: '',
    });
    assert.deepEqual(result, { kind: 'recorded', withdrawnSlots: 1, cancelledBookings: 1 });
    const record = await t.db.selectFrom('facility_designations').select('id').where('facility_id', '=', place.id).where('recorded_by', '=', staff.id).executeTakeFirstOrThrow();
    await expectEntry(place.id, { action: 'facility.designation.record', actor: staff.id, municipality: city.id, detail: { designation_id: record.id } });
    await expectEntry(booked.reservationId, { action: 'reservation.cancel.facility_unconfirmed', actor: staff.id, municipality: kid.municipalityId, detail: { facility_id: place.id } });
  });

  test('child.certification.terminate and reservation.cancel.certification_ended', async () => {
    const city = await newMunicipality(t.db);
    const place = await facilityIn(t.db, city);
    const kid = await childOf(t.db, city, '2025-06-01');
    const day = CalendarDate.today(t.clock).addDays(10);
    const slotId = await slotAt(t.db, place, day.toString(), '09:00', '12:00', { kinds: ['interview'] });
    const booked = await bookSlot(t.db, t.clock, { id: kid.guardianId, role: 'guardian' }, { slotId, childId: kid.id, kind: 'interview', startMinute: 540, endMinute: 600, idempotencyKey: 'audit-certification-ended' });
    assert.ok(booked.outcome === 'booked');
    const staff = await t.db.insertInto('users').values({ municipality_id: city.id, role: 'municipality_staff', facility_id: null, email: `city-${kid.id}@example.jp`, display_name: '市職員', password_hash: null, terms_version_accepted: null }).returning('id').executeTakeFirstOrThrow();
    const lastDay = day.addDays(-1);
    const result = await terminateCertification(t.db, t.clock, { id: staff.id, municipalityId: city.id }, kid.id, { reason: 'moved', reasonNote: '', lastDay });
    assert.deepEqual(result, { kind: 'terminated', cancelled: 1 });
    await expectEntry(kid.id, { action: 'child.certification.terminate', actor: staff.id, municipality: city.id, detail: { last_day: lastDay.toString(), previous_valid_until: '2029-03-31', reason: 'moved' } });
    await expectEntry(booked.reservationId, { action: 'reservation.cancel.certification_ended', actor: staff.id, municipality: kid.municipalityId });
  });

  test('child.certification.change, .withdraw and .apply (the daily job: no actor)', async () => {
    const city = await newMunicipality(t.db);
    const kid = await childOf(t.db, city, '2025-06-01');
    const staff = await t.db.insertInto('users').values({ municipality_id: city.id, role: 'municipality_staff', facility_id: null, email: `city-change-${kid.id}@example.jp`, display_name: '市職員', password_hash: null, terms_version_accepted: null }).returning('id').executeTakeFirstOrThrow();
    const by = { id: staff.id, municipalityId: city.id };
    const next = CalendarDate.today(t.clock).firstOfMonth().addMonths(1);
    const first = await recordCertificationChange(t.db, t.clock, by, kid.id, { from: next, name: '新しい名前', reason: '改姓' });
    assert.ok(first.kind === 'recorded');
    await expectEntry(kid.id, { action: 'child.certification.change', actor: staff.id, municipality: city.id, detail: { change_id: first.changeId, effective_from: next.toString() } });
    assert.equal(await withdrawCertificationChange(t.db, t.clock, by, kid.id, first.changeId), true);
    await expectEntry(kid.id, { action: 'child.certification.change.withdraw', actor: staff.id, municipality: city.id, detail: { change_id: first.changeId } });
    const second = await recordCertificationChange(t.db, t.clock, by, kid.id, { from: next, nameKana: 'アタラシイ', reason: '読みの訂正' });
    assert.ok(second.kind === 'recorded');
    const saved = t.clock.now();
    t.clock.set(new Date(next.startOfDay().getTime() + 60_000));
    try {
      await t.db.transaction().execute((tx) => applyDueCertificationChanges(tx, t.clock));
      await expectEntry(kid.id, { action: 'child.certification.change.apply', actor: null, municipality: city.id, detail: { change_id: second.changeId, fields: ['name_kana'] } });
    } finally {
      t.clock.set(saved);
    }
  });

  test('municipality.create, municipality.staff.create and account.password_reset.issue (an operator: no actor)', async () => {
    const result = await addMunicipality(t.db, t.clock, 'http://localhost', {
      code: '15204',
      prefectureCode: 15,
      name: '柏崎市',
      nameEn: 'Kashiwazaki',
      monthlyAllowanceMinutes: 600,
      namedFacilityOnly: false,
      supportEmail: null,
      officeName: '柏崎市役所',
      officeLatitude: 37.37,
      officeLongitude: 138.56,
      staff: { email: 'audit-city@kashiwazaki.example.jp', displayName: '監査 太郎' },
    });
    assert.equal(result.kind, 'created');
    if (result.kind !== 'created') return;
    await expectEntry(result.municipalityId, { action: 'municipality.create', actor: null, municipality: result.municipalityId, detail: { code: '152048', staff_user_id: result.staffUserId } });
    await expectEntry(result.staffUserId, { action: 'municipality.staff.create', actor: null, municipality: result.municipalityId });
    assert.equal((await issueStaffPasswordReset(t.db, t.clock, 'http://localhost', 'audit-city@kashiwazaki.example.jp')).kind, 'issued');
    await expectEntry(result.staffUserId, { action: 'account.password_reset.issue', actor: null, municipality: result.municipalityId });
  });

  test('municipality.settings.change', async () => {
    const from = CalendarDate.today(t.clock).firstOfMonth().addMonths(1);
    const settings = await municipalitySettingsFor(t.db, cityStaff.municipalityId, from);
    const saved = await saveSettingsChange(t.db, t.clock, cityStaff, from, { ...settings, monthlyAllowanceMinutes: 480 });
    assert.equal(saved.outcome, 'saved');
    if (saved.outcome !== 'saved') return;
    await expectEntry(saved.changeId, { action: 'municipality.settings.change', ...byCity(), detail: { effective_from: from.toString(), settings: ['monthly_allowance_minutes'] } });
  });

  test('claim.submit, .return, .approve and .payment.record', async () => {
    const city = await newMunicipality(t.db);
    const place = await facilityIn(t.db, city);
    const kid = await childOf(t.db, city, '2025-06-01');
    const clerk = await t.db.insertInto('users').values({ municipality_id: city.id, role: 'municipality_staff', facility_id: null, email: `claims-${place.id}@example.jp`, display_name: '市職員', password_hash: null, terms_version_accepted: null }).returning('id').executeTakeFirstOrThrow();
    const byClerk = { id: clerk.id, municipalityId: city.id };
    // A same-day cancellation last month: a claim line of the booked hours (1 h × 1,400).
    const month = CalendarDate.today(t.clock).firstOfMonth().addMonths(-1);
    await bookingOn(t.db, place, kid, month.addDays(4).toString(), '09:00', '10:00', { status: 'late_cancelled' });
    const [claim] = await claimsOfFacilityMonth(t.db, t.clock, place.id, month);
    assert.ok(claim);
    const { totalYen } = await computeClaim(t.db, place.id, city.id, month);
    assert.equal((await submitClaim(t.db, t.clock, place.staff, claim.id, totalYen)).outcome, 'submitted');
    const detail = { facility_id: place.id, submission: 1 };
    await expectEntry(claim.id, { action: 'claim.submit', actor: place.staff.id, municipality: city.id, detail: { ...detail, total_yen: totalYen } });
    assert.equal((await decideClaim(t.db, t.clock, byClerk, claim.id, { kind: 'return', comment: '確認してください' })).outcome, 'done');
    await expectEntry(claim.id, { action: 'claim.return', actor: clerk.id, municipality: city.id, detail });
    assert.equal((await submitClaim(t.db, t.clock, place.staff, claim.id, totalYen)).outcome, 'submitted');
    assert.equal((await decideClaim(t.db, t.clock, byClerk, claim.id, { kind: 'approve' })).outcome, 'done');
    await expectEntry(claim.id, { action: 'claim.approve', actor: clerk.id, municipality: city.id, detail: { facility_id: place.id, submission: 2 } });
    const paidOn = CalendarDate.today(t.clock);
    assert.equal((await recordClaimPayment(t.db, t.clock, byClerk, claim.id, paidOn, totalYen)).outcome, 'done');
    await expectEntry(claim.id, { action: 'claim.payment.record', actor: clerk.id, municipality: city.id, detail: { facility_id: place.id, paid_on: paidOn.toString(), paid_yen: totalYen } });
  });

  test('… and that is every action in the list, and nothing outside it was written', async () => {
    assert.deepEqual([...written].sort(), Object.keys(AUDIT_ACTIONS).sort());
    const stored = await t.db.selectFrom('audit_log').select('action').distinct().execute();
    for (const { action } of stored) assert.ok(Object.hasOwn(AUDIT_ACTIONS, action), action);
  });
});

describe('the writer', () => {
  const entry = () => ({ actorId: cityStaff.id, municipalityId: cityStaff.municipalityId, subjectId: 'audit-writer-test', at: t.clock.now() });

  test('refuses a name that is not in the list, writing nothing', async () => {
    await assert.rejects(audit(t.db, { ...entry(), action: 'facility.delete' as AuditAction }), /unknown audit action: facility\.delete/);
    await assert.rejects(audit(t.db, { ...entry(), action: 'toString' as AuditAction }), /unknown audit action/);
    assert.deepEqual(await entriesFor('audit-writer-test'), []);
  });

  test('an entry goes with its transaction: rolled back, it is gone', async () => {
    await assert.rejects(
      t.db.transaction().execute(async (tx) => {
        await audit(tx, { ...entry(), action: 'facility.update' });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    assert.deepEqual(await entriesFor('audit-writer-test'), []);
  });
});

// Never called: tsc (npm run typecheck) checks that these do not compile.
function typeLevelChecks(db: Db, at: Date): void {
  const base = { actorId: null, municipalityId: 'm', subjectId: 's', at };
  // @ts-expect-error an action that is not in the list
  void audit(db, { ...base, action: 'facility.delete' });
  // @ts-expect-error child.sensitive.read must say through which facility
  void audit(db, { ...base, action: 'child.sensitive.read' });
  // @ts-expect-error facility.create records no detail
  void audit(db, { ...base, action: 'facility.create', detail: { facility_id: 'f' } });
  // @ts-expect-error the detail has its own shape
  void audit(db, { ...base, action: 'facility.staff.create', detail: { facilityId: 'f' } });
  void audit(db, { ...base, action: 'facility.staff.create', detail: { facility_id: 'f' } });
}

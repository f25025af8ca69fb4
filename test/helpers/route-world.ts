// A small world with two of everything, for tests that request every route as every kind of user:
// two families (小千谷市 and 長岡市), two facilities' staff, two municipalities' staff, and for each
// route parameter an object that belongs to the first of each pair and one that belongs to the
// second ("someone else's").
import assert from 'node:assert/strict';
import type { Audience } from '../../src/platform/access.ts';
import type { Db } from '../../src/platform/database.ts';
import { SESSION_COOKIE } from '../../src/platform/session.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { hashToken, newToken } from '../../src/platform/tokens.ts';
import { TERMS_VERSION } from '../../src/accounts/terms.ts';
import type { TestApp } from './app.ts';
import { TestClient } from './http.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { submitReductionApplication } from '../../src/fees/application-queries.ts';
import { NAGAOKA, OJIYA, applicationIdOf, applyFor, approvedGuardian, childrenOf, facilityIdOf, requestApplicationLink, reserve } from './journeys.ts';
import { lastMailTo, linksIn, pathOf } from './mail.ts';

export type ActorName = 'anonymous' | 'guardian' | 'otherGuardian' | 'facilityStaff' | 'otherFacilityStaff' | 'municipalityStaff' | 'otherMunicipalityStaff';

/** The actor who owns the world's objects, for each audience that has one. */
export const OWNER: Record<Audience, ActorName> = {
  public: 'anonymous',
  account: 'guardian',
  development: 'anonymous',
  guardian: 'guardian',
  facility_staff: 'facilityStaff',
  municipality_staff: 'municipalityStaff',
};

/** The actor of the same kind in the other family, facility or municipality. */
export const STRANGER: Partial<Record<Audience, ActorName>> = {
  account: 'otherGuardian',
  guardian: 'otherGuardian',
  facility_staff: 'otherFacilityStaff',
  municipality_staff: 'otherMunicipalityStaff',
};

/** May the actor use a route of this audience? */
export function belongsTo(actor: ActorName, audience: Audience): boolean {
  if (audience === 'public' || audience === 'development') return true;
  if (audience === 'account') return actor !== 'anonymous';
  return AUDIENCE_OF[actor] === audience;
}

export const AUDIENCE_OF: Record<ActorName, Audience> = {
  anonymous: 'public',
  guardian: 'guardian',
  otherGuardian: 'guardian',
  facilityStaff: 'facility_staff',
  otherFacilityStaff: 'facility_staff',
  municipalityStaff: 'municipality_staff',
  otherMunicipalityStaff: 'municipality_staff',
};

const HOME: Partial<Record<Audience, string>> = { guardian: '/mypage', facility_staff: '/facility', municipality_staff: '/municipality' };

export interface ParamValues {
  /** An object of the owner's. */
  own: string;
  /** An object that exists, but for someone else; undefined where everyone may see every one. */
  foreign: string | undefined;
}

export interface RouteWorld {
  emails: Record<Exclude<ActorName, 'anonymous'>, string>;
  /** `:name` in a route's path → values, chosen by the route's path (see paramValues). */
  paramValues(url: string, param: string): ParamValues;
  /** A client signed in as the actor, with a session of its own (fresh for each call). */
  clientFor(actor: ActorName): Promise<TestClient>;
}

const FACILITY_STAFF = 'staff@niji.ojiya.example.jp';
const OTHER_FACILITY_STAFF = 'staff@sora.nagaoka.example.jp';

export async function buildRouteWorld(test: TestApp): Promise<RouteWorld> {
  const { app, db } = test;
  const emails = {
    guardian: 'world-family@example.jp',
    otherGuardian: 'world-other-family@example.jp',
    facilityStaff: FACILITY_STAFF,
    otherFacilityStaff: OTHER_FACILITY_STAFF,
    municipalityStaff: 'city-staff@ojiya.example.jp',
    otherMunicipalityStaff: 'city-staff@nagaoka.example.jp',
  };
  await approvedGuardian(app, db, emails.guardian);
  await approvedGuardian(app, db, emails.otherGuardian, { municipalityCode: NAGAOKA });
  const [child] = await childrenOf(db, emails.guardian);
  const [otherChild] = await childrenOf(db, emails.otherGuardian);
  assert.ok(child && otherChild);
  const niji = await facilityIdOf(db, 'にじいろ保育園（架空）');
  const sora = await facilityIdOf(db, 'そらいろ保育園（架空）');
  await reserve(db, child, niji);
  await reserve(db, otherChild, sora);
  // 予約一覧: a booking in a slot for each family, each with a request for a different pick-up time.
  const booking = await bookingWithChangeRequest(db, child, niji, test.clock.now());
  const otherBooking = await bookingWithChangeRequest(db, otherChild, sora, test.clock.now());
  const series = await seriesOf(db, child, niji);
  const otherSeries = await seriesOf(db, otherChild, sora);
  // Waiting applications in each municipality, for the review routes.
  const application = await applicationIdOf(db, await applyFor(app, db, 'world-applicant@example.jp', { municipalityCode: OJIYA }));
  const otherApplication = await applicationIdOf(db, await applyFor(app, db, 'world-other-applicant@example.jp', { municipalityCode: NAGAOKA }));
  // Live mailed links, so pages behind a token show their forms.
  const applicationToken = (await requestApplicationLink(app, db, 'world-link@example.jp')).split('/')[3]!;
  const resetToken = await passwordResetToken(app, db, emails.otherGuardian);
  const device = await rememberDevice(db, test.clock.now(), emails.guardian);
  const otherDevice = await rememberDevice(db, test.clock.now(), emails.otherGuardian);
  const mail = await db.selectFrom('mail_outbox').select('id').orderBy('id').executeTakeFirstOrThrow();
  // The seeded booking setup of each facility (src/reservations/seed.ts).
  const templateOf = async (facilityId: string) => (await db.selectFrom('slot_templates').select('id').where('facility_id', '=', facilityId).orderBy('id').executeTakeFirstOrThrow()).id;
  const slotOf = async (facilityId: string) => (await db.selectFrom('slots').select('id').where('facility_id', '=', facilityId).orderBy('starts_at', 'desc').executeTakeFirstOrThrow()).id;
  const reservationOf = async (childId: string) => (await db.selectFrom('reservations').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow()).id;
  // An inquiry (お客さまサポート) to each municipality.
  const inquiry = await supportInquiry(db, test.clock.now(), OJIYA);
  const otherInquiry = await supportInquiry(db, test.clock.now(), NAGAOKA);

  // 利用料: a paid use at each facility (a receipt to print), attendance and payment put in directly.
  const paidUse = await paidUseOf(db, booking.reservationId, test.clock.now());
  const otherPaidUse = await paidUseOf(db, otherBooking.reservationId, test.clock.now());

  // 変更認定: a change waiting for next month, for each municipality's child.
  const changeOf = async (c: { id: string; municipality_id: string; name: string }, staffEmail: string) => {
    const staff = await db.selectFrom('users').select('id').where('email', '=', staffEmail).executeTakeFirstOrThrow();
    const next = CalendarDate.today(test.clock).firstOfMonth().addMonths(1).toString();
    const row = await db
      .insertInto('certification_changes')
      .values({ child_id: c.id, municipality_id: c.municipality_id, effective_from: next, new_name: `${c.name}（変更）`, reason: 'route-world', recorded_by: staff.id, recorded_at: test.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  // 利用料減免の申請: an application with one evidence file in each municipality.
  const reductionApplication = await reductionApplicationOf(db, test.clock, child);
  const otherReductionApplication = await reductionApplicationOf(db, test.clock, otherChild);
  // 給付費請求: a submitted claim of each facility, addressed to its child's municipality (にじいろ → 小千谷市, そらいろ → 長岡市).
  const claim = await submittedClaim(db, niji, child.municipality_id, test.clock.now());
  const otherClaim = await submittedClaim(db, sora, otherChild.municipality_id, test.clock.now());

  const ids: Record<string, ParamValues> = {
    'profile:childId': { own: child.id, foreign: otherChild.id },
    'facility:childId': { own: child.id, foreign: otherChild.id },
    'facility:templateId': { own: await templateOf(niji), foreign: await templateOf(sora) },
    'facility:slotId': { own: await slotOf(niji), foreign: await slotOf(sora) },
    // The first interview booked above at にじいろ (own) and at そらいろ (another facility's).
    'facility:reservationId': { own: await reservationOf(child.id), foreign: await reservationOf(otherChild.id) },
    'municipality/applications:id': { own: application, foreign: otherApplication },
    'municipality/facilities:id': { own: niji, foreign: sora },
    'municipality/children:id': { own: child.id, foreign: otherChild.id },
    'municipality/children:changeId': { own: await changeOf(child, emails.municipalityStaff), foreign: await changeOf(otherChild, emails.otherMunicipalityStaff) },
    // Any guardian may read any facility's public page.
    'facilities:id': { own: niji, foreign: undefined },
    'account:id': { own: device, foreign: otherDevice },
    'dev:mailNumber': { own: String(mail.id), foreign: undefined },
    'reservations:id': { own: booking.reservationId, foreign: otherBooking.reservationId },
    'facility/pickup-changes:id': { own: booking.requestId, foreign: otherBooking.requestId },
    'reservations:reservationId': { own: booking.reservationId, foreign: otherBooking.reservationId },
    'reservations:seriesId': { own: series, foreign: otherSeries },
    'municipality/inquiries:id': { own: inquiry, foreign: otherInquiry },
    'facility/fees:reservationId': { own: paidUse, foreign: otherPaidUse },
    'municipality/fee-reductions:childId': { own: child.id, foreign: otherChild.id },
    'municipality/fee-reductions:applicationId': { own: reductionApplication.applicationId, foreign: otherReductionApplication.applicationId },
    'municipality/fee-reductions:evidenceId': { own: reductionApplication.evidenceId, foreign: otherReductionApplication.evidenceId },
    // Attendance: the confirmed booking of each family (the guardian's page after recording, the facility's record).
    'checkin:reservationId': { own: booking.reservationId, foreign: otherBooking.reservationId },
    'facility/attendance:reservationId': { own: booking.reservationId, foreign: otherBooking.reservationId },
    'facility/claims:id': { own: claim, foreign: otherClaim },
    'municipality/claims:id': { own: claim, foreign: otherClaim },
    // The manual is for everyone.
    'support:role': { own: 'guardian', foreign: undefined },
    'support:step': { own: '1', foreign: undefined },
  };

  return {
    emails,
    paramValues(url, param) {
      if (param === 'token') return { own: url.startsWith('/apply/') ? applicationToken : resetToken, foreign: undefined };
      if (param === '*') return { own: 'styles.css', foreign: undefined };
      const area = url.split('/')[1] === 'municipality' ? `municipality/${url.split('/')[2]}` : url.split('/')[1];
      // A facility route may name its own area (facility/pickup-changes) where :id means something of its own.
      const values = ids[`${url.split('/')[1]}/${url.split('/')[2]}:${param}`] ?? ids[`${area}:${param}`];
      assert.ok(values, `route-world has no value for :${param} in ${url}; add one`);
      return values;
    },
    async clientFor(actor) {
      const client = new TestClient(app);
      if (actor !== 'anonymous') await signIn(db, test.clock.now(), client, emails[actor]);
      // A page with a form, so the client holds a CSRF token for its posts.
      const page = await client.get(actor === 'anonymous' ? '/login' : HOME[AUDIENCE_OF[actor]]!);
      assert.equal(page.status, 200);
      return client;
    },
  };
}

/** A finished login (terms agreed), put straight into the sessions table: login itself is tested elsewhere. */
async function signIn(db: Db, now: Date, client: TestClient, email: string): Promise<void> {
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  await db.updateTable('users').set({ terms_version_accepted: TERMS_VERSION, terms_accepted_at: now }).where('id', '=', user.id).execute();
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({ id_hash: hashToken(token), user_id: user.id, stage: 'active', challenge_id: null, created_at: now, last_seen_at: now })
    .execute();
  client.cookies.set(SESSION_COOKIE, token);
}

/** The route's path with each parameter filled, owner's or someone else's. */
export function fillPath(world: RouteWorld, url: string, which: keyof ParamValues): string | undefined {
  let path = url;
  for (const match of url.matchAll(/:([A-Za-z]+)|\*/g)) {
    const param = match[1] ?? '*';
    const value = world.paramValues(url, param)[which];
    if (value === undefined) return undefined;
    path = path.replace(match[0], value);
  }
  return path;
}

export function paramsOf(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z]+)|\*/g)].map((m) => m[1] ?? '*');
}

async function passwordResetToken(app: TestApp['app'], db: Db, email: string): Promise<string> {
  const client = new TestClient(app);
  await client.submitForm('/password-reset', { email });
  const link = linksIn((await lastMailTo(db, email)).text_body).find((l) => l.includes('/password-reset/'));
  assert.ok(link, 'a reset link was mailed');
  return pathOf(link).split('/')[2]!;
}

/** A confirmed 柔軟利用 booking 9:00–11:00 in a slot six days ahead, and an open request to end it at 12:00. */
async function bookingWithChangeRequest(db: Db, child: { id: string; municipality_id: string }, facilityId: string, now: Date): Promise<{ reservationId: string; requestId: string }> {
  const facility = await db.selectFrom('facilities').select('municipality_id').where('id', '=', facilityId).executeTakeFirstOrThrow();
  const guardian = await db.selectFrom('children').select('guardian_id').where('id', '=', child.id).executeTakeFirstOrThrow();
  const date = new Date(now.getTime() + 6 * 24 * 3600_000).toISOString().slice(0, 10);
  const slot = await db
    .insertInto('slots')
    .values({ facility_id: facilityId, municipality_id: facility.municipality_id, date, starts_at: `${date}T09:00:00+09:00`, ends_at: `${date}T15:00:00+09:00`, capacity_age0: 3, capacity_age1: 3, capacity_age2: 3, kinds: ['interview', 'regular', 'flexible'] })
    .returning('id')
    .executeTakeFirstOrThrow();
  const reservation = await db
    .insertInto('reservations')
    .values({
      municipality_id: child.municipality_id,
      facility_id: facilityId,
      child_id: child.id,
      kind: 'flexible',
      status: 'confirmed',
      starts_at: `${date}T09:00:00+09:00`,
      ends_at: `${date}T11:00:00+09:00`,
      slot_id: slot.id,
      age_class: 1,
      booked_by: guardian.guardian_id,
      pickup_name: '小千谷 花子',
      pickup_relationship: '母',
      pickup_phone: '0258-83-3512',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const request = await db
    .insertInto('pickup_change_requests')
    .values({ reservation_id: reservation.id, municipality_id: child.municipality_id, facility_id: facilityId, requested_end_minute: 720, requested_by: guardian.guardian_id, requested_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { reservationId: reservation.id, requestId: request.id };
}

/** A 定期利用 series row of the child's (the booking flow that makes one is tested in reservations). */
async function seriesOf(db: Db, child: { id: string; municipality_id: string }, facilityId: string): Promise<string> {
  const guardian = await db.selectFrom('children').select('guardian_id').where('id', '=', child.id).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('reservation_series')
    .values({
      municipality_id: child.municipality_id,
      facility_id: facilityId,
      child_id: child.id,
      frequency: 'weekly',
      first_date: '2026-12-07',
      last_date: '2027-01-31',
      start_minute: 540,
      end_minute: 720,
      created_by: guardian.guardian_id,
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The booking checked in and out and paid (check-in and payments are tested in their own capabilities). */
async function paidUseOf(db: Db, reservationId: string, now: Date): Promise<string> {
  const r = await db.selectFrom('reservations').select(['municipality_id', 'facility_id', 'child_id', 'starts_at', 'ends_at']).where('id', '=', reservationId).executeTakeFirstOrThrow();
  const staff = await db.selectFrom('users').select('id').where('facility_id', '=', r.facility_id).executeTakeFirstOrThrow();
  await db
    .insertInto('attendances')
    .values({ reservation_id: reservationId, municipality_id: r.municipality_id, facility_id: r.facility_id, child_id: r.child_id, checked_in_at: r.starts_at, checked_out_at: r.ends_at, updated_at: now })
    .execute();
  await db
    .insertInto('fee_payments')
    .values({ reservation_id: reservationId, municipality_id: r.municipality_id, facility_id: r.facility_id, receipt_number: `W-${reservationId}`, amount_yen: 600, paid_at: now, recorded_by: staff.id })
    .execute();
  return reservationId;
}

/** A remembered device row (the login flow that makes one is tested in accounts). */
async function rememberDevice(db: Db, now: Date, email: string): Promise<string> {
  const user = await db.selectFrom('users').select(['id', 'municipality_id']).where('email', '=', email).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('remembered_devices')
    .values({
      user_id: user.id,
      municipality_id: user.municipality_id,
      token_hash: hashToken(newToken()),
      label: 'Test browser',
      created_at: now,
      last_used_at: now,
      expires_at: new Date(now.getTime() + 30 * 24 * 3600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An inquiry row for the municipality (the form that makes one is tested in test/support). */
async function supportInquiry(db: Db, now: Date, municipalityCode: string): Promise<string> {
  const municipality = await db.selectFrom('municipalities').select('id').where('code', '=', municipalityCode).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('support_inquiries')
    .values({
      municipality_id: municipality.id,
      reference: `Q${municipalityCode}-2026-${municipalityCode === OJIYA ? '900001' : '900002'}`,
      submission_key: newToken(),
      user_id: null,
      category: 'other',
      message: 'ルートの確認用のお問い合わせです。',
      contact_name: '確認 太郎',
      email: `world-inquiry-${municipalityCode}@example.jp`,
      phone: '',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A fee reduction application with one evidence file, made as the guardian's form does (the form itself is tested in test/fees). */
async function reductionApplicationOf(db: Db, clock: Clock, child: { id: string }): Promise<{ applicationId: string; evidenceId: string }> {
  const guardian = await db.selectFrom('children').select('guardian_id').where('id', '=', child.id).executeTakeFirstOrThrow();
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
  const result = await submitReductionApplication(db, clock, guardian.guardian_id, { childId: child.id, category: 'tax_exempt', note: '', submissionKey: newToken(), files: [{ fileName: 'world.png', type: 'image/png', bytes: png }] });
  assert.ok(result.outcome === 'submitted');
  const evidence = await db.selectFrom('fee_reduction_evidence').select('id').where('application_id', '=', result.id).executeTakeFirstOrThrow();
  return { applicationId: result.id, evidenceId: evidence.id };
}

/** A submitted claim row without lines (the submit flow is tested in test/claims). */
async function submittedClaim(db: Db, facilityId: string, municipalityId: string, now: Date): Promise<string> {
  const row = await db
    .insertInto('claims')
    .values({ municipality_id: municipalityId, facility_id: facilityId, month: '2026-01-01', status: 'submitted', submission: 1, total_yen: 0, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// The guide's steps 1–3 as reusable moves, driven over HTTP the way a browser would, and the rows
// later steps look up or put in directly (children, facilities, reservations).
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/platform/database.ts';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { TestClient, type FormFields } from './http.ts';
import { lastMailTo, linksIn, pathOf } from './mail.ts';

export const OJIYA = '15208';
export const NAGAOKA = '15202';
export const GUARDIAN_PASSWORD = 'Sakura-2026!';

/** Step 1 up to the mailed link: returns the path of the application form. */
export async function requestApplicationLink(app: FastifyInstance, db: Db, email: string, municipalityCode = OJIYA): Promise<string> {
  const client = new TestClient(app);
  const sent = await client.submitForm(`/apply/email?municipality=${municipalityCode}`, { municipality: municipalityCode, email }, '/apply/email');
  assert.equal(sent.status, 303, `asking for an application link answered ${sent.status}`);
  const mail = await lastMailTo(db, email);
  const link = linksIn(mail.text_body).find((l) => l.includes('/apply/form/'));
  assert.ok(link, 'the mail carries the application link');
  return pathOf(link);
}

export function applicationFields(overrides: FormFields = {}): FormFields {
  return {
    guardianName: '小千谷 花子',
    guardianKana: 'オヂヤ ハナコ',
    postalCode: '947-8501',
    address: '新潟県小千谷市城内2丁目7-5',
    phone: '0258-83-3512',
    relationship: 'mother',
    childCount: '1',
    'child0.name': '小千谷 さくら',
    'child0.kana': 'オヂヤ サクラ',
    'child0.birth.year': '2025',
    'child0.birth.month': '10',
    'child0.birth.day': '1',
    action: 'continue',
    ...overrides,
  };
}

export async function firstFacilityId(db: Db, municipalityCode: string): Promise<string> {
  const row = await db
    .selectFrom('facilities')
    .innerJoin('municipalities', 'municipalities.id', 'facilities.municipality_id')
    .select('facilities.id')
    .where('municipalities.code', '=', municipalityCode)
    .orderBy('facilities.name_kana')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Steps 1 ①–⑤: fills the form, checks, submits; returns the reference number. */
export async function applyFor(app: FastifyInstance, db: Db, email: string, options: { municipalityCode?: string; fields?: FormFields } = {}): Promise<string> {
  const municipalityCode = options.municipalityCode ?? OJIYA;
  const formPath = await requestApplicationLink(app, db, email, municipalityCode);
  const client = new TestClient(app);
  const desired: FormFields = municipalityCode === OJIYA ? { desiredFacilityId: await firstFacilityId(db, OJIYA) } : {};
  const answered = await client.submitForm(formPath, applicationFields({ ...desired, ...options.fields }));
  assert.equal(answered.status, 303, `the form answered ${answered.status}: ${answered.body.slice(0, 300)}`);
  const submitted = await client.submitForm(`${formPath}/check`, {}, `${formPath}/submit`);
  assert.equal(submitted.status, 303);
  const complete = await client.follow(submitted);
  const reference = /data-qa="reference"[^>]*>([^<]+)</.exec(complete.body)?.[1];
  assert.ok(reference, 'the completion page shows a reference number');
  return reference;
}

/** Logs in with password and mailed one-time password, and agrees to the terms if asked. */
export async function logIn(app: FastifyInstance, db: Db, email: string, password: string): Promise<TestClient> {
  const client = new TestClient(app);
  const answer = await client.submitForm('/login', { email, password });
  assert.equal(answer.status, 303, `login answered ${answer.status}`);
  assert.equal(answer.location, '/login/otp');
  const code = /ワンタイムパスワード：(\d{6})/.exec((await lastMailTo(db, email)).text_body)?.[1];
  assert.ok(code, 'a one-time password was mailed');
  const afterOtp = await client.submitForm('/login/otp', { code });
  assert.equal(afterOtp.status, 303);
  if (afterOtp.location === '/terms') {
    const agreed = await client.submitForm('/terms', { agree: 'yes' });
    assert.equal(agreed.status, 303);
  }
  return client;
}

export async function logInAsStaff(app: FastifyInstance, db: Db, email: string): Promise<TestClient> {
  return logIn(app, db, email, SAMPLE_PASSWORD);
}

export async function applicationIdOf(db: Db, reference: string): Promise<string> {
  return (await db.selectFrom('applications').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
}

/** Step 2: sets the password through the reset mail. */
export async function setPassword(app: FastifyInstance, db: Db, email: string, password = GUARDIAN_PASSWORD): Promise<void> {
  const client = new TestClient(app);
  await client.submitForm('/password-reset', { email });
  const link = linksIn((await lastMailTo(db, email)).text_body).find((l) => l.includes('/password-reset/'));
  assert.ok(link, 'a reset link was mailed');
  const done = await client.submitForm(pathOf(link), { password, passwordConfirm: password });
  assert.equal(done.status, 303, `setting the password answered ${done.status}`);
}

/** Steps 1–2: a guardian with one child, the application approved by the city, the password set; not logged in. */
export async function approvedGuardian(app: FastifyInstance, db: Db, email: string, options: { municipalityCode?: string; fields?: FormFields } = {}): Promise<void> {
  const reference = await applyFor(app, db, email, options);
  const staff = await logInAsStaff(app, db, options.municipalityCode === NAGAOKA ? 'city-staff@nagaoka.example.jp' : 'city-staff@ojiya.example.jp');
  const id = await applicationIdOf(db, reference);
  const approved = await staff.submitForm(`/municipality/applications/${id}`, {}, `/municipality/applications/${id}/approve`);
  assert.equal(approved.status, 303);
  await setPassword(app, db, email);
}

/** Steps 1–3 end to end: a guardian of Ojiya with one child, approved, logged in. */
export async function newGuardian(app: FastifyInstance, db: Db, email: string, options: { municipalityCode?: string; fields?: FormFields } = {}): Promise<TestClient> {
  await approvedGuardian(app, db, email, options);
  return logIn(app, db, email, GUARDIAN_PASSWORD);
}

/** The guardian's children, the eldest first. */
export async function childrenOf(db: Db, email: string) {
  return db
    .selectFrom('children')
    .innerJoin('users', 'users.id', 'children.guardian_id')
    .select(['children.id', 'children.name', 'children.municipality_id'])
    .where('users.email', '=', email)
    .orderBy('children.birth_date')
    .execute();
}

export async function facilityIdOf(db: Db, name: string): Promise<string> {
  return (await db.selectFrom('facilities').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

export type ReservationStatus = 'provisional' | 'confirmed' | 'cancelled';

/** When a reservation is: an hour on 2026-12-01 (10:00 in Tokyo) unless given. */
export interface ReservationTime {
  startsAt: string;
  endsAt: string;
}

/** The reservations work will create these through booking; here a row (a first interview) is put in directly. */
export async function reserve(
  db: Db,
  child: { id: string; municipality_id: string },
  facilityId: string,
  status: ReservationStatus = 'provisional',
  time: ReservationTime = { startsAt: '2026-12-01T01:00:00Z', endsAt: '2026-12-01T02:00:00Z' },
): Promise<void> {
  await db
    .insertInto('reservations')
    .values({
      municipality_id: child.municipality_id,
      facility_id: facilityId,
      child_id: child.id,
      kind: 'interview',
      status,
      starts_at: time.startsAt,
      ends_at: time.endsAt,
    })
    .execute();
}

/** A first interview for the guardian's eldest child at the facility named (see reserve). */
export async function reserveInterview(db: Db, email: string, facilityName: string, status?: ReservationStatus, time?: ReservationTime): Promise<void> {
  const [child] = await childrenOf(db, email);
  assert.ok(child, `${email} has a child`);
  await reserve(db, child, await facilityIdOf(db, facilityName), status, time);
}

/** Step 4's お迎え予定者 for the guardian's eldest child (the profile screens have their own walk). */
export async function addPickupPerson(db: Db, email: string, person: { name: string; relationship: string; phone: string }): Promise<void> {
  const [child] = await childrenOf(db, email);
  assert.ok(child, `${email} has a child`);
  await db
    .insertInto('child_pickup_persons')
    .values({ child_id: child.id, municipality_id: child.municipality_id, position: 1, ...person })
    .execute();
}

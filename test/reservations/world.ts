// Rows for the reservations tests, put in directly (no HTTP) so that a hundred children cost
// little: a municipality, its facilities with a staff login each, guardians and children, slots.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/platform/database.ts';
import { seedReferenceData } from '../../src/seed.ts';

export interface Municipality {
  id: string;
}

export async function municipality(db: Db, options: { namedFacilityOnly?: boolean; allowanceMinutes?: number } = {}): Promise<Municipality> {
  await seedReferenceData(db);
  const code = String(Math.floor(Math.random() * 900_000) + 100_000);
  const row = await db
    .insertInto('municipalities')
    .values({
      code,
      prefecture_code: 15,
      name: `テスト市${code}`,
      name_en: `Test ${code}`,
      named_facility_only: options.namedFacilityOnly ?? false,
      monthly_allowance_minutes: options.allowanceMinutes ?? 600,
      office_name: 'テスト市役所',
      office_latitude: 37.3,
      office_longitude: 138.8,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

export interface Facility {
  id: string;
  municipalityId: string;
  staff: { id: string; facilityId: string };
}

export async function facility(db: Db, place: Municipality, name = 'テスト保育園'): Promise<Facility> {
  const { id } = await db
    .insertInto('facilities')
    .values({ municipality_id: place.id, name, name_kana: 'テストホイクエン', address: '新潟県', phone: '0258-00-0000', latitude: 37.3, longitude: 138.8 })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Licensed and confirmed long ago, so it may publish slots (facility_designations).
  await db
    .insertInto('facility_designations')
    .values({ facility_id: id, municipality_id: place.id, effective_from: '2000-01-01', business_type: 'general_dedicated', licensed_on: '2000-01-01', confirmed_on: '2000-01-01', recorded_by: null, recorded_at: new Date('2000-01-01T00:00:00Z') })
    .execute();
  const staff = await db
    .insertInto('users')
    .values({ municipality_id: place.id, role: 'facility_staff', facility_id: id, email: `staff-${randomUUID()}@example.jp`, display_name: '職員', password_hash: null, terms_version_accepted: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, municipalityId: place.id, staff: { id: staff.id, facilityId: id } };
}

export interface Child {
  id: string;
  guardianId: string;
  municipalityId: string;
}

/** A guardian with one child, certified from `certifiedFrom` until two days before the third birthday. */
export async function child(
  db: Db,
  place: Municipality,
  birthDate: string,
  options: { certifiedFrom?: string; certifiedUntil?: string; namedFacilityId?: string } = {},
): Promise<Child> {
  const guardian = await db
    .insertInto('users')
    .values({ municipality_id: place.id, role: 'guardian', facility_id: null, email: `guardian-${randomUUID()}@example.jp`, display_name: '保護者', password_hash: null, terms_version_accepted: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('children')
    .values({
      municipality_id: place.id,
      guardian_id: guardian.id,
      name: 'テスト こども',
      name_kana: 'テスト コドモ',
      birth_date: birthDate,
      certification_number: randomUUID(),
      certification_valid_from: options.certifiedFrom ?? '2026-04-01',
      certification_valid_until: options.certifiedUntil ?? '2029-03-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.namedFacilityId) {
    // An approved application naming the facility (the named-facility rule reads these).
    const invitation = await db
      .insertInto('application_invitations')
      .values({ municipality_id: place.id, email: `a-${randomUUID()}@example.jp`, token_hash: randomUUID(), expires_at: new Date(), created_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('applications')
      .values({
        municipality_id: place.id,
        reference: randomUUID(),
        invitation_id: invitation.id,
        email: 'a@example.jp',
        guardian_name: '保護者',
        guardian_name_kana: 'ホゴシャ',
        postal_code: '947-0000',
        address: '新潟県',
        phone: '0258-00-0000',
        relationship: 'mother',
        desired_facility_id: options.namedFacilityId,
        status: 'approved',
        submitted_at: new Date(),
        guardian_user_id: guardian.id,
      })
      .execute();
  }
  return { id, guardianId: guardian.id, municipalityId: place.id };
}

/** A slot of the facility on `date` (Tokyo) from `from` to `to` ('HH:MM'). */
export async function slot(
  db: Db,
  place: Facility,
  date: string,
  from: string,
  to: string,
  options: { capacity?: [number, number, number]; kinds?: Array<'interview' | 'regular' | 'flexible'> } = {},
): Promise<string> {
  const [c0, c1, c2] = options.capacity ?? [3, 3, 3];
  const { id } = await db
    .insertInto('slots')
    .values({
      facility_id: place.id,
      municipality_id: place.municipalityId,
      date,
      starts_at: `${date}T${from}:00+09:00`,
      ends_at: `${date}T${to}:00+09:00`,
      capacity_age0: c0,
      capacity_age1: c1,
      capacity_age2: c2,
      kinds: options.kinds ?? ['interview', 'regular', 'flexible'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The facility's 利用承認 put in directly, as if a first interview had been held and recorded. */
export async function approvedForUse(db: Db, facility: { id: string; staff: { id: string } }, child: { id: string; municipalityId: string }, approved = true): Promise<void> {
  await db
    .insertInto('facility_approvals')
    .values({ facility_id: facility.id, child_id: child.id, municipality_id: child.municipalityId, approved, decided_by: facility.staff.id, decided_at: new Date() })
    .execute();
}

/** A member of the municipality's staff (a login without a password: tests sign in directly). */
export async function municipalityStaff(db: Db, place: Municipality, displayName = '市 職員'): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({ municipality_id: place.id, role: 'municipality_staff', facility_id: null, email: `city-${randomUUID()}@example.jp`, display_name: displayName, password_hash: null, terms_version_accepted: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

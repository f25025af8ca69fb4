// The municipality's side of facilities: its staff create and edit their own municipality's
// facilities and the facilities' staff logins. Every query names the staff member's
// municipality, so another municipality's facility is simply not found.
import { sql } from 'kysely';
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { conflictAs } from '../platform/db-errors.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import type { ValidFacility } from './form.ts';
import { facilityStaffAccountMail } from './mails.ts';
import { isUuid } from '../platform/ids.ts';
import { municipalitySettingsFor } from '../municipalities/settings-queries.ts';
import { CalendarDate } from '../platform/time.ts';

export interface Staff {
  id: string;
  municipalityId: string;
}

export async function facilitiesOfMunicipality(db: Db, municipalityId: string) {
  return db
    .selectFrom('facilities as f')
    .select((eb) => [
      'f.id',
      'f.name',
      'f.address',
      'f.facility_type',
      eb.selectFrom('users as u').select(sql<number>`count(*)::int`.as('n')).whereRef('u.facility_id', '=', 'f.id').as('staff_count'),
    ])
    .where('f.municipality_id', '=', municipalityId)
    .orderBy('f.name_kana')
    .orderBy('f.id')
    .limit(500)
    .execute();
}

export async function countFacilities(db: Db, municipalityId: string): Promise<number> {
  const row = await db.selectFrom('facilities').select(sql<number>`count(*)::int`.as('n')).where('municipality_id', '=', municipalityId).executeTakeFirstOrThrow();
  return row.n;
}

/** One of this municipality's facilities, with its staff logins; undefined for any other. */
export async function managedFacility(db: Db, municipalityId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const facility = await db
    .selectFrom('facilities')
    .select([
      'id',
      'name',
      'name_kana',
      'facility_type',
      'address',
      'latitude',
      'longitude',
      'phone',
      'opens_at',
      'closes_at',
      'open_days',
      'ages_accepted',
      'daily_capacity',
      'fee_per_hour',
      'introduction',
      'notes',
    ])
    .where('id', '=', id)
    .where('municipality_id', '=', municipalityId)
    .executeTakeFirst();
  if (!facility) return undefined;
  const staff = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', sql<boolean>`password_hash is not null`.as('has_password')])
    .where('facility_id', '=', id)
    .where('municipality_id', '=', municipalityId)
    .where('role', '=', 'facility_staff')
    .orderBy('created_at')
    .orderBy('email')
    .execute();
  return { facility, staff };
}

export type ManagedFacility = NonNullable<Awaited<ReturnType<typeof managedFacility>>>;

export async function createFacility(db: Db, clock: Clock, staff: Staff, value: ValidFacility): Promise<string> {
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('facilities')
      .values({ ...value, municipality_id: staff.municipalityId, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A new facility starts with the municipality's cancellation deadline in effect this month
    // (設定 → 取消期限の初期値); its staff may change it on their booking settings.
    const settings = await municipalitySettingsFor(tx, staff.municipalityId, CalendarDate.today(clock));
    await tx.insertInto('facility_offers').values({ facility_id: id, municipality_id: staff.municipalityId, cancel_minutes_before_day: settings.defaultCancelMinutesBeforeDay }).execute();
    await audit(tx, { action: 'facility.create', actorId: staff.id, municipalityId: staff.municipalityId, subjectId: id, at: now });
    return id;
  });
}

/** false when the facility is not this municipality's (or does not exist). */
export async function updateFacility(db: Db, clock: Clock, staff: Staff, id: string, value: ValidFacility): Promise<boolean> {
  if (!isUuid(id)) return false;
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('facilities')
      .set({ ...value, updated_at: now })
      .where('id', '=', id)
      .where('municipality_id', '=', staff.municipalityId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await audit(tx, { action: 'facility.update', actorId: staff.id, municipalityId: staff.municipalityId, subjectId: id, at: now });
    return true;
  });
}

export type StaffLoginResult = { kind: 'created' } | { kind: 'not-found' } | { kind: 'email-taken' };

/**
 * A login for the facility's staff: a users row without a password, and a mail that sends them
 * to the password reset, as a guardian's account is issued. E-mail addresses are unique across
 * the whole system (they are the login ID).
 */
export async function createStaffLogin(
  db: Db,
  clock: Clock,
  baseUrl: string,
  staff: Staff,
  facilityId: string,
  login: { displayName: string; email: string },
): Promise<StaffLoginResult> {
  if (!isUuid(facilityId)) return { kind: 'not-found' };
  const now = clock.now();
  // Two requests with the same address at once: the unique index decides, the loser is told.
  return conflictAs(
    db.transaction().execute(async (tx): Promise<StaffLoginResult> => {
      const facility = await tx
        .selectFrom('facilities as f')
        .innerJoin('municipalities as m', 'm.id', 'f.municipality_id')
        .select(['f.id', 'f.name', 'm.name as municipality_name'])
        .where('f.id', '=', facilityId)
        .where('f.municipality_id', '=', staff.municipalityId)
        .executeTakeFirst();
      if (!facility) return { kind: 'not-found' };
      const taken = await tx.selectFrom('users').select('id').where(sql`lower(email)`, '=', login.email.toLowerCase()).executeTakeFirst();
      if (taken) return { kind: 'email-taken' };
      const { id } = await tx
        .insertInto('users')
        .values({
          municipality_id: staff.municipalityId,
          role: 'facility_staff',
          facility_id: facility.id,
          email: login.email,
          display_name: login.displayName,
          password_hash: null,
          terms_version_accepted: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(tx, { action: 'facility.staff.create', actorId: staff.id, municipalityId: staff.municipalityId, subjectId: id, detail: { facility_id: facility.id }, at: now });
      await queueMail(tx, clock, facilityStaffAccountMail(login.email, facility.municipality_name, facility.name, `${baseUrl}/password-reset`, `${baseUrl}/login`), staff.municipalityId);
      return { kind: 'created' };
    }),
    { users_email_unique: { kind: 'email-taken' } },
  );
}

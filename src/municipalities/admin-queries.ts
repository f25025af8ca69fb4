// What the operators' command (admin-cli.ts) does to the database: add a municipality with its
// first staff login, issue a password-reset mail for a staff login, and list what exists. Each
// change is one transaction with its mail (outbox) and audit entry; a refusal changes nothing.
import { sql } from 'kysely';
import { passwordLink } from '../accounts/queries.ts';
import { audit } from '../platform/audit.ts';
import { HOUR, type Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { conflictAs } from '../platform/db-errors.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { passwordResetMail } from '../accounts/mails.ts';
import { municipalityStaffAccountMail } from './mails.ts';
import { withCheckDigit } from './rules.ts';

/** A new staff member's link to set the password is good for three days (a reset link: 30 minutes). */
export const FIRST_PASSWORD_LINK_HOURS = 72;

export interface NewMunicipality {
  /** The 5-digit code as stored (municipalities.code); the 6-digit form is checked before. */
  code: string;
  prefectureCode: number;
  name: string;
  nameEn: string;
  monthlyAllowanceMinutes: number;
  namedFacilityOnly: boolean;
  supportEmail: string | null;
  officeName: string;
  officeLatitude: number;
  officeLongitude: number;
  staff: { email: string; displayName: string };
}

export type AddResult =
  | { kind: 'created'; municipalityId: string; staffUserId: string }
  | { kind: 'code-taken' }
  | { kind: 'email-taken' }
  | { kind: 'no-prefecture' };

export async function addMunicipality(db: Db, clock: Clock, baseUrl: string, input: NewMunicipality): Promise<AddResult> {
  const now = clock.now();
  return conflictAs(
    db.transaction().execute(async (tx): Promise<AddResult> => {
      const prefecture = await tx.selectFrom('prefectures').select('code').where('code', '=', input.prefectureCode).executeTakeFirst();
      if (!prefecture) return { kind: 'no-prefecture' };
      if (await tx.selectFrom('municipalities').select('id').where('code', '=', input.code).executeTakeFirst()) return { kind: 'code-taken' };
      if (await tx.selectFrom('users').select('id').where(sql`lower(email)`, '=', input.staff.email.toLowerCase()).executeTakeFirst()) return { kind: 'email-taken' };
      const { id: municipalityId } = await tx
        .insertInto('municipalities')
        .values({
          code: input.code,
          prefecture_code: input.prefectureCode,
          name: input.name,
          name_en: input.nameEn,
          named_facility_only: input.namedFacilityOnly,
          monthly_allowance_minutes: input.monthlyAllowanceMinutes,
          office_name: input.officeName,
          office_latitude: input.officeLatitude,
          office_longitude: input.officeLongitude,
          support_email: input.supportEmail,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id: staffUserId } = await tx
        .insertInto('users')
        .values({
          municipality_id: municipalityId,
          role: 'municipality_staff',
          facility_id: null,
          email: input.staff.email,
          display_name: input.staff.displayName,
          password_hash: null,
          terms_version_accepted: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const link = await passwordLink(tx, clock, baseUrl, { id: staffUserId, municipalityId }, FIRST_PASSWORD_LINK_HOURS * HOUR);
      await queueMail(
        tx,
        clock,
        municipalityStaffAccountMail(input.staff.email, input.name, link, FIRST_PASSWORD_LINK_HOURS, `${baseUrl}/password-reset`, `${baseUrl}/login`),
        municipalityId,
      );
      await audit(tx, { action: 'municipality.create', actorId: null, municipalityId, subjectId: municipalityId, at: now, detail: { code: withCheckDigit(input.code), staff_user_id: staffUserId } });
      await audit(tx, { action: 'municipality.staff.create', actorId: null, municipalityId, subjectId: staffUserId, at: now });
      return { kind: 'created', municipalityId, staffUserId };
    }),
    { municipalities_code_key: { kind: 'code-taken' as const }, users_email_unique: { kind: 'email-taken' as const } },
  );
}

export type ResetIssueResult = { kind: 'issued'; role: 'municipality_staff' | 'facility_staff'; municipality: string } | { kind: 'no-such-login' } | { kind: 'not-staff' };

/** A password-reset mail (the same as 「パスワードを忘れた方」 sends) for a staff login, by an operator. */
export async function issueStaffPasswordReset(db: Db, clock: Clock, baseUrl: string, email: string): Promise<ResetIssueResult> {
  const now = clock.now();
  return db.transaction().execute(async (tx): Promise<ResetIssueResult> => {
    const user = await tx
      .selectFrom('users as u')
      .innerJoin('municipalities as m', 'm.id', 'u.municipality_id')
      .select(['u.id', 'u.email', 'u.role', 'u.municipality_id', 'm.name as municipality'])
      .where(sql`lower(u.email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    if (!user) return { kind: 'no-such-login' };
    if (user.role === 'guardian') return { kind: 'not-staff' };
    const link = await passwordLink(tx, clock, baseUrl, { id: user.id, municipalityId: user.municipality_id });
    await queueMail(tx, clock, passwordResetMail(user.email, link), user.municipality_id);
    await audit(tx, { action: 'account.password_reset.issue', actorId: null, municipalityId: user.municipality_id, subjectId: user.id, at: now });
    return { kind: 'issued', role: user.role, municipality: user.municipality };
  });
}

export function listMunicipalities(db: Db) {
  return db
    .selectFrom('municipalities as m')
    .innerJoin('prefectures as p', 'p.code', 'm.prefecture_code')
    .select((eb) => [
      'm.code',
      'm.name',
      'm.name_en',
      'p.name as prefecture',
      'm.monthly_allowance_minutes',
      'm.named_facility_only',
      'm.support_email',
      eb.selectFrom('facilities as f').select(sql<number>`count(*)::int`.as('n')).whereRef('f.municipality_id', '=', 'm.id').as('facilities'),
      eb.selectFrom('users as u').select(sql<number>`count(*)::int`.as('n')).whereRef('u.municipality_id', '=', 'm.id').where('u.role', '!=', 'guardian').as('staff'),
    ])
    .orderBy('m.code')
    .execute();
}

/** Staff logins (municipality and facility staff), optionally of one municipality (5-digit code). */
export function listStaff(db: Db, municipalityCode?: string) {
  let query = db
    .selectFrom('users as u')
    .innerJoin('municipalities as m', 'm.id', 'u.municipality_id')
    .leftJoin('facilities as f', 'f.id', 'u.facility_id')
    .select(['m.code', 'm.name as municipality', 'u.role', 'f.name as facility', 'u.email', 'u.display_name', sql<boolean>`u.password_hash is not null`.as('has_password')])
    .where('u.role', '!=', 'guardian');
  if (municipalityCode) query = query.where('m.code', '=', municipalityCode);
  return query.orderBy('m.code').orderBy('u.role', 'desc').orderBy('f.name').orderBy('u.email').execute();
}

export function listFacilities(db: Db, municipalityCode?: string) {
  let query = db
    .selectFrom('facilities as f')
    .innerJoin('municipalities as m', 'm.id', 'f.municipality_id')
    .select((eb) => [
      'm.code',
      'm.name as municipality',
      'f.id',
      'f.name',
      'f.address',
      eb.selectFrom('users as u').select(sql<number>`count(*)::int`.as('n')).whereRef('u.facility_id', '=', 'f.id').as('staff'),
    ]);
  if (municipalityCode) query = query.where('m.code', '=', municipalityCode);
  return query.orderBy('m.code').orderBy('f.name_kana').execute();
}

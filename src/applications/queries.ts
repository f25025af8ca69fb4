import { sql } from 'kysely';
import type { Db } from '../platform/database.ts';
import { HOUR, type Clock } from '../platform/clock.ts';
import { hashToken, newToken } from '../platform/tokens.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { CalendarDate } from '../platform/time.ts';
import { applicationLinkMail, applicationReceivedMail } from './mails.ts';
import type { ApplicationAnswers, ValidApplication } from './form.ts';

export const INVITATION_VALIDITY_MS = 24 * HOUR;

export async function listPrefectures(db: Db) {
  return db.selectFrom('prefectures').select(['code', 'name', 'name_en']).orderBy('code').execute();
}

/** Only municipalities registered in the system can be chosen in step 1. */
export async function municipalitiesIn(db: Db, prefectureCode: number) {
  return db
    .selectFrom('municipalities')
    .select(['id', 'code', 'name', 'name_en'])
    .where('prefecture_code', '=', prefectureCode)
    .orderBy('code')
    .execute();
}

export async function findMunicipalityByCode(db: Db, code: string) {
  return db
    .selectFrom('municipalities')
    .innerJoin('prefectures', 'prefectures.code', 'municipalities.prefecture_code')
    .select([
      'municipalities.id',
      'municipalities.code',
      'municipalities.name',
      'municipalities.name_en',
      'municipalities.named_facility_only',
      'municipalities.prefecture_code',
      'prefectures.name as prefecture_name',
      'prefectures.name_en as prefecture_name_en',
    ])
    .where('municipalities.code', '=', code)
    .executeTakeFirst();
}

export type Municipality = NonNullable<Awaited<ReturnType<typeof findMunicipalityByCode>>>;

export async function facilitiesOf(db: Db, municipalityId: string) {
  return db
    .selectFrom('facilities')
    .select(['id', 'name', 'address'])
    .where('municipality_id', '=', municipalityId)
    .orderBy('name_kana')
    .execute();
}

/** Creates a single-use application link and queues the mail that carries it. */
export async function inviteToApply(db: Db, clock: Clock, baseUrl: string, municipality: Municipality, email: string) {
  const token = newToken();
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('application_invitations')
      .values({
        municipality_id: municipality.id,
        email,
        token_hash: hashToken(token),
        expires_at: new Date(now.getTime() + INVITATION_VALIDITY_MS),
        created_at: now,
      })
      .execute();
    await queueMail(tx, clock, applicationLinkMail(email, municipality.name, `${baseUrl}/apply/form/${token}`), municipality.id);
  });
}

export type InvitationState =
  | { kind: 'unknown' }
  | { kind: 'expired'; invitation: Invitation }
  | { kind: 'submitted'; invitation: Invitation; reference: string }
  | { kind: 'open'; invitation: Invitation };

async function invitationByToken(db: Db, token: string) {
  return db
    .selectFrom('application_invitations as i')
    .innerJoin('municipalities as m', 'm.id', 'i.municipality_id')
    .leftJoin('applications as a', 'a.invitation_id', 'i.id')
    .select(['i.id', 'i.email', 'i.expires_at', 'i.used_at', 'i.draft', 'i.municipality_id', 'm.code as municipality_code', 'a.reference'])
    .where('i.token_hash', '=', hashToken(token))
    .executeTakeFirst();
}

export type Invitation = NonNullable<Awaited<ReturnType<typeof invitationByToken>>>;

export async function invitationState(db: Db, clock: Clock, token: string): Promise<InvitationState> {
  const invitation = await invitationByToken(db, token);
  if (!invitation) return { kind: 'unknown' };
  if (invitation.used_at) return { kind: 'submitted', invitation, reference: invitation.reference ?? '' };
  if (invitation.expires_at.getTime() <= clock.now().getTime()) return { kind: 'expired', invitation };
  return { kind: 'open', invitation };
}

export async function saveDraft(db: Db, invitationId: string, answers: ApplicationAnswers): Promise<void> {
  await db
    .updateTable('application_invitations')
    .set({ draft: JSON.stringify(answers) })
    .where('id', '=', invitationId)
    .where('used_at', 'is', null)
    .execute();
}

export type SubmitResult = { kind: 'submitted'; reference: string } | { kind: 'expired' } | { kind: 'unknown' };

/**
 * Submits the application once: the invitation row is locked, so a double submit (two clicks,
 * two tabs) finds it used and gets the same reference number back instead of a second application.
 */
export async function submitApplication(
  db: Db,
  clock: Clock,
  invitationId: string,
  municipalityName: string,
  municipalityCode: string,
  application: ValidApplication,
): Promise<SubmitResult> {
  return db.transaction().execute(async (tx) => {
    const invitation = await tx
      .selectFrom('application_invitations')
      .select(['id', 'email', 'municipality_id', 'used_at', 'expires_at'])
      .where('id', '=', invitationId)
      .forUpdate()
      .executeTakeFirst();
    if (!invitation) return { kind: 'unknown' };
    const now = clock.now();
    if (invitation.used_at) {
      const existing = await tx.selectFrom('applications').select('reference').where('invitation_id', '=', invitationId).executeTakeFirstOrThrow();
      return { kind: 'submitted', reference: existing.reference };
    }
    if (invitation.expires_at.getTime() <= now.getTime()) return { kind: 'expired' };
    const { seq } = await sql<{ seq: number }>`select nextval('application_reference_seq')::int as seq`
      .execute(tx)
      .then((r) => r.rows[0] ?? { seq: 0 });
    const reference = `${municipalityCode}-${CalendarDate.inTokyo(now).year}-${String(seq).padStart(6, '0')}`;
    const inserted = await tx
      .insertInto('applications')
      .values({
        municipality_id: invitation.municipality_id,
        reference,
        invitation_id: invitation.id,
        email: invitation.email,
        guardian_name: application.guardianName,
        guardian_name_kana: application.guardianKana,
        postal_code: application.postalCode,
        address: application.address,
        phone: application.phone,
        relationship: application.relationship,
        desired_facility_id: application.desiredFacilityId,
        submitted_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('application_children')
      .values(
        application.children.map((c, position) => ({
          application_id: inserted.id,
          municipality_id: invitation.municipality_id,
          position,
          name: c.name,
          name_kana: c.kana,
          birth_date: c.birthDate,
        })),
      )
      .execute();
    await tx.updateTable('application_invitations').set({ used_at: now, draft: null }).where('id', '=', invitation.id).execute();
    await queueMail(tx, clock, applicationReceivedMail(invitation.email, municipalityName, reference), invitation.municipality_id);
    return { kind: 'submitted', reference };
  });
}

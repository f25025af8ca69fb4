// Retention (operations.md, Personal data): once a child's certification ended more than the
// retention period ago, its profile — health, allergies, emergency contacts and pick-up persons —
// and the evidence files of its fee reduction applications — are deleted, and the pick-up
// person's details copied onto its bookings are blanked. The records of use (bookings, attendance,
// fees, claims, reduction decisions) stay, with the child's name, for the records the law asks to keep.
import { sql } from 'kysely';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import type { DailyJob } from '../platform/daily-jobs.ts';
import { CalendarDate } from '../platform/time.ts';

/** The last day of certification whose personal data is due for deletion today. */
export function retentionCutoff(today: CalendarDate, years: number): CalendarDate {
  return today.addMonths(-12 * years);
}

export async function purgeExpiredProfiles(tx: Db, clock: Clock, years: number): Promise<Record<string, number>> {
  const cutoff = retentionCutoff(CalendarDate.today(clock), years).toString();
  const ended = (db: Db) => db.selectFrom('children').select('id').where('certification_valid_until', '<', cutoff);
  const count = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0n);
  const profiles = await tx.deleteFrom('child_profiles').where('child_id', 'in', ended(tx)).executeTakeFirst();
  const allergens = await tx.deleteFrom('child_allergens').where('child_id', 'in', ended(tx)).executeTakeFirst();
  const contacts = await tx.deleteFrom('child_emergency_contacts').where('child_id', 'in', ended(tx)).executeTakeFirst();
  const pickups = await tx.deleteFrom('child_pickup_persons').where('child_id', 'in', ended(tx)).executeTakeFirst();
  // The evidence of fee reduction applications (要配慮個人情報); the applications and decisions stay.
  const evidence = await tx.deleteFrom('fee_reduction_evidence').where('child_id', 'in', ended(tx)).executeTakeFirst();
  const bookings = await tx
    .updateTable('reservations')
    .set({ pickup_name: '', pickup_relationship: '', pickup_phone: '' })
    .where('child_id', 'in', ended(tx))
    .where(sql<boolean>`(pickup_name <> '' or pickup_relationship <> '' or pickup_phone <> '')`)
    .executeTakeFirst();
  return {
    childProfiles: count(profiles),
    allergens: count(allergens),
    emergencyContacts: count(contacts),
    pickupPersons: count(pickups),
    reductionEvidence: count(evidence),
    bookingsBlanked: count(bookings),
  };
}

export function retentionJob(years: number): DailyJob {
  return { name: 'retention.child_profiles', run: (tx, clock) => purgeExpiredProfiles(tx, clock, years) };
}

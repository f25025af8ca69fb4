// Rows for the attendance tests: bookings on a given day, put in directly (the booking flow is
// tested in test/reservations; a booking that has begun cannot be booked through it any more).
import type { Db } from '../../src/platform/database.ts';
import { slot, type Child, type Facility } from '../reservations/world.ts';

/** A booking of the child at the facility on `date` from `from` to `to` (HH:MM, Tokyo), in a slot of 08:00–18:00. */
export async function bookingOn(
  db: Db,
  place: Facility,
  kid: Child,
  date: string,
  from: string,
  to: string,
  options: { status?: 'provisional' | 'confirmed' | 'late_cancelled' | 'cancelled'; kind?: 'interview' | 'regular' | 'flexible'; pickup?: string } = {},
): Promise<string> {
  const existing = await db
    .selectFrom('slots')
    .select('id')
    .where('facility_id', '=', place.id)
    .where('starts_at', '=', new Date(`${date}T08:00:00+09:00`))
    .executeTakeFirst();
  const slotId = existing?.id ?? (await slot(db, place, date, '08:00', '18:00', { capacity: [9, 9, 9] }));
  const { id } = await db
    .insertInto('reservations')
    .values({
      municipality_id: kid.municipalityId,
      facility_id: place.id,
      child_id: kid.id,
      kind: options.kind ?? 'flexible',
      status: options.status ?? 'confirmed',
      starts_at: `${date}T${from}:00+09:00`,
      ends_at: `${date}T${to}:00+09:00`,
      slot_id: slotId,
      age_class: 1,
      booked_by: kid.guardianId,
      pickup_name: options.pickup ?? '小千谷 花子',
      pickup_relationship: '母',
      pickup_phone: '0258-83-3512',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

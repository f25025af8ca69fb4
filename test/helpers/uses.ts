// A use of a facility put in directly (a booking, its allowance charge and its recorded times), for
// walks and tests of what comes after: fees, records and claims. Booking and check-in are tested
// in test/reservations and test/attendance.
import type { Db } from '../../src/platform/database.ts';

/** An instant in Tokyo: `date` YYYY-MM-DD at HH:MM. */
export const tokyo = (date: string, hhmm: string) => `${date}T${hhmm}:00+09:00`;

export interface RecordedTimes {
  /** Check-in HH:MM (no attendance row without it). */
  in?: string;
  out?: string;
  /** late_cancelled: a same-day cancellation, its booked hours kept. */
  status?: 'confirmed' | 'late_cancelled';
}

/** A 柔軟利用 booking of the child at the facility from `from` to `to`, charged to the national bucket, with the times recorded by QR. */
export async function recordedUse(db: Db, child: { id: string; municipality_id: string }, facilityId: string, date: string, from: string, to: string, times: RecordedTimes): Promise<string> {
  const { id } = await db
    .insertInto('reservations')
    .values({ municipality_id: child.municipality_id, facility_id: facilityId, child_id: child.id, kind: 'flexible', status: times.status ?? 'confirmed', starts_at: tokyo(date, from), ends_at: tokyo(date, to), age_class: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const minutes = (new Date(tokyo(date, to)).getTime() - new Date(tokyo(date, from)).getTime()) / 60_000;
  await db.insertInto('reservation_allowance_charges').values({ reservation_id: id, child_id: child.id, municipality_id: child.municipality_id, month: `${date.slice(0, 7)}-01`, bucket: 'national', minutes }).execute();
  if (times.in) {
    await db
      .insertInto('attendances')
      .values({
        reservation_id: id,
        municipality_id: child.municipality_id,
        facility_id: facilityId,
        child_id: child.id,
        checked_in_at: tokyo(date, times.in),
        checked_in_via: 'qr',
        checked_out_at: times.out ? tokyo(date, times.out) : null,
        checked_out_via: times.out ? 'qr' : null,
        updated_at: new Date(),
      })
      .execute();
  }
  return id;
}

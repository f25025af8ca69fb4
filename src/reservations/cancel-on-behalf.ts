// Bookings cancelled for a family by someone else — a facility closing a day, a facility's 確認
// ending, a child's certification ending. Their hours are freed (the family did not cancel), an
// open request for a different pick-up time is withdrawn, each is audited, and the caller mails
// each guardian once with their own bookings.
import type { Db } from '../platform/database.ts';
import { PLACE_HOLDING_STATUSES } from './rules.ts';
import type { ReservationKind } from './tables.ts';

export interface CancelledBooking {
  id: string;
  municipalityId: string;
  childName: string;
  kind: ReservationKind;
  startsAt: Date;
  endsAt: Date;
}

/** One guardian's bookings cancelled, the earliest first. */
export interface FamilyCancellations {
  guardianEmail: string;
  /** The municipality of the family (whose mail it is). */
  municipalityId: string;
  bookings: CancelledBooking[];
}

/**
 * Cancels those of `ids` that still hold their place. Call it in the transaction that holds the
 * locks deciding which bookings are affected (the slots', or the child's). `audit` records each.
 */
export async function cancelOnBehalf(
  tx: Db,
  ids: readonly string[],
  by: { staffId: string; at: Date; reason: string },
  audit: (booking: CancelledBooking) => Promise<void>,
): Promise<FamilyCancellations[]> {
  if (ids.length === 0) return [];
  const cancelled = await tx
    .updateTable('reservations')
    .set({ status: 'cancelled', cancelled_by: by.staffId, cancelled_at: by.at, decline_reason: by.reason })
    .where('id', 'in', ids)
    .where('status', 'in', PLACE_HOLDING_STATUSES)
    .returning(['id', 'municipality_id', 'child_id', 'kind', 'starts_at', 'ends_at'])
    .execute();
  if (cancelled.length === 0) return [];
  const cancelledIds = cancelled.map((b) => b.id);
  // A request for a different pick-up time has nothing left to change.
  await tx.updateTable('pickup_change_requests').set({ status: 'withdrawn' }).where('reservation_id', 'in', cancelledIds).where('status', '=', 'requested').execute();
  const families = await tx
    .selectFrom('children as c')
    .innerJoin('users as g', 'g.id', 'c.guardian_id')
    .select(['c.id as child_id', 'c.name as child_name', 'g.id as guardian_id', 'g.email'])
    .where('c.id', 'in', [...new Set(cancelled.map((b) => b.child_id))])
    .execute();
  const byGuardian = new Map<string, FamilyCancellations>();
  for (const row of cancelled) {
    const family = families.find((f) => f.child_id === row.child_id)!;
    const booking: CancelledBooking = { id: row.id, municipalityId: row.municipality_id, childName: family.child_name, kind: row.kind, startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at) };
    await audit(booking);
    const entry = byGuardian.get(family.guardian_id) ?? { guardianEmail: family.email, municipalityId: row.municipality_id, bookings: [] };
    entry.bookings.push(booking);
    byGuardian.set(family.guardian_id, entry);
  }
  const result = [...byGuardian.values()];
  for (const family of result) family.bookings.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
  return result;
}

/** How many bookings the families lost in all. */
export function countCancelled(families: readonly FamilyCancellations[]): number {
  return families.reduce((n, f) => n + f.bookings.length, 0);
}

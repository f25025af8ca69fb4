// Uses and their fees (guide step 8): the bookings that reached their day, with what attendance
// recorded, the child's reduction on the day, the charge by rules.ts, and the payment taken at the
// facility. Reads only the reservations' tables; writes only fee_payments (one per booking, its
// primary key; the booking row is locked so a double submit pays once) with its audit entry.
import { sql } from 'kysely';
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { CalendarDate, DateRange, TimeRange } from '../platform/time.ts';
import type { ReductionCategory } from '../attendance/tables.ts';
import type { ReservationKind, ReservationStatus } from '../reservations/tables.ts';
import { chargeOf, reductionOn, type LatePickupRule, type ReductionPeriod, type UseCharge } from './rules.ts';
import { municipalitySettingsFor } from '../municipalities/settings-queries.ts';

/** Bookings that are uses of the scheme: not first interviews, not cancelled in time or declined. */
const USE_STATUSES = ['provisional', 'confirmed', 'late_cancelled'] as const satisfies readonly ReservationStatus[];

export interface Payment {
  receiptNumber: string;
  amountYen: number;
  paidAt: Date;
}

export interface Use {
  id: string;
  childId: string;
  childName: string;
  childKana: string;
  facilityId: string;
  facilityName: string;
  kind: ReservationKind;
  status: ReservationStatus;
  booked: TimeRange;
  ageClass: number | null;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  noShowAt: Date | null;
  reduction: ReductionCategory | undefined;
  rateYen: number;
  rule: LatePickupRule;
  /** Minutes of the monthly allowance this booking uses (reservation_allowance_charges). */
  allowanceMinutes: number;
  charge: UseCharge;
  payment: Payment | undefined;
}

function usesQuery(db: Db) {
  return (
    db
      .selectFrom('reservations as r')
      .innerJoin('children as c', 'c.id', 'r.child_id')
      .innerJoin('facilities as f', 'f.id', 'r.facility_id')
      .leftJoin('facility_offers as o', 'o.facility_id', 'r.facility_id')
      .leftJoin('attendances as a', 'a.reservation_id', 'r.id')
      .leftJoin('fee_payments as p', 'p.reservation_id', 'r.id')
      .select([
        'r.id',
        'r.child_id',
        'r.facility_id',
        'r.municipality_id',
        'r.kind',
        'r.status',
        'r.starts_at',
        'r.ends_at',
        'r.age_class',
        'c.name as child_name',
        'c.name_kana as child_kana',
        'f.name as facility_name',
        'f.fee_per_hour',
        'f.municipality_id as facility_municipality_id',
        'o.charges_late_cancellations',
        'a.checked_in_at',
        'a.checked_out_at',
        'a.no_show_at',
        'p.receipt_number',
        'p.amount_yen',
        'p.paid_at',
      ])
      .select(sql<number>`(select coalesce(sum(x.minutes), 0)::int from reservation_allowance_charges x where x.reservation_id = r.id)`.as('allowance_minutes'))
      .where('r.kind', '!=', 'interview')
      .where('r.status', 'in', USE_STATUSES)
  );
}

type UseRow = Awaited<ReturnType<ReturnType<typeof usesQuery>['execute']>>[number];

async function periodsOf(db: Db, childIds: readonly string[]): Promise<Map<string, ReductionPeriod[]>> {
  const byChild = new Map<string, ReductionPeriod[]>();
  if (childIds.length === 0) return byChild;
  const rows = await db.selectFrom('fee_reductions').select(['child_id', 'category', 'effective_from', 'effective_until']).where('child_id', 'in', [...new Set(childIds)]).execute();
  for (const row of rows) {
    const list = byChild.get(row.child_id) ?? [];
    list.push({ category: row.category, effectiveFrom: CalendarDate.from(row.effective_from), effectiveUntil: row.effective_until ? CalendarDate.from(row.effective_until) : undefined });
    byChild.set(row.child_id, list);
  }
  return byChild;
}

async function toUses(db: Db, rows: UseRow[]): Promise<Use[]> {
  const periods = await periodsOf(
    db,
    rows.map((r) => r.child_id),
  );
  // The late pick-up rule is the facility's municipality's, as in effect in the month of use.
  const rules = new Map<string, LatePickupRule>();
  for (const row of rows) {
    const month = CalendarDate.inTokyo(row.starts_at).firstOfMonth();
    const key = `${row.facility_municipality_id}/${month}`;
    if (!rules.has(key)) rules.set(key, (await municipalitySettingsFor(db, row.facility_municipality_id, month)).latePickupRule);
  }
  return rows.map((row) => {
    const booked = TimeRange.fromInstants(row.starts_at, row.ends_at);
    const reduction = reductionOn(periods.get(row.child_id) ?? [], booked.date);
    const rule = rules.get(`${row.facility_municipality_id}/${booked.date.firstOfMonth()}`)!;
    const charge = chargeOf({
      booked,
      status: row.status,
      checkedInAt: row.checked_in_at,
      checkedOutAt: row.checked_out_at,
      noShowAt: row.no_show_at,
      rule,
      chargesLateCancellations: row.charges_late_cancellations ?? true,
      rateYen: row.fee_per_hour,
      reduction,
    });
    return {
      id: row.id,
      childId: row.child_id,
      childName: row.child_name,
      childKana: row.child_kana,
      facilityId: row.facility_id,
      facilityName: row.facility_name,
      kind: row.kind,
      status: row.status,
      booked,
      ageClass: row.age_class,
      checkedInAt: row.checked_in_at,
      checkedOutAt: row.checked_out_at,
      noShowAt: row.no_show_at,
      reduction,
      rateYen: row.fee_per_hour,
      rule,
      allowanceMinutes: row.allowance_minutes,
      charge,
      payment: row.receipt_number !== null && row.amount_yen !== null && row.paid_at !== null ? { receiptNumber: row.receipt_number, amountYen: row.amount_yen, paidAt: row.paid_at } : undefined,
    };
  });
}

/** What the use costs the family: the amount paid once it is paid (fixed then), else the fee now. */
export function feeDue(use: Pick<Use, 'payment' | 'charge'>): number {
  return use.payment ? use.payment.amountYen : use.charge.feeYen;
}

/** Who the 領収書 is addressed to (the guardian, by the name in their profile) and the issuing facility's address. */
export async function receiptParties(db: Db, reservationId: string) {
  return db
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .innerJoin('users as u', 'u.id', 'c.guardian_id')
    .leftJoin('guardian_profiles as g', 'g.user_id', 'c.guardian_id')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .select(['u.display_name', 'g.name as profile_name', 'f.address', 'f.phone'])
    .where('r.id', '=', reservationId)
    .executeTakeFirstOrThrow()
    .then((row) => ({ guardianName: row.profile_name || row.display_name, facilityAddress: row.address, facilityPhone: row.phone }));
}

/** The uses at a facility on the days of `range` (Tokyo), by time, then child. */
export async function usesAtFacility(db: Db, facilityId: string, range: DateRange): Promise<Use[]> {
  const rows = await usesQuery(db)
    .where('r.facility_id', '=', facilityId)
    .where('r.starts_at', '>=', range.start.startOfDay())
    .where('r.starts_at', '<', range.end.addDays(1).startOfDay())
    .orderBy('r.starts_at')
    .orderBy('c.name_kana')
    .orderBy('r.id')
    .execute();
  return toUses(db, rows);
}

/** A child's uses at every facility in the month of `month` (Tokyo). */
export async function usesOfChild(db: Db, childId: string, month: CalendarDate): Promise<Use[]> {
  const range = DateRange.monthOf(month);
  const rows = await usesQuery(db)
    .where('r.child_id', '=', childId)
    .where('r.starts_at', '>=', range.start.startOfDay())
    .where('r.starts_at', '<', range.end.addDays(1).startOfDay())
    .orderBy('r.starts_at')
    .orderBy('r.id')
    .execute();
  return toUses(db, rows);
}

export async function useById(db: Db, reservationId: string): Promise<Use | undefined> {
  const rows = await usesQuery(db).where('r.id', '=', reservationId).execute();
  return (await toUses(db, rows))[0];
}

export type PaymentResult =
  | { outcome: 'paid'; payment: Payment }
  | { outcome: 'already-paid'; payment: Payment }
  /** Nothing to pay (yet): in care, nothing recorded, not charged, or fully reduced. */
  | { outcome: 'not-payable' }
  /** The fee changed since the page was shown (a corrected time, a reduction): shown again. */
  | { outcome: 'amount-changed'; feeYen: number };

/** "R" + the Tokyo year of payment + the sequence number: R2026-000042. */
export function receiptNumberOf(paidAt: Date, sequence: number | string): string {
  return `R${CalendarDate.inTokyo(paidAt).year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Marks a use paid at the amount shown to the staff (`shownYen`). The booking row is locked, so
 * two submits at once take turns: the second finds the first's payment (one per booking, by
 * fee_payments' primary key). The amount and the receipt number are fixed here.
 */
export async function recordPayment(db: Db, clock: Clock, staff: { id: string; facilityId: string }, reservationId: string, shownYen: number): Promise<PaymentResult> {
  return db.transaction().execute(async (tx) => {
    const booking = await tx.selectFrom('reservations').select(['id', 'municipality_id', 'facility_id']).where('id', '=', reservationId).where('facility_id', '=', staff.facilityId).forUpdate().executeTakeFirst();
    if (!booking) return { outcome: 'not-payable' } as const;
    const existing = await tx.selectFrom('fee_payments').select(['receipt_number', 'amount_yen', 'paid_at']).where('reservation_id', '=', reservationId).executeTakeFirst();
    if (existing) return { outcome: 'already-paid', payment: { receiptNumber: existing.receipt_number, amountYen: existing.amount_yen, paidAt: existing.paid_at } } as const;
    const use = await useById(tx, reservationId);
    if (!use || !use.charge.payable) return { outcome: 'not-payable' } as const;
    if (use.charge.feeYen !== shownYen) return { outcome: 'amount-changed', feeYen: use.charge.feeYen } as const;
    const now = clock.now();
    const { n } = await sql<{ n: string }>`select nextval('fee_receipt_number_seq')::text as n`.execute(tx).then((r) => r.rows[0]!);
    const payment = { receiptNumber: receiptNumberOf(now, n), amountYen: use.charge.feeYen, paidAt: now };
    await tx
      .insertInto('fee_payments')
      .values({
        reservation_id: reservationId,
        municipality_id: booking.municipality_id,
        facility_id: booking.facility_id,
        receipt_number: payment.receiptNumber,
        amount_yen: payment.amountYen,
        paid_at: now,
        recorded_by: staff.id,
      })
      .execute();
    await audit(tx, {
      action: 'fee.payment.record',
      actorId: staff.id,
      municipalityId: booking.municipality_id,
      subjectId: reservationId,
      at: now,
      detail: { facility_id: booking.facility_id, amount_yen: payment.amountYen, receipt_number: payment.receiptNumber },
    });
    return { outcome: 'paid', payment } as const;
  });
}

/** The guardian's children, for choosing whose usage to show. */
export async function childrenOfGuardian(db: Db, guardianId: string) {
  return db.selectFrom('children').select(['id', 'name']).where('guardian_id', '=', guardianId).orderBy('birth_date').orderBy('id').execute();
}

export interface ChildMonth {
  childId: string;
  childName: string;
  childKana: string;
  uses: Use[];
  billedMinutes: number;
  extraMinutes: number;
  feeYen: number;
  paidYen: number;
  /** Fees of payable uses not yet paid. */
  unpaidYen: number;
}

/** A month of uses grouped per child (in the order of the first use's child kana). */
export function perChild(uses: readonly Use[]): ChildMonth[] {
  const groups = new Map<string, ChildMonth>();
  for (const use of uses) {
    const group = groups.get(use.childId) ?? { childId: use.childId, childName: use.childName, childKana: use.childKana, uses: [], billedMinutes: 0, extraMinutes: 0, feeYen: 0, paidYen: 0, unpaidYen: 0 };
    group.uses.push(use);
    group.billedMinutes += use.charge.billedMinutes;
    group.extraMinutes += use.charge.extraMinutes;
    group.feeYen += feeDue(use);
    if (use.payment) group.paidYen += use.payment.amountYen;
    else if (use.charge.payable) group.unpaidYen += use.charge.feeYen;
    groups.set(use.childId, group);
  }
  return [...groups.values()].sort((a, b) => a.childKana.localeCompare(b.childKana, 'ja') || a.childId.localeCompare(b.childId));
}

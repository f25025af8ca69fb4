// Figures for a municipality's dashboard, each from the records themselves, scoped to the staff
// member's municipality: its applications and certifications, and the use its own children made
// of facilities anywhere (bookings are the child's municipality's: reservations.municipality_id),
// and what its own facilities offered against what was booked there.
import { sql } from 'kysely';
import type { Db } from '../platform/database.ts';
import { CalendarDate, yearMonthOf } from '../platform/time.ts';

/** 'YYYY-MM' of each of the `count` months ending with `last`'s month, oldest first. */
export function monthsEnding(last: CalendarDate, count: number): CalendarDate[] {
  const end = last.firstOfMonth();
  return Array.from({ length: count }, (_, i) => end.addMonths(i - count + 1));
}

export interface MonthlyApplications {
  month: string;
  submitted: number;
  approved: number;
  rejected: number;
  certified: number;
}

export async function applicationsByMonth(db: Db, municipalityId: string, months: readonly CalendarDate[]): Promise<MonthlyApplications[]> {
  const from = months[0]!.startOfDay();
  const to = months[months.length - 1]!.addMonths(1).startOfDay();
  const tokyoMonth = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Tokyo', 'YYYY-MM')`;
  const [submitted, decided, certified] = await Promise.all([
    db
      .selectFrom('applications')
      .select([tokyoMonth('submitted_at').as('month'), sql<number>`count(*)::int`.as('n')])
      .where('municipality_id', '=', municipalityId)
      .where('submitted_at', '>=', from)
      .where('submitted_at', '<', to)
      .groupBy(sql`1`)
      .execute(),
    db
      .selectFrom('applications')
      .select([tokyoMonth('decided_at').as('month'), 'status', sql<number>`count(*)::int`.as('n')])
      .where('municipality_id', '=', municipalityId)
      .where('decided_at', '>=', from)
      .where('decided_at', '<', to)
      .groupBy([sql`1`, 'status'])
      .execute(),
    db
      .selectFrom('children')
      .select([sql<string>`to_char(certification_valid_from, 'YYYY-MM')`.as('month'), sql<number>`count(*)::int`.as('n')])
      .where('municipality_id', '=', municipalityId)
      .where('certification_valid_from', '>=', months[0]!.toString())
      .where('certification_valid_from', '<', months[months.length - 1]!.addMonths(1).toString())
      .groupBy(sql`1`)
      .execute(),
  ]);
  return months.map((m) => {
    const key = yearMonthOf(m);
    return {
      month: key,
      submitted: submitted.find((r) => r.month === key)?.n ?? 0,
      approved: decided.find((r) => r.month === key && r.status === 'approved')?.n ?? 0,
      rejected: decided.find((r) => r.month === key && r.status === 'rejected')?.n ?? 0,
      certified: certified.find((r) => r.month === key)?.n ?? 0,
    };
  });
}

export interface MonthlyAllowance {
  month: string;
  /** Children certified on at least one day of the month. */
  children: number;
  /** Their monthly allowance together (national + the municipality's own buckets), in minutes. */
  offeredMinutes: number;
  /** Charged to it by provisional, confirmed and late-cancelled bookings, in minutes. */
  usedMinutes: number;
}

export async function allowanceByMonth(db: Db, municipalityId: string, months: readonly CalendarDate[]): Promise<MonthlyAllowance[]> {
  const municipality = await db.selectFrom('municipalities').select('monthly_allowance_minutes').where('id', '=', municipalityId).executeTakeFirstOrThrow();
  const own = await db.selectFrom('allowance_buckets').select(sql<number>`coalesce(sum(minutes_per_month), 0)::int`.as('n')).where('municipality_id', '=', municipalityId).executeTakeFirstOrThrow();
  const perChild = municipality.monthly_allowance_minutes + own.n;
  return Promise.all(
    months.map(async (m) => {
      const first = m.toString();
      const last = m.lastOfMonth().toString();
      const [children, used] = await Promise.all([
        db
          .selectFrom('children')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('municipality_id', '=', municipalityId)
          .where('certification_valid_from', '<=', last)
          .where('certification_valid_until', '>=', first)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('reservation_allowance_charges as c')
          .innerJoin('reservations as r', 'r.id', 'c.reservation_id')
          .select(sql<number>`coalesce(sum(c.minutes), 0)::int`.as('n'))
          .where('c.municipality_id', '=', municipalityId)
          .where('c.month', '=', first)
          .where('r.status', 'in', ['provisional', 'confirmed', 'late_cancelled'])
          .executeTakeFirstOrThrow(),
      ]);
      return { month: yearMonthOf(m), children: children.n, offeredMinutes: children.n * perChild, usedMinutes: used.n };
    }),
  );
}

export interface FacilityUse {
  facilityId: string;
  facilityName: string;
  /** Minutes booked (confirmed or late-cancelled) per age class 0, 1, 2. */
  minutes: [number, number, number];
  bookings: number;
}

/** This municipality's children's confirmed and late-cancelled bookings in the month, by facility and age class. */
export async function useByFacility(db: Db, municipalityId: string, month: CalendarDate): Promise<FacilityUse[]> {
  const rows = await db
    .selectFrom('reservations as r')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .select([
      'f.id',
      'f.name',
      'f.name_kana',
      'r.age_class',
      sql<number>`count(*)::int`.as('bookings'),
      sql<number>`sum(extract(epoch from (r.ends_at - r.starts_at)) / 60)::int`.as('minutes'),
    ])
    .where('r.municipality_id', '=', municipalityId)
    .where('r.status', 'in', ['confirmed', 'late_cancelled'])
    .where('r.starts_at', '>=', month.startOfDay())
    .where('r.starts_at', '<', month.addMonths(1).startOfDay())
    .groupBy(['f.id', 'f.name', 'f.name_kana', 'r.age_class'])
    .orderBy('f.name_kana')
    .execute();
  const byFacility = new Map<string, FacilityUse>();
  for (const r of rows) {
    const entry = byFacility.get(r.id) ?? { facilityId: r.id, facilityName: r.name, minutes: [0, 0, 0] as [number, number, number], bookings: 0 };
    const age = r.age_class ?? 2;
    entry.minutes[age as 0 | 1 | 2] += r.minutes;
    entry.bookings += r.bookings;
    byFacility.set(r.id, entry);
  }
  return [...byFacility.values()];
}

export interface Outcomes {
  month: string;
  confirmed: number;
  cancelledInTime: number;
  lateCancelled: number;
  declined: number;
  noShows: number;
}

/** What became of this municipality's children's bookings in each month. */
export async function outcomesByMonth(db: Db, municipalityId: string, months: readonly CalendarDate[]): Promise<Outcomes[]> {
  const from = months[0]!.startOfDay();
  const to = months[months.length - 1]!.addMonths(1).startOfDay();
  const rows = await db
    .selectFrom('reservations as r')
    .leftJoin('attendances as a', 'a.reservation_id', 'r.id')
    .select([
      sql<string>`to_char(r.starts_at at time zone 'Asia/Tokyo', 'YYYY-MM')`.as('month'),
      'r.status',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`count(a.no_show_at)::int`.as('no_shows'),
    ])
    .where('r.municipality_id', '=', municipalityId)
    .where('r.starts_at', '>=', from)
    .where('r.starts_at', '<', to)
    .groupBy([sql`1`, 'r.status'])
    .execute();
  return months.map((m) => {
    const key = yearMonthOf(m);
    const n = (status: string) => rows.find((r) => r.month === key && r.status === status)?.n ?? 0;
    return {
      month: key,
      confirmed: n('confirmed'),
      cancelledInTime: n('cancelled'),
      lateCancelled: n('late_cancelled'),
      declined: n('declined'),
      noShows: rows.filter((r) => r.month === key).reduce((sum, r) => sum + r.no_shows, 0),
    };
  });
}

export interface FacilityCapacity {
  facilityId: string;
  facilityName: string;
  /** Places offered in the month's published slots (all age classes). */
  places: number;
  /** Places taken by provisional or confirmed bookings, whichever municipality the child is from. */
  booked: number;
}

/** The municipality's own facilities: places offered in the month against places booked. */
export async function capacityByFacility(db: Db, municipalityId: string, month: CalendarDate): Promise<FacilityCapacity[]> {
  const rows = await db
    .selectFrom('facilities as f')
    .leftJoin('slots as s', (join) =>
      join
        .onRef('s.facility_id', '=', 'f.id')
        .on('s.withdrawn_at', 'is', null)
        .on('s.date', '>=', month.toString())
        .on('s.date', '<=', month.lastOfMonth().toString()),
    )
    .select([
      'f.id',
      'f.name',
      sql<number>`coalesce(sum(s.capacity_age0 + s.capacity_age1 + s.capacity_age2), 0)::int`.as('places'),
      sql<number>`coalesce(sum((select count(*) from reservations r where r.slot_id = s.id and r.status in ('provisional', 'confirmed'))), 0)::int`.as('booked'),
    ])
    .where('f.municipality_id', '=', municipalityId)
    .groupBy(['f.id', 'f.name', 'f.name_kana'])
    .having(sql<boolean>`coalesce(sum(s.capacity_age0 + s.capacity_age1 + s.capacity_age2), 0) > 0`)
    .orderBy('f.name_kana')
    .execute();
  return rows.map((r) => ({ facilityId: r.id, facilityName: r.name, places: r.places, booked: r.booked }));
}

export interface ReductionCount {
  category: string;
  children: number;
}

/** Children of the municipality with a fee reduction in effect on any day of the month, by category. */
export async function reductionsInMonth(db: Db, municipalityId: string, month: CalendarDate): Promise<ReductionCount[]> {
  const rows = await db
    .selectFrom('fee_reductions')
    .select(['category', sql<number>`count(distinct child_id)::int`.as('n')])
    .where('municipality_id', '=', municipalityId)
    .where('effective_from', '<=', month.lastOfMonth().toString())
    .where((eb) => eb.or([eb('effective_until', 'is', null), eb('effective_until', '>=', month.toString())]))
    .groupBy('category')
    .execute();
  return rows.map((r) => ({ category: r.category, children: r.n }));
}

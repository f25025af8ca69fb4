// The guardian's side of step 5 (施設を探す): the four searches, the detail page's facility,
// favourites, and which facilities this family may book. Every query that reads a guardian's own
// data (favourites, reservations, applications) is filtered by that guardian's id in SQL.
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, Db } from '../platform/database.ts';
import { isUuid } from '../platform/ids.ts';
import { municipalitySettingsFor } from '../municipalities/settings-queries.ts';
import { CalendarDate } from '../platform/time.ts';

export const PAGE_SIZE = 20;

export interface Point {
  latitude: number;
  longitude: number;
}

type From = Database & { f: Database['facilities']; m: Database['municipalities'] };

/** The columns a facility card shows, and whether it is one of this guardian's favourites. */
function cardColumns(userId: string | null) {
  return (eb: ExpressionBuilder<From, 'f' | 'm'>) => [
    'f.id' as const,
    'f.name' as const,
    'f.name_kana' as const,
    'f.facility_type' as const,
    'f.address' as const,
    'f.opens_at' as const,
    'f.closes_at' as const,
    'f.open_days' as const,
    'f.ages_accepted' as const,
    'f.fee_per_hour' as const,
    'm.name as municipality_name' as const,
    'm.name_en as municipality_name_en' as const,
    userId
      ? eb
          .exists(eb.selectFrom('facility_favourites as fav').select(sql`1`.as('one')).whereRef('fav.facility_id', '=', 'f.id').where('fav.user_id', '=', userId))
          .$castTo<boolean>()
          .as('favourite')
      : sql<boolean>`false`.as('favourite'),
  ];
}

function facilitiesWithMunicipality(db: Db): SelectQueryBuilder<From, 'f' | 'm', object> {
  return db.selectFrom('facilities as f').innerJoin('municipalities as m', 'm.id', 'f.municipality_id') as unknown as SelectQueryBuilder<From, 'f' | 'm', object>;
}

/**
 * A point on the earth for earthdistance, made by the function that computes the indexed column
 * facilities.location (migrations/0005_restorable_location_index.ts).
 */
function earthAt(p: Point) {
  return sql`earth_location(${p.latitude}::float8, ${p.longitude}::float8)`;
}

/**
 * 現在地から探す: the nearest facilities first, across municipalities. The ORDER BY is a KNN
 * search (`<->`, straight-line distance through the earth, which orders exactly as the distance
 * along the surface does) on the column facilities.location, answered by the GiST index
 * facilities_location, so it reads only the rows it returns; earth_distance gives the metres
 * along the surface that are shown.
 */
export async function nearestFacilities(db: Db, origin: Point, options: { userId: string | null; page: number }) {
  const here = earthAt(origin);
  const rows = await facilitiesWithMunicipality(db)
    .select(cardColumns(options.userId))
    .select(sql<number>`earth_distance(f.location, ${here})`.as('distance_m'))
    .orderBy(sql`f.location <-> ${here}`)
    .limit(PAGE_SIZE + 1)
    .offset((options.page - 1) * PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE };
}

/** The SQL of nearestFacilities, for EXPLAIN in the benchmark. */
export function nearestFacilitiesQuery(db: Db, origin: Point, userId: string | null) {
  const here = earthAt(origin);
  return facilitiesWithMunicipality(db)
    .select(cardColumns(userId))
    .select(sql<number>`earth_distance(f.location, ${here})`.as('distance_m'))
    .orderBy(sql`f.location <-> ${here}`)
    .limit(PAGE_SIZE + 1);
}

export interface AreaFilters {
  age: number | undefined;
  day: number | undefined;
}

/** 都道府県から探す: one municipality's facilities in フリガナ order, filtered by age class and weekday. */
export async function facilitiesInMunicipality(db: Db, municipalityId: string, filters: AreaFilters, options: { userId: string | null; page: number }) {
  let query = facilitiesWithMunicipality(db).where('f.municipality_id', '=', municipalityId);
  if (filters.age !== undefined) query = query.where(sql<boolean>`${filters.age}::smallint = any(f.ages_accepted)`);
  if (filters.day !== undefined) query = query.where(sql<boolean>`${filters.day}::smallint = any(f.open_days)`);
  const [rows, total] = await Promise.all([
    query
      .select(cardColumns(options.userId))
      .orderBy('f.name_kana')
      .orderBy('f.id')
      .limit(PAGE_SIZE)
      .offset((options.page - 1) * PAGE_SIZE)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** Prefectures that have at least one municipality in the system come first in the list. */
export async function prefecturesWithCounts(db: Db) {
  return db
    .selectFrom('prefectures as p')
    .select((eb) => [
      'p.code',
      'p.name',
      'p.name_en',
      eb.selectFrom('municipalities as m').select(sql<number>`count(*)::int`.as('n')).whereRef('m.prefecture_code', '=', 'p.code').as('municipalities'),
    ])
    .orderBy('p.code')
    .execute();
}

export async function municipalitiesWithCounts(db: Db, prefectureCode: number) {
  return db
    .selectFrom('municipalities as m')
    .select((eb) => [
      'm.id',
      'm.code',
      'm.name',
      'm.name_en',
      eb.selectFrom('facilities as f').select(sql<number>`count(*)::int`.as('n')).whereRef('f.municipality_id', '=', 'm.id').as('facilities'),
    ])
    .where('m.prefecture_code', '=', prefectureCode)
    .orderBy('m.code')
    .execute();
}

/** Starting points for 現在地から探す without the browser's location: each municipality's office. */
export async function municipalOffices(db: Db) {
  return db
    .selectFrom('municipalities as m')
    .innerJoin('prefectures as p', 'p.code', 'm.prefecture_code')
    .select(['m.id', 'm.code', 'm.name', 'm.name_en', 'm.office_name', 'm.office_latitude', 'm.office_longitude', 'p.name as prefecture_name', 'p.name_en as prefecture_name_en'])
    .orderBy('m.prefecture_code')
    .orderBy('m.code')
    .execute();
}

export async function homeMunicipality(db: Db, municipalityId: string) {
  return db
    .selectFrom('municipalities')
    .select(['id', 'code', 'name', 'name_en', 'prefecture_code', 'named_facility_only'])
    .where('id', '=', municipalityId)
    .executeTakeFirstOrThrow();
}

/** お気に入りからさがす: this guardian's favourites only. */
export async function favouriteFacilities(db: Db, userId: string) {
  return facilitiesWithMunicipality(db)
    .innerJoin('facility_favourites as fav', 'fav.facility_id', 'f.id')
    .select(cardColumns(userId))
    .where('fav.user_id', '=', userId)
    .orderBy('f.name_kana')
    .orderBy('f.id')
    .limit(200)
    .execute();
}

export type ReservationKind = 'interview' | 'regular' | 'flexible';

/**
 * 面談・利用歴から探す: facilities where this guardian's children have a first interview or a
 * booking (cancelled ones do not count), most recent first.
 */
export async function historyFacilities(db: Db, userId: string) {
  const history = db
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .where('c.guardian_id', '=', userId)
    .where('r.status', '<>', 'cancelled')
    .select([
      'r.facility_id',
      sql<ReservationKind[]>`array_agg(distinct r.kind order by r.kind)`.as('kinds'),
      sql<string[]>`array_agg(distinct c.name order by c.name)`.as('children'),
      sql<Date>`max(r.starts_at)`.as('last_at'),
    ])
    .groupBy('r.facility_id');
  return db
    .selectFrom(history.as('h'))
    .innerJoin('facilities as f', 'f.id', 'h.facility_id')
    .innerJoin('municipalities as m', 'm.id', 'f.municipality_id')
    .select((eb) => [...cardColumns(userId)(eb as unknown as ExpressionBuilder<From, 'f' | 'm'>), 'h.kinds', 'h.children', 'h.last_at'])
    .orderBy('h.last_at', 'desc')
    .orderBy('f.id')
    .limit(200)
    .execute();
}

/** The facility detail page (any guardian may read any facility's public details). */
export async function facilityDetail(db: Db, id: string, userId: string | null) {
  if (!isUuid(id)) return undefined;
  return facilitiesWithMunicipality(db)
    .select(cardColumns(userId))
    .select(['f.phone', 'f.latitude', 'f.longitude', 'f.daily_capacity', 'f.introduction', 'f.notes', 'f.municipality_id'])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

export type FacilityCard = Awaited<ReturnType<typeof favouriteFacilities>>[number] & { distance_m?: number };

/** Adds or removes a favourite of the signed-in guardian; false if there is no such facility. */
export async function setFavourite(db: Db, user: { id: string; municipalityId: string }, facilityId: string, on: boolean): Promise<boolean> {
  if (!isUuid(facilityId)) return false;
  const facility = await db.selectFrom('facilities').select('id').where('id', '=', facilityId).executeTakeFirst();
  if (!facility) return false;
  if (on) {
    await db
      .insertInto('facility_favourites')
      .values({ user_id: user.id, facility_id: facilityId, municipality_id: user.municipalityId })
      .onConflict((oc) => oc.columns(['user_id', 'facility_id']).doNothing())
      .execute();
  } else {
    await db.deleteFrom('facility_favourites').where('user_id', '=', user.id).where('facility_id', '=', facilityId).execute();
  }
  return true;
}

/**
 * Which facilities this family may book. Where the municipality has the named-facility rule
 * (申請した施設のみ利用可), only the facilities named in the family's approved applications.
 */
export type BookingRule =
  | { kind: 'open' }
  | { kind: 'named'; municipalityName: string; municipalityNameEn: string; facilities: Array<{ id: string; name: string }> };

/** The rule in effect in `month` (設定 dates its changes), as booking itself applies it. */
export async function bookingRule(db: Db, user: { id: string; municipalityId: string }, month: CalendarDate): Promise<BookingRule> {
  const [municipality, settings] = await Promise.all([
    db.selectFrom('municipalities').select(['name', 'name_en']).where('id', '=', user.municipalityId).executeTakeFirstOrThrow(),
    municipalitySettingsFor(db, user.municipalityId, month),
  ]);
  if (!settings.namedFacilityOnly) return { kind: 'open' };
  const facilities = await db
    .selectFrom('applications as a')
    .innerJoin('facilities as f', 'f.id', 'a.desired_facility_id')
    .select(['f.id', 'f.name'])
    .distinct()
    .where('a.guardian_user_id', '=', user.id)
    .where('a.municipality_id', '=', user.municipalityId)
    .where('a.status', '=', 'approved')
    .orderBy('f.name')
    .execute();
  return { kind: 'named', municipalityName: municipality.name, municipalityNameEn: municipality.name_en, facilities };
}

/** undefined where the municipality has no rule; otherwise whether this facility may be booked. */
export function mayBook(rule: BookingRule, facilityId: string): boolean | undefined {
  return rule.kind === 'open' ? undefined : rule.facilities.some((f) => f.id === facilityId);
}

// 利用料減免: a municipality's staff record a child's reduction category from a date, and end one.
// Periods of one child never overlap (constraint fee_reductions_no_overlap decides a race); the
// child row is locked so that recording a new category and ending the open one happen together.
// (Issue 10 adds the guardians' applications with evidence; facilities only ever see the category.)
import { sql } from 'kysely';
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { conflictAs } from '../platform/db-errors.ts';
import { CalendarDate } from '../platform/time.ts';
import type { ReductionCategory } from '../attendance/tables.ts';

export interface Reduction {
  id: string;
  category: ReductionCategory;
  effectiveFrom: CalendarDate;
  effectiveUntil: CalendarDate | undefined;
  recordedAt: Date;
  recordedBy: string;
}

export interface ReductionChild {
  id: string;
  name: string;
  nameKana: string;
  birthDate: string;
  certificationNumber: string;
}

export async function reductionChild(db: Db, municipalityId: string, childId: string): Promise<ReductionChild | undefined> {
  const row = await db
    .selectFrom('children')
    .select(['id', 'name', 'name_kana', 'birth_date', 'certification_number'])
    .where('id', '=', childId)
    .where('municipality_id', '=', municipalityId)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, nameKana: row.name_kana, birthDate: row.birth_date, certificationNumber: row.certification_number };
}

/** A child's reductions, the latest first. */
export async function reductionsOf(db: Db, childId: string): Promise<Reduction[]> {
  const rows = await db
    .selectFrom('fee_reductions as r')
    .innerJoin('users as u', 'u.id', 'r.recorded_by')
    .select(['r.id', 'r.category', 'r.effective_from', 'r.effective_until', 'r.recorded_at', 'u.display_name'])
    .where('r.child_id', '=', childId)
    .orderBy('r.effective_from', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    effectiveFrom: CalendarDate.from(r.effective_from),
    effectiveUntil: r.effective_until ? CalendarDate.from(r.effective_until) : undefined,
    recordedAt: r.recorded_at,
    recordedBy: r.display_name,
  }));
}

export interface ReductionListRow extends ReductionChild {
  /** The category in effect today, if any. */
  current: ReductionCategory | undefined;
}

/**
 * The municipality's children found by name, kana (as typed: names are never normalised) or
 * 認定番号; with no search, those with a reduction recorded. At most 50.
 */
export async function findChildren(db: Db, municipalityId: string, search: string, today: CalendarDate): Promise<ReductionListRow[]> {
  let query = db
    .selectFrom('children as c')
    .leftJoin('fee_reductions as r', (join) =>
      join
        .onRef('r.child_id', '=', 'c.id')
        .on('r.effective_from', '<=', today.toString())
        .on((eb) => eb.or([eb('r.effective_until', 'is', null), eb('r.effective_until', '>=', today.toString())])),
    )
    .select(['c.id', 'c.name', 'c.name_kana', 'c.birth_date', 'c.certification_number', 'r.category'])
    .where('c.municipality_id', '=', municipalityId);
  if (search) {
    query = query.where((eb) =>
      eb.or([eb(sql<number>`strpos(c.name, ${search})`, '>', 0), eb(sql<number>`strpos(c.name_kana, ${search})`, '>', 0), eb('c.certification_number', '=', search)]),
    );
  } else {
    query = query.where((eb) => eb.exists(eb.selectFrom('fee_reductions as any').select('any.id').whereRef('any.child_id', '=', 'c.id')));
  }
  const rows = await query.orderBy('c.name_kana').orderBy('c.id').limit(50).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, nameKana: r.name_kana, birthDate: r.birth_date, certificationNumber: r.certification_number, current: r.category ?? undefined }));
}

export type RecordResult =
  | { outcome: 'recorded'; id: string; ended: Reduction | undefined }
  /** A reduction starting on or after that date exists: end or look at it first. */
  | { outcome: 'later-exists'; from: CalendarDate }
  /** Another change overlapped at the same moment (fee_reductions_no_overlap). */
  | { outcome: 'overlap' };

/**
 * Records `category` from `from` on, open-ended. A reduction running on that date is ended the day
 * before (the tax year's switch in September is exactly this); one starting on or after it refuses.
 */
export async function recordReduction(db: Db, clock: Clock, staff: { id: string; municipalityId: string }, childId: string, category: ReductionCategory, from: CalendarDate): Promise<RecordResult> {
  return conflictAs(
    db.transaction().execute((tx) => recordReductionIn(tx, clock.now(), staff, childId, category, from, undefined)),
    { fee_reductions_no_overlap: { outcome: 'overlap' } },
  );
}

/**
 * recordReduction's work inside the caller's transaction (an approved application writes its
 * reduction with its decision), from `from` until `until` (inclusive; undefined: open-ended). The
 * caller turns fee_reductions_no_overlap into its own answer.
 */
export async function recordReductionIn(
  tx: Db,
  now: Date,
  staff: { id: string; municipalityId: string },
  childId: string,
  category: ReductionCategory,
  from: CalendarDate,
  until: CalendarDate | undefined,
): Promise<RecordResult> {
  await tx.selectFrom('children').select('id').where('id', '=', childId).where('municipality_id', '=', staff.municipalityId).forNoKeyUpdate().executeTakeFirstOrThrow();
  const periods = await reductionsOf(tx, childId);
  const later = periods.find((p) => !p.effectiveFrom.isBefore(from));
  if (later) return { outcome: 'later-exists', from: later.effectiveFrom };
  const running = periods.find((p) => p.effectiveUntil === undefined || !p.effectiveUntil.isBefore(from));
  if (running) {
    const ended = from.addDays(-1);
    await tx.updateTable('fee_reductions').set({ effective_until: ended.toString() }).where('id', '=', running.id).execute();
    await audit(tx, { action: 'child.fee_reduction.end', actorId: staff.id, municipalityId: staff.municipalityId, subjectId: childId, at: now, detail: { reduction_id: running.id, effective_until: ended.toString() } });
  }
  const row = await tx
    .insertInto('fee_reductions')
    .values({ child_id: childId, municipality_id: staff.municipalityId, category, effective_from: from.toString(), effective_until: until?.toString() ?? null, recorded_by: staff.id, recorded_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(tx, { action: 'child.fee_reduction.record', actorId: staff.id, municipalityId: staff.municipalityId, subjectId: childId, at: now, detail: { reduction_id: row.id, category, effective_from: from.toString() } });
  return { outcome: 'recorded', id: row.id, ended: running };
}

export type EndResult = { outcome: 'ended' } | { outcome: 'not-found' } | { outcome: 'before-start'; from: CalendarDate } | { outcome: 'overlap' };

/** Ends (or moves the end of) one of the child's reductions: it applies up to and including `until`. */
export async function endReduction(db: Db, clock: Clock, staff: { id: string; municipalityId: string }, childId: string, reductionId: string, until: CalendarDate): Promise<EndResult> {
  return conflictAs(
    db.transaction().execute(async (tx): Promise<EndResult> => {
      await tx.selectFrom('children').select('id').where('id', '=', childId).where('municipality_id', '=', staff.municipalityId).forNoKeyUpdate().executeTakeFirstOrThrow();
      const row = await tx.selectFrom('fee_reductions').select(['id', 'effective_from']).where('id', '=', reductionId).where('child_id', '=', childId).executeTakeFirst();
      if (!row) return { outcome: 'not-found' };
      const from = CalendarDate.from(row.effective_from);
      if (until.isBefore(from)) return { outcome: 'before-start', from };
      const now = clock.now();
      await tx.updateTable('fee_reductions').set({ effective_until: until.toString() }).where('id', '=', reductionId).execute();
      await audit(tx, { action: 'child.fee_reduction.end', actorId: staff.id, municipalityId: staff.municipalityId, subjectId: childId, at: now, detail: { reduction_id: reductionId, effective_until: until.toString() } });
      return { outcome: 'ended' };
    }),
    { fee_reductions_no_overlap: { outcome: 'overlap' } },
  );
}

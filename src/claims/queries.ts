// Claims (給付費請求, issue 10): computed from the month's uses as src/fees/queries.ts reads them
// (the same billed time the facility's usage page shows), stored when submitted, reviewed by the
// addressed municipality. Every status change is one transaction on the locked claim row with a
// condition on its status, so a double submit or two clerks at once act once; every step is a
// claim_events row and an audit entry.
import { sql } from 'kysely';
import { audit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { CalendarDate, DateRange } from '../platform/time.ts';
import { usesAtFacility } from '../fees/queries.ts';
import { ADDON_KINDS, claimLines, monthIsOver, totalOf, SUBMITTABLE, UNDER_REVIEW, type ClaimLine, type ClaimUse, type Omission, type PriceTable } from './rules.ts';
import type { AddonKind, ClaimEventAction, ClaimLineKind, ClaimStatus, PriceKind } from './tables.ts';

export interface ClaimHead {
  id: string;
  municipalityId: string;
  municipalityName: string;
  municipalityNameEn: string;
  facilityId: string;
  facilityName: string;
  month: CalendarDate;
  status: ClaimStatus;
  submission: number;
  totalYen: number | null;
  paidOn: CalendarDate | null;
  paidYen: number | null;
}

/** A line as stored with a submission (the age class read back as a number). */
export type StoredLine = Omit<ClaimLine, 'ageClass'> & { ageClass: number };

export interface ClaimEvent {
  action: ClaimEventAction;
  actorName: string;
  at: Date;
  comment: string | null;
  totalYen: number | null;
  paidOn: string | null;
  paidYen: number | null;
}

function headsQuery(db: Db) {
  return db
    .selectFrom('claims as k')
    .innerJoin('facilities as f', 'f.id', 'k.facility_id')
    .innerJoin('municipalities as m', 'm.id', 'k.municipality_id')
    .select(['k.id', 'k.municipality_id', 'm.name as municipality_name', 'm.name_en as municipality_name_en', 'k.facility_id', 'f.name as facility_name', 'k.month', 'k.status', 'k.submission', 'k.total_yen', 'k.paid_on', 'k.paid_yen']);
}
type HeadRow = Awaited<ReturnType<ReturnType<typeof headsQuery>['execute']>>[number];
const toHead = (r: HeadRow): ClaimHead => ({
  id: r.id,
  municipalityId: r.municipality_id,
  municipalityName: r.municipality_name,
  municipalityNameEn: r.municipality_name_en,
  facilityId: r.facility_id,
  facilityName: r.facility_name,
  month: CalendarDate.from(r.month),
  status: r.status,
  submission: r.submission,
  totalYen: r.total_yen,
  paidOn: r.paid_on ? CalendarDate.from(r.paid_on) : null,
  paidYen: r.paid_yen,
});

export async function priceTable(db: Db): Promise<PriceTable> {
  const rows = await db.selectFrom('claim_unit_prices').selectAll().execute();
  const table = new Map<number, Partial<Record<PriceKind, number>>>();
  for (const row of rows) table.set(row.fiscal_year, { ...table.get(row.fiscal_year), [row.kind]: row.yen_per_hour });
  return table;
}

/** The facility's uses of the month as claim facts, with the municipality each is claimed from (the booking's: the child's home). */
async function claimUsesAt(db: Db, facilityId: string, month: CalendarDate): Promise<Array<ClaimUse & { municipalityId: string }>> {
  const uses = await usesAtFacility(db, facilityId, DateRange.monthOf(month));
  if (uses.length === 0) return [];
  const facts = await db
    .selectFrom('reservations as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .select(['r.id', 'r.municipality_id', 'c.birth_date'])
    .where('r.id', 'in', uses.map((u) => u.id))
    .execute();
  const byId = new Map(facts.map((f) => [f.id, f]));
  return uses.map((u) => {
    const f = byId.get(u.id)!;
    return {
      reservationId: u.id,
      municipalityId: f.municipality_id,
      childId: u.childId,
      childName: u.childName,
      childKana: u.childKana,
      birthDate: CalendarDate.from(f.birth_date),
      date: u.booked.date,
      state: u.charge.state,
      billedMinutes: u.charge.billedMinutes,
    };
  });
}

async function addonsAt(db: Db, facilityId: string, month: CalendarDate): Promise<Map<string, AddonKind[]>> {
  const rows = await db.selectFrom('claim_addons').select(['child_id', 'addons']).where('facility_id', '=', facilityId).where('month', '=', month.toString()).execute();
  return new Map(rows.map((r) => [r.child_id, ADDON_KINDS.filter((a) => r.addons.includes(a))]));
}

/** The claim of (facility, municipality, month) as the uses stand now. */
export async function computeClaim(db: Db, facilityId: string, municipalityId: string, month: CalendarDate): Promise<{ lines: ClaimLine[]; omitted: Omission[]; totalYen: number }> {
  const uses = (await claimUsesAt(db, facilityId, month)).filter((u) => u.municipalityId === municipalityId);
  const addons = await addonsAt(db, facilityId, month);
  const { lines, omitted } = claimLines(uses, await priceTable(db), (childId) => addons.get(childId) ?? []);
  return { lines, omitted, totalYen: totalOf(lines) };
}

/**
 * The facility's claims of a month: one per home municipality of the children who used it. The
 * claim rows are made here (insert … on conflict do nothing: idempotent), so each has an id to
 * open; a draft holds no amounts until it is submitted.
 */
export async function claimsOfFacilityMonth(db: Db, clock: Clock, facilityId: string, month: CalendarDate): Promise<ClaimHead[]> {
  const municipalities = [...new Set((await claimUsesAt(db, facilityId, month)).map((u) => u.municipalityId))];
  const now = clock.now();
  if (municipalities.length > 0) {
    await db
      .insertInto('claims')
      .values(municipalities.map((m) => ({ municipality_id: m, facility_id: facilityId, month: month.toString(), created_at: now, updated_at: now })))
      .onConflict((oc) => oc.columns(['facility_id', 'municipality_id', 'month']).doNothing())
      .execute();
  }
  const rows = await headsQuery(db).where('k.facility_id', '=', facilityId).where('k.month', '=', month.toString()).orderBy('m.code').execute();
  return rows.map(toHead);
}

export async function claimHead(db: Db, id: string): Promise<ClaimHead | undefined> {
  const row = await headsQuery(db).where('k.id', '=', id).executeTakeFirst();
  return row ? toHead(row) : undefined;
}

/** The lines stored at the claim's current submission. */
export async function storedLines(db: Db, head: Pick<ClaimHead, 'id' | 'submission'>): Promise<StoredLine[]> {
  const rows = await db.selectFrom('claim_lines').selectAll().where('claim_id', '=', head.id).where('submission', '=', head.submission).orderBy('position').execute();
  return rows.map((r) => ({
    reservationId: r.reservation_id,
    childId: r.child_id,
    childName: r.child_name,
    childKana: r.child_kana,
    date: CalendarDate.from(r.use_date),
    kind: r.kind,
    ageClass: r.age_class,
    billedMinutes: r.billed_minutes,
    yenPerHour: r.yen_per_hour,
    addons: ADDON_KINDS.filter((a) => r.addons.includes(a)),
    addonYenPerHour: r.addon_yen_per_hour,
    amountYen: r.amount_yen,
  }));
}

export async function eventsOf(db: Db, claimId: string): Promise<ClaimEvent[]> {
  const rows = await db
    .selectFrom('claim_events as e')
    .innerJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.action', 'u.display_name', 'e.at', 'e.comment', 'e.total_yen', 'e.paid_on', 'e.paid_yen'])
    .where('e.claim_id', '=', claimId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ action: r.action, actorName: r.display_name, at: r.at, comment: r.comment, totalYen: r.total_yen, paidOn: r.paid_on, paidYen: r.paid_yen }));
}

export type SubmitResult =
  | { outcome: 'submitted'; totalYen: number }
  | { outcome: 'already'; status: ClaimStatus }
  | { outcome: 'month-not-over' }
  | { outcome: 'empty' }
  /** The uses changed since the page was shown (a correction): shown again with the new total. */
  | { outcome: 'changed'; totalYen: number };

/** Submits (or resubmits) the claim: its lines are computed now and stored with it. */
export async function submitClaim(db: Db, clock: Clock, staff: { id: string; facilityId: string }, claimId: string, shownTotal: number): Promise<SubmitResult> {
  return db.transaction().execute(async (tx) => {
    const claim = await tx.selectFrom('claims').selectAll().where('id', '=', claimId).where('facility_id', '=', staff.facilityId).forUpdate().executeTakeFirstOrThrow();
    if (!SUBMITTABLE.includes(claim.status)) return { outcome: 'already', status: claim.status } as const;
    const month = CalendarDate.from(claim.month);
    const now = clock.now();
    if (!monthIsOver(month, CalendarDate.inTokyo(now))) return { outcome: 'month-not-over' } as const;
    const { lines, totalYen } = await computeClaim(tx, claim.facility_id, claim.municipality_id, month);
    if (lines.length === 0) return { outcome: 'empty' } as const;
    if (totalYen !== shownTotal) return { outcome: 'changed', totalYen } as const;
    const submission = claim.submission + 1;
    await tx
      .insertInto('claim_lines')
      .values(
        lines.map((l, i) => ({
          claim_id: claim.id,
          municipality_id: claim.municipality_id,
          facility_id: claim.facility_id,
          submission,
          position: i + 1,
          reservation_id: l.reservationId,
          child_id: l.childId,
          child_name: l.childName,
          child_kana: l.childKana,
          use_date: l.date.toString(),
          kind: l.kind,
          age_class: l.ageClass,
          billed_minutes: l.billedMinutes,
          yen_per_hour: l.yenPerHour,
          addons: l.addons,
          addon_yen_per_hour: l.addonYenPerHour,
          amount_yen: l.amountYen,
        })),
      )
      .execute();
    const action = claim.status === 'returned' ? 'resubmit' : 'submit';
    await tx
      .updateTable('claims')
      .set({ status: action === 'resubmit' ? 'resubmitted' : 'submitted', submission, total_yen: totalYen, updated_at: now })
      .where('id', '=', claim.id)
      .execute();
    await tx.insertInto('claim_events').values({ claim_id: claim.id, municipality_id: claim.municipality_id, action, actor_id: staff.id, at: now, comment: null, total_yen: totalYen, paid_on: null, paid_yen: null }).execute();
    await audit(tx, { action: 'claim.submit', actorId: staff.id, municipalityId: claim.municipality_id, subjectId: claim.id, at: now, detail: { facility_id: claim.facility_id, submission, total_yen: totalYen } });
    return { outcome: 'submitted', totalYen } as const;
  });
}

export type DecisionResult = { outcome: 'done' } | { outcome: 'already'; status: ClaimStatus };

/** 差し戻し (with the comment) or 承認, only while the claim waits for review. */
export async function decideClaim(db: Db, clock: Clock, staff: { id: string; municipalityId: string }, claimId: string, decision: { kind: 'return'; comment: string } | { kind: 'approve' }): Promise<DecisionResult> {
  return db.transaction().execute(async (tx) => {
    const claim = await tx.selectFrom('claims').selectAll().where('id', '=', claimId).where('municipality_id', '=', staff.municipalityId).forUpdate().executeTakeFirstOrThrow();
    if (!UNDER_REVIEW.includes(claim.status)) return { outcome: 'already', status: claim.status } as const;
    const now = clock.now();
    const status: ClaimStatus = decision.kind === 'return' ? 'returned' : 'approved';
    await tx.updateTable('claims').set({ status, updated_at: now }).where('id', '=', claim.id).execute();
    const comment = decision.kind === 'return' ? decision.comment : null;
    await tx.insertInto('claim_events').values({ claim_id: claim.id, municipality_id: claim.municipality_id, action: decision.kind, actor_id: staff.id, at: now, comment, total_yen: claim.total_yen, paid_on: null, paid_yen: null }).execute();
    await audit(tx, { action: decision.kind === 'return' ? 'claim.return' : 'claim.approve', actorId: staff.id, municipalityId: claim.municipality_id, subjectId: claim.id, at: now, detail: { facility_id: claim.facility_id, submission: claim.submission } });
    return { outcome: 'done' } as const;
  });
}

/** 支払の記録: once, on an approved claim. */
export async function recordClaimPayment(db: Db, clock: Clock, staff: { id: string; municipalityId: string }, claimId: string, paidOn: CalendarDate, paidYen: number): Promise<DecisionResult> {
  return db.transaction().execute(async (tx) => {
    const now = clock.now();
    const claim = await tx
      .updateTable('claims')
      .set({ status: 'paid', paid_on: paidOn.toString(), paid_yen: paidYen, updated_at: now })
      .where('id', '=', claimId)
      .where('municipality_id', '=', staff.municipalityId)
      .where('status', '=', 'approved')
      .returning(['id', 'municipality_id', 'facility_id', 'total_yen'])
      .executeTakeFirst();
    if (!claim) {
      const current = await tx.selectFrom('claims').select('status').where('id', '=', claimId).executeTakeFirstOrThrow();
      return { outcome: 'already', status: current.status } as const;
    }
    await tx.insertInto('claim_events').values({ claim_id: claim.id, municipality_id: claim.municipality_id, action: 'pay', actor_id: staff.id, at: now, comment: null, total_yen: claim.total_yen, paid_on: paidOn.toString(), paid_yen: paidYen }).execute();
    await audit(tx, { action: 'claim.payment.record', actorId: staff.id, municipalityId: claim.municipality_id, subjectId: claim.id, at: now, detail: { facility_id: claim.facility_id, paid_on: paidOn.toString(), paid_yen: paidYen } });
    return { outcome: 'done' } as const;
  });
}

/** The facility marks a child's add-ons for the month (while the claims of the month can still change). */
export async function setAddons(db: Db, facilityId: string, claim: { municipalityId: string; month: CalendarDate }, childId: string, addons: readonly AddonKind[]): Promise<void> {
  await db
    .insertInto('claim_addons')
    .values({ facility_id: facilityId, child_id: childId, municipality_id: claim.municipalityId, month: claim.month.toString(), addons: [...addons] })
    .onConflict((oc) => oc.columns(['facility_id', 'child_id', 'month']).doUpdateSet({ addons: [...addons] }))
    .execute();
}

export async function addonsOfMonth(db: Db, facilityId: string, month: CalendarDate): Promise<Map<string, AddonKind[]>> {
  return addonsAt(db, facilityId, month);
}

/** Claims addressed to the municipality (never drafts), of a month or all, newest month first. */
export async function claimsForMunicipality(db: Db, municipalityId: string, filter: { month?: CalendarDate | undefined; status?: ClaimStatus | undefined }): Promise<ClaimHead[]> {
  let query = headsQuery(db).where('k.municipality_id', '=', municipalityId).where('k.status', '!=', 'draft');
  if (filter.month) query = query.where('k.month', '=', filter.month.toString());
  if (filter.status) query = query.where('k.status', '=', filter.status);
  const rows = await query.orderBy('k.month', 'desc').orderBy('f.name_kana').limit(500).execute();
  return rows.map(toHead);
}

/** Every current line of the municipality's claims of a month, with its claim, for the CSV. */
export async function municipalityMonthLines(db: Db, municipalityId: string, month: CalendarDate): Promise<Array<{ head: ClaimHead; lines: StoredLine[] }>> {
  const heads = await claimsForMunicipality(db, municipalityId, { month });
  return Promise.all(heads.map(async (head) => ({ head, lines: await storedLines(db, head) })));
}

export interface ReceiptNotice {
  facilityName: string;
  status: ClaimStatus;
  billedMinutes: number;
  amountYen: number;
  paidOn: CalendarDate | null;
}

/** 法定代理受領の通知: what each facility claimed (and was paid) for the child in the month, from submitted claims. */
export async function receiptNotices(db: Db, childId: string, month: CalendarDate): Promise<ReceiptNotice[]> {
  const rows = await db
    .selectFrom('claim_lines as l')
    .innerJoin('claims as k', (j) => j.onRef('k.id', '=', 'l.claim_id').onRef('k.submission', '=', 'l.submission'))
    .innerJoin('facilities as f', 'f.id', 'k.facility_id')
    .select(['f.name', 'k.status', 'k.paid_on'])
    .select((eb) => [eb.fn.sum<number>('l.billed_minutes').as('minutes'), eb.fn.sum<number>('l.amount_yen').as('amount')])
    .where('l.child_id', '=', childId)
    .where('k.month', '=', month.toString())
    .where('k.status', '!=', 'draft')
    .groupBy(['k.id', 'f.name', 'k.status', 'k.paid_on'])
    .orderBy('f.name')
    .execute();
  return rows.map((r) => ({ facilityName: r.name, status: r.status, billedMinutes: Number(r.minutes), amountYen: Number(r.amount), paidOn: r.paid_on ? CalendarDate.from(r.paid_on) : null }));
}


/** How many claims addressed to the municipality wait for its review (submitted or resubmitted). */
export async function claimsWaitingFor(db: Db, municipalityId: string): Promise<number> {
  const row = await db
    .selectFrom('claims')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('municipality_id', '=', municipalityId)
    .where('status', 'in', UNDER_REVIEW)
    .executeTakeFirstOrThrow();
  return row.n;
}

import { verify } from '@node-rs/argon2';
import type { Kysely, Transaction } from 'kysely';
import { audit } from '../platform/audit.ts';
import type { Database, Db } from '../platform/database.ts';
import type { Clock } from '../platform/clock.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import { facilityMayReadChild } from './access.ts';
import { ALLERGENS, type Allergen, type BasicValue, type GuardianValue, type HealthValue, type MealsValue, type PeopleKind, type PeopleValue } from './form.ts';
import { twoFactorChangedMail } from './mails.ts';
import { isUuid } from '../platform/ids.ts';

type Executor = Kysely<Database>;

// ---- Reading ----

export interface Person {
  id: string;
  name: string;
  relationship: string;
  phone: string;
}

export interface ChildRecord {
  id: string;
  municipalityId: string;
  name: string;
  kana: string;
  birthDate: string;
  certificationNumber: string;
  certificationValidFrom: string;
  certificationValidUntil: string;
  sex: 'female' | 'male' | null;
  mealStage: MealsValue['mealStage'] | null;
  allergySeverity: MealsValue['severity'];
  allergyNotes: string;
  epinephrine: boolean;
  healthConditions: string;
  medicines: string;
  healthNotes: string;
  /** The profile's revision: a save names it, and fails if someone saved in between. */
  revision: number;
  allergens: Allergen[];
  emergencyContacts: Person[];
  pickupPersons: Person[];
}

/** Whose view: a guardian sees their own children; facility staff, children booked with them. */
export type ChildScope = { guardianId: string } | { facilityId: string };

export async function loadChild(db: Executor, childId: string, scope: ChildScope): Promise<ChildRecord | undefined> {
  if (!isUuid(childId)) return undefined;
  const row = await db
    .selectFrom('children')
    .leftJoin('child_profiles as p', 'p.child_id', 'children.id')
    .select([
      'children.id',
      'children.municipality_id',
      'children.name',
      'children.name_kana',
      'children.birth_date',
      'children.certification_number',
      'children.certification_valid_from',
      'children.certification_valid_until',
      'p.sex',
      'p.meal_stage',
      'p.allergy_severity',
      'p.allergy_notes',
      'p.epinephrine_auto_injector',
      'p.health_conditions',
      'p.medicines',
      'p.health_notes',
      'p.revision',
    ])
    .where('children.id', '=', childId)
    .where((eb) => ('guardianId' in scope ? eb('children.guardian_id', '=', scope.guardianId) : facilityMayReadChild(eb, scope.facilityId)))
    .executeTakeFirst();
  if (!row) return undefined;
  const [allergens, emergencyContacts, pickupPersons] = await Promise.all([
    db.selectFrom('child_allergens').select('allergen').where('child_id', '=', childId).execute(),
    peopleOf(db, 'emergency', childId),
    peopleOf(db, 'pickup', childId),
  ]);
  const ticked = new Set(allergens.map((a) => a.allergen));
  return {
    id: row.id,
    municipalityId: row.municipality_id,
    name: row.name,
    kana: row.name_kana,
    birthDate: row.birth_date,
    certificationNumber: row.certification_number,
    certificationValidFrom: row.certification_valid_from,
    certificationValidUntil: row.certification_valid_until,
    sex: row.sex ?? null,
    mealStage: row.meal_stage ?? null,
    allergySeverity: row.allergy_severity ?? null,
    allergyNotes: row.allergy_notes ?? '',
    epinephrine: row.epinephrine_auto_injector ?? false,
    healthConditions: row.health_conditions ?? '',
    medicines: row.medicines ?? '',
    healthNotes: row.health_notes ?? '',
    revision: row.revision ?? 0,
    allergens: ALLERGENS.filter((a) => ticked.has(a)),
    emergencyContacts,
    pickupPersons,
  };
}

const peopleTable = { emergency: 'child_emergency_contacts', pickup: 'child_pickup_persons' } as const;

// Both tables have the same columns; Kysely is given one name so it can type the queries.
function tableOf(kind: PeopleKind): 'child_emergency_contacts' {
  return peopleTable[kind] as 'child_emergency_contacts';
}

async function peopleOf(db: Executor, kind: PeopleKind, childId: string): Promise<Person[]> {
  return db.selectFrom(tableOf(kind)).select(['id', 'name', 'relationship', 'phone']).where('child_id', '=', childId).orderBy('position').execute();
}

export interface ChildSummary {
  id: string;
  name: string;
  birthDate: string;
  emergencyContacts: number;
}

export async function childrenOf(db: Db, guardianId: string): Promise<ChildSummary[]> {
  const rows = await db
    .selectFrom('children')
    .select((eb) => [
      'children.id',
      'children.name',
      'children.birth_date',
      eb
        .selectFrom('child_emergency_contacts as e')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('e.child_id', '=', 'children.id')
        .as('contacts'),
    ])
    .where('children.guardian_id', '=', guardianId)
    .orderBy('children.birth_date')
    .orderBy('children.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, birthDate: r.birth_date, emergencyContacts: Number(r.contacts ?? 0) }));
}

/** A child whose emergency contact is not yet entered, and which of its required fields are empty. */
export interface EmergencyGap {
  childId: string;
  childName: string;
  /** The contact's place in the list (1 = asked first). */
  position: number;
  missing: Array<'name' | 'relationship' | 'phone'>;
}

/**
 * The guardian's registration cannot be completed while any of these exist. Stored contacts
 * always have all three fields (the database checks it), so a gap is a child with no contact yet.
 */
export async function emergencyContactGaps(db: Executor, guardianId: string): Promise<EmergencyGap[]> {
  const rows = await db
    .selectFrom('children')
    .select(['children.id', 'children.name'])
    .where('children.guardian_id', '=', guardianId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('child_emergency_contacts as e').select('e.id').whereRef('e.child_id', '=', 'children.id'))))
    .orderBy('children.birth_date')
    .orderBy('children.id')
    .execute();
  return rows.map((r) => ({ childId: r.id, childName: r.name, position: 1, missing: ['name', 'relationship', 'phone'] }));
}

export interface GuardianRecord {
  name: string;
  kana: string;
  postalCode: string;
  address: string;
  phone: string;
  phone2: string | null;
  relationship: string;
  email: string;
  twoFactorEnabled: boolean;
  registeredAt: Date | null;
}

export async function loadGuardian(db: Db, guardianId: string): Promise<GuardianRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .leftJoin('guardian_profiles as g', 'g.user_id', 'users.id')
    .select([
      'users.email',
      'users.display_name',
      'users.two_factor_enabled',
      'g.name',
      'g.name_kana',
      'g.postal_code',
      'g.address',
      'g.phone',
      'g.phone2',
      'g.relationship',
      'g.registered_at',
    ])
    .where('users.id', '=', guardianId)
    .where('users.role', '=', 'guardian')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    name: row.name ?? row.display_name,
    kana: row.name_kana ?? '',
    postalCode: row.postal_code ?? '',
    address: row.address ?? '',
    phone: row.phone ?? '',
    phone2: row.phone2 ?? null,
    relationship: row.relationship ?? '',
    email: row.email,
    twoFactorEnabled: row.two_factor_enabled,
    registeredAt: row.registered_at ?? null,
  };
}

/** The children with a live reservation at the facility: the only ones its staff may open. */
export async function childrenBookedAt(db: Db, facilityId: string) {
  return db
    .selectFrom('children')
    .select(['children.id', 'children.name', 'children.name_kana', 'children.birth_date'])
    .where((eb) => facilityMayReadChild(eb, facilityId))
    .orderBy('children.name_kana')
    .orderBy('children.id')
    .limit(500)
    .execute();
}

/**
 * A facility's staff opening a child's profile: refused (undefined) unless the rule in access.ts
 * allows it, and every allowed read is written to the audit log in the same transaction.
 */
export async function readChildAsStaff(db: Db, clock: Clock, staff: { id: string; facilityId: string }, childId: string): Promise<ChildRecord | undefined> {
  return db.transaction().execute(async (tx) => {
    const child = await loadChild(tx, childId, { facilityId: staff.facilityId });
    if (!child) return undefined;
    await audit(tx, {
      action: 'child.sensitive.read',
      actorId: staff.id,
      municipalityId: child.municipalityId,
      subjectId: child.id,
      detail: { facility_id: staff.facilityId },
      at: clock.now(),
    });
    return child;
  });
}

// ---- Writing ----

export type GuardianSaveResult = { kind: 'saved' } | { kind: 'blocked'; gaps: EmergencyGap[] };

/**
 * 確定 → OK: saves the guardian's details and marks the registration complete — unless a child
 * still lacks an emergency contact, in which case nothing is saved.
 */
export async function saveGuardian(db: Db, clock: Clock, guardian: { id: string; municipalityId: string }, value: GuardianValue): Promise<GuardianSaveResult> {
  const now = clock.now();
  return db.transaction().execute(async (tx): Promise<GuardianSaveResult> => {
    // Locks the guardian's row, so the check and the save see the same children.
    await tx.selectFrom('users').select('id').where('id', '=', guardian.id).forUpdate().executeTakeFirstOrThrow();
    const gaps = await emergencyContactGaps(tx, guardian.id);
    if (gaps.length > 0) return { kind: 'blocked', gaps };
    const profile = {
      municipality_id: guardian.municipalityId,
      name: value.name,
      name_kana: value.kana,
      postal_code: value.postalCode,
      address: value.address,
      phone: value.phone,
      phone2: value.phone2,
      relationship: value.relationship,
      updated_at: now,
    };
    await tx
      .insertInto('guardian_profiles')
      .values({ user_id: guardian.id, ...profile, registered_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(profile))
      .execute();
    await tx
      .updateTable('guardian_profiles')
      .set({ registered_at: now })
      .where('user_id', '=', guardian.id)
      .where('registered_at', 'is', null)
      .execute();
    await tx.updateTable('users').set({ display_name: value.name }).where('id', '=', guardian.id).execute();
    return { kind: 'saved' };
  });
}

export type ChildSaveResult = 'saved' | 'not-found' | 'conflict';

/**
 * Saves one tab of a child's profile in one transaction. The child row is locked and must belong
 * to the guardian; the profile's revision must still be the one the form started from
 * (compare-and-set), so a second press of OK or an old browser tab changes nothing.
 */
async function saveChildTab(
  db: Db,
  clock: Clock,
  guardianId: string,
  childId: string,
  revision: number,
  write: (tx: Transaction<Database>, child: { id: string; municipality_id: string }) => Promise<void>,
): Promise<ChildSaveResult> {
  if (!isUuid(childId)) return 'not-found';
  return db.transaction().execute(async (tx): Promise<ChildSaveResult> => {
    const child = await tx
      .selectFrom('children')
      .select(['id', 'municipality_id'])
      .where('id', '=', childId)
      .where('guardian_id', '=', guardianId)
      .forUpdate()
      .executeTakeFirst();
    if (!child) return 'not-found';
    await tx
      .insertInto('child_profiles')
      .values({ child_id: child.id, municipality_id: child.municipality_id })
      .onConflict((oc) => oc.column('child_id').doNothing())
      .execute();
    const moved = await tx
      .updateTable('child_profiles')
      .set((eb) => ({ revision: eb('revision', '+', 1), updated_at: clock.now() }))
      .where('child_id', '=', child.id)
      .where('revision', '=', revision)
      .returning('revision')
      .executeTakeFirst();
    if (!moved) return 'conflict';
    await write(tx, child);
    return 'saved';
  });
}

export function saveBasic(db: Db, clock: Clock, guardianId: string, childId: string, revision: number, value: BasicValue) {
  return saveChildTab(db, clock, guardianId, childId, revision, async (tx, child) => {
    await tx.updateTable('children').set({ name: value.name, name_kana: value.kana }).where('id', '=', child.id).execute();
    await tx.updateTable('child_profiles').set({ sex: value.sex }).where('child_id', '=', child.id).execute();
  });
}

export function saveMeals(db: Db, clock: Clock, guardianId: string, childId: string, revision: number, value: MealsValue) {
  return saveChildTab(db, clock, guardianId, childId, revision, async (tx, child) => {
    await tx
      .updateTable('child_profiles')
      .set({ meal_stage: value.mealStage, allergy_severity: value.severity, allergy_notes: value.allergyNotes, epinephrine_auto_injector: value.epinephrine })
      .where('child_id', '=', child.id)
      .execute();
    // The set of allergens is replaced as a whole (the primary key forbids a duplicate).
    await tx.deleteFrom('child_allergens').where('child_id', '=', child.id).execute();
    if (value.allergens.length > 0) {
      await tx
        .insertInto('child_allergens')
        .values(value.allergens.map((allergen) => ({ child_id: child.id, municipality_id: child.municipality_id, allergen })))
        .execute();
    }
  });
}

export function saveHealth(db: Db, clock: Clock, guardianId: string, childId: string, revision: number, value: HealthValue) {
  return saveChildTab(db, clock, guardianId, childId, revision, async (tx, child) => {
    await tx
      .updateTable('child_profiles')
      .set({ health_conditions: value.conditions, medicines: value.medicines, health_notes: value.notes })
      .where('child_id', '=', child.id)
      .execute();
  });
}

/**
 * The list becomes exactly the lines saved, in their order. A line that edits a stored person
 * keeps that person's id (a booking may name who picks the child up); the others are removed or
 * added. An id that is not this child's is treated as a new person.
 */
export function savePeople(db: Db, clock: Clock, guardianId: string, childId: string, revision: number, kind: PeopleKind, value: PeopleValue) {
  return saveChildTab(db, clock, guardianId, childId, revision, async (tx, child) => {
    const table = tableOf(kind);
    const stored = new Set((await tx.selectFrom(table).select('id').where('child_id', '=', child.id).execute()).map((r) => r.id));
    const kept = value.flatMap((p) => (p.id && stored.has(p.id) ? [p.id] : []));
    let removal = tx.deleteFrom(table).where('child_id', '=', child.id);
    if (kept.length > 0) removal = removal.where('id', 'not in', kept);
    await removal.execute();
    for (const [i, person] of value.entries()) {
      const columns = { position: i + 1, name: person.name, relationship: person.relationship, phone: person.phone };
      if (person.id && stored.has(person.id)) {
        await tx.updateTable(table).set(columns).where('id', '=', person.id).where('child_id', '=', child.id).execute();
      } else {
        await tx.insertInto(table).values({ child_id: child.id, municipality_id: child.municipality_id, ...columns }).execute();
      }
    }
  });
}

// ---- 2段階認証 ----

export type TwoFactorResult = 'changed' | 'unchanged' | 'wrong-password';

/**
 * Switches the mailed one-time password at login on or off, after checking the password again.
 * Setting the state it already has changes nothing (a second press is harmless); a change is
 * recorded in the audit log and mailed to the guardian.
 */
export async function setTwoFactor(db: Db, clock: Clock, userId: string, enabled: boolean, password: string): Promise<TwoFactorResult> {
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', userId).executeTakeFirst();
  const valid = user?.password_hash ? await verify(user.password_hash, password).catch(() => false) : false;
  if (!valid) return 'wrong-password';
  return db.transaction().execute(async (tx): Promise<TwoFactorResult> => {
    const changed = await tx
      .updateTable('users')
      .set({ two_factor_enabled: enabled })
      .where('id', '=', userId)
      .where('two_factor_enabled', '=', !enabled)
      .returning(['email', 'municipality_id'])
      .executeTakeFirst();
    if (!changed) return 'unchanged';
    const now = clock.now();
    await audit(tx, {
      action: enabled ? 'account.two_factor.enable' : 'account.two_factor.disable',
      actorId: userId,
      municipalityId: changed.municipality_id,
      subjectId: userId,
      at: now,
    });
    await queueMail(tx, clock, twoFactorChangedMail(changed.email, enabled), changed.municipality_id);
    return 'changed';
  });
}

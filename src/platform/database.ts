import { Kysely, Migrator, PostgresDialect, type ColumnType, type Generated, type GeneratedAlways, sql } from 'kysely';
import pg from 'pg';
import { migrations } from '../../migrations/index.ts';
import { checkDatabaseConnection } from './database-connection.ts';

// A PostgreSQL `date` stays a 'YYYY-MM-DD' string: turning it into a JavaScript Date would
// shift it by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateString = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export type Role = 'guardian' | 'facility_staff' | 'municipality_staff';
export type FacilityType = 'nursery' | 'certified_centre' | 'small_scale' | 'kindergarten' | 'home_based' | 'other';

export interface Database {
  prefectures: { code: number; name: string; name_en: string };
  municipalities: {
    id: Generated<string>;
    code: string;
    prefecture_code: number;
    name: string;
    name_en: string;
    named_facility_only: Generated<boolean>;
    monthly_allowance_minutes: Generated<number>;
    office_name: string;
    office_latitude: number;
    office_longitude: number;
  };
  facilities: {
    id: Generated<string>;
    municipality_id: string;
    name: string;
    name_kana: string;
    address: string;
    phone: string;
    latitude: number;
    longitude: number;
    created_at: Generated<Date>;
    // 0003_facilities (guide step 5)
    facility_type: Generated<FacilityType>;
    /** 'HH:MM:SS' (PostgreSQL time). */
    opens_at: Generated<string>;
    closes_at: Generated<string>;
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    open_days: Generated<number[]>;
    /** Age classes accepted: 0, 1 and/or 2 (years). */
    ages_accepted: Generated<number[]>;
    daily_capacity: Generated<number>;
    fee_per_hour: Generated<number>;
    introduction: Generated<string>;
    notes: Generated<string>;
    updated_at: Timestamp | null;
    /** 0005: the point on the earth (earthdistance), from latitude and longitude; indexed. */
    location: GeneratedAlways<string>;
  };
  facility_favourites: {
    user_id: string;
    facility_id: string;
    municipality_id: string;
    created_at: Generated<Date>;
  };
  users: {
    id: Generated<string>;
    municipality_id: string;
    role: Role;
    facility_id: string | null;
    email: string;
    display_name: string;
    password_hash: string | null;
    two_factor_enabled: Generated<boolean>;
    terms_version_accepted: number | null;
    terms_accepted_at: Timestamp | null;
    created_at: Generated<Date>;
  };
  guardian_profiles: {
    user_id: string;
    municipality_id: string;
    name: string;
    name_kana: string;
    postal_code: string;
    address: string;
    phone: string;
    relationship: string;
    phone2: string | null;
    registered_at: Timestamp | null;
    updated_at: Timestamp | null;
  };
  children: {
    id: Generated<string>;
    municipality_id: string;
    guardian_id: string;
    name: string;
    name_kana: string;
    birth_date: DateString;
    certification_number: string;
    certification_valid_from: DateString;
    certification_valid_until: DateString;
    created_at: Generated<Date>;
  };
  // Profiles (guide step 4) and the first form of reservations: migrations/0002_profiles.ts
  child_profiles: {
    child_id: string;
    municipality_id: string;
    sex: 'female' | 'male' | null;
    meal_stage: 'milk' | 'weaning_early' | 'weaning_middle' | 'weaning_late' | 'weaning_complete' | 'toddler' | null;
    allergy_severity: 'mild' | 'moderate' | 'severe' | null;
    allergy_notes: Generated<string>;
    epinephrine_auto_injector: Generated<boolean>;
    health_conditions: Generated<string>;
    medicines: Generated<string>;
    health_notes: Generated<string>;
    revision: Generated<number>;
    updated_at: Timestamp | null;
  };
  child_allergens: { child_id: string; municipality_id: string; allergen: string };
  child_emergency_contacts: {
    id: Generated<string>;
    child_id: string;
    municipality_id: string;
    position: number;
    name: string;
    relationship: string;
    phone: string;
  };
  child_pickup_persons: {
    id: Generated<string>;
    child_id: string;
    municipality_id: string;
    position: number;
    name: string;
    relationship: string;
    phone: string;
  };
  reservations: {
    id: Generated<string>;
    municipality_id: string;
    facility_id: string;
    child_id: string;
    kind: 'interview' | 'regular' | 'flexible';
    status: 'provisional' | 'confirmed' | 'cancelled';
    starts_at: Timestamp;
    ends_at: Timestamp;
    created_at: Generated<Date>;
  };
  application_invitations: {
    id: Generated<string>;
    municipality_id: string;
    email: string;
    token_hash: string;
    expires_at: Timestamp;
    used_at: Timestamp | null;
    draft: Json<unknown> | null;
    created_at: Timestamp;
  };
  applications: {
    id: Generated<string>;
    municipality_id: string;
    reference: string;
    invitation_id: string;
    email: string;
    guardian_name: string;
    guardian_name_kana: string;
    postal_code: string;
    address: string;
    phone: string;
    relationship: string;
    desired_facility_id: string | null;
    status: Generated<'submitted' | 'approved' | 'rejected'>;
    rejection_reason: string | null;
    submitted_at: Timestamp;
    decided_at: Timestamp | null;
    decided_by: string | null;
    guardian_user_id: string | null;
  };
  application_children: {
    id: Generated<string>;
    application_id: string;
    municipality_id: string;
    position: number;
    name: string;
    name_kana: string;
    birth_date: DateString;
    child_id: string | null;
  };
  password_reset_tokens: {
    id: Generated<string>;
    user_id: string;
    municipality_id: string;
    token_hash: string;
    expires_at: Timestamp;
    used_at: Timestamp | null;
    created_at: Timestamp;
  };
  login_challenges: {
    id: Generated<string>;
    user_id: string;
    municipality_id: string;
    code_hash: string;
    attempts: Generated<number>;
    expires_at: Timestamp;
    consumed_at: Timestamp | null;
    created_at: Timestamp;
  };
  login_throttles: {
    login_key: string;
    failures: number;
    locked_until: Timestamp | null;
    updated_at: Timestamp;
  };
  sessions: {
    id_hash: string;
    user_id: string;
    stage: 'otp' | 'terms' | 'active';
    challenge_id: string | null;
    created_at: Timestamp;
    last_seen_at: Timestamp;
  };
  // 0007_remembered_devices: browsers that may skip the one-time password for 30 days
  remembered_devices: {
    id: Generated<string>;
    user_id: string;
    municipality_id: string;
    token_hash: string;
    label: string;
    created_at: Timestamp;
    last_used_at: Timestamp;
    expires_at: Timestamp;
  };
  mail_outbox: {
    id: Generated<number>;
    municipality_id: string | null;
    to_address: string;
    subject: string;
    text_body: string;
    html_body: string;
    status: Generated<'pending' | 'sent' | 'failed'>;
    attempts: Generated<number>;
    next_attempt_at: Timestamp;
    last_error: string | null;
    created_at: Timestamp;
    sent_at: Timestamp | null;
    // 0004_mail_recovery
    message_id: string | null;
    leased_by: string | null;
  };
  audit_log: {
    id: Generated<number>;
    municipality_id: string;
    actor_user_id: string | null;
    action: string;
    subject_type: string;
    subject_id: string;
    detail: Json<unknown> | null;
    at: Timestamp;
  };
  // 0006_rate_limits: counters shared by every process (src/platform/rate-limits.ts)
  rate_limit_counters: {
    key: string;
    hits: number;
    resets_at: Timestamp;
  };
}

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; without it the embedded PGlite is used. */
  url?: string;
  /** PGlite's data folder; 'memory://' keeps it in memory. */
  dataDir?: string;
  /** On PostgreSQL: a schema of its own (tests give each file one). */
  schema?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    // A wrong or unreachable address fails here, in one clear DatabaseConnectionError.
    await checkDatabaseConnection(options.url);
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const { cube } = await import('@electric-sql/pglite/contrib/cube');
  const { earthdistance } = await import('@electric-sql/pglite/contrib/earthdistance');
  const pglite = await PGlite.create(options.dataDir ?? 'memory://', { extensions: { cube, earthdistance } });
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

export async function migrateToLatest(db: Db, schema?: string): Promise<void> {
  if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    // Without a failed migration, the migrator itself could not start (its table or lock).
    throw new Error(failed ? `Migration ${failed.migrationName} failed: ${String(error)}` : `Migrations could not run: ${String(error)}`, { cause: error });
  }
}

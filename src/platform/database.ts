import { Kysely, Migrator, PostgresDialect, type ColumnType, type Generated, type GeneratedAlways, sql } from 'kysely';
import pg from 'pg';
import { migrations } from '../../migrations/index.ts';
import { checkDatabaseConnection } from './database-connection.ts';
import { PreparingClient } from './prepared-statements.ts';

// A PostgreSQL `date` stays a 'YYYY-MM-DD' string: turning it into a JavaScript Date would
// shift it by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type DateString = ColumnType<string, string, string>;
export type Json<T> = ColumnType<T, string, string>;

export type Role = 'guardian' | 'facility_staff' | 'municipality_staff';

/**
 * The database, composed: the platform's own tables are here, and each capability adds its tables
 * in its `tables.ts` by declaration merging (`declare module '../platform/database.ts'`), so the
 * platform names no capability and a capability's tables live beside its queries.
 */
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
    // 0010_support: where inquiries are mailed; null mails the municipality's staff.
    support_email: string | null;
    // 0011_attendance: how a late pick-up is charged (see the migration).
    late_pickup_rule: Generated<'guide' | 'actual'>;
    // 0012_municipality_settings: the cancellation deadline new facilities start with.
    default_cancel_minutes_before_day: Generated<number>;
  };
  /** 0018: one row per daily job and Tokyo day that has run (platform/daily-jobs.ts). */
  daily_job_runs: {
    job: string;
    day: DateString;
    finished_at: Timestamp;
    result: Json<Record<string, number>>;
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
  sessions: {
    id_hash: string;
    user_id: string;
    stage: 'otp' | 'terms' | 'active';
    challenge_id: string | null;
    created_at: Timestamp;
    last_seen_at: Timestamp;
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

/** The connections to a PostgreSQL server: 10, preparing the statements they run (prepared-statements.ts). */
export function postgresPool(url: string, options: { schema?: string | undefined; max?: number } = {}): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    Client: PreparingClient,
    ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
  });
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    // A wrong or unreachable address fails here, in one clear DatabaseConnectionError.
    await checkDatabaseConnection(options.url);
    const pool = postgresPool(options.url, { schema: options.schema });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const { cube } = await import('@electric-sql/pglite/contrib/cube');
  const { earthdistance } = await import('@electric-sql/pglite/contrib/earthdistance');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const pglite = await PGlite.create(options.dataDir ?? 'memory://', { extensions: { cube, earthdistance, btree_gist } });
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

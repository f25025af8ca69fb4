import { ConfigError, readConfig } from './platform/config.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase } from './platform/database.ts';
import { DatabaseConnectionError } from './platform/database-connection.ts';
import { systemClock } from './platform/clock.ts';
import { appDeps, buildApp } from './app.ts';
import { SAMPLE_PASSWORD, sampleLogins, seedReferenceData, seedSampleData } from './seed.ts';
import { startMailSender } from './platform/mail/sender.ts';
import { startDailyJobs } from './platform/daily-jobs.ts';
import { retentionJob } from './profiles/retention.ts';
import { certificationChangesJob } from './applications/certification-queries.ts';
import { reapplyReminderJob } from './fees/application-queries.ts';

let config;
try {
  config = readConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Tsuen: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

let database: DatabaseHandle;
try {
  database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl, ...(config.databaseSchema ? { schema: config.databaseSchema } : {}) } : { dataDir: config.dataDir });
} catch (error) {
  if (error instanceof DatabaseConnectionError) {
    console.error(`Tsuen: cannot connect to the database at DATABASE_URL=${error.address} (${error.reason}). ${error.hint}`);
    process.exit(1);
  }
  throw error;
}
await migrateToLatest(database.db, config.databaseUrl ? config.databaseSchema : undefined);
await seedReferenceData(database.db);
if (!config.production) {
  const seeded = await seedSampleData(database.db, { extraFacilities: config.seedFacilities });
  // Sample data is loaded into an empty database only, so the option needs a fresh one.
  if (seeded.length === 0 && config.seedFacilities > 0) {
    console.warn(`SEED_FACILITIES=${config.seedFacilities} was ignored: the database already has data. Use an empty one, e.g. DATA_DIR=./data-${config.seedFacilities}.`);
  }
}

const deps = appDeps(database.db, systemClock, config);
const app = await buildApp(deps, { logger: true });
const stopMail = config.smtpUrl
  ? startMailSender({ db: database.db, clock: systemClock, smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log })
  : undefined;

const stopDailyJobs = startDailyJobs({ db: database.db, clock: systemClock, jobs: [certificationChangesJob, retentionJob(config.retentionYears), reapplyReminderJob(config.baseUrl)], log: app.log });

await app.listen({ port: config.port, host: config.host });

const logins = config.production ? [] : await sampleLogins(database.db);
console.log(`\nTsuen is running at ${config.baseUrl}/`);
if (deps.showMailbox) console.log(`Mail is not sent (no SMTP_URL); read it at ${config.baseUrl}/dev/mailbox`);
if (logins.length > 0) {
  console.log(`\nSample logins (password: ${SAMPLE_PASSWORD}; the one-time password arrives in the mailbox):`);
  for (const login of logins) console.log(`  ${login.role.padEnd(18)} ${login.email.padEnd(40)} ${login.place}`);
}

async function shutdown() {
  await app.close();
  await stopMail?.();
  await stopDailyJobs();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

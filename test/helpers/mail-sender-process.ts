// A mail sender in a process of its own, as src/main.ts starts it, for tests that kill it.
// Environment: DATABASE_URL and DATABASE_SCHEMA (the test's PostgreSQL schema), SMTP_URL, MAIL_FROM.
// Logs one JSON object a line on stdout; SIGTERM stops it cleanly.
import { systemClock } from '../../src/platform/clock.ts';
import { openDatabase } from '../../src/platform/database.ts';
import { startMailSender } from '../../src/platform/mail/sender.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const print = (level: string) => (obj: object, msg: string) => process.stdout.write(`${JSON.stringify({ level, msg, ...obj })}\n`);

const database = await openDatabase({ url: required('DATABASE_URL'), schema: required('DATABASE_SCHEMA') });
const stop = startMailSender({
  db: database.db,
  clock: systemClock,
  smtpUrl: required('SMTP_URL'),
  from: required('MAIL_FROM'),
  log: { info: print('info'), warn: print('warn') },
});

process.once('SIGTERM', () => {
  void stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});

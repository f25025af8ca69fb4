// A mail sender killed (kill -9) in the middle of sending, and a new one started: the outbox must
// lose nothing, a duplicate must keep its Message-ID, and mail must not wait out a long lease.
// The sender runs in a child process against the same database, so this needs PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { systemClock } from '../../src/platform/clock.ts';
import { queueMail } from '../../src/platform/mail/outbox.ts';
import { LEASE_MS } from '../../src/platform/mail/sender.ts';
import { oneTimePasswordMail } from '../../src/accounts/mails.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { TestSmtpServer, type Received } from '../helpers/smtp.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const skip = databaseUrl
  ? false
  : 'needs PostgreSQL: set TEST_DATABASE_URL (the sender runs in a child process; PGlite lives inside one process)';

const FROM = 'Tsuen <no-reply@tsuen.example.jp>';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const senderScript = fileURLToPath(new URL('../helpers/mail-sender-process.ts', import.meta.url));

interface SenderProcess {
  child: ChildProcess;
  /** The id the sender logged at start (it names the rows it leases). */
  senderId: Promise<string>;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
  logs: Array<{ level: string; msg: string; [key: string]: unknown }>;
}

function startSenderProcess(schema: string, smtpPort: number): SenderProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: FROM,
  };
  delete env.NODE_TEST_CONTEXT; // the child is a sender, not a test file
  const child = spawn(process.execPath, ['--import', 'tsx', senderScript], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: SenderProcess['logs'] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const senderId = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as SenderProcess['logs'][number];
      logs.push(entry);
      if (entry.msg === 'mail sender started') resolve(String(entry.senderId));
    });
    void exited.then(([code, signal]) => reject(new Error(`the sender process ended (${code ?? signal}) before starting: ${stderr}`)));
  });
  return { child, senderId, exited, logs };
}

async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  const cancel = new AbortController(); // so a pending timer does not keep the test process alive
  const timeout = delay(ms, undefined, { signal: cancel.signal }).then(() => {
    throw new Error(`${what}: not within ${ms / 1000} s`);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    cancel.abort();
  }
}

describe('a mail sender killed while sending', { skip }, () => {
  let database: TestDatabase;
  const smtp = new TestSmtpServer();
  const senders: SenderProcess[] = [];

  async function outbox() {
    return database.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
  }

  before(async () => {
    database = await openTestDatabase();
    await smtp.start();
  });

  after(async () => {
    for (const sender of senders) {
      if (sender.child.exitCode === null && sender.child.signalCode === null) {
        sender.child.kill('SIGKILL');
        await sender.exited;
      }
    }
    await smtp.stop();
    await database?.close();
  });

  test('its mail is resumed by a new sender within a minute, none lost, a duplicate under the same Message-ID', { timeout: 180_000 }, async (t) => {
    const { rows: [current] } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
    const schema = current!.schema;
    for (let i = 1; i <= 5; i += 1) {
      await queueMail(database.db, systemClock, oneTimePasswordMail(`guardian${i}@example.jp`, String(100_000 + i)), null);
    }

    // kill -9 the first sender once the SMTP server has the whole first mail and before it
    // answers: the server has the mail, the outbox never learns it.
    let first: SenderProcess | undefined;
    smtp.beforeAccepting = async () => {
      smtp.beforeAccepting = undefined;
      first!.child.kill('SIGKILL');
      await first!.exited;
    };
    first = startSenderProcess(schema, smtp.port);
    senders.push(first);
    const firstId = await within(60_000, 'the first sender starting', first.senderId);
    const [, signal] = await within(60_000, 'the first sender sending its first mail', first.exited);
    assert.equal(signal, 'SIGKILL');

    assert.equal(smtp.received.length, 1, 'the server had the first mail when the sender died');
    const leased = await outbox();
    assert.deepEqual(
      leased.map((r) => [r.status, r.leased_by, r.attempts]),
      Array.from({ length: 5 }, () => ['pending', firstId, 1]),
      'the dead sender had leased all five and recorded none',
    );
    for (const row of leased) {
      assert.ok(row.next_attempt_at.getTime() <= Date.now() + LEASE_MS, 'a lease is short');
    }
    assert.equal(smtp.received[0]!.parsed.messageId, leased[0]!.message_id);

    // The process restarts, and at that moment someone asks for a one-time password.
    const restartedAt = Date.now();
    await queueMail(database.db, systemClock, oneTimePasswordMail('otp@example.jp', '246810'), null);
    const second = startSenderProcess(schema, smtp.port);
    senders.push(second);
    const secondId = await within(60_000, 'the second sender starting', second.senderId);
    assert.notEqual(secondId, firstId);
    await within(
      90_000,
      'every mail marked sent',
      (async () => {
        while (!(await outbox()).every((r) => r.status === 'sent')) await delay(250);
      })(),
    );

    const rows = await outbox();
    assert.equal(rows.length, 6);
    const deliveries = new Map<string, Received[]>(rows.map((r) => [String(r.id), []]));
    for (const received of smtp.received) {
      const mailId = String(received.parsed.headers.get('x-tsuen-mail-id'));
      assert.ok(deliveries.has(mailId), `a delivery of an unknown mail ${mailId}`);
      deliveries.get(mailId)!.push(received);
    }
    for (const row of rows) {
      const copies = deliveries.get(String(row.id))!;
      assert.ok(copies.length >= 1, `mail ${row.id} to ${row.to_address} was delivered`);
      for (const copy of copies) {
        assert.deepEqual(copy.rcptTo, [row.to_address]);
        assert.equal(copy.parsed.messageId, row.message_id, `every copy of mail ${row.id} has its one Message-ID`);
      }
      assert.equal(row.leased_by, null);
    }
    assert.deepEqual(
      rows.map((r) => deliveries.get(String(r.id))!.length),
      [2, 1, 1, 1, 1, 1],
      'only the mail the server had when the sender died came twice',
    );

    const secondsAfterRestart = rows.map((r) => (Math.max(...deliveries.get(String(r.id))!.map((d) => d.at)) - restartedAt) / 1000);
    t.diagnostic(`delivered after the restart (s): ${rows.map((r, i) => `${r.to_address} ${secondsAfterRestart[i]!.toFixed(1)}`).join(', ')}`);
    rows.forEach((row, i) => assert.ok(secondsAfterRestart[i]! < 60, `${row.to_address} after ${secondsAfterRestart[i]} s`));

    assert.deepEqual(
      second.logs.filter((l) => l.msg === 'mail lease expired; sending again').map((l) => [l.mailId, l.previousSender]),
      leased.map((r) => [r.id, firstId]),
      'the new sender took over exactly the dead sender’s mail',
    );

    second.child.kill('SIGTERM');
    const [code] = await within(30_000, 'the second sender stopping', second.exited);
    assert.equal(code, 0);
  });
});

import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { systemClock, TestClock } from '../../src/platform/clock.ts';
import { composeMail, type Mail } from '../../src/platform/mail/compose.ts';
import { queueMail } from '../../src/platform/mail/outbox.ts';
import {
  createTransport,
  deliverDueMail,
  LEASE_MS,
  leaseDueMail,
  outgoingMessage,
  retryDelayMs,
  type MailSenderOptions,
} from '../../src/platform/mail/sender.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { closedPort, TestSmtpServer } from '../helpers/smtp.ts';

const START = new Date('2026-11-26T01:00:00Z');
const FROM = 'Tsuen <no-reply@tsuen.example.jp>';

function sampleMail(to = 'hanako@example.jp'): Mail {
  return composeMail(to, '【つうえん】パスワード再設定のご案内', [
    '山田 花子 様',
    'パスワード再設定の申請を受け付けました。\n下のリンクから、新しいパスワードを設定してください。',
    { label: 'パスワード再設定のページ', link: 'https://tsuen.example.jp/password-reset/abc123?x=1&y=2' },
    'リンクの有効期限は「30分」です。<b>太字ではありません</b>',
  ]);
}

describe('mail outbox and sender', () => {
  let database: TestDatabase;
  let clock: TestClock;
  let warnings: Array<{ obj: object; msg: string }>;
  const smtp = new TestSmtpServer();

  function options(extra: Partial<MailSenderOptions> = {}): MailSenderOptions {
    return {
      db: database.db,
      clock,
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: FROM,
      log: { info: () => {}, warn: (obj, msg) => warnings.push({ obj, msg }) },
      ...extra,
    };
  }

  async function outbox() {
    return database.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
  }

  before(async () => {
    database = await openTestDatabase();
  });

  after(async () => {
    await smtp.stop();
    await database.close();
  });

  beforeEach(async () => {
    await database.db.deleteFrom('mail_outbox').execute();
    clock = new TestClock(START);
    warnings = [];
    smtp.received.length = 0;
    await smtp.stop();
    await smtp.start();
  });

  test('a queued mail is delivered over SMTP with its Japanese subject, text and HTML intact', async () => {
    const mail = sampleMail();
    await queueMail(database.db, clock, mail, null);
    const [queued] = await outbox();
    assert.ok(queued);
    assert.equal(queued.status, 'pending');
    assert.equal(queued.attempts, 0);
    assert.equal(queued.municipality_id, null);
    assert.equal(queued.next_attempt_at.getTime(), START.getTime());
    assert.equal(queued.created_at.getTime(), START.getTime());
    assert.equal(queued.message_id, null, 'the Message-ID is given on the first lease');
    assert.equal(queued.leased_by, null);

    clock.advance(1000);
    const sent = await deliverDueMail(options(), createTransport(`smtp://127.0.0.1:${smtp.port}`));
    assert.equal(sent, 1);
    assert.equal(smtp.received.length, 1);

    const received = smtp.received[0]!;
    assert.equal(received.mailFrom, 'no-reply@tsuen.example.jp');
    assert.deepEqual(received.rcptTo, ['hanako@example.jp']);
    const parsed = received.parsed;
    assert.equal(parsed.subject, '【つうえん】パスワード再設定のご案内');
    assert.equal(parsed.from?.value[0]?.address, 'no-reply@tsuen.example.jp');
    assert.equal(parsed.from?.value[0]?.name, 'Tsuen');
    assert.equal(parsed.headers.get('x-tsuen-mail-id'), String(queued.id));
    assert.match(parsed.messageId ?? '', /^<[0-9a-f-]{36}@tsuen\.example\.jp>$/);
    assert.equal(parsed.text?.replace(/\r\n/g, '\n').trimEnd(), mail.text.trimEnd());
    assert.ok(parsed.text?.includes('山田 花子 様'));
    assert.ok(parsed.text?.includes('https://tsuen.example.jp/password-reset/abc123?x=1&y=2'));
    assert.ok(parsed.text?.includes('このメールは送信専用です。返信はできません。'));
    assert.equal(typeof parsed.html, 'string');
    const html = parsed.html as string;
    assert.equal(html.trim(), mail.html.trim());
    assert.ok(html.includes('<a href="https://tsuen.example.jp/password-reset/abc123?x=1&amp;y=2">'));
    assert.ok(!html.includes('<b>'), 'text is escaped in the HTML part');
    assert.ok(html.includes('&lt;b'), 'text is escaped in the HTML part');
    assert.ok(html.includes('パスワード再設定の申請を受け付けました。<br>下のリンクから'));

    const [row] = await outbox();
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 1);
    assert.equal(row?.last_error, null);
    assert.equal(row?.sent_at?.getTime(), START.getTime() + 1000);
    assert.equal(row?.message_id, parsed.messageId, 'the outbox keeps the Message-ID that was sent');
    assert.equal(row?.leased_by, null, 'no sender holds a sent mail');
    assert.deepEqual(warnings, []);
  });

  test('mail is not sent before it is due', async () => {
    clock.set('2026-11-26T02:00:00Z');
    await queueMail(database.db, clock, sampleMail(), null);
    clock.set('2026-11-26T01:59:59Z');
    assert.equal(await deliverDueMail(options(), createTransport(`smtp://127.0.0.1:${smtp.port}`)), 0);
    assert.equal(smtp.received.length, 0);
    assert.equal((await outbox())[0]?.status, 'pending');
  });

  test('while the SMTP server is down, mail stays pending and is retried after the delay', async () => {
    const port = smtp.port;
    await smtp.stop(); // the server goes down; nothing listens on its port
    const transport = createTransport(`smtp://127.0.0.1:${port}`);
    await queueMail(database.db, clock, sampleMail(), null);

    assert.equal(await deliverDueMail(options(), transport), 0);
    let [row] = await outbox();
    assert.equal(row?.status, 'pending');
    assert.equal(row?.attempts, 1);
    assert.match(row?.last_error ?? '', /ECONNREFUSED|connect/i);
    assert.equal(row?.sent_at, null);
    assert.equal(row?.next_attempt_at.getTime(), START.getTime() + retryDelayMs(1));
    assert.equal(row?.leased_by, null, 'a failed attempt gives the lease back');
    const messageId = row?.message_id;
    assert.ok(messageId);
    assert.equal(warnings.length, 1);

    // The server comes back, but the mail waits for its retry time.
    await smtp.start(port);
    clock.advance(retryDelayMs(1) - 1);
    assert.equal(await deliverDueMail(options(), transport), 0);
    assert.equal(smtp.received.length, 0);
    [row] = await outbox();
    assert.equal(row?.status, 'pending');
    assert.equal(row?.attempts, 1);

    clock.advance(1);
    assert.equal(await deliverDueMail(options(), transport), 1);
    assert.equal(smtp.received.length, 1);
    assert.equal(smtp.received[0]?.parsed.subject, '【つうえん】パスワード再設定のご案内');
    [row] = await outbox();
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 2);
    assert.equal(row?.last_error, null);
    assert.equal(row?.sent_at?.getTime(), START.getTime() + retryDelayMs(1));
    assert.equal(row?.message_id, messageId);
    assert.equal(smtp.received[0]?.parsed.messageId, messageId, 'a retry keeps the Message-ID of the first attempt');
  });

  test('after maxAttempts failures the mail is marked failed and left alone', async () => {
    const transport = createTransport(`smtp://127.0.0.1:${await closedPort()}`);
    await queueMail(database.db, clock, sampleMail(), null);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      assert.equal(await deliverDueMail(options({ maxAttempts: 3 }), transport), 0);
      const [row] = await outbox();
      assert.equal(row?.attempts, attempt);
      assert.equal(row?.status, attempt < 3 ? 'pending' : 'failed');
      assert.equal(row?.next_attempt_at.getTime(), clock.now().getTime() + retryDelayMs(attempt));
      assert.ok(row?.last_error);
      clock.advance(retryDelayMs(attempt));
    }
    // A failed mail is never picked up again, even with a working server and much later.
    clock.advance(24 * 3_600_000);
    assert.equal(await deliverDueMail(options({ maxAttempts: 3 }), createTransport(`smtp://127.0.0.1:${smtp.port}`)), 0);
    assert.equal(smtp.received.length, 0);
    const [row] = await outbox();
    assert.equal(row?.status, 'failed');
    assert.equal(row?.attempts, 3);
  });

  test('the default is ten attempts', async () => {
    const transport = createTransport(`smtp://127.0.0.1:${await closedPort()}`);
    await queueMail(database.db, clock, sampleMail(), null);
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await deliverDueMail(options(), transport);
      const [row] = await outbox();
      assert.equal(row?.status, attempt < 10 ? 'pending' : 'failed', `after attempt ${attempt}`);
      clock.advance(retryDelayMs(attempt));
    }
  });

  test('one failing mail does not hold back the others', async () => {
    await queueMail(database.db, clock, sampleMail('first@example.jp'), null);
    await queueMail(database.db, clock, sampleMail('second@example.jp'), null);
    const transport = createTransport(`smtp://127.0.0.1:${smtp.port}`);
    // A transport that fails only for the first address.
    const flaky = Object.create(transport) as typeof transport;
    flaky.sendMail = (async (message: { to?: unknown }) => {
      if (message.to === 'first@example.jp') throw new Error('550 mailbox unavailable');
      return transport.sendMail(message as Parameters<typeof transport.sendMail>[0]);
    }) as typeof transport.sendMail;
    assert.equal(await deliverDueMail(options(), flaky), 1);
    const rows = await outbox();
    assert.deepEqual(
      rows.map((r) => [r.to_address, r.status, r.attempts, r.last_error]),
      [
        ['first@example.jp', 'pending', 1, '550 mailbox unavailable'],
        ['second@example.jp', 'sent', 1, null],
      ],
    );
    assert.deepEqual(smtp.received.map((r) => r.rcptTo), [['second@example.jp']]);
  });

  test('nothing is sent twice when the sender runs twice', async () => {
    await queueMail(database.db, clock, sampleMail('a@example.jp'), null);
    await queueMail(database.db, clock, sampleMail('b@example.jp'), null);
    const transport = createTransport(`smtp://127.0.0.1:${smtp.port}`);
    assert.equal(await deliverDueMail(options(), transport), 2);
    assert.equal(await deliverDueMail(options(), transport), 0);
    clock.advance(24 * 3_600_000);
    assert.equal(await deliverDueMail(options(), transport), 0);
    assert.equal(smtp.received.length, 2);
    assert.deepEqual(smtp.received.map((r) => r.rcptTo[0]).sort(), ['a@example.jp', 'b@example.jp']);
    assert.deepEqual((await outbox()).map((r) => r.status), ['sent', 'sent']);
  });

  test('two senders running at the same moment do not send the same mail twice', async () => {
    for (const to of ['a@example.jp', 'b@example.jp', 'c@example.jp']) await queueMail(database.db, clock, sampleMail(to), null);
    const results = await Promise.all([
      deliverDueMail(options(), createTransport(`smtp://127.0.0.1:${smtp.port}`)),
      deliverDueMail(options(), createTransport(`smtp://127.0.0.1:${smtp.port}`)),
    ]);
    assert.equal(results[0]! + results[1]!, 3);
    assert.equal(smtp.received.length, 3);
    assert.deepEqual(smtp.received.map((r) => r.rcptTo[0]).sort(), ['a@example.jp', 'b@example.jp', 'c@example.jp']);
  });

  test('at most 20 mails are taken in one pass; the rest follow in the next', async () => {
    for (let i = 0; i < 23; i += 1) await queueMail(database.db, clock, sampleMail(`p${i}@example.jp`), null);
    const transport = createTransport(`smtp://127.0.0.1:${smtp.port}`);
    assert.equal(await deliverDueMail(options(), transport), 20);
    assert.equal(await deliverDueMail(options(), transport), 3);
    assert.equal(smtp.received.length, 23);
  });

  test("a stopped sender's mail is sent again when its lease expires, under the same Message-ID", async () => {
    await queueMail(database.db, clock, sampleMail(), null);
    const transport = createTransport(`smtp://127.0.0.1:${smtp.port}`);
    // A sender leases the mail, hands it to the SMTP server and dies before recording that.
    const lease = { senderId: 'web-1/41/dead', leaseMs: LEASE_MS, maxAttempts: 10, domain: 'tsuen.example.jp' };
    const [leased, ...others] = await leaseDueMail(database.db, clock.now(), lease);
    assert.ok(leased);
    assert.equal(others.length, 0);
    assert.equal(leased.previous_sender, null);
    assert.equal(leased.leased_by, 'web-1/41/dead');
    assert.equal(leased.attempts, 1);
    assert.equal(leased.next_attempt_at.getTime(), START.getTime() + LEASE_MS);
    assert.match(leased.message_id ?? '', /^<[0-9a-f-]{36}@tsuen\.example\.jp>$/);
    await transport.sendMail(outgoingMessage(leased, FROM));

    clock.advance(LEASE_MS - 1);
    assert.equal(await deliverDueMail(options({ senderId: 'web-2/7/alive' }), transport), 0, 'the lease still holds');
    clock.advance(1);
    assert.equal(await deliverDueMail(options({ senderId: 'web-2/7/alive' }), transport), 1);

    assert.deepEqual(
      smtp.received.map((r) => r.parsed.messageId),
      [leased.message_id, leased.message_id],
      'the duplicate carries the same Message-ID, so the receiving server can drop it',
    );
    const [row] = await outbox();
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 2);
    assert.equal(row?.leased_by, null);
    assert.equal(row?.message_id, leased.message_id);
    assert.deepEqual(
      warnings.map((w) => [w.msg, (w.obj as { previousSender?: string }).previousSender]),
      [['mail lease expired; sending again', 'web-1/41/dead']],
    );
  });

  test('a live sender keeps the lease of a slow delivery by renewing it', async () => {
    // Real time here: the renewal runs on a timer, every third of the (shortened) lease.
    const leaseMs = 1500;
    await queueMail(database.db, systemClock, sampleMail(), null);
    const transport = createTransport(`smtp://127.0.0.1:${smtp.port}`);
    let answer!: () => void;
    const serverAnswers = new Promise<void>((resolve) => (answer = resolve));
    const slow = Object.create(transport) as typeof transport;
    slow.sendMail = (async (message: Parameters<typeof transport.sendMail>[0]) => {
      await serverAnswers;
      return transport.sendMail(message);
    }) as typeof transport.sendMail;

    const delivering = deliverDueMail(options({ clock: systemClock, senderId: 'slow', leaseMs }), slow);
    try {
      // For twice the lease, another sender finds nothing to take.
      for (let check = 0; check < 4; check += 1) {
        await delay(leaseMs / 2);
        assert.equal(await deliverDueMail(options({ clock: systemClock, senderId: 'other', leaseMs }), transport), 0, `check ${check}`);
        const [row] = await outbox();
        assert.equal(row?.leased_by, 'slow');
        assert.ok(row!.next_attempt_at.getTime() > Date.now(), 'the lease was renewed');
      }
    } finally {
      answer();
    }
    assert.equal(await delivering, 1);
    assert.equal(smtp.received.length, 1);
    const [row] = await outbox();
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 1);
    assert.equal(row?.leased_by, null);
  });

  test('a mail whose last attempt was interrupted is marked failed for an operator', async () => {
    await queueMail(database.db, clock, sampleMail(), null);
    const lease = { senderId: 'web-1/41/dead', leaseMs: LEASE_MS, maxAttempts: 2, domain: 'tsuen.example.jp' };
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const leased = await leaseDueMail(database.db, clock.now(), lease);
      assert.deepEqual(leased.map((r) => r.attempts), [attempt]);
      clock.advance(LEASE_MS);
    }
    assert.equal(await deliverDueMail(options({ maxAttempts: 2 }), createTransport(`smtp://127.0.0.1:${smtp.port}`)), 0);
    assert.equal(smtp.received.length, 0);
    const [row] = await outbox();
    assert.equal(row?.status, 'failed');
    assert.equal(row?.attempts, 2);
    assert.equal(row?.leased_by, null);
    assert.equal(row?.last_error, 'sender web-1/41/dead stopped during the last attempt; the mail may or may not have been delivered');
  });
});

describe('retryDelayMs', () => {
  test('starts at 30 seconds and doubles', () => {
    assert.equal(retryDelayMs(1), 30_000);
    assert.equal(retryDelayMs(2), 60_000);
    assert.equal(retryDelayMs(3), 120_000);
    assert.equal(retryDelayMs(4), 240_000);
    assert.equal(retryDelayMs(7), 1_920_000);
  });

  test('grows with every attempt and caps at one hour', () => {
    let previous = 0;
    for (let attempts = 1; attempts <= 50; attempts += 1) {
      const delay = retryDelayMs(attempts);
      assert.ok(delay <= 3_600_000, `attempt ${attempts}: ${delay}`);
      assert.ok(delay > previous || delay === 3_600_000, `attempt ${attempts}: ${delay} after ${previous}`);
      previous = delay;
    }
    assert.equal(retryDelayMs(8), 3_600_000);
    assert.equal(retryDelayMs(10), 3_600_000);
    assert.equal(retryDelayMs(1000), 3_600_000);
  });

  test('zero attempts wait as long as one', () => {
    assert.equal(retryDelayMs(0), 30_000);
  });
});

// The operators' command (npm run admin) as a program: each test runs src/municipalities/admin-cli.ts
// in a child process against a database of its own (a PGlite data folder, or with TEST_DATABASE_URL
// a PostgreSQL schema), and checks what it printed, its exit status and the database afterwards,
// refusals included (they must change nothing).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type Db } from '../../src/platform/database.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { runAdminCommand, type CommandRun } from '../helpers/admin-command.ts';
import { seedSampleData } from '../../src/seed.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { resetTokenState } from '../../src/accounts/queries.ts';
import { localGovernmentCheckDigit, parseLocalGovernmentCode } from '../../src/municipalities/rules.ts';

const BASE_URL = 'https://tsuen.example.jp';
const pgUrl = process.env.TEST_DATABASE_URL;

let dataDir = '';
let schema = '';
let pgHandle: TestDatabase | undefined;

/** The environment the command runs in: the test's own database. */
function env(): NodeJS.ProcessEnv {
  return pgUrl ? { BASE_URL, DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema } : { BASE_URL, DATA_DIR: dataDir };
}

function admin(...args: string[]): Promise<CommandRun> {
  return runAdminCommand(args, env());
}

/** Reads the database between runs (PGlite takes one process: open, read, close). */
async function inDb<T>(read: (db: Db) => Promise<T>): Promise<T> {
  if (pgHandle) return read(pgHandle.db);
  const handle = await openDatabase({ dataDir });
  try {
    return await read(handle.db);
  } finally {
    await handle.close();
  }
}

async function counts() {
  return inDb(async (db) => {
    const n = async (table: 'municipalities' | 'users' | 'mail_outbox' | 'password_reset_tokens' | 'audit_log') =>
      Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    return { municipalities: await n('municipalities'), users: await n('users'), mails: await n('mail_outbox'), tokens: await n('password_reset_tokens'), audit: await n('audit_log') };
  });
}

before(async () => {
  if (pgUrl) {
    pgHandle = await openTestDatabase();
    schema = pgHandle.schema ?? '';
    await seedSampleData(pgHandle.db);
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'tsuen-admin-'));
    const handle = await openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    await seedSampleData(handle.db);
    await handle.close();
  }
});

after(async () => {
  await pgHandle?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const GOOD = [
  'add-municipality',
  '--code', '152048',
  '--name', '柏崎市',
  '--name-en', 'Kashiwazaki',
  '--prefecture', '新潟県',
  '--allowance-hours', '7.5',
  '--named-facility-only', 'no',
  '--support-email', 'Kodomo@City.Kashiwazaki.example.jp',
  '--office-name', '柏崎市役所',
  '--office-lat', '37.3719',
  '--office-lng', '138.5590',
  '--staff-email', 'kosodate@city.kashiwazaki.example.jp',
  '--staff-name', '柏崎 太郎',
];

function withOption(args: string[], option: string, value: string): string[] {
  const copy = [...args];
  copy[copy.indexOf(option) + 1] = value;
  return copy;
}

describe('the 全国地方公共団体コード check digit', () => {
  test('known codes', () => {
    assert.equal(localGovernmentCheckDigit('13101'), 6); // 千代田区
    assert.equal(localGovernmentCheckDigit('15208'), 1); // 小千谷市 (remainder 0 → 1)
    assert.equal(localGovernmentCheckDigit('01100'), 2); // 札幌市
    assert.equal(localGovernmentCheckDigit('15204'), 8); // 柏崎市
    assert.deepEqual(parseLocalGovernmentCode('152081'), { code: '15208', prefectureCode: 15 });
    assert.deepEqual(parseLocalGovernmentCode('152082'), { problem: 'check-digit' });
    assert.deepEqual(parseLocalGovernmentCode('15208'), { problem: 'format' });
    assert.deepEqual(parseLocalGovernmentCode('１５２０８１'), { problem: 'format' });
    assert.deepEqual(parseLocalGovernmentCode('991007'.slice(0, 5) + localGovernmentCheckDigit('99100')), { problem: 'prefecture' });
  });
});

describe('help and the command line', () => {
  test('--help lists the commands and exits 0; each command has its own help', async () => {
    const help = await admin('--help');
    assert.equal(help.status, 0);
    for (const command of ['add-municipality', 'reset-password', 'list']) assert.match(help.stdout, new RegExp(`^  ${command} `, 'm'));
    assert.match(help.stdout, /Exit status: 0 done, 1 refused/);
    const add = await admin('add-municipality', '--help');
    assert.equal(add.status, 0);
    assert.match(add.stdout, /--code\s+\(required\) 全国地方公共団体コード/);
    assert.match(add.stdout, /--allowance-hours\s+monthly allowance per child, 3–10 hours/);
    const reset = await admin('help', 'reset-password');
    assert.equal(reset.status, 0);
    assert.match(reset.stdout, /--email\s+\(required\)/);
  });

  test('no command, an unknown command, an unknown option or a missing one: exit 2, nothing changed', async () => {
    const before = await counts();
    const none = await admin();
    assert.equal(none.status, 2);
    assert.match(none.stdout, /Commands:/);
    const unknown = await admin('delete-everything');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "delete-everything"/);
    const option = await admin(...GOOD, '--colour', 'blue');
    assert.equal(option.status, 2);
    assert.match(option.stderr, /Unknown option '--colour'/);
    const missing = await admin('add-municipality', '--code', '152048');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing --name, --name-en, --prefecture, --named-facility-only, --office-name, --office-lat, --office-lng, --staff-email, --staff-name/);
    const list = await admin('list', 'children');
    assert.equal(list.status, 2);
    assert.match(list.stderr, /say what to list: municipalities, staff, facilities/);
    assert.deepEqual(await counts(), before);
  });
});

describe('add-municipality', () => {
  test('refuses bad values, each with its message, and changes nothing (exit 1)', async () => {
    const before = await counts();
    const run = await admin(
      ...withOption(withOption(withOption(withOption(withOption(GOOD, '--code', '152049'), '--allowance-hours', '11'), '--named-facility-only', 'maybe'), '--staff-email', 'not-an-address'), '--office-lat', 'north'),
    );
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /refused, nothing was changed/);
    assert.match(run.stderr, /--code: the check digit of 152049 is wrong \(for 15204 it is 8\)/);
    assert.match(run.stderr, /--allowance-hours: "11" is not a monthly allowance; give 3 to 10 hours/);
    assert.match(run.stderr, /--named-facility-only: "maybe" must be yes/);
    assert.match(run.stderr, /--staff-email: "not-an-address" is not an e-mail address/);
    assert.match(run.stderr, /--office-lat: "north" is not a latitude/);
    const prefecture = await admin(...withOption(GOOD, '--prefecture', '13'));
    assert.equal(prefecture.status, 1);
    assert.match(prefecture.stderr, /--prefecture: 東京都 does not match the code 152048, which is in 新潟県/);
    const tooFew = await admin(...withOption(GOOD, '--allowance-hours', '2.5'));
    assert.equal(tooFew.status, 1);
    assert.deepEqual(await counts(), before);
  });

  test('a login that exists already refuses the whole command: no municipality either', async () => {
    const before = await counts();
    const run = await admin(...withOption(GOOD, '--staff-email', 'City-Staff@ojiya.example.jp'));
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /--staff-email: city-staff@ojiya.example.jp is already a login/);
    assert.deepEqual(await counts(), before);
    assert.equal(await inDb((db) => db.selectFrom('municipalities').select('id').where('code', '=', '15204').executeTakeFirst()), undefined);
  });

  test('adds the municipality and its first staff login, and queues the mail with the link to set the password', async () => {
    const before = await counts();
    const run = await admin(...GOOD);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Added 柏崎市 \(Kashiwazaki, 152048\): allowance 7.5 hours a month, any facility, inquiries to kodomo@city.kashiwazaki.example.jp/);
    assert.match(run.stdout, /Staff login kosodate@city.kashiwazaki.example.jp \(柏崎 太郎\) created/);
    const after = await counts();
    assert.deepEqual(after, { municipalities: before.municipalities + 1, users: before.users + 1, mails: before.mails + 1, tokens: before.tokens + 1, audit: before.audit + 2 });
    const state = await inDb(async (db) => {
      const m = await db.selectFrom('municipalities').selectAll().where('code', '=', '15204').executeTakeFirstOrThrow();
      const user = await db.selectFrom('users').selectAll().where('email', '=', 'kosodate@city.kashiwazaki.example.jp').executeTakeFirstOrThrow();
      const mail = await db.selectFrom('mail_outbox').selectAll().where('to_address', '=', user.email).executeTakeFirstOrThrow();
      const audit = await db.selectFrom('audit_log').select(['action', 'subject_id', 'actor_user_id', 'detail']).where('municipality_id', '=', m.id).orderBy('id').execute();
      const link = /https:\/\/tsuen\.example\.jp\/password-reset\/([A-Za-z0-9_-]{43})/.exec(mail.text_body);
      assert.ok(link, mail.text_body);
      const token = await resetTokenState(db, systemClock, link[1]!);
      const tokenRow = await db.selectFrom('password_reset_tokens').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
      return { m, user, mail, audit, token, tokenRow };
    });
    assert.equal(state.m.name, '柏崎市');
    assert.equal(state.m.name_en, 'Kashiwazaki');
    assert.equal(state.m.prefecture_code, 15);
    assert.equal(state.m.monthly_allowance_minutes, 450);
    assert.equal(state.m.named_facility_only, false);
    assert.equal(state.m.support_email, 'kodomo@city.kashiwazaki.example.jp');
    assert.equal(state.m.office_name, '柏崎市役所');
    assert.equal(state.m.office_latitude, 37.3719);
    assert.equal(state.user.role, 'municipality_staff');
    assert.equal(state.user.municipality_id, state.m.id);
    assert.equal(state.user.display_name, '柏崎 太郎');
    assert.equal(state.user.password_hash, null);
    assert.equal(state.mail.subject, '【つうえん】市区町村職員アカウント発行のお知らせ');
    assert.equal(state.mail.municipality_id, state.m.id);
    assert.match(state.mail.text_body, /ログインID：kosodate@city.kashiwazaki.example.jp/);
    assert.match(state.mail.text_body, /有効期限は72時間です/);
    assert.deepEqual(state.token, { state: 'valid', email: 'kosodate@city.kashiwazaki.example.jp' });
    const hours = (state.tokenRow.expires_at.getTime() - state.tokenRow.created_at.getTime()) / 3_600_000;
    assert.equal(hours, 72);
    assert.deepEqual(
      state.audit.map((a) => [a.action, a.subject_id, a.actor_user_id]),
      [
        ['municipality.create', state.m.id, null],
        ['municipality.staff.create', state.user.id, null],
      ],
    );
    assert.deepEqual(state.audit[0]?.detail, { code: '152048', staff_user_id: state.user.id });
  });

  test('the same code again is refused (exit 1), and nothing changes', async () => {
    const before = await counts();
    const run = await admin(...withOption(GOOD, '--staff-email', 'another@city.kashiwazaki.example.jp'));
    assert.equal(run.status, 1);
    assert.match(run.stderr, /--code: a municipality with the code 152048 exists already/);
    assert.deepEqual(await counts(), before);
  });
});

describe('reset-password', () => {
  test('queues a reset mail for a facility staff login', async () => {
    const before = await counts();
    const run = await admin('reset-password', '--email', 'Staff@niji.ojiya.example.jp');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /A password-reset mail to staff@niji.ojiya.example.jp \(facility staff, 小千谷市\) is queued/);
    const after = await counts();
    assert.deepEqual(after, { ...before, mails: before.mails + 1, tokens: before.tokens + 1, audit: before.audit + 1 });
    const mail = await inDb((db) => db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'staff@niji.ojiya.example.jp').orderBy('id', 'desc').executeTakeFirstOrThrow());
    assert.equal(mail.subject, '【つうえん】パスワードリセットのご案内');
    assert.match(mail.text_body, /https:\/\/tsuen\.example\.jp\/password-reset\/[A-Za-z0-9_-]{43}/);
  });

  test('refuses a guardian’s login, an unknown login and a malformed address (exit 1), changing nothing', async () => {
    await inDb(async (db) => {
      const m = await db.selectFrom('municipalities').select('id').where('code', '=', '15208').executeTakeFirstOrThrow();
      await db.insertInto('users').values({ municipality_id: m.id, role: 'guardian', facility_id: null, email: 'parent@example.jp', display_name: '保護者', password_hash: null, terms_version_accepted: null }).execute();
    });
    const before = await counts();
    const run = await admin('reset-password', '--email', 'parent@example.jp');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /parent@example.jp is a guardian’s login; guardians reset their password themselves/);
    const unknown = await admin('reset-password', '--email', 'nobody@example.jp');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /there is no login nobody@example.jp/);
    const malformed = await admin('reset-password', '--email', 'nobody');
    assert.equal(malformed.status, 1);
    assert.match(malformed.stderr, /"nobody" is not an e-mail address/);
    assert.deepEqual(await counts(), before);
  });
});

describe('list', () => {
  test('municipalities, staff and facilities', async () => {
    const municipalities = await admin('list', 'municipalities');
    assert.equal(municipalities.status, 0, municipalities.stderr);
    assert.match(municipalities.stdout, /^code\s+name\s+name_en\s+prefecture\s+allowance/m);
    assert.match(municipalities.stdout, /^152048\s+柏崎市\s+Kashiwazaki\s+新潟県\s+7.5h\s+any\s+kodomo@city.kashiwazaki.example.jp\s+0\s+1$/m);
    assert.match(municipalities.stdout, /^152081\s+小千谷市\s+Ojiya\s+新潟県\s+10h\s+申請した施設のみ/m);
    assert.match(municipalities.stdout, /^3 municipalities\.$/m);
    const staff = await admin('list', 'staff', '--municipality', '152048');
    assert.equal(staff.status, 0, staff.stderr);
    assert.match(staff.stdout, /^152048\s+柏崎市\s+municipality\s+-\s+kosodate@city.kashiwazaki.example.jp\s+柏崎 太郎\s+not set$/m);
    assert.match(staff.stdout, /^1 staff logins\.$/m);
    const facilities = await admin('list', 'facilities', '--municipality', '152081');
    assert.equal(facilities.status, 0, facilities.stderr);
    assert.match(facilities.stdout, /にじいろ保育園（架空）/);
    assert.doesNotMatch(facilities.stdout, /そらいろ保育園/);
    const unknown = await admin('list', 'staff', '--municipality', '131016');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /there is no municipality 131016/);
  });
});

describe('unit-price', () => {
  const prices = () => inDb((db) => db.selectFrom('claim_unit_prices').selectAll().orderBy('fiscal_year').orderBy('kind').execute());

  test('refuses a bad year, kind or amount, each with its message, changing nothing (exit 1)', async () => {
    const before = await prices();
    const run = await admin('unit-price', '--fiscal-year', '27', '--kind', 'age3', '--yen', '1,700');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /refused, nothing was changed/);
    assert.match(run.stderr, /--fiscal-year: "27" is not a year/);
    assert.match(run.stderr, /--kind: "age3" is not one of age0, age1_2, disability, medical_care, support_needed/);
    assert.match(run.stderr, /--yen: "1,700" is not a whole number of yen/);
    assert.equal((await admin('unit-price', '--fiscal-year', '2027', '--kind', 'age0')).status, 2, '--yen missing');
    assert.deepEqual(await prices(), before);
  });

  test('sets a new fiscal year’s price and an add-on, changes one, and lists them', async () => {
    const set = await admin('unit-price', '--fiscal-year', '2027', '--kind', 'age0', '--yen', '1700');
    assert.equal(set.status, 0, set.stderr);
    assert.match(set.stdout, /^FY2027 0歳 \(per hour\): 1,700 yen\.$/m);
    await admin('unit-price', '--fiscal-year', '2027', '--kind', 'medical_care', '--yen', '500');
    const changed = await admin('unit-price', '--fiscal-year', '2027', '--kind', 'medical_care', '--yen', '600');
    assert.match(changed.stdout, /1 ?|600 yen \(was 500\)/);
    assert.match(changed.stdout, /600 yen \(was 500\)\./);
    const rows = (await prices()).filter((p) => p.fiscal_year === 2027);
    assert.deepEqual(rows, [
      { fiscal_year: 2027, kind: 'age0', yen_per_hour: 1700 },
      { fiscal_year: 2027, kind: 'medical_care', yen_per_hour: 600 },
    ]);
    const list = await admin('list', 'unit-prices');
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^FY2026\s+age0 \(0歳 \(per hour\)\)\s+1,700$/m, 'the FY2026 figure the migration seeds');
    assert.match(list.stdout, /^FY2026\s+age1_2 .*\s+1,400$/m);
    assert.match(list.stdout, /^FY2027\s+medical_care .*\s+600$/m);
  });
});

// The operators' command: `npm run admin -- <command> [options]`. It works on the database that
// `npm start` uses (DATABASE_URL, or the embedded one in DATA_DIR), runs the migrations first like
// start-up does, and changes nothing when it refuses. Exit status: 0 done, 1 refused (bad values, a
// duplicate, no such login, no database), 2 the command line itself is wrong (unknown command or
// option, a required option missing). Messages are in English with the Japanese terms.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { ConfigError, readConfig, type Config } from '../platform/config.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle, type Db } from '../platform/database.ts';
import { DatabaseConnectionError } from '../platform/database-connection.ts';
import { systemClock } from '../platform/clock.ts';
import { seedReferenceData, PREFECTURES } from '../platform/seed.ts';
import { isEmail, normaliseEmail } from '../platform/validation.ts';
import { addMunicipality, FIRST_PASSWORD_LINK_HOURS, issueStaffPasswordReset, listFacilities, listMunicipalities, listStaff, type NewMunicipality } from './admin-queries.ts';
import type { PriceKind } from '../claims/tables.ts';
import { ALLOWANCE_MAX_HOURS, ALLOWANCE_MIN_HOURS, parseLocalGovernmentCode, withCheckDigit } from './rules.ts';

type OptionSpec = { type: 'string' | 'boolean'; help: string; required?: boolean };

interface Command {
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  /** Checks the command line before the database is opened (throws Refusal or UsageError). */
  check?(values: Record<string, string | boolean | undefined>, positionals: string[]): void;
  run(db: Db, config: Config, values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
  positionals?: string;
}

class Refusal extends Error {}
class UsageError extends Error {}

const out = (line = '') => process.stdout.write(`${line}\n`);

// ---- add-municipality ----

function text(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value.trim() : '';
}

function prefectureCodeOf(value: string): number | undefined {
  if (/^\d{1,2}$/.test(value)) return Number(value) >= 1 && Number(value) <= 47 ? Number(value) : undefined;
  const index = PREFECTURES.findIndex((p) => p.name === value || p.nameEn.toLowerCase() === value.toLowerCase());
  return index < 0 ? undefined : index + 1;
}

/** Every problem with the values, or the municipality to add. */
export function checkNewMunicipality(values: Record<string, unknown>): { problems: string[] } | { value: NewMunicipality } {
  const problems: string[] = [];
  const codeText = text(values, 'code');
  const code = parseLocalGovernmentCode(codeText);
  if ('problem' in code) {
    problems.push(
      code.problem === 'format'
        ? `--code: "${codeText}" is not a 全国地方公共団体コード; give its 6 digits, e.g. 152081.`
        : code.problem === 'check-digit'
          ? `--code: the check digit of ${codeText} is wrong (for ${codeText.slice(0, 5)} it is ${withCheckDigit(codeText.slice(0, 5)).slice(5)}). Check the code.`
          : `--code: ${codeText} does not start with a prefecture (01–47).`,
    );
  }
  const prefectureText = text(values, 'prefecture');
  const prefectureCode = prefectureCodeOf(prefectureText);
  if (prefectureCode === undefined) problems.push(`--prefecture: "${prefectureText}" is not a prefecture; give its number (1–47) or name (新潟県, Niigata).`);
  else if (!('problem' in code) && code.prefectureCode !== prefectureCode) {
    problems.push(`--prefecture: ${PREFECTURES[prefectureCode - 1]!.name} does not match the code ${codeText}, which is in ${PREFECTURES[code.prefectureCode - 1]!.name}.`);
  }
  const name = text(values, 'name');
  if (name === '' || name.length > 50) problems.push('--name: give the municipality’s name in Japanese (at most 50 characters), e.g. 小千谷市.');
  const nameEn = text(values, 'name-en');
  if (nameEn === '' || nameEn.length > 50 || !/^[\x20-\x7e]+$/.test(nameEn)) problems.push('--name-en: give the name in English letters (at most 50 characters), e.g. Ojiya.');
  const hoursText = text(values, 'allowance-hours') || String(ALLOWANCE_MAX_HOURS);
  const hours = Number(hoursText);
  if (!/^\d+(\.5)?$/.test(hoursText) || hours < ALLOWANCE_MIN_HOURS || hours > ALLOWANCE_MAX_HOURS) {
    problems.push(`--allowance-hours: "${hoursText}" is not a monthly allowance; give ${ALLOWANCE_MIN_HOURS} to ${ALLOWANCE_MAX_HOURS} hours (half hours allowed, e.g. 7.5).`);
  }
  const rule = text(values, 'named-facility-only');
  if (rule !== 'yes' && rule !== 'no') problems.push(`--named-facility-only: "${rule}" must be yes (申請した施設のみ利用可) or no (any facility).`);
  const supportText = text(values, 'support-email');
  const supportEmail = supportText === '' ? null : normaliseEmail(supportText);
  if (supportEmail !== null && !isEmail(supportEmail)) problems.push(`--support-email: "${supportText}" is not an e-mail address.`);
  const officeName = text(values, 'office-name');
  if (officeName === '' || officeName.length > 100) problems.push('--office-name: give the office’s name (at most 100 characters), e.g. 小千谷市役所.');
  const lat = Number(text(values, 'office-lat'));
  const lng = Number(text(values, 'office-lng'));
  if (text(values, 'office-lat') === '' || !Number.isFinite(lat) || lat < 20 || lat > 46) problems.push(`--office-lat: "${text(values, 'office-lat')}" is not a latitude in Japan (20 to 46, e.g. 37.3144).`);
  if (text(values, 'office-lng') === '' || !Number.isFinite(lng) || lng < 122 || lng > 154) problems.push(`--office-lng: "${text(values, 'office-lng')}" is not a longitude in Japan (122 to 154, e.g. 138.7953).`);
  const staffEmailText = text(values, 'staff-email');
  const staffEmail = normaliseEmail(staffEmailText);
  if (!isEmail(staffEmail)) problems.push(`--staff-email: "${staffEmailText}" is not an e-mail address.`);
  const staffName = text(values, 'staff-name');
  if (staffName === '' || staffName.length > 50) problems.push('--staff-name: give the staff member’s name (at most 50 characters).');
  if (problems.length > 0 || 'problem' in code || prefectureCode === undefined) return { problems };
  return {
    value: {
      code: code.code,
      prefectureCode,
      name,
      nameEn,
      monthlyAllowanceMinutes: Math.round(hours * 60),
      namedFacilityOnly: rule === 'yes',
      supportEmail,
      officeName,
      officeLatitude: lat,
      officeLongitude: lng,
      staff: { email: staffEmail, displayName: staffName },
    },
  };
}

const addCommand: Command = {
  summary: 'Add a municipality and its first staff login (mails the staff member a link to set the password).',
  usage: 'add-municipality --code 152081 --name 小千谷市 --name-en Ojiya --prefecture 新潟県 --named-facility-only yes --office-name 小千谷市役所 --office-lat 37.3144 --office-lng 138.7953 --staff-email kodomo@city.ojiya.example.jp --staff-name "小千谷 花子" [--allowance-hours 10] [--support-email …]',
  options: {
    code: { type: 'string', required: true, help: '全国地方公共団体コード, 6 digits with the check digit (152081)' },
    name: { type: 'string', required: true, help: 'name in Japanese (小千谷市)' },
    'name-en': { type: 'string', required: true, help: 'name in English (Ojiya)' },
    prefecture: { type: 'string', required: true, help: 'prefecture: number 1–47, or name (新潟県, Niigata); must match the code' },
    'allowance-hours': { type: 'string', help: `monthly allowance per child, ${ALLOWANCE_MIN_HOURS}–${ALLOWANCE_MAX_HOURS} hours (default ${ALLOWANCE_MAX_HOURS})` },
    'named-facility-only': { type: 'string', required: true, help: 'yes: 申請した施設のみ利用可 (only the facility named in the application); no: any facility' },
    'support-email': { type: 'string', help: 'where inquiries are mailed (default: to the municipality’s staff logins)' },
    'office-name': { type: 'string', required: true, help: 'the office guardians search from (小千谷市役所)' },
    'office-lat': { type: 'string', required: true, help: 'its latitude (37.3144)' },
    'office-lng': { type: 'string', required: true, help: 'its longitude (138.7953)' },
    'staff-email': { type: 'string', required: true, help: 'the first staff member’s e-mail address (their login ID)' },
    'staff-name': { type: 'string', required: true, help: 'the first staff member’s name' },
  },
  check(values) {
    const checked = checkNewMunicipality(values);
    if ('problems' in checked) throw new Refusal(checked.problems.join('\n'));
  },
  async run(db, config, values) {
    const checked = checkNewMunicipality(values);
    if ('problems' in checked) throw new Refusal(checked.problems.join('\n'));
    const m = checked.value;
    const result = await addMunicipality(db, systemClock, config.baseUrl, m);
    if (result.kind === 'code-taken') throw new Refusal(`--code: a municipality with the code ${withCheckDigit(m.code)} exists already (see: list municipalities).`);
    if (result.kind === 'email-taken') throw new Refusal(`--staff-email: ${m.staff.email} is already a login.`);
    if (result.kind === 'no-prefecture') throw new Refusal('The prefectures are missing from the database.');
    out(`Added ${m.name} (${m.nameEn}, ${withCheckDigit(m.code)}): allowance ${m.monthlyAllowanceMinutes / 60} hours a month, ${m.namedFacilityOnly ? '申請した施設のみ利用可' : 'any facility'}, inquiries to ${m.supportEmail ?? 'the staff logins'}.`);
    out(`Staff login ${m.staff.email} (${m.staff.displayName}) created; a mail with a link to set the password (valid ${FIRST_PASSWORD_LINK_HOURS} hours) is queued.`);
    return 0;
  },
};

// ---- reset-password ----

const resetCommand: Command = {
  summary: 'Mail a staff login a link to set a new password (the same mail as 「パスワードを忘れた方」).',
  usage: 'reset-password --email staff@city.ojiya.example.jp',
  options: { email: { type: 'string', required: true, help: 'the staff login (municipality or facility staff)' } },
  check(values) {
    const given = text(values, 'email');
    if (!isEmail(normaliseEmail(given))) throw new Refusal(`--email: "${given}" is not an e-mail address.`);
  },
  async run(db, config, values) {
    const email = normaliseEmail(text(values, 'email'));
    const result = await issueStaffPasswordReset(db, systemClock, config.baseUrl, email);
    if (result.kind === 'no-such-login') throw new Refusal(`--email: there is no login ${email} (see: list staff).`);
    if (result.kind === 'not-staff') throw new Refusal(`--email: ${email} is a guardian’s login; guardians reset their password themselves at /password-reset.`);
    out(`A password-reset mail to ${email} (${result.role === 'municipality_staff' ? 'municipality staff' : 'facility staff'}, ${result.municipality}) is queued; the link is valid 30 minutes.`);
    return 0;
  },
};

// ---- unit-price ----

/** The kinds of national unit price (乳児等支援給付費の公定価格), per fiscal year. */
const PRICE_KINDS: Record<PriceKind, string> = {
  age0: '0歳 (per hour)',
  age1_2: '1–2歳 (per hour)',
  disability: '加算 障害児 (per hour)',
  medical_care: '加算 医療的ケア児 (per hour)',
  support_needed: '加算 要支援 (per hour)',
};

const priceCommand: Command = {
  summary: 'Set a national unit price of a fiscal year (FY = April–March), used by the monthly claims.',
  usage: 'unit-price --fiscal-year 2027 --kind age0 --yen 1700',
  options: {
    'fiscal-year': { type: 'string', required: true, help: 'the fiscal year that starts in April of this year, e.g. 2027' },
    kind: { type: 'string', required: true, help: `one of ${Object.keys(PRICE_KINDS).join(', ')}` },
    yen: { type: 'string', required: true, help: 'yen per hour, a whole number (0 for an add-on with no amount)' },
  },
  check(values) {
    const problems: string[] = [];
    const year = text(values, 'fiscal-year');
    if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2999) problems.push(`--fiscal-year: "${year}" is not a year such as 2027.`);
    const kind = text(values, 'kind');
    if (!Object.hasOwn(PRICE_KINDS, kind)) problems.push(`--kind: "${kind}" is not one of ${Object.keys(PRICE_KINDS).join(', ')}.`);
    const yen = text(values, 'yen');
    if (!/^\d{1,6}$/.test(yen)) problems.push(`--yen: "${yen}" is not a whole number of yen (0–999999).`);
    if (problems.length > 0) throw new Refusal(problems.join('\n'));
  },
  async run(db, _config, values) {
    const fiscalYear = Number(text(values, 'fiscal-year'));
    const kind = text(values, 'kind') as PriceKind;
    const yen = Number(text(values, 'yen'));
    const before = await db.selectFrom('claim_unit_prices').select('yen_per_hour').where('fiscal_year', '=', fiscalYear).where('kind', '=', kind).executeTakeFirst();
    await db
      .insertInto('claim_unit_prices')
      .values({ fiscal_year: fiscalYear, kind, yen_per_hour: yen })
      .onConflict((oc) => oc.columns(['fiscal_year', 'kind']).doUpdateSet({ yen_per_hour: yen }))
      .execute();
    out(`FY${fiscalYear} ${PRICE_KINDS[kind]}: ${yen.toLocaleString('en')} yen${before ? ` (was ${before.yen_per_hour.toLocaleString('en')})` : ''}.`);
    // Submitted claims keep the lines they were submitted with; drafts and returned claims follow.
    const kept = await db
      .selectFrom('claims')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('month', '>=', `${fiscalYear}-04-01`)
      .where('month', '<', `${fiscalYear + 1}-04-01`)
      .where('status', 'in', ['submitted', 'resubmitted', 'approved', 'paid'])
      .executeTakeFirstOrThrow();
    if (kept.n > 0) out(`${kept.n} claim(s) of FY${fiscalYear} already submitted keep the amounts they were submitted with; a facility whose claim is returned resubmits at the new price.`);
    return 0;
  },
};

// ---- list ----

/** Columns of a terminal: wide (CJK) characters take two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c)))).join('  ').trimEnd();
  out(line(headers));
  for (const row of rows) out(line(row));
}

const LISTS = ['municipalities', 'staff', 'facilities', 'unit-prices'] as const;

const listCommand: Command = {
  summary: 'List municipalities, staff logins, facilities or the unit prices of the claims.',
  usage: 'list municipalities | list staff [--municipality 152081] | list facilities [--municipality 152081] | list unit-prices',
  positionals: 'municipalities | staff | facilities | unit-prices',
  options: { municipality: { type: 'string', help: 'only this municipality (its 6-digit code); for staff and facilities' } },
  check(values, positionals) {
    const what = LISTS.find((l) => l === positionals[0]);
    if (!what || positionals.length !== 1) throw new UsageError(`say what to list: ${LISTS.join(', ')}.`);
    const codeText = text(values, 'municipality');
    if (codeText !== '' && (what === 'municipalities' || what === 'unit-prices')) throw new UsageError(`list ${what} takes no --municipality.`);
    if (codeText !== '' && 'problem' in parseLocalGovernmentCode(codeText)) throw new Refusal(`--municipality: "${codeText}" is not a 6-digit 全国地方公共団体コード with a right check digit.`);
  },
  async run(db, _config, values, positionals) {
    const what = LISTS.find((l) => l === positionals[0])!;
    let code: string | undefined;
    const codeText = text(values, 'municipality');
    if (codeText !== '') {
      const parsed = parseLocalGovernmentCode(codeText);
      if ('problem' in parsed) throw new Refusal('unreachable');
      code = parsed.code;
      if (!(await db.selectFrom('municipalities').select('id').where('code', '=', code).executeTakeFirst())) throw new Refusal(`--municipality: there is no municipality ${codeText} (see: list municipalities).`);
    }
    if (what === 'municipalities') {
      const rows = await listMunicipalities(db);
      printTable(
        ['code', 'name', 'name_en', 'prefecture', 'allowance', 'facility rule', 'support mail', 'facilities', 'staff'],
        rows.map((r) => [withCheckDigit(r.code), r.name, r.name_en, r.prefecture, `${r.monthly_allowance_minutes / 60}h`, r.named_facility_only ? '申請した施設のみ' : 'any', r.support_email ?? '-', String(r.facilities ?? 0), String(r.staff ?? 0)]),
      );
      out(`${rows.length} municipalities.`);
    } else if (what === 'staff') {
      const rows = await listStaff(db, code);
      printTable(
        ['code', 'municipality', 'role', 'facility', 'email', 'name', 'password'],
        rows.map((r) => [withCheckDigit(r.code), r.municipality, r.role === 'municipality_staff' ? 'municipality' : 'facility', r.facility ?? '-', r.email, r.display_name, r.has_password ? 'set' : 'not set'] ),
      );
      out(`${rows.length} staff logins.`);
    } else if (what === 'unit-prices') {
      const rows = await db.selectFrom('claim_unit_prices').selectAll().orderBy('fiscal_year').orderBy('kind').execute();
      printTable(
        ['fiscal year', 'kind', 'yen per hour'],
        rows.map((r) => [`FY${r.fiscal_year}`, `${r.kind} (${PRICE_KINDS[r.kind]})`, r.yen_per_hour.toLocaleString('en')]),
      );
      out(`${rows.length} unit prices.`);
    } else {
      const rows = await listFacilities(db, code);
      printTable(
        ['code', 'municipality', 'facility', 'address', 'staff', 'id'],
        rows.map((r) => [withCheckDigit(r.code), r.municipality, r.name, r.address, String(r.staff ?? 0), r.id]),
      );
      out(`${rows.length} facilities.`);
    }
    return 0;
  },
};

const COMMANDS: Record<string, Command> = { 'add-municipality': addCommand, 'reset-password': resetCommand, 'unit-price': priceCommand, list: listCommand };

function generalHelp(): string {
  return [
    'Tsuen operators’ command: npm run admin -- <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(18)} ${c.summary}`),
    '',
    'Help on one command: npm run admin -- <command> --help',
    '',
    'It uses the database `npm start` uses: DATABASE_URL (PostgreSQL), or without it the embedded',
    'database in DATA_DIR (default ./data; stop Tsuen first, the embedded database takes one process).',
    'Links in mails start with BASE_URL. Mail is queued in the outbox; a running Tsuen sends it.',
    'Exit status: 0 done, 1 refused (nothing was changed), 2 wrong command line.',
  ].join('\n');
}

function commandHelp(c: Command): string {
  return [
    `npm run admin -- ${c.usage}`,
    '',
    c.summary,
    '',
    'Options:',
    ...Object.entries(c.options).map(([option, spec]) => `  --${option.padEnd(22)} ${spec.required ? '(required) ' : ''}${spec.help}`),
    `  --${'help'.padEnd(22)} this help`,
  ].join('\n');
}

async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  try {
    return await openDatabase(config.databaseUrl ? { url: config.databaseUrl, ...(config.databaseSchema ? { schema: config.databaseSchema } : {}) } : { dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DatabaseConnectionError) throw new Refusal(`cannot connect to the database at DATABASE_URL=${error.address} (${error.reason}). ${error.hint}`);
    throw error;
  }
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic && COMMANDS[topic]) out(commandHelp(COMMANDS[topic]));
    else out(generalHelp());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`admin: unknown command "${name}".\n\n${generalHelp()}\n`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    const options = Object.fromEntries([...Object.entries(command.options).map(([k, v]) => [k, { type: v.type }]), ['help', { type: 'boolean', short: 'h' }]]);
    ({ values, positionals } = parseArgs({ args: rest, options, strict: true, allowPositionals: command.positionals !== undefined }) as { values: Record<string, string | boolean | undefined>; positionals: string[] });
  } catch (error) {
    process.stderr.write(`admin ${name}: ${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '.')}\n\n${commandHelp(command)}\n`);
    return 2;
  }
  if (values.help) {
    out(commandHelp(command));
    return 0;
  }
  const missing = Object.entries(command.options).filter(([k, spec]) => spec.required && (values[k] === undefined || values[k] === '')).map(([k]) => `--${k}`);
  if (missing.length > 0) {
    process.stderr.write(`admin ${name}: missing ${missing.join(', ')}.\n\n${commandHelp(command)}\n`);
    return 2;
  }

  let database: DatabaseHandle | undefined;
  try {
    command.check?.(values, positionals);
    const config = readConfig();
    database = await openConfiguredDatabase(config);
    await migrateToLatest(database.db, config.databaseUrl ? config.databaseSchema : undefined);
    await seedReferenceData(database.db);
    return await command.run(database.db, config, values, positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`admin ${name}: ${error.message}\n\n${commandHelp(command)}\n`);
      return 2;
    }
    if (error instanceof Refusal || error instanceof ConfigError) {
      process.stderr.write(`admin ${name}: refused, nothing was changed.\n${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database?.close();
  }
}

// Run as a command (not when a test imports checkNewMunicipality).
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main(process.argv.slice(2)).then(
    (status) => process.exit(status),
    (error: unknown) => {
      process.stderr.write(`admin: failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

import { hash } from '@node-rs/argon2';
import { type Insertable, sql } from 'kysely';
import type { Database, Db } from './platform/database.ts';
import { seedReferenceData } from './platform/seed.ts';
import { SAMPLE_FACILITY_DETAILS, insertGeneratedFacilities, recordSampleDesignations, type SampleFacility } from './facilities/seed.ts';
import { seedSampleBookingSetup } from './reservations/seed.ts';
import { systemClock, type Clock } from './platform/clock.ts';

// Fictional sample data for development and demonstrations, composed from each capability's
// own: two real municipalities, each with its (fictional) facilities and staff logins.

export { seedReferenceData };

export const SAMPLE_PASSWORD = 'Tsuen-Sample-2026';

export interface SampleLogin {
  role: 'municipality_staff' | 'facility_staff';
  email: string;
  /** The municipality or facility the login works for. */
  place: string;
}

type StaffRole = SampleLogin['role'];

/** Every sample login's address ends with this, which is how sampleLogins() finds them. */
const SAMPLE_EMAIL_DOMAIN = 'example.jp';
interface SampleMunicipality {
  row: Insertable<Database['municipalities']>;
  /** The mail sub-domain of its logins, e.g. 'ojiya'. */
  domain: string;
  facilities: readonly SampleFacility[];
}

// Two neighbouring cities in Niigata that differ in the one rule that matters most:
// Ojiya only lets a child use the facility named in the application.
const SAMPLE_MUNICIPALITIES: readonly SampleMunicipality[] = [
  {
    row: {
      code: '15208',
      prefecture_code: 15,
      name: '小千谷市',
      name_en: 'Ojiya',
      named_facility_only: true,
      monthly_allowance_minutes: 600,
      office_name: '小千谷市役所',
      office_latitude: 37.3144,
      office_longitude: 138.7953,
      // Inquiries (お客さまサポート) go here; 長岡市 has none, so its staff logins get them.
      support_email: 'support@city.ojiya.example.jp',
    },
    domain: 'ojiya',
    facilities: [
      {
        slug: 'niji',
        name: 'にじいろ保育園（架空）',
        nameKana: 'ニジイロホイクエン',
        address: '新潟県小千谷市城内1丁目1-1（架空）',
        phone: '0258-00-0001',
        lat: 37.317,
        lng: 138.793,
      },
      {
        slug: 'himawari',
        name: 'ひまわりこども園（架空）',
        nameKana: 'ヒマワリコドモエン',
        address: '新潟県小千谷市本町2丁目3-4（架空）',
        phone: '0258-00-0002',
        lat: 37.308,
        lng: 138.801,
      },
      {
        slug: 'mori',
        name: 'もりのおうち保育園（架空）',
        nameKana: 'モリノオウチホイクエン',
        address: '新潟県小千谷市平成1丁目5-6（架空）',
        phone: '0258-00-0003',
        lat: 37.3,
        lng: 138.785,
      },
    ],
  },
  {
    row: {
      code: '15202',
      prefecture_code: 15,
      name: '長岡市',
      name_en: 'Nagaoka',
      named_facility_only: false,
      monthly_allowance_minutes: 600,
      office_name: '長岡市役所',
      office_latitude: 37.4468,
      office_longitude: 138.8512,
    },
    domain: 'nagaoka',
    facilities: [
      {
        slug: 'sora',
        name: 'そらいろ保育園（架空）',
        nameKana: 'ソライロホイクエン',
        address: '新潟県長岡市大手通1丁目2-3（架空）',
        phone: '0258-00-0101',
        lat: 37.4475,
        lng: 138.853,
      },
      {
        slug: 'donguri',
        name: 'どんぐりこども園（架空）',
        nameKana: 'ドングリコドモエン',
        address: '新潟県長岡市東坂之上町2丁目4-5（架空）',
        phone: '0258-00-0102',
        lat: 37.442,
        lng: 138.86,
      },
      {
        slug: 'mizube',
        name: 'みずべ保育園（架空）',
        nameKana: 'ミズベホイクエン',
        address: '新潟県長岡市千秋1丁目6-7（架空）',
        phone: '0258-00-0103',
        lat: 37.454,
        lng: 138.83,
      },
    ],
  },
];

/** What the facility form asks beyond name and place (migrations/0003_facilities.ts). */export async function seedSampleData(db: Db, options: { extraFacilities?: number; clock?: Clock } = {}): Promise<SampleLogin[]> {
  const extra = Math.max(0, Math.floor(options.extraFacilities ?? 0));
  return db.transaction().execute(async (trx) => {
    // Serialises two processes starting together, so only one of them sees an empty table.
    await sql`lock table municipalities in share row exclusive mode`.execute(trx);
    const existing = await trx.selectFrom('municipalities').select('id').limit(1).executeTakeFirst();
    if (existing) return [];

    // The municipalities reference prefecture 15.
    await seedReferenceData(trx);

    const staff: Insertable<Database['users']>[] = [];
    const municipalityIds: string[] = [];
    const sampleFacilityIds: string[] = [];
    for (const sample of SAMPLE_MUNICIPALITIES) {
      const { id } = await trx.insertInto('municipalities').values(sample.row).returning('id').executeTakeFirstOrThrow();
      municipalityIds.push(id);
      staff.push({
        municipality_id: id,
        role: 'municipality_staff',
        facility_id: null,
        email: `city-staff@${sample.domain}.${SAMPLE_EMAIL_DOMAIN}`,
        display_name: `${sample.row.name} こども課（サンプル）`,
        password_hash: null,
        terms_version_accepted: null,
      });
      const facilities = await trx
        .insertInto('facilities')
        .values(
          sample.facilities.map((f) => ({
            municipality_id: id,
            name: f.name,
            name_kana: f.nameKana,
            address: f.address,
            phone: f.phone,
            latitude: f.lat,
            longitude: f.lng,
            ...SAMPLE_FACILITY_DETAILS[f.slug],
          })),
        )
        .returning(['id', 'name'])
        .execute();
      for (const f of sample.facilities) {
        const facilityId = facilities.find((row) => row.name === f.name)?.id;
        if (!facilityId) throw new Error(`Sample facility ${f.name} was not inserted`);
        sampleFacilityIds.push(facilityId);
        staff.push({
          municipality_id: id,
          role: 'facility_staff',
          facility_id: facilityId,
          email: `staff@${f.slug}.${sample.domain}.${SAMPLE_EMAIL_DOMAIN}`,
          display_name: `${f.name} 職員（サンプル）`,
          password_hash: null,
          terms_version_accepted: null,
        });
      }
    }

    // Each login gets its own salt; argon2id is the library's default algorithm.
    const hashes = await Promise.all(staff.map(() => hash(SAMPLE_PASSWORD)));
    await trx
      .insertInto('users')
      .values(staff.map((user, i) => ({ ...user, password_hash: hashes[i] ?? null, two_factor_enabled: true })))
      .execute();

    // 認可・確認, offers, slot templates and slots from today: the named sample facilities only.
    await recordSampleDesignations(trx, sampleFacilityIds, (options.clock ?? systemClock).now());
    await seedSampleBookingSetup(trx, options.clock ?? systemClock, sampleFacilityIds);
    if (extra > 0) await insertGeneratedFacilities(trx, municipalityIds, extra);
    return sampleLogins(trx);
  });
}

/** The seeded staff logins, municipality by municipality, for printing at start-up. */
export async function sampleLogins(db: Db): Promise<SampleLogin[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('municipalities', 'municipalities.id', 'users.municipality_id')
    .leftJoin('facilities', 'facilities.id', 'users.facility_id')
    .select(['users.role', 'users.email', 'municipalities.name as municipality', 'facilities.name as facility'])
    .where('users.role', 'in', ['municipality_staff', 'facility_staff'])
    .where(sql<string>`lower(users.email)`, 'like', `%.${SAMPLE_EMAIL_DOMAIN}`)
    .orderBy('municipalities.code')
    .orderBy('users.role', 'desc') // municipality_staff before facility_staff
    .orderBy('users.email')
    .execute();
  return rows.flatMap((row) =>
    isStaffRole(row.role) ? [{ role: row.role, email: row.email, place: row.facility ?? row.municipality }] : [],
  );
}

function isStaffRole(role: string): role is StaffRole {
  return role === 'municipality_staff' || role === 'facility_staff';
}

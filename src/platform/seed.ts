import { hash } from '@node-rs/argon2';
import { type Insertable, sql } from 'kysely';
import type { Database, Db } from './database.ts';

// Reference data every installation needs, and fictional sample data for development and
// demonstrations. People and facilities are invented (marked 「（架空）」/「（サンプル）」);
// the prefectures and municipalities are real places.

/** The password of every sample staff login. Meets the policy: ≥10 characters, 4 classes. */
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

// JIS X 0401 order: the code is the index + 1. `city`, `lat` and `lng` locate the prefectural
// office (approximately); generated facilities are scattered around it, where people live.
const PREFECTURES: readonly { name: string; nameEn: string; city: string; lat: number; lng: number }[] = [
  { name: '北海道', nameEn: 'Hokkaido', city: '札幌市', lat: 43.064, lng: 141.347 },
  { name: '青森県', nameEn: 'Aomori', city: '青森市', lat: 40.824, lng: 140.74 },
  { name: '岩手県', nameEn: 'Iwate', city: '盛岡市', lat: 39.704, lng: 141.153 },
  { name: '宮城県', nameEn: 'Miyagi', city: '仙台市', lat: 38.269, lng: 140.872 },
  { name: '秋田県', nameEn: 'Akita', city: '秋田市', lat: 39.719, lng: 140.102 },
  { name: '山形県', nameEn: 'Yamagata', city: '山形市', lat: 38.24, lng: 140.364 },
  { name: '福島県', nameEn: 'Fukushima', city: '福島市', lat: 37.75, lng: 140.468 },
  { name: '茨城県', nameEn: 'Ibaraki', city: '水戸市', lat: 36.342, lng: 140.447 },
  { name: '栃木県', nameEn: 'Tochigi', city: '宇都宮市', lat: 36.566, lng: 139.884 },
  { name: '群馬県', nameEn: 'Gunma', city: '前橋市', lat: 36.391, lng: 139.061 },
  { name: '埼玉県', nameEn: 'Saitama', city: 'さいたま市', lat: 35.857, lng: 139.649 },
  { name: '千葉県', nameEn: 'Chiba', city: '千葉市', lat: 35.605, lng: 140.123 },
  { name: '東京都', nameEn: 'Tokyo', city: '新宿区', lat: 35.69, lng: 139.692 },
  { name: '神奈川県', nameEn: 'Kanagawa', city: '横浜市', lat: 35.448, lng: 139.642 },
  { name: '新潟県', nameEn: 'Niigata', city: '新潟市', lat: 37.902, lng: 139.023 },
  { name: '富山県', nameEn: 'Toyama', city: '富山市', lat: 36.695, lng: 137.211 },
  { name: '石川県', nameEn: 'Ishikawa', city: '金沢市', lat: 36.595, lng: 136.626 },
  { name: '福井県', nameEn: 'Fukui', city: '福井市', lat: 36.065, lng: 136.222 },
  { name: '山梨県', nameEn: 'Yamanashi', city: '甲府市', lat: 35.664, lng: 138.568 },
  { name: '長野県', nameEn: 'Nagano', city: '長野市', lat: 36.651, lng: 138.181 },
  { name: '岐阜県', nameEn: 'Gifu', city: '岐阜市', lat: 35.391, lng: 136.722 },
  { name: '静岡県', nameEn: 'Shizuoka', city: '静岡市', lat: 34.977, lng: 138.383 },
  { name: '愛知県', nameEn: 'Aichi', city: '名古屋市', lat: 35.18, lng: 136.907 },
  { name: '三重県', nameEn: 'Mie', city: '津市', lat: 34.73, lng: 136.509 },
  { name: '滋賀県', nameEn: 'Shiga', city: '大津市', lat: 35.004, lng: 135.868 },
  { name: '京都府', nameEn: 'Kyoto', city: '京都市', lat: 35.021, lng: 135.756 },
  { name: '大阪府', nameEn: 'Osaka', city: '大阪市', lat: 34.686, lng: 135.52 },
  { name: '兵庫県', nameEn: 'Hyogo', city: '神戸市', lat: 34.691, lng: 135.183 },
  { name: '奈良県', nameEn: 'Nara', city: '奈良市', lat: 34.685, lng: 135.833 },
  { name: '和歌山県', nameEn: 'Wakayama', city: '和歌山市', lat: 34.226, lng: 135.168 },
  { name: '鳥取県', nameEn: 'Tottori', city: '鳥取市', lat: 35.504, lng: 134.238 },
  { name: '島根県', nameEn: 'Shimane', city: '松江市', lat: 35.472, lng: 133.051 },
  { name: '岡山県', nameEn: 'Okayama', city: '岡山市', lat: 34.662, lng: 133.935 },
  { name: '広島県', nameEn: 'Hiroshima', city: '広島市', lat: 34.397, lng: 132.46 },
  { name: '山口県', nameEn: 'Yamaguchi', city: '山口市', lat: 34.186, lng: 131.471 },
  { name: '徳島県', nameEn: 'Tokushima', city: '徳島市', lat: 34.066, lng: 134.559 },
  { name: '香川県', nameEn: 'Kagawa', city: '高松市', lat: 34.34, lng: 134.043 },
  { name: '愛媛県', nameEn: 'Ehime', city: '松山市', lat: 33.842, lng: 132.766 },
  { name: '高知県', nameEn: 'Kochi', city: '高知市', lat: 33.56, lng: 133.531 },
  { name: '福岡県', nameEn: 'Fukuoka', city: '福岡市', lat: 33.607, lng: 130.418 },
  { name: '佐賀県', nameEn: 'Saga', city: '佐賀市', lat: 33.249, lng: 130.299 },
  { name: '長崎県', nameEn: 'Nagasaki', city: '長崎市', lat: 32.745, lng: 129.874 },
  { name: '熊本県', nameEn: 'Kumamoto', city: '熊本市', lat: 32.79, lng: 130.742 },
  { name: '大分県', nameEn: 'Oita', city: '大分市', lat: 33.238, lng: 131.613 },
  { name: '宮崎県', nameEn: 'Miyazaki', city: '宮崎市', lat: 31.911, lng: 131.424 },
  { name: '鹿児島県', nameEn: 'Kagoshima', city: '鹿児島市', lat: 31.56, lng: 130.558 },
  { name: '沖縄県', nameEn: 'Okinawa', city: '那覇市', lat: 26.212, lng: 127.681 },
];

/** Loads the 47 prefectures. Safe to run at every start-up. */
export async function seedReferenceData(db: Db): Promise<void> {
  await db
    .insertInto('prefectures')
    .values(PREFECTURES.map((p, i) => ({ code: i + 1, name: p.name, name_en: p.nameEn })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

interface SampleFacility {
  /** The sub-domain of the facility staff login: staff@{slug}.{city}.example.jp */
  slug: string;
  name: string;
  nameKana: string;
  address: string;
  phone: string;
  lat: number;
  lng: number;
}

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

/** What the facility form asks beyond name and place (migrations/0003_facilities.ts). */
type FacilityDetails = Pick<
  Insertable<Database['facilities']>,
  'facility_type' | 'opens_at' | 'closes_at' | 'open_days' | 'ages_accepted' | 'daily_capacity' | 'fee_per_hour' | 'introduction' | 'notes'
>;

const SAMPLE_FACILITY_DETAILS: Record<string, FacilityDetails> = {
  niji: {
    facility_type: 'nursery',
    opens_at: '07:30',
    closes_at: '18:30',
    open_days: [1, 2, 3, 4, 5, 6],
    ages_accepted: [0, 1, 2],
    daily_capacity: 3,
    fee_per_hour: 300,
    introduction: '城内の住宅街にある保育園です。短い時間のご利用でも、在園のこどもたちと一緒に季節の遊びやお散歩を楽しめます。（架空の紹介文です）',
    notes: '持ち物：着替え2組、おむつ5枚、おしりふき、食事用エプロン、水筒。\n駐車場は園の前に3台分あります。',
  },
  himawari: {
    facility_type: 'certified_centre',
    opens_at: '08:00',
    closes_at: '17:00',
    open_days: [1, 2, 3, 4, 5],
    ages_accepted: [1, 2],
    daily_capacity: 2,
    fee_per_hour: 350,
    introduction: '広い園庭のある認定こども園です。1歳・2歳のお子さまをお預かりします。（架空の紹介文です）',
    notes: '給食はありません。お弁当をお持ちください。',
  },
  mori: {
    facility_type: 'small_scale',
    opens_at: '08:30',
    closes_at: '16:30',
    open_days: [1, 3, 5],
    ages_accepted: [0, 1],
    daily_capacity: 2,
    fee_per_hour: 300,
    introduction: '家庭的な雰囲気の小規模保育室です。少人数で、ゆったり過ごせます。（架空の紹介文です）',
    notes: '',
  },
  sora: {
    facility_type: 'nursery',
    opens_at: '07:30',
    closes_at: '19:00',
    open_days: [1, 2, 3, 4, 5, 6],
    ages_accepted: [0, 1, 2],
    daily_capacity: 5,
    fee_per_hour: 300,
    introduction: '駅から歩いて5分の保育園です。（架空の紹介文です）',
    notes: '駐車場はありません。近くの有料駐車場をご利用ください。',
  },
  donguri: {
    facility_type: 'certified_centre',
    opens_at: '08:00',
    closes_at: '17:30',
    open_days: [1, 2, 3, 4, 5],
    ages_accepted: [1, 2],
    daily_capacity: 3,
    fee_per_hour: 300,
    introduction: '',
    notes: '',
  },
  mizube: {
    facility_type: 'home_based',
    opens_at: '09:00',
    closes_at: '16:00',
    open_days: [2, 3, 4, 5, 6],
    ages_accepted: [0, 1],
    daily_capacity: 1,
    fee_per_hour: 300,
    introduction: '川のそばの家庭的保育室です。保育者1人が、お子さま1人をお預かりします。（架空の紹介文です）',
    notes: '',
  },
};

/**
 * Loads the sample municipalities, facilities and staff logins, once: it does nothing when any
 * municipality exists, so a real installation is never touched. `extraFacilities` adds that many
 * generated facilities across Japan (for trying search and paging at scale).
 * Returns the logins it created (none if it did nothing).
 */
export async function seedSampleData(db: Db, options: { extraFacilities?: number } = {}): Promise<SampleLogin[]> {
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

// --- Generated facilities ------------------------------------------------------------------

const BATCH_SIZE = 1000; // 16 columns × 1000 rows stays well below PostgreSQL's 65,535 parameters.

const NAME_WORDS: readonly [string, string][] = [
  ['あおぞら', 'アオゾラ'],
  ['ひまわり', 'ヒマワリ'],
  ['さくら', 'サクラ'],
  ['たんぽぽ', 'タンポポ'],
  ['どんぐり', 'ドングリ'],
  ['こすもす', 'コスモス'],
  ['すみれ', 'スミレ'],
  ['わかば', 'ワカバ'],
  ['ひだまり', 'ヒダマリ'],
  ['つくし', 'ツクシ'],
  ['みどり', 'ミドリ'],
  ['ほしぞら', 'ホシゾラ'],
  ['にじ', 'ニジ'],
  ['もみじ', 'モミジ'],
  ['うみかぜ', 'ウミカゼ'],
  ['やまびこ', 'ヤマビコ'],
];
const NAME_PLACES: readonly [string, string][] = [
  ['', ''],
  ['の森', 'ノモリ'],
  ['の丘', 'ノオカ'],
  ['の里', 'ノサト'],
];
const NAME_KINDS: readonly [string, string][] = [
  ['保育園', 'ホイクエン'],
  ['こども園', 'コドモエン'],
  ['保育所', 'ホイクショ'],
  ['小規模保育室', 'ショウキボホイクシツ'],
];

/** A small deterministic generator (32-bit LCG), so every run seeds the same facilities. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

const GENERATED_OPENING: readonly [string, string][] = [
  ['07:00', '18:00'],
  ['07:30', '18:30'],
  ['08:00', '17:00'],
  ['08:30', '16:30'],
  ['09:00', '16:00'],
];
const GENERATED_DAYS: readonly number[][] = [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6], [1, 3, 5], [2, 4], [1, 2, 3, 4, 5, 6, 7]];
const GENERATED_AGES: readonly number[][] = [[0, 1, 2], [0, 1, 2], [1, 2], [0, 1], [2]];
const GENERATED_TYPES: Record<string, FacilityDetails['facility_type']> = {
  保育園: 'nursery',
  こども園: 'certified_centre',
  保育所: 'nursery',
  小規模保育室: 'small_scale',
};

/** Hours, days, ages, capacity and fee for a generated facility, from a stream of its own. */
function generatedDetails(kind: string, random: () => number): FacilityDetails {
  const [opensAt, closesAt] = pick(GENERATED_OPENING, random);
  return {
    facility_type: GENERATED_TYPES[kind] ?? 'other',
    opens_at: opensAt,
    closes_at: closesAt,
    open_days: pick(GENERATED_DAYS, random),
    ages_accepted: pick(GENERATED_AGES, random),
    daily_capacity: 1 + Math.floor(random() * 10),
    fee_per_hour: 250 + 50 * Math.floor(random() * 4),
    introduction: '',
    notes: '',
  };
}

async function insertGeneratedFacilities(db: Db, municipalityIds: readonly string[], count: number): Promise<void> {
  const random = lcg(20260401);
  // A second stream, so the names and places stay what they were before facilities had details.
  const randomDetails = lcg(20260501);
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  for (let start = 0; start < count; start += BATCH_SIZE) {
    const batch: Insertable<Database['facilities']>[] = [];
    for (let i = start; i < Math.min(start + BATCH_SIZE, count); i++) {
      const [word, wordKana] = pick(NAME_WORDS, random);
      const [place, placeKana] = pick(NAME_PLACES, random);
      const [kind, kindKana] = pick(NAME_KINDS, random);
      // Scattered within about 20 km of a prefectural office, so searches find neighbours.
      const prefecture = pick(PREFECTURES, random);
      const chome = 1 + Math.floor(random() * 5);
      const ban = 1 + Math.floor(random() * 30);
      const go = 1 + Math.floor(random() * 20);
      const n = i + 1;
      batch.push({
        // Alternately, so both sample municipalities have a large list.
        municipality_id: municipalityIds[i % municipalityIds.length] ?? '',
        name: `${word}${place}${kind}（架空）`,
        name_kana: `${wordKana}${placeKana}${kindKana}`,
        address: `${prefecture.name}${prefecture.city}中央${chome}丁目${ban}-${go}（架空）`,
        // 050-0xxx is not assigned to anyone.
        phone: `050-0${String(Math.floor(n / 10000) % 1000).padStart(3, '0')}-${String(n % 10000).padStart(4, '0')}`,
        latitude: round(prefecture.lat + (random() - 0.5) * 0.36),
        longitude: round(prefecture.lng + (random() - 0.5) * 0.45),
        ...generatedDetails(kind, randomDetails),
      });
    }
    await db.insertInto('facilities').values(batch).execute();
  }
}

// Sample facilities for development and demonstrations (all fictional, marked 「（架空）」), and
// generated ones for the nearest-facility benchmark (SEED_FACILITIES).
import { type Insertable } from 'kysely';
import type { Database, Db } from '../platform/database.ts';
import { PREFECTURES } from '../platform/seed.ts';

export interface SampleFacility {
  /** The sub-domain of the facility staff login: staff@{slug}.{city}.example.jp */
  slug: string;
  name: string;
  nameKana: string;
  address: string;
  phone: string;
  lat: number;
  lng: number;
}
type FacilityDetails = Pick<
  Insertable<Database['facilities']>,
  'facility_type' | 'opens_at' | 'closes_at' | 'open_days' | 'ages_accepted' | 'daily_capacity' | 'fee_per_hour' | 'introduction' | 'notes'
>;

export const SAMPLE_FACILITY_DETAILS: Record<string, FacilityDetails> = {
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
 */// --- Generated facilities ------------------------------------------------------------------

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

export async function insertGeneratedFacilities(db: Db, municipalityIds: readonly string[], count: number): Promise<void> {
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

/**
 * The sample facilities' 認可・確認: licensed years ago, confirmed when the scheme began
 * trial (April 2024), so they may publish slots from then on.
 */
export async function recordSampleDesignations(db: Db, facilityIds: readonly string[], recordedAt: Date): Promise<void> {
  if (facilityIds.length === 0) return;
  const ids = await db.selectFrom('facilities').select(['id', 'municipality_id']).where('id', 'in', [...facilityIds]).execute();
  await db
    .insertInto('facility_designations')
    .values(
      ids.map((f, i) => ({
        facility_id: f.id,
        municipality_id: f.municipality_id,
        effective_from: '2015-04-01',
        business_type: i % 3 === 2 ? ('spare_capacity' as const) : ('general_dedicated' as const),
        licensed_on: '2015-04-01',
        confirmed_on: '2024-04-01',
        confirmation_ends_on: null,
        note: 'サンプル',
        recorded_by: null,
        recorded_at: recordedAt,
      })),
    )
    .execute();
}

import type { Db } from './database.ts';

// Reference data every installation needs: the 47 prefectures. Sample data for development is
// composed in src/seed.ts from each capability's own.

// JIS X 0401 order: the code is the index + 1. `city`, `lat` and `lng` locate the prefectural
// office (approximately); generated facilities are scattered around it, where people live.
export const PREFECTURES: readonly { name: string; nameEn: string; city: string; lat: number; lng: number }[] = [
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

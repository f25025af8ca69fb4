// What a facility is, in words: the fixed lists (types, weekdays, age classes) with their labels in
// both languages, and how hours, days, ages, fees and distances are written.
import type { FacilityType } from './tables.ts';
import type { Lang } from '../platform/i18n.ts';

export const FACILITY_TYPES = ['nursery', 'certified_centre', 'small_scale', 'kindergarten', 'home_based', 'other'] as const satisfies readonly FacilityType[];

export const facilityTypeLabels: Record<Lang, Record<FacilityType, string>> = {
  ja: {
    nursery: '保育所',
    certified_centre: '認定こども園',
    small_scale: '小規模保育事業所',
    kindergarten: '幼稚園',
    home_based: '家庭的保育事業所',
    other: 'その他',
  },
  en: {
    nursery: 'Nursery',
    certified_centre: 'Certified centre for early childhood education and care',
    small_scale: 'Small-scale nursery',
    kindergarten: 'Kindergarten',
    home_based: 'Home-based childcare',
    other: 'Other',
  },
};

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const weekdayLabels: Record<Lang, Record<number, string>> = {
  ja: { 1: '月', 2: '火', 3: '水', 4: '木', 5: '金', 6: '土', 7: '日' },
  en: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
};
export const weekdayLongLabels: Record<Lang, Record<number, string>> = {
  ja: { 1: '月曜日', 2: '火曜日', 3: '水曜日', 4: '木曜日', 5: '金曜日', 6: '土曜日', 7: '日曜日' },
  en: { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' },
};

/** Age classes (0歳児・1歳児・2歳児): the child's age in whole years. The scheme starts at 6 months. */
export const AGE_CLASSES = [0, 1, 2] as const;
export const ageLabels: Record<Lang, Record<number, string>> = {
  ja: { 0: '0歳（生後6か月から）', 1: '1歳', 2: '2歳' },
  en: { 0: '0 (from 6 months)', 1: '1 year old', 2: '2 years old' },
};

/** 'HH:MM:SS' or 'HH:MM' → 'H:MM' (8:30, 17:00). */
export function formatTime(time: string): string {
  const [h = '0', m = '00'] = time.split(':');
  return `${Number(h)}:${m}`;
}

export function formatHours(opensAt: string, closesAt: string): string {
  return `${formatTime(opensAt)}～${formatTime(closesAt)}`;
}

/** Consecutive days are joined as a range: 月～金, 月～土・日 → 月～日. */
export function formatDays(days: readonly number[], lang: Lang): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const labels = weekdayLabels[lang];
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    const first = labels[sorted[i] ?? 1] ?? '';
    const last = labels[sorted[j] ?? 1] ?? '';
    runs.push(j - i >= 2 ? `${first}${lang === 'ja' ? '～' : '–'}${last}` : j > i ? `${first}${lang === 'ja' ? '・' : ', '}${last}` : first);
    i = j + 1;
  }
  return runs.join(lang === 'ja' ? '・' : ', ');
}

export function formatAges(ages: readonly number[], lang: Lang): string {
  const sorted = [...new Set(ages)].sort((a, b) => a - b);
  if (lang === 'en') return sorted.map((a) => (a === 0 ? '0 (from 6 months)' : String(a))).join(', ') + ' years';
  return sorted.map((a) => (a === 0 ? '0歳（6か月から）' : `${a}歳`)).join('・');
}

export function formatFee(yen: number, lang: Lang): string {
  const amount = yen.toLocaleString('ja-JP');
  return lang === 'ja' ? `1時間 ${amount}円` : `¥${amount} an hour`;
}

export function formatCapacity(n: number, lang: Lang): string {
  return lang === 'ja' ? `1日 ${n}人まで` : `up to ${n} children a day`;
}

/** Metres as people read them: 850 m, 1.2 km, 23 km. */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} m`;
  if (metres < 10_000) return `${(Math.round(metres / 100) / 10).toFixed(1)} km`;
  return `${Math.round(metres / 1000).toLocaleString('ja-JP')} km`;
}

/** A map search for the coordinates, opened in the map app on a phone. */
export function mapLink(latitude: number, longitude: number): string {
  return `https://www.google.com/maps/search/?api=1&query=${latitude},${longitude}`;
}

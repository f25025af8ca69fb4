// The dashboard's figures as tables: each one's columns and rows as the page shows them and the CSV holds them.
import type { Lang } from '../platform/i18n.ts';
import { defineTexts } from '../platform/i18n.ts';
import type { FacilityCapacity, FacilityUse, MonthlyAllowance, MonthlyApplications, Outcomes, ReductionCount } from './queries.ts';

export const STATISTICS_TABLES = ['applications', 'allowance', 'use', 'capacity', 'outcomes', 'reductions'] as const;
export type StatisticsTable = (typeof STATISTICS_TABLES)[number];

export const statisticsTexts = defineTexts({
  ja: {
    title: '利用状況の統計',
    lead: (name: string) => `${name}の申請・認定と、お子さまの利用の状況です。グラフと同じ数字を、それぞれの下の表に載せています。表はCSVでダウンロードできます（Excelで開けるUTF-8（BOM付き）、またはShift_JIS）。`,
    monthNav: '表示する月',
    previous: '前の月',
    next: '次の月',
    month: '月',
    csv: 'CSV（UTF-8）',
    csvSjis: 'CSV（Shift_JIS）',
    none: 'この期間のデータはありません。',
    titles: {
      applications: '申請と認定（直近12か月）',
      allowance: '利用可能時間の提供と利用（直近12か月）',
      use: (m: string) => `施設別・年齢別の利用時間（${m}）`,
      capacity: (m: string) => `市区町村内の施設の定員と予約（${m}）`,
      outcomes: '予約の結果（直近12か月）',
      reductions: (m: string) => `利用料減免の区分（${m}）`,
    },
    notes: {
      allowance: '提供：その月に認定のあるお子さまの人数 × 1か月の利用可能時間（国の時間と市区町村独自の時間の合計）。利用：仮予約・確定・期限後キャンセルの予約が使った時間。',
      use: 'この市区町村のお子さまの確定した予約と期限後キャンセルの時間（どの施設でも）。',
      capacity: '公開中の予約枠の定員（0歳・1歳・2歳の合計）と、仮予約・確定の予約の数（どこのお子さまでも）。',
      outcomes: '利用日がその月の予約。欠席は施設が記録したもの。',
    },
    cols: {
      submitted: '申請',
      approved: '承認',
      rejected: '不承認',
      certified: '認定開始',
      children: '認定のあるお子さま（人）',
      offered: '提供した時間',
      used: '利用された時間',
      usedShare: '利用率',
      facility: '施設',
      age0: '0歳',
      age1: '1歳',
      age2: '2歳',
      total: '合計',
      bookings: '予約数',
      places: '定員（枠）',
      booked: '予約',
      fill: '予約率',
      confirmed: '確定',
      cancelledInTime: '期限内キャンセル',
      lateCancelled: '期限後キャンセル',
      declined: '施設が辞退',
      noShows: '欠席',
      category: '区分',
      count: '人数',
    },
    hours: (minutes: number) => `${(minutes / 60).toLocaleString('ja-JP', { maximumFractionDigits: 1 })}時間`,
    reductionLabels: { public_assistance: '生活保護世帯', tax_exempt: '市町村民税非課税世帯', income_tax_exempt: '所得割合算額が77,101円未満の世帯', support_needed: '要支援・要保護児童のいる世帯' } as Record<string, string>,
  },
  en: {
    title: 'Usage statistics',
    lead: (name: string) => `Applications, certifications and children's use for ${name}. Each chart's figures are in the table under it; each table downloads as CSV (UTF-8 with BOM for Excel, or Shift_JIS).`,
    monthNav: 'Month shown',
    previous: 'Previous month',
    next: 'Next month',
    month: 'Month',
    csv: 'CSV (UTF-8)',
    csvSjis: 'CSV (Shift_JIS)',
    none: 'No data for this period.',
    titles: {
      applications: 'Applications and certifications (last 12 months)',
      allowance: 'Allowance offered and used (last 12 months)',
      use: (m: string) => `Hours by facility and age class (${m})`,
      capacity: (m: string) => `Places and bookings at facilities in the municipality (${m})`,
      outcomes: 'What became of bookings (last 12 months)',
      reductions: (m: string) => `Fee reduction categories (${m})`,
    },
    notes: {
      allowance: "Offered: children certified in the month × the monthly allowance (national plus the municipality's own). Used: hours of provisional, confirmed and late-cancelled bookings.",
      use: "This municipality's children's confirmed and late-cancelled hours, at any facility.",
      capacity: 'Places in published slots (all age classes) and provisional or confirmed bookings (children from anywhere).',
      outcomes: 'Bookings whose day of use falls in the month. No-shows as recorded by the facility.',
    },
    cols: {
      submitted: 'Submitted',
      approved: 'Approved',
      rejected: 'Rejected',
      certified: 'Certifications from',
      children: 'Certified children',
      offered: 'Offered',
      used: 'Used',
      usedShare: 'Share used',
      facility: 'Facility',
      age0: 'Age 0',
      age1: 'Age 1',
      age2: 'Age 2',
      total: 'Total',
      bookings: 'Bookings',
      places: 'Places',
      booked: 'Booked',
      fill: 'Share booked',
      confirmed: 'Confirmed',
      cancelledInTime: 'Cancelled in time',
      lateCancelled: 'Cancelled late',
      declined: 'Declined by facility',
      noShows: 'No-shows',
      category: 'Category',
      count: 'Children',
    },
    hours: (minutes: number) => `${(minutes / 60).toLocaleString('en-GB', { maximumFractionDigits: 1 })} h`,
    reductionLabels: { public_assistance: 'Public assistance', tax_exempt: 'Municipal tax exempt', income_tax_exempt: 'Income levy under 77,101 yen', support_needed: 'Child needing support' } as Record<string, string>,
  },
});

export interface StatisticsData {
  applications: MonthlyApplications[];
  allowance: MonthlyAllowance[];
  use: FacilityUse[];
  capacity: FacilityCapacity[];
  outcomes: Outcomes[];
  reductions: ReductionCount[];
}

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);

/** Header row, then data rows, as text: what the page's table shows and the CSV holds. */
export function tableRows(table: StatisticsTable, data: StatisticsData, lang: Lang): string[][] {
  const t = statisticsTexts(lang);
  const c = t.cols;
  switch (table) {
    case 'applications':
      return [[t.month, c.submitted, c.approved, c.rejected, c.certified], ...data.applications.map((r) => [r.month, String(r.submitted), String(r.approved), String(r.rejected), String(r.certified)])];
    case 'allowance':
      return [[t.month, c.children, c.offered, c.used, c.usedShare], ...data.allowance.map((r) => [r.month, String(r.children), t.hours(r.offeredMinutes), t.hours(r.usedMinutes), percent(r.usedMinutes, r.offeredMinutes)])];
    case 'use':
      return [[c.facility, c.age0, c.age1, c.age2, c.total, c.bookings], ...data.use.map((r) => [r.facilityName, ...r.minutes.map(t.hours), t.hours(r.minutes[0] + r.minutes[1] + r.minutes[2]), String(r.bookings)])];
    case 'capacity':
      return [[c.facility, c.places, c.booked, c.fill], ...data.capacity.map((r) => [r.facilityName, String(r.places), String(r.booked), percent(r.booked, r.places)])];
    case 'outcomes':
      return [[t.month, c.confirmed, c.cancelledInTime, c.lateCancelled, c.declined, c.noShows], ...data.outcomes.map((r) => [r.month, String(r.confirmed), String(r.cancelledInTime), String(r.lateCancelled), String(r.declined), String(r.noShows)])];
    case 'reductions':
      return [[c.category, c.count], ...data.reductions.map((r) => [t.reductionLabels[r.category] ?? r.category, String(r.children)])];
  }
}

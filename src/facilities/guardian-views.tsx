// The guardian's screens of step 5 (施設を探す): the four ways to search and the facility detail.
import { defineTexts, type Lang } from '../platform/i18n.ts';
import { PrefectureThenMunicipality } from '../platform/ui/places.tsx';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { ErrorSummary, Notice, SelectField, type FieldErrors } from '../platform/ui/forms.tsx';
import { formatTokyoDateTime } from '../platform/clock.ts';
import { FacilityCard, FacilityList, FacilityTabs, FavouriteForm, BookingMark, Pager, RuleNotice } from './components.tsx';
import {
  AGE_CLASSES,
  WEEKDAYS,
  ageLabels,
  facilityTypeLabels,
  formatAges,
  formatCapacity,
  formatDays,
  formatFee,
  formatHours,
  mapLink,
  weekdayLongLabels,
} from './model.ts';
import { PAGE_SIZE, mayBook, type BookingRule, type FacilityCard as Card, type ReservationKind } from './queries.ts';

const texts = defineTexts({
  ja: {
    hubTitle: '施設を探す',
    hubLead: '探し方を選んでください。施設名を押すと、詳しい情報を確認できます。',
    ways: {
      nearby: ['現在地から探す', '今いる場所や、市役所などから近い順に表示します。'],
      area: ['都道府県から探す', '都道府県と市区町村を選び、お子さまの年齢や曜日で絞り込めます。'],
      favourites: ['お気に入りからさがす', '「☆ お気に入りに追加」で登録した施設を表示します。'],
      history: ['面談・利用歴から探す', '初回面談や予約をしたことのある施設を表示します。'],
    } as Record<'nearby' | 'area' | 'favourites' | 'history', [string, string]>,
    backToHub: '施設を探す（探し方を選ぶ）',
    nearbyLead: '「現在地を使う」を押すと、今いる場所から近い順に施設を表示します。位置情報は検索にだけ使い、保存しません。',
    origin: '出発地',
    originHint: '現在地を使わないときは、ここで選んだ場所から近い順に表示します。最初は、お住まいの市区町村の役所を選んでいます。',
    officeOption: (prefecture: string, office: string) => `${prefecture} ${office}`,
    searchFromOrigin: 'この場所から探す',
    useLocation: '現在地を使う',
    locating: '現在地を確認しています…',
    locationDenied: '位置情報の利用が許可されていません。出発地を選んで「この場所から探す」を押してください。',
    locationFailed: '現在地を確認できませんでした。出発地を選んで「この場所から探す」を押してください。',
    fromHere: '現在地から近い施設',
    fromPlace: (place: string) => `${place}から近い施設`,
    locationInvalid: '現在地を読み取れませんでした。出発地を選んで、もう一度探してください',
    originInvalid: '出発地を一覧から選んでください',
    noFacilities: '施設が見つかりませんでした。',
    areaTitle: '都道府県から探す',
    prefecture: '都道府県',
    showMunicipalities: '市区町村を表示する',
    municipality: '市区町村',
    municipalityOption: (name: string, n: number) => `${name}（${n}施設）`,
    age: 'お子さまの年齢',
    day: '利用したい曜日',
    searchArea: 'この条件で探す',
    noMunicipalities: 'この都道府県には、まだつうえんを使っている市区町村がありません。',
    resultsIn: (m: string, n: number) => `${m}の施設（${n}件）`,
    noMatch: '条件に合う施設はありません。年齢や曜日の条件を外して探してください。',
    choosePrefecture: '都道府県を一覧から選んでください',
    chooseMunicipality: '市区町村を一覧から選んでください',
    ageInvalid: 'お子さまの年齢を一覧から選んでください',
    dayInvalid: '利用したい曜日を一覧から選んでください',
    favouritesTitle: 'お気に入りからさがす',
    favouritesEmpty: 'お気に入りに登録した施設はありません。施設の一覧や詳細画面で「☆ お気に入りに追加」を押すと、ここに表示されます。',
    historyTitle: '面談・利用歴から探す',
    historyLead: 'お子さまが初回面談や予約をしたことのある施設です。',
    historyEmpty: 'まだ初回面談や予約をした施設はありません。「現在地から探す」や「都道府県から探す」で施設を探してください。',
    kinds: { interview: '初回面談', regular: '定期利用', flexible: '柔軟利用' } as Record<ReservationKind, string>,
    historyLine: (children: string, kinds: string, at: string) => `${children}：${kinds}（最新：${at}）`,
    kana: 'フリガナ',
    type: '施設の種類',
    municipalityLabel: '市区町村',
    address: '所在地',
    map: '地図アプリで場所を見る',
    phone: '電話番号',
    hours: '開所時間',
    days: '開所日',
    ages: '受け入れ年齢',
    capacity: '1日の定員',
    fee: '利用料',
    feeNote: '利用料は、施設が指定する方法で施設に直接お支払いください。',
    notes: '備考',
    introduction: '施設の紹介',
  },
  en: {
    hubTitle: 'Find a facility',
    hubLead: 'Choose how to search. Select a facility name to see its details.',
    ways: {
      nearby: ['Near you', 'Nearest first, from where you are or from a town hall.'],
      area: ['By prefecture', 'Choose a prefecture and municipality, and filter by age and day.'],
      favourites: ['From your favourites', 'The facilities you added with "☆ Add to favourites".'],
      history: ['From interviews and visits', 'Facilities where you had a first interview or a booking.'],
    } as Record<'nearby' | 'area' | 'favourites' | 'history', [string, string]>,
    backToHub: 'Find a facility (choose how)',
    nearbyLead: 'Press "Use my location" to list facilities nearest to where you are. Your location is used only for this search and is not stored.',
    origin: 'Starting point',
    originHint: 'Without your location, facilities are listed from the place chosen here; at first, your municipality’s office.',
    officeOption: (prefecture: string, office: string) => `${office}, ${prefecture}`,
    searchFromOrigin: 'Search from here',
    useLocation: 'Use my location',
    locating: 'Finding your location…',
    locationDenied: 'Location is not allowed. Choose a starting point and press "Search from here".',
    locationFailed: 'Your location could not be found. Choose a starting point and press "Search from here".',
    fromHere: 'Facilities near you',
    fromPlace: (place: string) => `Facilities near ${place}`,
    locationInvalid: 'Your location could not be read. Choose a starting point and search again',
    originInvalid: 'Choose a starting point from the list',
    noFacilities: 'No facilities were found.',
    areaTitle: 'Search by prefecture',
    prefecture: 'Prefecture',
    showMunicipalities: 'Show municipalities',
    municipality: 'Municipality',
    municipalityOption: (name: string, n: number) => `${name} (${n} facilities)`,
    age: "Child's age",
    day: 'Day of the week',
    searchArea: 'Search',
    noMunicipalities: 'No municipality in this prefecture uses Tsuen yet.',
    resultsIn: (m: string, n: number) => `Facilities in ${m} (${n})`,
    noMatch: 'No facility matches. Try without the age or day.',
    choosePrefecture: 'Choose a prefecture from the list',
    chooseMunicipality: 'Choose a municipality from the list',
    ageInvalid: "Choose the child's age from the list",
    dayInvalid: 'Choose a day from the list',
    favouritesTitle: 'Your favourites',
    favouritesEmpty: 'You have no favourites yet. Press "☆ Add to favourites" on a facility to list it here.',
    historyTitle: 'From interviews and visits',
    historyLead: 'Facilities where your children had a first interview or a booking.',
    historyEmpty: 'No first interviews or bookings yet. Find a facility near you or by prefecture.',
    kinds: { interview: 'First interview', regular: 'Regular use', flexible: 'Flexible use' } as Record<ReservationKind, string>,
    historyLine: (children: string, kinds: string, at: string) => `${children}: ${kinds} (latest ${at})`,
    kana: 'Reading',
    type: 'Type',
    municipalityLabel: 'Municipality',
    address: 'Address',
    map: 'See it in a map app',
    phone: 'Phone',
    hours: 'Hours',
    days: 'Open on',
    ages: 'Ages accepted',
    capacity: 'Daily capacity',
    fee: 'Fee',
    feeNote: 'Fees are paid at the facility, in the way it asks.',
    notes: 'Notes',
    introduction: 'About the facility',
  },
});

export type SearchWay = 'nearby' | 'area' | 'favourites' | 'history';
export const SEARCH_PATHS: Record<SearchWay, string> = {
  nearby: '/facilities/nearby',
  area: '/facilities/area',
  favourites: '/facilities/favourites',
  history: '/facilities/history',
};

export function HubPage({ ctx, rule }: { ctx: PageContext; rule: BookingRule }) {
  const t = texts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.hubTitle}>
      <h1 safe>{t.hubTitle}</h1>
      <p class="lead" safe>{t.hubLead}</p>
      <RuleNotice lang={ctx.lang} rule={rule} />
      <ul class="cards search-ways">
        {(Object.keys(SEARCH_PATHS) as SearchWay[]).map((way) => (
          <li class="card">
            <h2>
              <a href={SEARCH_PATHS[way]} safe>
                {t.ways[way][0]}
              </a>
            </h2>
            <p safe>{t.ways[way][1]}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function BackToHub({ lang }: { lang: Lang }) {
  return (
    <p>
      <a href="/facilities" safe>
        {texts(lang).backToHub}
      </a>
    </p>
  );
}

export interface Office {
  code: string;
  office_name: string;
  prefecture_name: string;
  prefecture_name_en: string;
  name_en: string;
}

export function NearbyPage(props: {
  ctx: PageContext;
  rule: BookingRule;
  offices: Office[];
  originCode: string;
  /** What the results are measured from; undefined when there are no results (bad input). */
  results: { fromLabel: string; facilities: Card[]; page: number; hasMore: boolean; href: (page: number) => string } | undefined;
  errors: FieldErrors;
  back: string;
}) {
  const { ctx, errors, results } = props;
  const t = texts(ctx.lang);
  const title = t.ways.nearby[0];
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <BackToHub lang={ctx.lang} />
      <h1 safe>{title}</h1>
      <p safe>{t.nearbyLead}</p>
      <form
        method="get"
        action="/facilities/nearby#results"
        novalidate
        class="nearby-form"
        data-geolocation
        data-use-label={t.useLocation}
        data-locating={t.locating}
        data-denied={t.locationDenied}
        data-failed={t.locationFailed}
      >
        <div data-geolocation-slot></div>
        <input type="hidden" name="lat" value="" />
        <input type="hidden" name="lng" value="" />
        <SelectField
          name="origin"
          label={t.origin}
          hint={t.originHint}
          lang={ctx.lang}
          required
          value={props.originCode}
          error={errors.origin}
          options={props.offices.map((o) => ({
            value: o.code,
            label: ctx.lang === 'ja' ? t.officeOption(o.prefecture_name, o.office_name) : t.officeOption(o.prefecture_name_en, `${o.name_en} office`),
          }))}
        />
        <button type="submit" data-variant="secondary" safe>
          {t.searchFromOrigin}
        </button>
      </form>
      <script type="module" src="/static/geolocation.js"></script>
      {results ? (
        <section id="results" aria-labelledby="results-heading">
          <h2 id="results-heading" safe>
            {results.fromLabel}
          </h2>
          <RuleNotice lang={ctx.lang} rule={props.rule} />
          {results.facilities.length === 0 ? <p safe>{t.noFacilities}</p> : <FacilityList ctx={ctx} facilities={results.facilities} rule={props.rule} back={props.back} headingLevel={3} />}
          <Pager lang={ctx.lang} page={results.page} pageSize={PAGE_SIZE} shown={results.facilities.length} hasMore={results.hasMore} href={results.href} />
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

export const nearbyTexts = (lang: Lang) => {
  const t = texts(lang);
  return { fromHere: t.fromHere, fromPlace: t.fromPlace, locationInvalid: t.locationInvalid, originInvalid: t.originInvalid };
};

export function AreaPage(props: {
  ctx: PageContext;
  rule: BookingRule;
  prefectures: Array<{ code: number; name: string; name_en: string }>;
  municipalities: Array<{ code: string; name: string; name_en: string; facilities: number | null }> | undefined;
  values: { prefecture: string; municipality: string; age: string; day: string };
  results: { municipalityName: string; facilities: Card[]; total: number; page: number; href: (page: number) => string } | undefined;
  errors: FieldErrors;
  back: string;
}) {
  const { ctx, errors, values, results } = props;
  const t = texts(ctx.lang);
  const lang = ctx.lang;
  return (
    <Layout ctx={ctx} title={t.areaTitle} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={lang} />
      <BackToHub lang={lang} />
      <h1 safe>{t.areaTitle}</h1>
      <PrefectureThenMunicipality
        lang={lang}
        prefectureAction="/facilities/area"
        municipalityAction="/facilities/area#results"
        prefectures={props.prefectures}
        prefectureCode={values.prefecture}
        municipalities={props.municipalities?.map((m) => ({ value: m.code, label: t.municipalityOption(lang === 'ja' ? m.name : m.name_en, m.facilities ?? 0) }))}
        municipalityCode={values.municipality}
        errors={errors}
        texts={{ prefecture: t.prefecture, municipality: t.municipality, showMunicipalities: t.showMunicipalities, noMunicipalities: t.noMunicipalities, submit: t.searchArea }}
      >
        <div class="filter-row">
          <SelectField
            name="age"
            label={t.age}
            lang={lang}
            value={values.age}
            error={errors.age}
            options={AGE_CLASSES.map((a) => ({ value: String(a), label: ageLabels[lang][a] ?? String(a) }))}
          />
          <SelectField
            name="day"
            label={t.day}
            lang={lang}
            value={values.day}
            error={errors.day}
            options={WEEKDAYS.map((d) => ({ value: String(d), label: weekdayLongLabels[lang][d] ?? String(d) }))}
          />
        </div>
      </PrefectureThenMunicipality>
      {results ? (
        <section id="results" aria-labelledby="results-heading">
          <h2 id="results-heading" safe>
            {t.resultsIn(results.municipalityName, results.total)}
          </h2>
          <RuleNotice lang={lang} rule={props.rule} />
          {results.facilities.length === 0 ? <p safe>{t.noMatch}</p> : <FacilityList ctx={ctx} facilities={results.facilities} rule={props.rule} back={props.back} headingLevel={3} />}
          <Pager
            lang={lang}
            page={results.page}
            pageSize={PAGE_SIZE}
            shown={results.facilities.length}
            total={results.total}
            hasMore={results.page * PAGE_SIZE < results.total}
            href={results.href}
          />
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

export const areaTexts = (lang: Lang) => {
  const t = texts(lang);
  return { choosePrefecture: t.choosePrefecture, chooseMunicipality: t.chooseMunicipality, ageInvalid: t.ageInvalid, dayInvalid: t.dayInvalid };
};

export function FavouritesPage(props: { ctx: PageContext; rule: BookingRule; facilities: Card[]; back: string }) {
  const { ctx } = props;
  const t = texts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.favouritesTitle}>
      <BackToHub lang={ctx.lang} />
      <h1 safe>{t.favouritesTitle}</h1>
      <RuleNotice lang={ctx.lang} rule={props.rule} />
      {props.facilities.length === 0 ? (
        <p safe>{t.favouritesEmpty}</p>
      ) : (
        <FacilityList ctx={ctx} facilities={props.facilities} rule={props.rule} back={props.back} headingLevel={2} />
      )}
    </Layout>
  );
}

export function HistoryPage(props: {
  ctx: PageContext;
  rule: BookingRule;
  facilities: Array<Card & { kinds: ReservationKind[]; children: string[]; last_at: Date }>;
  back: string;
}) {
  const { ctx } = props;
  const t = texts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.historyTitle}>
      <BackToHub lang={ctx.lang} />
      <h1 safe>{t.historyTitle}</h1>
      <p safe>{t.historyLead}</p>
      <RuleNotice lang={ctx.lang} rule={props.rule} />
      {props.facilities.length === 0 ? (
        <p safe>{t.historyEmpty}</p>
      ) : (
        <ol class="cards facility-list">
          {props.facilities.map((f) => (
            <FacilityCard ctx={ctx} facility={f} rule={props.rule} back={props.back} headingLevel={2}>
              <p class="history-line" safe>
                {t.historyLine(f.children.join('、'), f.kinds.map((k) => t.kinds[k]).join('・'), formatTokyoDateTime(new Date(f.last_at)))}
              </p>
            </FacilityCard>
          ))}
        </ol>
      )}
    </Layout>
  );
}

export interface FacilityDetail extends Card {
  phone: string;
  latitude: number;
  longitude: number;
  daily_capacity: number;
  introduction: string;
  notes: string;
}

export function DetailPage(props: { ctx: PageContext; rule: BookingRule; facility: FacilityDetail; back: string }) {
  const { ctx, facility: f } = props;
  const t = texts(ctx.lang);
  const lang = ctx.lang;
  const rows: Array<[string, string]> = [
    [t.kana, f.name_kana],
    [t.type, facilityTypeLabels[lang][f.facility_type]],
    [t.municipalityLabel, lang === 'ja' ? f.municipality_name : f.municipality_name_en],
  ];
  const after: Array<[string, string]> = [
    [t.hours, formatHours(f.opens_at, f.closes_at)],
    [t.days, formatDays(f.open_days, lang)],
    [t.ages, formatAges(f.ages_accepted, lang)],
    [t.capacity, formatCapacity(f.daily_capacity, lang)],
  ];
  return (
    <Layout ctx={ctx} title={f.name}>
      <BackToHub lang={lang} />
      <h1 id={`facility-${f.id}`} safe>
        {f.name}
      </h1>
      <BookingMark lang={lang} rule={props.rule} facilityId={f.id} />
      {mayBook(props.rule, f.id) === false ? <RuleNotice lang={lang} rule={props.rule} list={false} /> : ''}
      <FavouriteForm ctx={ctx} facilityId={f.id} facilityName={f.name} favourite={f.favourite} back={props.back} />
      <FacilityTabs lang={lang} facilityId={f.id} current="detail" />
      {f.introduction ? (
        <section class="facility-introduction" aria-labelledby="introduction-heading">
          <h2 id="introduction-heading" safe>
            {t.introduction}
          </h2>
          <p class="multiline" safe>
            {f.introduction}
          </p>
        </section>
      ) : (
        ''
      )}
      <dl class="summary facility-detail">
        {rows.map(([key, value]) => (
          <div>
            <dt safe>{key}</dt>
            <dd safe>{value}</dd>
          </div>
        ))}
        <div>
          <dt safe>{t.address}</dt>
          <dd>
            <span safe>{f.address}</span>
            <br />
            <a href={mapLink(f.latitude, f.longitude)} rel="noopener noreferrer" safe>
              {t.map}
            </a>
          </dd>
        </div>
        <div>
          <dt safe>{t.phone}</dt>
          <dd>
            <a href={`tel:${f.phone.replace(/[^\d]/g, '')}`} safe>
              {f.phone}
            </a>
          </dd>
        </div>
        {after.map(([key, value]) => (
          <div>
            <dt safe>{key}</dt>
            <dd safe>{value}</dd>
          </div>
        ))}
        <div>
          <dt safe>{t.fee}</dt>
          <dd>
            <span safe>{formatFee(f.fee_per_hour, lang)}</span>
            <br />
            <small safe>{t.feeNote}</small>
          </dd>
        </div>
        {f.notes ? (
          <div>
            <dt safe>{t.notes}</dt>
            <dd class="multiline" safe>
              {f.notes}
            </dd>
          </div>
        ) : (
          ''
        )}
      </dl>
    </Layout>
  );
}

// Pieces shared by the facility pages: the facility card with its favourite star and booking mark,
// the named-facility notice and paging links.
import { Tabs } from '../platform/ui/nav.tsx';
import type { PropsWithChildren } from '@kitajs/html';
import { defineTexts, type Lang } from '../platform/i18n.ts';
import type { PageContext } from '../platform/ui/layout.tsx';
import { CsrfField } from '../platform/ui/forms.tsx';
import { facilityTypeLabels, formatAges, formatDays, formatDistance, formatFee, formatHours } from './model.ts';
import { mayBook, type BookingRule, type FacilityCard as Card } from './queries.ts';

const texts = defineTexts({
  ja: {
    addFavourite: 'お気に入りに追加',
    removeFavourite: 'お気に入りから外す',
    isFavourite: 'お気に入り',
    distance: (d: string) => `距離 ${d}`,
    hours: '開所時間',
    ages: '受け入れ年齢',
    fee: '利用料',
    address: '所在地',
    bookable: '利用できます（申請した施設）',
    notBookable: (m: string) => `利用できません（${m}では申請した施設のみ利用できます）`,
    ruleTitle: (m: string) => `${m}では、利用できる施設は申請した施設のみです`,
    ruleBody: (names: string) => `施設はすべて表示していますが、予約できるのは利用申請で選んだ施設（${names}）だけです。各施設に「利用できます」「利用できません」と表示しています。`,
    ruleBodyOne: (names: string) => `予約できるのは、利用申請で選んだ施設（${names}）だけです。`,
    ruleNoFacility: (m: string) => `利用申請で選んだ施設が見つかりません。${m}の担当窓口へお問い合わせください。`,
    pages: '検索結果のページ',
    previous: '前の20件',
    next: '次の20件',
    range: (from: number, to: number, total: number | undefined) => (total === undefined ? `${from}～${to}件目` : `全${total}件中 ${from}～${to}件目`),
    tabs: '施設のページ',
    tabDetail: '施設の詳細',
    tabReserve: '予約',
  },
  en: {
    addFavourite: 'Add to favourites',
    removeFavourite: 'Remove from favourites',
    isFavourite: 'Favourite',
    distance: (d: string) => `${d} away`,
    hours: 'Hours',
    ages: 'Ages',
    fee: 'Fee',
    address: 'Address',
    bookable: 'You may use this facility (named in your application)',
    notBookable: (m: string) => `Not available to you (in ${m} only the facility named in the application may be used)`,
    ruleTitle: (m: string) => `In ${m}, only the facility named in your application may be used`,
    ruleBody: (names: string) => `Every facility is listed, but you can book only the one chosen in your application (${names}). Each facility is marked as available or not.`,
    ruleBodyOne: (names: string) => `You can book only the facility chosen in your application (${names}).`,
    ruleNoFacility: (m: string) => `We could not find the facility chosen in your application. Please contact ${m}.`,
    pages: 'Result pages',
    previous: 'Previous 20',
    next: 'Next 20',
    range: (from: number, to: number, total: number | undefined) => (total === undefined ? `${from}–${to}` : `${from}–${to} of ${total}`),
    tabs: 'Facility pages',
    tabDetail: 'Facility details',
    tabReserve: 'Book',
  },
});

/** The star: a small form, so it works without JavaScript; the server sends the guardian back. */
export function FavouriteForm(props: { ctx: PageContext; facilityId: string; facilityName: string; favourite: boolean; back: string }) {
  const t = texts(props.ctx.lang);
  return (
    <form method="post" action={`/facilities/${props.facilityId}/favourite`} class="favourite-form">
      <CsrfField token={props.ctx.csrfToken} />
      <input type="hidden" name="favourite" value={props.favourite ? 'off' : 'on'} />
      <input type="hidden" name="back" value={props.back} />
      {props.favourite ? (
        <span class="favourite-state">
          <span class="star" aria-hidden="true">★</span>
          <span safe>{t.isFavourite}</span>
        </span>
      ) : (
        ''
      )}
      <button type="submit" data-variant={props.favourite ? 'link' : 'secondary'} class="favourite-button">
        {props.favourite ? '' : <span class="star" aria-hidden="true">☆</span>}
        <span safe>{props.favourite ? t.removeFavourite : t.addFavourite}</span>
        <span class="visually-hidden" safe>{`（${props.facilityName}）`}</span>
      </button>
    </form>
  );
}

/** Where the named-facility rule applies, whether this family may book the facility, in words. */
export function BookingMark({ lang, rule, facilityId }: { lang: Lang; rule: BookingRule; facilityId: string }) {
  const allowed = mayBook(rule, facilityId);
  if (allowed === undefined || rule.kind !== 'named') return '';
  const t = texts(lang);
  const municipality = lang === 'ja' ? rule.municipalityName : rule.municipalityNameEn;
  return (
    <p class="booking-mark" data-bookable={allowed ? 'yes' : 'no'}>
      <span aria-hidden="true">{allowed ? '✓' : '×'}</span> <span safe>{allowed ? t.bookable : t.notBookable(municipality)}</span>
    </p>
  );
}

/** The named-facility rule in words, above a list (`list`) or on one facility's page. */
export function RuleNotice({ lang, rule, list = true }: { lang: Lang; rule: BookingRule; list?: boolean }) {
  if (rule.kind !== 'named') return '';
  const t = texts(lang);
  const municipality = lang === 'ja' ? rule.municipalityName : rule.municipalityNameEn;
  const named = rule.facilities.map((f) => f.name).join('、');
  return (
    <div class="notice" data-type="warning" data-qa="named-facility-rule">
      <h2 safe>{t.ruleTitle(municipality)}</h2>
      <p safe>{rule.facilities.length === 0 ? t.ruleNoFacility(municipality) : list ? t.ruleBody(named) : t.ruleBodyOne(named)}</p>
    </div>
  );
}

export function FacilityCard(
  props: PropsWithChildren<{ ctx: PageContext; facility: Card; rule: BookingRule; back: string; headingLevel: 2 | 3 }>,
) {
  const { ctx, facility: f } = props;
  const t = texts(ctx.lang);
  const lang = ctx.lang;
  const name = (
    <a href={`/facilities/${f.id}`} data-qa="facility-name" safe>
      {f.name}
    </a>
  );
  const municipality = lang === 'ja' ? f.municipality_name : f.municipality_name_en;
  return (
    <li class="card facility-card" id={`facility-${f.id}`} data-qa="facility-card">
      {props.headingLevel === 2 ? <h2>{name}</h2> : <h3>{name}</h3>}
      <p class="facility-meta">
        <span safe>{`${facilityTypeLabels[lang][f.facility_type]}・${municipality}`}</span>
        {f.distance_m !== undefined ? (
          <strong class="distance" safe>
            {t.distance(formatDistance(f.distance_m))}
          </strong>
        ) : (
          ''
        )}
      </p>
      <dl class="facility-facts">
        <div>
          <dt safe>{t.address}</dt>
          <dd safe>{f.address}</dd>
        </div>
        <div>
          <dt safe>{t.hours}</dt>
          <dd safe>{`${formatDays(f.open_days, lang)} ${formatHours(f.opens_at, f.closes_at)}`}</dd>
        </div>
        <div>
          <dt safe>{t.ages}</dt>
          <dd safe>{formatAges(f.ages_accepted, lang)}</dd>
        </div>
        <div>
          <dt safe>{t.fee}</dt>
          <dd safe>{formatFee(f.fee_per_hour, lang)}</dd>
        </div>
      </dl>
      {props.children}
      <BookingMark lang={lang} rule={props.rule} facilityId={f.id} />
      <FavouriteForm ctx={ctx} facilityId={f.id} facilityName={f.name} favourite={f.favourite} back={props.back} />
    </li>
  );
}

export function FacilityList(props: { ctx: PageContext; facilities: Card[]; rule: BookingRule; back: string; headingLevel: 2 | 3 }) {
  return (
    <ol class="cards facility-list">
      {props.facilities.map((f) => (
        <FacilityCard ctx={props.ctx} facility={f} rule={props.rule} back={props.back} headingLevel={props.headingLevel} />
      ))}
    </ol>
  );
}

/** 前の20件 / 次の20件, keeping the rest of the query. */
export function Pager(props: { lang: Lang; page: number; pageSize: number; shown: number; total?: number; hasMore: boolean; href: (page: number) => string }) {
  const t = texts(props.lang);
  if (props.page === 1 && !props.hasMore) return '';
  const from = (props.page - 1) * props.pageSize + 1;
  return (
    <nav class="pager" aria-label={t.pages}>
      <p safe>{t.range(from, from + props.shown - 1, props.total)}</p>
      <ul>
        {props.page > 1 ? (
          <li>
            <a href={props.href(props.page - 1)} rel="prev" safe>
              {t.previous}
            </a>
          </li>
        ) : (
          ''
        )}
        {props.hasMore ? (
          <li>
            <a href={props.href(props.page + 1)} rel="next" safe>
              {t.next}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </nav>
  );
}

/** 施設の詳細 | 予約: links to pages of their own (the 予約 tab is src/reservations/guardian-booking-routes.tsx). */
export function FacilityTabs({ lang, facilityId, current }: { lang: Lang; facilityId: string; current: 'detail' | 'reserve' }) {
  const t = texts(lang);
  return (
    <Tabs
      label={t.tabs}
      tabs={[
        { href: `/facilities/${facilityId}`, label: t.tabDetail, current: current === 'detail' },
        { href: `/facilities/${facilityId}/reserve`, label: t.tabReserve, current: current === 'reserve' },
      ]}
    />
  );
}

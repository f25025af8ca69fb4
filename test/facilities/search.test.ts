// Guide step 5 (施設を探す) over HTTP: the four searches, the detail page, favourites, the
// named-facility marking of 小千谷市 — and who is refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf } from '../helpers/http.ts';
import { NAGAOKA, logInAsStaff, newGuardian } from '../helpers/journeys.ts';
import { page as parse, type Page } from '../helpers/page.ts';
import { hasLinkTo, hrefsOfLinksNamed, optionOf, textIn } from './support.ts';

let t: TestApp;
/** A guardian of 小千谷市 (named-facility rule) whose application named にじいろ保育園. */
let ojiya: TestClient;
/** A guardian of 長岡市 (no such rule). */
let nagaoka: TestClient;

const NIJI = 'にじいろ保育園（架空）';
const HIMAWARI = 'ひまわりこども園（架空）';
const MORI = 'もりのおうち保育園（架空）';
const SORA = 'そらいろ保育園（架空）';
const DONGURI = 'どんぐりこども園（架空）';
const MIZUBE = 'みずべ保育園（架空）';

before(async () => {
  t = await startTestApp();
  ojiya = await newGuardian(t.app, t.db, 'search-ojiya@example.jp');
  nagaoka = await newGuardian(t.app, t.db, 'search-nagaoka@example.jp', { municipalityCode: NAGAOKA });
});
after(() => t.close());

async function facilityNamed(name: string): Promise<string> {
  return (await t.db.selectFrom('facilities').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/**
 * The facility cards of a results page, in order: the name, the visible text, the booking mark
 * (`data-bookable`, undefined where none is shown) and the card parsed, for its star form.
 */
function cards(html: string): Array<{ name: string; text: string; bookable: string | undefined; page: Page }> {
  return parse(html)
    .all('[data-qa="facility-card"]')
    .map((card) => {
      const name = card.querySelector('[data-qa="facility-name"]');
      return {
        name: name ? textIn(name) : '',
        text: textOf(card.toString()),
        bookable: card.querySelector('[data-bookable]')?.getAttribute('data-bookable'),
        page: parse(card.toString()),
      };
    });
}

function names(html: string): string[] {
  return cards(html).map((c) => c.name);
}

function card(html: string, name: string) {
  const found = cards(html).find((c) => c.name === name);
  assert.ok(found, `a card for ${name} in ${names(html).join(', ')}`);
  return found;
}

describe('施設を探す: the menu and the four ways', () => {
  test('the site menu has 施設を探す, which offers the four searches', async () => {
    const mypage = await ojiya.get('/mypage');
    assert.ok(hrefsOfLinksNamed(parse(mypage.body), '施設を探す').includes('/facilities'));
    const hub = await ojiya.get('/facilities');
    assert.equal(hub.status, 200);
    for (const [href, label] of [
      ['/facilities/nearby', '現在地から探す'],
      ['/facilities/area', '都道府県から探す'],
      ['/facilities/favourites', 'お気に入りからさがす'],
      ['/facilities/history', '面談・利用歴から探す'],
    ] as const) {
      assert.deepEqual(hrefsOfLinksNamed(parse(hub.body), label), [href]);
    }
  });

  test('in 小千谷市 the page says that only the facility named in the application may be used', async () => {
    const hub = textOf((await ojiya.get('/facilities')).body);
    assert.match(hub, /小千谷市では、利用できる施設は申請した施設のみです/);
    assert.match(hub, /利用申請で選んだ施設（にじいろ保育園（架空））だけです/);
    assert.doesNotMatch(textOf((await nagaoka.get('/facilities')).body), /申請した施設のみ/);
  });
});

describe('現在地から探す', () => {
  test('without a location, starts from the guardian’s municipality office, nearest first with distances', async () => {
    const page = await ojiya.get('/facilities/nearby');
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /小千谷市役所から近い施設/);
    const list = cards(page.body);
    assert.deepEqual(list.slice(0, 3).map((c) => c.name), [NIJI, HIMAWARI, MORI]);
    assert.deepEqual(new Set(list.slice(3, 6).map((c) => c.name)), new Set([SORA, DONGURI, MIZUBE]));
    assert.match(list[0]!.text, /距離 350 m/);
    assert.match(list[1]!.text, /距離 870 m/);
    assert.match(list[2]!.text, /距離 1\.8 km/);
    assert.match(list[3]!.text, /距離 1\d km/, 'Nagaoka is about 15 km away');
    // The office is chosen in the starting-point list; the location fields start empty.
    const shown = parse(page.body);
    assert.deepEqual(optionOf(shown, 'origin', '15208'), { label: '新潟県 小千谷市役所', selected: true });
    assert.equal(shown.find('input[name="lat"]')?.getAttribute('type'), 'hidden');
    assert.equal(shown.field('lat')?.value, '');
    assert.equal(shown.find('script[src="/static/geolocation.js"]')?.getAttribute('type'), 'module');
    assert.equal(shown.find('[data-geolocation]')?.getAttribute('data-use-label'), '現在地を使う');
  });

  test('with the browser’s location, lists what is nearest to it', async () => {
    const page = await ojiya.get('/facilities/nearby?lat=37.448&lng=138.853&origin=15208');
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /現在地から近い施設/);
    assert.equal(names(page.body)[0], SORA);
    assert.match(card(page.body, SORA).text, /距離 (\d+) m/);
  });

  test('another starting point can be chosen from the list', async () => {
    const page = await ojiya.get('/facilities/nearby?origin=15202');
    assert.match(textOf(page.body), /長岡市役所から近い施設/);
    assert.equal(names(page.body)[0], SORA);
    assert.equal(parse(page.body).field('origin')?.value, '15202');
  });

  test('a location that cannot be read, or an unknown starting point, gets a message at the field', async () => {
    const bad = await ojiya.get('/facilities/nearby?lat=north&lng=138.8&origin=15202');
    assert.equal(bad.status, 400);
    assert.match(textOf(bad.body), /現在地を読み取れませんでした。出発地を選んで、もう一度探してください/);
    const badPage = parse(bad.body);
    assert.match(badPage.field('origin')?.error ?? '', /現在地を読み取れませんでした/);
    assert.equal(badPage.field('origin')?.value, '15202', 'the choice is kept');
    assert.equal(cards(bad.body).length, 0);
    const outOfRange = await ojiya.get('/facilities/nearby?lat=95&lng=138.8');
    assert.equal(outOfRange.status, 400);
    const unknown = await ojiya.get('/facilities/nearby?origin=99999');
    assert.equal(unknown.status, 400);
    assert.match(textOf(unknown.body), /出発地を一覧から選んでください/);
  });
});

describe('都道府県から探す', () => {
  test('starts at the guardian’s prefecture and municipality, and lists nothing until asked', async () => {
    const page = await nagaoka.get('/facilities/area');
    assert.equal(page.status, 200);
    const shown = parse(page.body);
    assert.deepEqual(optionOf(shown, 'prefecture', '15'), { label: '新潟県', selected: true });
    assert.deepEqual(optionOf(shown, 'municipality', '15202'), { label: '長岡市（3施設）', selected: true });
    const ojiyaOption = optionOf(shown, 'municipality', '15208');
    assert.equal(ojiyaOption?.selected, false);
    assert.match(ojiyaOption?.label ?? '', /^小千谷市（\d+施設）$/);
    assert.equal(cards(page.body).length, 0);
  });

  test('prefecture → municipality → that municipality’s facilities', async () => {
    const page = await nagaoka.get('/facilities/area?prefecture=15&municipality=15202');
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /長岡市の施設（3件）/);
    assert.deepEqual(new Set(names(page.body)), new Set([SORA, DONGURI, MIZUBE]));
    // Listed in フリガナ order: ソライロ, ドングリ, ミズベ.
    assert.deepEqual(names(page.body), [SORA, DONGURI, MIZUBE]);
  });

  test('filters by the child’s age and by weekday', async () => {
    const age0 = await nagaoka.get('/facilities/area?prefecture=15&municipality=15202&age=0');
    assert.deepEqual(names(age0.body), [SORA, MIZUBE], 'どんぐり takes 1- and 2-year-olds only');
    assert.equal(parse(age0.body).field('age')?.value, '0');
    const saturday = await nagaoka.get('/facilities/area?prefecture=15&municipality=15202&day=6');
    assert.deepEqual(names(saturday.body), [SORA, MIZUBE]);
    const sunday = await nagaoka.get('/facilities/area?prefecture=15&municipality=15202&age=2&day=7');
    assert.equal(cards(sunday.body).length, 0);
    assert.match(textOf(sunday.body), /条件に合う施設はありません/);
    const both = await nagaoka.get('/facilities/area?prefecture=15&municipality=15202&age=1&day=1');
    assert.deepEqual(names(both.body), [SORA, DONGURI], 'みずべ is closed on Mondays');
  });

  test('a prefecture without municipalities in the system says so', async () => {
    const page = await nagaoka.get('/facilities/area?prefecture=13');
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /この都道府県には、まだつうえんを使っている市区町村がありません/);
  });

  test('bad choices get a message at the field and keep the other choices', async () => {
    const prefecture = await nagaoka.get('/facilities/area?prefecture=99');
    assert.equal(prefecture.status, 400);
    assert.match(textOf(prefecture.body), /都道府県を一覧から選んでください/);
    assert.equal(parse(prefecture.body).field('prefecture')?.error, '都道府県を一覧から選んでください');
    const municipality = await nagaoka.get('/facilities/area?prefecture=15&municipality=&age=1');
    assert.equal(municipality.status, 400);
    assert.match(textOf(municipality.body), /市区町村を一覧から選んでください/);
    assert.deepEqual(optionOf(parse(municipality.body), 'age', '1'), { label: '1歳', selected: true });
    const filters = await nagaoka.get('/facilities/area?prefecture=15&municipality=15202&age=5&day=8');
    assert.equal(filters.status, 400);
    assert.match(textOf(filters.body), /お子さまの年齢を一覧から選んでください/);
    assert.match(textOf(filters.body), /利用したい曜日を一覧から選んでください/);
    assert.equal(parse(filters.body).field('municipality')?.value, '15202');
    assert.equal(cards(filters.body).length, 0);
  });

  test('long lists come a page at a time', async () => {
    const municipality = await t.db.selectFrom('municipalities').select('id').where('code', '=', NAGAOKA).executeTakeFirstOrThrow();
    await t.db
      .insertInto('facilities')
      .values(
        Array.from({ length: 22 }, (_, i) => ({
          municipality_id: municipality.id,
          name: `ページ送り保育園${String(i + 1).padStart(2, '0')}（テスト）`,
          name_kana: `ンページオクリ${String(i + 1).padStart(2, '0')}`,
          address: '沖縄県那覇市（テスト）',
          phone: '050-0000-0000',
          latitude: 26.2,
          longitude: 127.7,
        })),
      )
      .execute();
    try {
      const first = await nagaoka.get('/facilities/area?prefecture=15&municipality=15202');
      assert.match(textOf(first.body), /長岡市の施設（25件）/);
      assert.equal(cards(first.body).length, 20);
      assert.match(textOf(first.body), /全25件中 1～20件目/);
      const nextLink = parse(first.body).find('a[rel="next"]');
      assert.equal(nextLink ? textIn(nextLink) : undefined, '次の20件');
      const next = nextLink?.getAttribute('href');
      assert.ok(next);
      const second = await nagaoka.get(next.replace(/#.*$/, ''));
      assert.equal(cards(second.body).length, 5);
      assert.match(textOf(second.body), /全25件中 21～25件目/);
      const previous = parse(second.body).find('a[rel="prev"]');
      assert.equal(previous ? textIn(previous) : undefined, '前の20件');
    } finally {
      await t.db.deleteFrom('facilities').where('name', 'like', 'ページ送り保育園%').execute();
    }
  });
});

describe('the named-facility rule (小千谷市)', () => {
  test('search shows every facility but marks which one this family may book, and why', async () => {
    const page = await ojiya.get('/facilities/nearby');
    assert.equal(cards(page.body).length, 6, 'every facility is shown');
    const niji = card(page.body, NIJI);
    assert.equal(niji.bookable, 'yes');
    assert.match(niji.text, /利用できます（申請した施設）/);
    for (const other of [HIMAWARI, MORI, SORA]) {
      const c = card(page.body, other);
      assert.equal(c.bookable, 'no');
      assert.match(c.text, /利用できません（小千谷市では申請した施設のみ利用できます）/);
    }
    assert.match(textOf(page.body), /小千谷市では、利用できる施設は申請した施設のみです/);
  });

  test('the detail page of a facility not applied for says so', async () => {
    const page = await ojiya.get(`/facilities/${await facilityNamed(HIMAWARI)}`);
    const text = textOf(page.body);
    assert.match(text, /利用できません（小千谷市では申請した施設のみ利用できます）/);
    assert.match(text, /予約できるのは、利用申請で選んだ施設（にじいろ保育園（架空））だけです/);
    assert.match(textOf((await ojiya.get(`/facilities/${await facilityNamed(NIJI)}`)).body), /利用できます（申請した施設）/);
  });

  test('where there is no such rule, nothing is marked', async () => {
    const page = await nagaoka.get('/facilities/nearby');
    assert.equal(cards(page.body).length, 6);
    assert.equal(parse(page.body).all('[data-bookable]').length, 0);
  });
});

describe('the facility detail page', () => {
  test('shows name, address with a map link, hours, ages, fee, capacity, notes and introduction', async () => {
    const id = await facilityNamed(NIJI);
    const page = await nagaoka.get(`/facilities/${id}`);
    assert.equal(page.status, 200);
    const shown = parse(page.body);
    assert.equal(shown.heading(), NIJI);
    assert.equal(shown.find('h1')?.id, `facility-${id}`);
    const text = textOf(page.body);
    for (const shown of [
      '施設の紹介 城内の住宅街にある保育園です。',
      'フリガナ ニジイロホイクエン',
      '施設の種類 保育所',
      '所在地 新潟県小千谷市城内1丁目1-1（架空） 地図アプリで場所を見る',
      '電話番号 0258-00-0001',
      '開所時間 7:30～18:30',
      '開所日 月～土',
      '受け入れ年齢 0歳（6か月から）・1歳・2歳',
      '1日の定員 1日 3人まで',
      '利用料 1時間 300円',
      '備考 持ち物：着替え2組',
    ]) {
      assert.ok(text.includes(shown), `shows「${shown}」in ${text}`);
    }
    assert.ok(hasLinkTo(shown, 'https://www.google.com/maps/search/?api=1&query=37.317,138.793'), 'a map link');
    assert.ok(hasLinkTo(shown, 'tel:0258000001'), 'a phone link');
    assert.ok(text.includes('駐車場は園の前に3台分あります。'));
    // 施設の詳細 | 予約: the 予約 tab (guide step 6) is a page of its own (src/reservations/guardian-booking-*).
    assert.deepEqual(
      shown.all('nav.tabs a').map((a) => [textIn(a), a.getAttribute('href'), a.getAttribute('aria-current') ?? '']),
      [
        ['施設の詳細', `/facilities/${id}`, 'page'],
        ['予約', `/facilities/${id}/reserve`, ''],
      ],
    );
  });

  test('an unknown or malformed id is not found', async () => {
    assert.equal((await ojiya.get('/facilities/00000000-0000-0000-0000-000000000000')).status, 404);
    assert.equal((await ojiya.get('/facilities/not-a-facility')).status, 404);
  });
});

describe('お気に入り', () => {
  test('the star adds a favourite and brings the guardian back; pressed again, it removes it', async () => {
    const id = await facilityNamed(HIMAWARI);
    const list = await ojiya.get('/facilities/nearby?origin=15208');
    const himawari = card(list.body, HIMAWARI);
    assert.equal(himawari.page.field('favourite')?.value, 'on');
    assert.match(himawari.text, /お気に入りに追加（ひまわりこども園（架空））/);
    const back = himawari.page.field('back')?.value;
    assert.equal(back, '/facilities/nearby?origin=15208');

    const added = await ojiya.post(`/facilities/${id}/favourite`, { favourite: 'on', back: back ?? '' });
    assert.equal(added.status, 303);
    assert.equal(added.location, `/facilities/nearby?origin=15208#facility-${id}`);
    const again = await ojiya.get('/facilities/nearby?origin=15208');
    assert.equal(card(again.body, HIMAWARI).page.field('favourite')?.value, 'off');
    assert.match(card(again.body, HIMAWARI).text, /お気に入りから外す/);

    const favourites = await ojiya.get('/facilities/favourites');
    assert.deepEqual(names(favourites.body), [HIMAWARI]);

    // Pressing twice (two tabs) leaves one favourite.
    await ojiya.post(`/facilities/${id}/favourite`, { favourite: 'on', back: '/facilities/favourites' });
    assert.deepEqual(names((await ojiya.get('/facilities/favourites')).body), [HIMAWARI]);

    const removed = await ojiya.post(`/facilities/${id}/favourite`, { favourite: 'off', back: '/facilities/favourites' });
    assert.equal(removed.status, 303);
    assert.equal(removed.location, `/facilities/favourites#facility-${id}`);
    const empty = await ojiya.get('/facilities/favourites');
    assert.equal(cards(empty.body).length, 0);
    assert.match(textOf(empty.body), /お気に入りに登録した施設はありません/);
  });

  test('the detail page has the star too, and an unsafe way back is not followed', async () => {
    const id = await facilityNamed(MORI);
    const page = await ojiya.get(`/facilities/${id}`);
    assert.ok(parse(page.body).formFields(`/facilities/${id}/favourite`).includes('favourite'), 'the star’s form');
    const added = await ojiya.post(`/facilities/${id}/favourite`, { favourite: 'on', back: '//evil.example/phish' });
    assert.equal(added.location, `/facilities/${id}#facility-${id}`);
    assert.equal(parse((await ojiya.get(`/facilities/${id}`)).body).field('favourite')?.value, 'off');
    await ojiya.post(`/facilities/${id}/favourite`, { favourite: 'off', back: `/facilities/${id}` });
  });

  test('each guardian sees and changes only their own favourites', async () => {
    const sora = await facilityNamed(SORA);
    const mizube = await facilityNamed(MIZUBE);
    await nagaoka.get('/facilities');
    await nagaoka.post(`/facilities/${sora}/favourite`, { favourite: 'on', back: '/facilities' });
    await ojiya.get('/facilities');
    const ojiyaUser = await t.db.selectFrom('users').select('id').where('email', '=', 'search-ojiya@example.jp').executeTakeFirstOrThrow();
    const nagaokaUser = await t.db.selectFrom('users').select('id').where('email', '=', 'search-nagaoka@example.jp').executeTakeFirstOrThrow();

    // The 小千谷 guardian names the other guardian in the form: the session decides, not the form.
    await ojiya.post(`/facilities/${mizube}/favourite`, { favourite: 'on', back: '/facilities', user_id: nagaokaUser.id, userId: nagaokaUser.id });
    await ojiya.post(`/facilities/${sora}/favourite`, { favourite: 'off', back: '/facilities', user_id: nagaokaUser.id, userId: nagaokaUser.id });

    assert.deepEqual(names((await nagaoka.get('/facilities/favourites')).body), [SORA], 'the other guardian’s favourites are untouched');
    assert.deepEqual(names((await ojiya.get('/facilities/favourites')).body), [MIZUBE]);
    const rows = await t.db.selectFrom('facility_favourites').select(['user_id', 'facility_id']).orderBy('user_id').execute();
    assert.deepEqual(
      rows.filter((r) => r.user_id === nagaokaUser.id).map((r) => r.facility_id),
      [sora],
    );
    assert.deepEqual(
      rows.filter((r) => r.user_id === ojiyaUser.id).map((r) => r.facility_id),
      [mizube],
    );
    await ojiya.post(`/facilities/${mizube}/favourite`, { favourite: 'off', back: '/facilities' });
  });

  test('a token from another guardian’s page is refused', async () => {
    const id = await facilityNamed(DONGURI);
    await nagaoka.get('/facilities');
    const stolen = nagaoka.csrfToken ?? '';
    await ojiya.get('/facilities');
    const refused = await ojiya.post(`/facilities/${id}/favourite`, { favourite: 'on', back: '/facilities', _csrf: stolen });
    assert.equal(refused.status, 403);
    assert.equal((await t.db.selectFrom('facility_favourites').select('user_id').where('facility_id', '=', id).execute()).length, 0);
  });

  test('an unknown facility is not found', async () => {
    await ojiya.get('/facilities');
    const answer = await ojiya.post('/facilities/00000000-0000-0000-0000-000000000000/favourite', { favourite: 'on', back: '/facilities' });
    assert.equal(answer.status, 404);
    assert.equal((await ojiya.post('/facilities/nope/favourite', { favourite: 'on' })).status, 404);
  });
});

describe('面談・利用歴から探す', () => {
  test('lists the facilities where this guardian’s children have an interview or a booking', async () => {
    const guardian = await t.db.selectFrom('users').select(['id', 'municipality_id']).where('email', '=', 'search-ojiya@example.jp').executeTakeFirstOrThrow();
    const child = await t.db.selectFrom('children').select(['id', 'name']).where('guardian_id', '=', guardian.id).executeTakeFirstOrThrow();
    const other = await t.db.selectFrom('users').select('id').where('email', '=', 'search-nagaoka@example.jp').executeTakeFirstOrThrow();
    const otherChild = await t.db.selectFrom('children').select(['id', 'municipality_id']).where('guardian_id', '=', other.id).executeTakeFirstOrThrow();

    const empty = await ojiya.get('/facilities/history');
    assert.equal(empty.status, 200);
    assert.match(textOf(empty.body), /まだ初回面談や予約をした施設はありません/);

    const reservation = (facilityId: string, childId: string, municipalityId: string, kind: 'interview' | 'regular' | 'flexible', status: 'provisional' | 'confirmed' | 'cancelled', day: string) => ({
      municipality_id: municipalityId,
      facility_id: facilityId,
      child_id: childId,
      kind,
      status,
      starts_at: `${day}T01:00:00Z`,
      ends_at: `${day}T02:00:00Z`,
    });
    await t.db
      .insertInto('reservations')
      .values([
        reservation(await facilityNamed(NIJI), child.id, guardian.municipality_id, 'interview', 'confirmed', '2026-11-10'),
        reservation(await facilityNamed(NIJI), child.id, guardian.municipality_id, 'regular', 'provisional', '2026-12-01'),
        reservation(await facilityNamed(HIMAWARI), child.id, guardian.municipality_id, 'interview', 'provisional', '2026-11-20'),
        reservation(await facilityNamed(MORI), child.id, guardian.municipality_id, 'interview', 'cancelled', '2026-11-21'),
        reservation(await facilityNamed(SORA), otherChild.id, otherChild.municipality_id, 'interview', 'confirmed', '2026-11-22'),
      ])
      .execute();

    const page = await ojiya.get('/facilities/history');
    assert.deepEqual(names(page.body), [NIJI, HIMAWARI], 'most recent first; cancelled and other families’ are not history');
    assert.match(card(page.body, NIJI).text, new RegExp(`${child.name}：初回面談・定期利用（最新：2026/12/1 10:00）`));
    assert.match(card(page.body, HIMAWARI).text, /初回面談（最新：2026\/11\/20 10:00）/);
    assert.equal(card(page.body, HIMAWARI).bookable, 'no', 'the rule is marked here too');

    const theirs = await nagaoka.get('/facilities/history');
    assert.deepEqual(names(theirs.body), [SORA]);
  });
});

describe('odd input', () => {
  test('repeated or strange parameters get a page or a message, never an error', async () => {
    assert.equal((await ojiya.get('/facilities/nearby?lat=37.3&lat=north&lng=138.8')).status, 400);
    assert.equal((await ojiya.get('/facilities/nearby?lat=37.3&lat=37.4&lng=138.8&lng=138.9')).status, 200);
    assert.equal((await ojiya.get('/facilities/nearby?origin=15208&page=abc')).status, 200);
    assert.equal((await ojiya.get('/facilities/nearby?origin=15208&page=999')).status, 200);
    assert.equal((await ojiya.get('/facilities/area?prefecture=15&prefecture=15&municipality=15202&age[]=1')).status, 200);
    assert.equal((await ojiya.get(`/facilities/area?prefecture=${'9'.repeat(400)}`)).status, 400);
    const id = await facilityNamed(DONGURI);
    await ojiya.get('/facilities');
    const odd = await ojiya.post(`/facilities/${id}/favourite`, { favourite: 'on', back: '/facilities\r\nSet-Cookie: x=1' });
    assert.equal(odd.status, 303);
    assert.equal(odd.location, `/facilities/${id}#facility-${id}`);
    await ojiya.post(`/facilities/${id}/favourite`, { favourite: 'off', back: '/facilities' });
  });
});

describe('in English', () => {
  test('the searches and the detail page follow the chosen language', async () => {
    ojiya.cookies.set('lang', 'en');
    try {
      const nearby = await ojiya.get('/facilities/nearby');
      assert.equal(parse(nearby.body).find('html')?.getAttribute('lang'), 'en');
      const text = textOf(nearby.body);
      assert.match(text, /Facilities near Ojiya office/);
      assert.match(text, /350 m away/);
      assert.match(text, /Not available to you \(in Ojiya only the facility named in the application may be used\)/);
      assert.match(text, /Add to favourites/);
      const detail = textOf((await ojiya.get(`/facilities/${await facilityNamed(NIJI)}`)).body);
      assert.match(detail, /Open on Mon–Sat/);
      assert.match(detail, /Fee ¥300 an hour/);
      const area = await ojiya.get('/facilities/area?prefecture=15&municipality=15202&age=9');
      assert.equal(area.status, 400);
      assert.match(textOf(area.body), /Choose the child's age from the list/);
    } finally {
      ojiya.cookies.delete('lang');
    }
  });
});

describe('who may search', () => {
  test('someone not logged in is sent to log in, and comes back afterwards', async () => {
    const stranger = new TestClient(t.app);
    for (const path of ['/facilities', '/facilities/nearby', '/facilities/area?prefecture=15', '/facilities/favourites', '/facilities/history']) {
      const page = await stranger.get(path);
      assert.equal(page.status, 303, path);
      assert.equal(page.location, `/login?next=${encodeURIComponent(path)}`);
    }
  });

  test('staff are refused the guardian’s search and favourites with 403', async () => {
    const cityStaff = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
    const facilityStaff = await logInAsStaff(t.app, t.db, 'staff@niji.ojiya.example.jp');
    const id = await facilityNamed(NIJI);
    for (const [client, home] of [[cityStaff, '/municipality'], [facilityStaff, '/facility']] as const) {
      for (const path of ['/facilities', '/facilities/nearby', '/facilities/area', '/facilities/favourites', '/facilities/history', `/facilities/${id}`]) {
        assert.equal((await client.get(path)).status, 403, path);
      }
      await client.get(home);
      assert.equal((await client.post(`/facilities/${id}/favourite`, { favourite: 'on' })).status, 403);
    }
    assert.equal((await t.db.selectFrom('facility_favourites').select('user_id').where('facility_id', '=', id).execute()).length, 0);
  });
});

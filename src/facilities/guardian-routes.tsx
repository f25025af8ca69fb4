import type { FastifyInstance, FastifyRequest } from 'fastify';
import { permit, routeGroup } from '../platform/access.ts';
import { facilityActions } from './actions.ts';
import { formBody, pageContext, queryOf, safeLocalPath, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { listPrefectures } from '../applications/queries.ts';
import { AGE_CLASSES, WEEKDAYS } from './model.ts';
import {
  bookingRule,
  facilitiesInMunicipality,
  facilityDetail,
  favouriteFacilities,
  historyFacilities,
  homeMunicipality,
  municipalOffices,
  municipalitiesWithCounts,
  nearestFacilities,
  setFavourite,
  type Point,
} from './queries.ts';
import { AreaPage, DetailPage, FavouritesPage, HistoryPage, HubPage, NearbyPage, areaTexts, nearbyTexts } from './guardian-views.tsx';
import { CalendarDate } from '../platform/time.ts';

type Query = Record<string, string | undefined>;

/** Where to send the guardian after the star: a path on this site, without its fragment. */
function backPath(value: string | undefined, fallback: string): string {
  return safeLocalPath(value, fallback).split('#')[0] ?? fallback;
}

/** ?page=N, 1 unless it is a sensible page number (paging links are not a form field). */
function pageOf(query: Query): number {
  const page = Number(query.page);
  return Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1;
}

function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** A coordinate from the query: a finite number within [-limit, limit]. */
function coordinate(value: string | undefined, limit: number): number | undefined {
  if (value === undefined || !/^[+-]?\d{1,3}(\.\d+)?$/.test(value.trim())) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

/** Guide step 5: 施設を探す, the facility detail page, and municipality staff managing facilities. */
export const facilityRoutes = routeGroup('guardian', async (routes) => {
  const { db, clock } = routes.app.deps;
  const thisMonth = () => CalendarDate.today(clock);

  routes.get('/facilities', async (req, reply, user) => {
    await permit(req, user, facilityActions.search);
    const rule = await bookingRule(db, user, thisMonth());
    return sendHtml(reply, <HubPage ctx={pageContext(req, reply)} rule={rule} />);
  });

  // 現在地から探す. The browser's location arrives as lat/lng (filled by public/geolocation.js
  // only when the guardian presses 「現在地を使う」); otherwise a municipality office is the start.
  routes.get('/facilities/nearby', async (req, reply, user) => {
    await permit(req, user, facilityActions.search);
    const query = queryOf(req);
    const [offices, rule] = await Promise.all([municipalOffices(db), bookingRule(db, user, thisMonth())]);
    const home = offices.find((o) => o.id === user.municipalityId);
    const originCode = query.origin ?? home?.code ?? '';
    const t = nearbyTexts(req.lang);
    const errors: FieldErrors = {};
    let origin: Point | undefined;
    let fromLabel = '';
    let link: Record<string, string | number | undefined>;
    if ((query.lat ?? '') !== '' || (query.lng ?? '') !== '') {
      const latitude = coordinate(query.lat, 90);
      const longitude = coordinate(query.lng, 180);
      if (latitude === undefined || longitude === undefined) errors.origin = t.locationInvalid;
      else origin = { latitude, longitude };
      fromLabel = t.fromHere;
      link = { lat: query.lat, lng: query.lng };
    } else {
      const office = offices.find((o) => o.code === originCode);
      if (!office) errors.origin = t.originInvalid;
      else {
        origin = { latitude: office.office_latitude, longitude: office.office_longitude };
        fromLabel = t.fromPlace(req.lang === 'ja' ? office.office_name : `${office.name_en} office`);
      }
      link = { origin: originCode };
    }
    const page = pageOf(query);
    const found = origin ? await nearestFacilities(db, origin, { userId: user.id, page }) : undefined;
    return sendHtml(
      reply,
      <NearbyPage
        ctx={pageContext(req, reply)}
        rule={rule}
        offices={offices}
        originCode={originCode}
        results={found ? { fromLabel, facilities: found.rows, page, hasMore: found.hasMore, href: (p) => `${withQuery('/facilities/nearby', { ...link, page: p })}#results` } : undefined}
        errors={errors}
        back={req.url}
      />,
      found ? 200 : 400,
    );
  });

  // 都道府県から探す: prefecture → municipality → facilities, with filters for age and weekday.
  routes.get('/facilities/area', async (req, reply, user) => {
    await permit(req, user, facilityActions.search);
    const query = queryOf(req);
    const [prefectures, home, rule] = await Promise.all([listPrefectures(db), homeMunicipality(db, user.municipalityId), bookingRule(db, user, thisMonth())]);
    const t = areaTexts(req.lang);
    const errors: FieldErrors = {};
    const values = {
      prefecture: query.prefecture ?? String(home.prefecture_code),
      municipality: query.municipality ?? (query.prefecture === undefined ? home.code : ''),
      age: query.age ?? '',
      day: query.day ?? '',
    };
    const prefecture = prefectures.find((p) => String(p.code) === values.prefecture);
    if (!prefecture) errors.prefecture = t.choosePrefecture;
    const municipalities = prefecture ? await municipalitiesWithCounts(db, prefecture.code) : undefined;
    const municipality = municipalities?.find((m) => m.code === values.municipality);
    if (query.municipality !== undefined && municipalities && municipalities.length > 0 && !municipality) errors.municipality = t.chooseMunicipality;
    const age = AGE_CLASSES.find((a) => String(a) === values.age);
    const day = WEEKDAYS.find((d) => String(d) === values.day);
    // The filters are shown once a prefecture is chosen; their messages wait for them.
    if (prefecture && values.age !== '' && age === undefined) errors.age = t.ageInvalid;
    if (prefecture && values.day !== '' && day === undefined) errors.day = t.dayInvalid;
    const hasErrors = Object.keys(errors).length > 0;
    const page = pageOf(query);
    // The list appears once a municipality has been chosen (the form was sent).
    const searched = query.municipality !== undefined && municipality && !hasErrors;
    const found = searched ? await facilitiesInMunicipality(db, municipality.id, { age, day }, { userId: user.id, page }) : undefined;
    const link = { prefecture: values.prefecture, municipality: values.municipality, age: values.age, day: values.day };
    return sendHtml(
      reply,
      <AreaPage
        ctx={pageContext(req, reply)}
        rule={rule}
        prefectures={prefectures}
        municipalities={municipalities}
        values={values}
        results={
          found && municipality
            ? {
                municipalityName: req.lang === 'ja' ? municipality.name : municipality.name_en,
                facilities: found.rows,
                total: found.total,
                page,
                href: (p) => `${withQuery('/facilities/area', { ...link, page: p })}#results`,
              }
            : undefined
        }
        errors={errors}
        back={req.url}
      />,
      hasErrors ? 400 : 200,
    );
  });

  routes.get('/facilities/favourites', async (req, reply, user) => {
    await permit(req, user, facilityActions.search);
    const [facilities, rule] = await Promise.all([favouriteFacilities(db, user.id), bookingRule(db, user, thisMonth())]);
    return sendHtml(reply, <FavouritesPage ctx={pageContext(req, reply)} rule={rule} facilities={facilities} back={req.url} />);
  });

  routes.get('/facilities/history', async (req, reply, user) => {
    await permit(req, user, facilityActions.search);
    const [facilities, rule] = await Promise.all([historyFacilities(db, user.id), bookingRule(db, user, thisMonth())]);
    return sendHtml(reply, <HistoryPage ctx={pageContext(req, reply)} rule={rule} facilities={facilities} back={req.url} />);
  });

  routes.get('/facilities/:id', async (req, reply, user) => {
    const id = await permit(req, user, facilityActions.read, (req.params as { id: string }).id);
    const facility = await facilityDetail(db, id, user.id);
    if (!facility) return sendMessagePage(req, reply, 'notFound');
    const rule = await bookingRule(db, user, thisMonth());
    return sendHtml(reply, <DetailPage ctx={pageContext(req, reply)} rule={rule} facility={facility} back={req.url} />);
  });

  // The star. Only the signed-in guardian's own favourites change: the user comes from the
  // session, never from the form. Without JavaScript the guardian lands back where they were.
  routes.post('/facilities/:id/favourite', async (req, reply, user) => {
    const id = await permit(req, user, facilityActions.favourite, (req.params as { id: string }).id);
    const body = formBody(req);
    const found = await setFavourite(db, user, id, body.favourite !== 'off');
    if (!found) return sendMessagePage(req, reply, 'notFound');
    return seeOther(reply, `${backPath(body.back, `/facilities/${id}`)}#facility-${id}`);
  });

});

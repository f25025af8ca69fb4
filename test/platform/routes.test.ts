// The route inventory: every route with the audience that may use it, and from it, every route
// requested as every other kind of user and as someone else of the same kind. A route added
// without a group, or left out of this table, fails here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Audience } from '../../src/platform/access.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { OWNER, belongsTo, STRANGER, buildRouteWorld, fillPath, paramsOf, type ActorName, type RouteWorld } from '../helpers/route-world.ts';

/** Who may use each route. Keep it in the order the app registers them. */
export const ROUTES: Record<string, Audience> = {
  'GET /health': 'public',
  'GET /static/*': 'public',
  'GET /assets/tokens.css': 'public',
  'GET /language': 'public',
  'GET /': 'public',
  'GET /mypage': 'guardian',
  'GET /facility': 'facility_staff',
  'GET /apply': 'public',
  'GET /apply/email': 'public',
  'POST /apply/email': 'public',
  'GET /apply/sent': 'public',
  'GET /apply/form/:token': 'public',
  'POST /apply/form/:token': 'public',
  'GET /apply/form/:token/check': 'public',
  'POST /apply/form/:token/submit': 'public',
  'GET /apply/form/:token/complete': 'public',
  'GET /municipality': 'municipality_staff',
  'GET /municipality/applications': 'municipality_staff',
  'GET /municipality/applications/:id': 'municipality_staff',
  'POST /municipality/applications/:id/approve': 'municipality_staff',
  'POST /municipality/applications/:id/reject': 'municipality_staff',
  'GET /municipality/children': 'municipality_staff',
  'GET /municipality/children/:id': 'municipality_staff',
  'POST /municipality/children/:id/terminate': 'municipality_staff',
  'POST /municipality/children/:id/changes': 'municipality_staff',
  'POST /municipality/children/:id/changes/:changeId/withdraw': 'municipality_staff',
  'GET /password-reset': 'public',
  'POST /password-reset': 'public',
  'GET /password-reset/sent': 'public',
  'GET /password-reset/done': 'public',
  'GET /password-reset/:token': 'public',
  'POST /password-reset/:token': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'GET /login/otp': 'public',
  'POST /login/otp': 'public',
  'POST /login/otp/resend': 'public',
  'GET /terms': 'public',
  'POST /terms': 'public',
  'POST /logout': 'public',
  'POST /account/devices/revoke-all': 'account',
  'POST /account/devices/:id/revoke': 'account',
  'GET /profile': 'guardian',
  'GET /profile/guardian': 'guardian',
  'GET /profile/guardian/edit': 'guardian',
  'POST /profile/guardian': 'guardian',
  'GET /profile/two-factor': 'guardian',
  'POST /profile/two-factor': 'guardian',
  'GET /profile/children/:childId': 'guardian',
  'GET /profile/children/:childId/basic': 'guardian',
  'GET /profile/children/:childId/basic/edit': 'guardian',
  'POST /profile/children/:childId/basic': 'guardian',
  'GET /profile/children/:childId/meals': 'guardian',
  'GET /profile/children/:childId/meals/edit': 'guardian',
  'POST /profile/children/:childId/meals': 'guardian',
  'GET /profile/children/:childId/health': 'guardian',
  'GET /profile/children/:childId/health/edit': 'guardian',
  'POST /profile/children/:childId/health': 'guardian',
  'GET /profile/children/:childId/emergency': 'guardian',
  'GET /profile/children/:childId/emergency/edit': 'guardian',
  'POST /profile/children/:childId/emergency': 'guardian',
  'GET /profile/children/:childId/pickup': 'guardian',
  'GET /profile/children/:childId/pickup/edit': 'guardian',
  'POST /profile/children/:childId/pickup': 'guardian',
  'GET /facility/children': 'facility_staff',
  'GET /facility/children/:childId': 'facility_staff',
  'GET /facilities': 'guardian',
  'GET /facilities/nearby': 'guardian',
  'GET /facilities/area': 'guardian',
  'GET /facilities/favourites': 'guardian',
  'GET /facilities/history': 'guardian',
  'GET /facilities/:id': 'guardian',
  'POST /facilities/:id/favourite': 'guardian',
  'GET /municipality/facilities': 'municipality_staff',
  'GET /municipality/facilities/new': 'municipality_staff',
  'POST /municipality/facilities': 'municipality_staff',
  'GET /municipality/facilities/:id': 'municipality_staff',
  'GET /municipality/facilities/:id/edit': 'municipality_staff',
  'POST /municipality/facilities/:id': 'municipality_staff',
  'POST /municipality/facilities/:id/staff': 'municipality_staff',
  'GET /municipality/facilities/:id/designation': 'municipality_staff',
  'POST /municipality/facilities/:id/designation': 'municipality_staff',
  'GET /facility/booking-setup': 'facility_staff',
  'GET /facility/booking-setup/offer/edit': 'facility_staff',
  'POST /facility/booking-setup/offer': 'facility_staff',
  'GET /facility/booking-setup/templates': 'facility_staff',
  'GET /facility/booking-setup/templates/new': 'facility_staff',
  'POST /facility/booking-setup/templates': 'facility_staff',
  'POST /facility/booking-setup/templates/:templateId/delete': 'facility_staff',
  'POST /facility/booking-setup/slots/generate': 'facility_staff',
  'GET /facility/booking-setup/closed-days': 'facility_staff',
  'POST /facility/booking-setup/closed-days': 'facility_staff',
  'POST /facility/booking-setup/closed-days/remove': 'facility_staff',
  'GET /facility/booking-setup/slots': 'facility_staff',
  'POST /facility/booking-setup/slots/:slotId/withdraw': 'facility_staff',
  'GET /reservations': 'guardian',
  'GET /reservations/:id/cancel': 'guardian',
  'POST /reservations/:id/cancel': 'guardian',
  'GET /reservations/:id/cancelled': 'guardian',
  'GET /reservations/:id/pickup-change': 'guardian',
  'POST /reservations/:id/pickup-change': 'guardian',
  'POST /reservations/:id/pickup-change/withdraw': 'guardian',
  'GET /facility/pickup-changes': 'facility_staff',
  'GET /facility/pickup-changes/:id': 'facility_staff',
  'POST /facility/pickup-changes/:id': 'facility_staff',
  'GET /facility/reservations': 'facility_staff',
  'POST /facility/reservations/confirm': 'facility_staff',
  'GET /facility/reservations/day': 'facility_staff',
  'GET /facility/reservations/interviews': 'facility_staff',
  'GET /facility/reservations/interviews/:childId': 'facility_staff',
  'POST /facility/reservations/interviews/:childId': 'facility_staff',
  'GET /facility/reservations/phone': 'facility_staff',
  'POST /facility/reservations/phone': 'facility_staff',
  'GET /facility/reservations/:reservationId': 'facility_staff',
  'POST /facility/reservations/:reservationId/confirm': 'facility_staff',
  'POST /facility/reservations/:reservationId/decline': 'facility_staff',
  'POST /facility/reservations/:reservationId/cancel': 'facility_staff',
  'GET /facilities/:id/reserve': 'guardian',
  'GET /facilities/:id/reserve/notes': 'guardian',
  'GET /facilities/:id/reserve/details': 'guardian',
  'POST /facilities/:id/reserve/details': 'guardian',
  'POST /facilities/:id/reserve/confirm': 'guardian',
  'POST /facilities/:id/reserve/submit': 'guardian',
  'GET /reservations/:reservationId/done': 'guardian',
  'GET /reservations/series/:seriesId/done': 'guardian',
  'GET /support': 'public',
  'GET /support/manual': 'public',
  'GET /support/manual/:role': 'public',
  'GET /support/manual/guardian/:step': 'public',
  'GET /support/inquiry': 'public',
  'POST /support/inquiry': 'public',
  'POST /support/inquiry/send': 'public',
  'GET /support/inquiry/done': 'public',
  'GET /municipality/statistics': 'municipality_staff',
  'GET /municipality/statistics/csv': 'municipality_staff',
  'GET /municipality/inquiries': 'municipality_staff',
  'GET /municipality/inquiries/:id': 'municipality_staff',
  'POST /municipality/inquiries/:id/reply': 'municipality_staff',
  'POST /municipality/inquiries/:id/answered': 'municipality_staff',
  'GET /municipality/settings': 'municipality_staff',
  'POST /municipality/settings': 'municipality_staff',
  'GET /facility/fees': 'facility_staff',
  'POST /facility/fees/:reservationId/pay': 'facility_staff',
  'GET /facility/fees/:reservationId/receipt': 'facility_staff',
  'GET /facility/usage': 'facility_staff',
  'GET /facility/usage/csv': 'facility_staff',
  'GET /usage': 'guardian',
  'GET /reductions': 'guardian',
  'POST /reductions': 'guardian',
  'GET /municipality/fee-reductions': 'municipality_staff',
  'GET /municipality/fee-reductions/:childId': 'municipality_staff',
  'POST /municipality/fee-reductions/:childId': 'municipality_staff',
  'POST /municipality/fee-reductions/:childId/end': 'municipality_staff',
  'GET /municipality/fee-reductions/applications/:applicationId': 'municipality_staff',
  'POST /municipality/fee-reductions/applications/:applicationId/approve': 'municipality_staff',
  'POST /municipality/fee-reductions/applications/:applicationId/reject': 'municipality_staff',
  'GET /municipality/fee-reductions/evidence/:evidenceId': 'municipality_staff',
  'GET /assets/jsqr.js': 'public',
  // The QR code's URL: checked before login (a visitor is led through login to a short pass).
  'GET /checkin/:token': 'public',
  'GET /checkin': 'guardian',
  'POST /checkin/code': 'guardian',
  'POST /checkin': 'guardian',
  'GET /checkin/done/:reservationId': 'guardian',
  'GET /facility/attendance/qr': 'facility_staff',
  'GET /facility/attendance': 'facility_staff',
  'GET /facility/attendance/print': 'facility_staff',
  'GET /facility/attendance/:reservationId': 'facility_staff',
  'POST /facility/attendance/:reservationId/times': 'facility_staff',
  'POST /facility/attendance/:reservationId/absent': 'facility_staff',
  'POST /facility/attendance/:reservationId/cancel': 'facility_staff',
  'GET /facility/claims': 'facility_staff',
  'GET /facility/claims/:id': 'facility_staff',
  'POST /facility/claims/:id/submit': 'facility_staff',
  'POST /facility/claims/:id/addons': 'facility_staff',
  'GET /municipality/claims': 'municipality_staff',
  'GET /municipality/claims/csv': 'municipality_staff',
  'GET /municipality/claims/:id': 'municipality_staff',
  'POST /municipality/claims/:id/return': 'municipality_staff',
  'POST /municipality/claims/:id/approve': 'municipality_staff',
  'POST /municipality/claims/:id/payment': 'municipality_staff',
  'GET /dev/mailbox': 'development',
  'GET /dev/mailbox/:mailNumber': 'development',
};

/** A facility's public page is for every guardian, whichever municipality. */
const OPEN_TO_EVERY_GUARDIAN = new Set([
  '/facilities/:id',
  '/facilities/:id/favourite',
  // The 予約 tab of any facility (the child in the query is checked: guardian-booking.test.ts).
  '/facilities/:id/reserve',
  '/facilities/:id/reserve/notes',
  '/facilities/:id/reserve/details',
  '/facilities/:id/reserve/confirm',
  '/facilities/:id/reserve/submit',
]);

const ACTORS: ActorName[] = ['anonymous', 'guardian', 'otherGuardian', 'facilityStaff', 'otherFacilityStaff', 'municipalityStaff', 'otherMunicipalityStaff'];

let test_: TestApp;
let world: RouteWorld;
const seenActions = new Map<string, string[]>();

before(async () => {
  test_ = await startTestApp({}, {}, {
    // Records which actions each route's handler named.
    onResponse: (req) => {
      const key = `${req.method} ${req.routeOptions.url}`;
      if (req.actions?.length) seenActions.set(key, [...(seenActions.get(key) ?? []), ...req.actions]);
    },
  });
  world = await buildRouteWorld(test_);
});
after(() => test_?.close());

function entries() {
  return Object.entries(ROUTES).map(([key, audience]) => {
    const [method = '', url = ''] = key.split(' ');
    return { key, method, url, audience };
  });
}

describe('route inventory', () => {
  test('every registered route is in the table, with the audience its group gives it', () => {
    const registered = Object.fromEntries(test_.app.routeInventory.map((r) => [`${r.method} ${r.url}`, r.audience ?? '(no group)']));
    assert.deepEqual(registered, ROUTES);
  });

  test('a staff route lives under its prefix; no user route is public by accident', () => {
    for (const { url, audience } of entries()) {
      if (audience === 'facility_staff') assert.match(url, /^\/facility(\/|$)/, url);
      if (audience === 'municipality_staff') assert.match(url, /^\/municipality(\/|$)/, url);
      if (url.startsWith('/profile') || url.startsWith('/facilities') || url.startsWith('/reservations') || url.startsWith('/reductions') || url === '/mypage') assert.equal(audience, 'guardian', url);
    }
  });
});

describe('refusals: every route as every other kind of user', () => {
  for (const { key, method, url, audience } of entries()) {
    if (audience === 'public' || audience === 'development') continue;
    for (const actor of ACTORS) {
      if (belongsTo(actor, audience)) continue;
      test(`${key} as ${actor} is refused`, async () => {
        const client = await world.clientFor(actor);
        const path = fillPath(world, url, 'own')!;
        const res = method === 'GET' ? await client.get(path) : await client.post(path, {});
        if (actor === 'anonymous' && method === 'GET') {
          assert.equal(res.status, 303);
          assert.equal(res.location, `/login?next=${encodeURIComponent(path)}`);
        } else {
          assert.equal(res.status, 403, `${key} as ${actor} answered ${res.status}`);
        }
      });
    }
  }
});

describe("refusals: someone else's objects answer 404, like missing ones", () => {
  for (const { key, method, url, audience } of entries()) {
    const stranger = STRANGER[audience];
    if (!stranger || paramsOf(url).length === 0 || OPEN_TO_EVERY_GUARDIAN.has(url)) continue;
    test(`${key}: another ${audience}'s object is not found`, async () => {
      const foreign = fillPath(world, url, 'foreign');
      assert.ok(foreign, `${key} needs a foreign object in route-world`);
      const client = await world.clientFor(OWNER[audience]);
      const res = method === 'GET' ? await client.get(foreign) : await client.post(foreign, {});
      assert.equal(res.status, 404, `${key} with someone else's object answered ${res.status}`);
      // The same route with the owner's own object is served (GET) — so the 404 above is the rule, not a broken route.
      if (method === 'GET') assert.equal((await client.get(fillPath(world, url, 'own')!)).status, 200);
    });
  }

  test('a malformed id and an unknown id answer 404 too', async () => {
    const client = await world.clientFor('guardian');
    for (const path of ['/profile/children/not-a-uuid', '/profile/children/00000000-0000-0000-0000-00000000000g', '/profile/children/6f1b2a34-0000-4000-8000-000000000000']) {
      assert.equal((await client.get(path)).status, 404, path);
    }
  });
});

describe('every user route names its action', () => {
  test('requests as the owner name an action on every guardian, facility and municipality route', async () => {
    // Writes go last, approval and rejection at the very end, so earlier requests see the world intact.
    const order = (e: { method: string; url: string }) => (e.method === 'GET' ? 0 : e.url.includes('/approve') || e.url.includes('/reject') ? 2 : 1);
    const userRoutes = entries()
      .filter((e) => e.audience !== 'public' && e.audience !== 'development')
      .sort((a, b) => order(a) - order(b));
    for (const { key, method, url, audience } of userRoutes) {
      const client = await world.clientFor(OWNER[audience]);
      const path = fillPath(world, url, 'own')!;
      const res = method === 'GET' ? await client.get(path) : await client.post(path, {});
      assert.ok(res.status < 500, `${key} answered ${res.status}`);
      assert.ok((seenActions.get(key) ?? []).length > 0, `${key} named no action`);
    }
  });
});

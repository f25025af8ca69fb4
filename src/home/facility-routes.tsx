import { pageContext, sendHtml } from '../platform/http.tsx';
import { permit, routeGroup } from '../platform/access.ts';
import { facilityActions } from '../facilities/actions.ts';
import { rememberedDevicesOf } from '../accounts/remembered-devices.ts';
import { RememberedDevicesSection, devicesJustRevoked } from '../accounts/account-views.tsx';
import { FacilityHomePage } from './facility-views.tsx';
import { provisionalCount } from '../reservations/inbox-queries.ts';

/** The facility staff's start page. */
export const facilityHomeRoutes = routeGroup('facility_staff', (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get('/facility', async (req, reply, user) => {
    await permit(req, user, facilityActions.readOwn);
    const ctx = pageContext(req, reply);
    const facility = await db.selectFrom('facilities').select(['name', 'address']).where('id', '=', user.facilityId).executeTakeFirstOrThrow();
    const devices = await rememberedDevicesOf(db, clock, req, user.id);
    const { open } = await db
      .selectFrom('pickup_change_requests as p')
      .innerJoin('reservations as r', 'r.id', 'p.reservation_id')
      .select((eb) => eb.fn.countAll<number>().as('open'))
      .where('p.facility_id', '=', user.facilityId)
      .where('p.status', '=', 'requested')
      // As the list: a request whose booking has ended needs no answer.
      .where('r.ends_at', '>', clock.now())
      .executeTakeFirstOrThrow();
    const waiting = await provisionalCount(db, user.facilityId);
    return sendHtml(
      reply,
      <FacilityHomePage ctx={ctx} facility={facility} waiting={waiting} changes={Number(open)}>
        <RememberedDevicesSection ctx={ctx} devices={devices} revoked={devicesJustRevoked(req)} />
      </FacilityHomePage>,
    );
  });
});

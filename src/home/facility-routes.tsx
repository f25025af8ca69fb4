import { pageContext, sendHtml } from '../platform/http.tsx';
import { permit, routeGroup } from '../platform/access.ts';
import { facilityActions } from '../facilities/actions.ts';
import { Layout } from '../platform/ui/layout.tsx';
import { rememberedDevicesOf } from '../accounts/remembered-devices.ts';
import { RememberedDevicesSection, devicesJustRevoked } from '../accounts/account-views.tsx';
import { texts } from './texts.ts';
import { BookingLinks } from '../reservations/facility-inbox-views.tsx';
import { provisionalCount } from '../reservations/inbox-queries.ts';
import { AttendanceLinks } from '../attendance/facility-views.tsx';

/** The facility staff's start page. */
export const facilityHomeRoutes = routeGroup('facility_staff', (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get('/facility', async (req, reply, user) => {
    await permit(req, user, facilityActions.readOwn);
    const ctx = pageContext(req, reply);
    const t = texts(ctx.lang);
    const facility = await db.selectFrom('facilities').select(['name', 'address']).where('id', '=', user.facilityId).executeTakeFirstOrThrow();
    const devices = await rememberedDevicesOf(db, clock, req, user.id);
    const { open } = await db
      .selectFrom('pickup_change_requests')
      .select((eb) => eb.fn.countAll<number>().as('open'))
      .where('facility_id', '=', user.facilityId)
      .where('status', '=', 'requested')
      .executeTakeFirstOrThrow();
    const waiting = await provisionalCount(db, user.facilityId);
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={t.facilityTitle}>
        <h1 safe>{t.facilityTitle}</h1>
        <p class="lead" safe>{facility.name}</p>
        <p safe>{facility.address}</p>
        <AttendanceLinks ctx={ctx} />
        <BookingLinks ctx={ctx} waiting={waiting} />
        <section class="card">
          <h2 safe>{t.bookingSetup}</h2>
          <p safe>{t.bookingSetupLead}</p>
          <a class="button" href="/facility/booking-setup" safe>
            {t.bookingSetupOpen}
          </a>
        </section>
        <section class="card">
          <h2 safe>{t.bookedChildren}</h2>
          <p safe>{t.bookedChildrenLead}</p>
          <a class="button" href="/facility/children" safe>
            {t.bookedChildrenOpen}
          </a>
        </section>
        <section class="card">
          <h2 safe>{t.pickupChanges}</h2>
          <p safe>{t.pickupChangesLead}</p>
          <a class="button" href="/facility/pickup-changes" data-qa="facility-pickup-changes" safe>
            {t.pickupChangesOpen(Number(open))}
          </a>
        </section>
        <RememberedDevicesSection ctx={ctx} devices={devices} revoked={devicesJustRevoked(req)} />
      </Layout>,
    );
  });
});

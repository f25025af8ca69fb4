import { permit, routeGroup } from '../platform/access.ts';
import { pageContext, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { profileActions } from './actions.ts';
import { childrenBookedAt, readChildAsStaff } from './queries.ts';
import { StaffChildListPage, StaffChildPage } from './facility-views.tsx';

/** Facility staff: the children booked here, and one child's profile (every read audited). */
export const staffProfileRoutes = routeGroup('facility_staff', async (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get('/facility/children', async (req, reply, user) => {
    await permit(req, user, profileActions.listBookedChildren);
    const facilityId = user.facilityId;
    const [facility, children] = await Promise.all([
      db.selectFrom('facilities').select('name').where('id', '=', facilityId).executeTakeFirstOrThrow(),
      childrenBookedAt(db, facilityId),
    ]);
    return sendHtml(reply, <StaffChildListPage ctx={pageContext(req, reply)} facilityName={facility.name} children={children} />);
  });

  routes.get('/facility/children/:childId', async (req, reply, user) => {
    const childId = await permit(req, user, profileActions.readChildHealth, (req.params as { childId: string }).childId);
    const child = await readChildAsStaff(db, clock, { id: user.id, facilityId: user.facilityId }, childId);
    if (!child) return sendMessagePage(req, reply, 'notFound');
    return sendHtml(reply, <StaffChildPage ctx={pageContext(req, reply)} child={child} />);
  });
});

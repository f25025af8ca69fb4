// The facility's answers to guardians' requests for a different pick-up time: the list of open
// requests at the staff's facility, and one request to accept (the booking's end moves, under the
// booking's rules) or refuse with a reply.
import { permit, routeGroup } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { normaliseLines } from '../platform/validation.ts';
import { reservationActions } from './actions.ts';
import { MESSAGE_MAX, acceptPickupChange, changeAt, openChangesAt, previewChange, recentChangesAt, refusePickupChange, type AcceptRefusal } from './change-queries.ts';
import { changesTexts } from './changes-texts.ts';
import { CHANGES_PATH, ChangeDetailPage, ChangeListPage } from './facility-changes-views.tsx';

export const facilityChangesRoutes = routeGroup('facility_staff', (routes) => {
  const { db, clock, config } = routes.app.deps;

  routes.get(CHANGES_PATH, async (req, reply, user) => {
    await permit(req, user, reservationActions.listPickupChanges);
    const [facility, open, recent] = [
      await db.selectFrom('facilities').select('name').where('id', '=', user.facilityId).executeTakeFirstOrThrow(),
      await openChangesAt(db, user.facilityId, clock.now()),
      await recentChangesAt(db, user.facilityId, clock.now()),
    ];
    const done = queryOf(req).done;
    return sendHtml(
      reply,
      <ChangeListPage ctx={pageContext(req, reply)} facilityName={facility.name} open={open} recent={recent} done={done === 'accepted' || done === 'refused' ? done : undefined} />,
    );
  });

  async function detail(facilityId: string, requestId: string) {
    const change = await changeAt(db, facilityId, requestId, clock.now());
    if (!change) return undefined;
    const preview = change.status === 'requested' && !change.lapsed ? await previewChange(db, clock.now(), change.reservationId, change.endMinute) : undefined;
    return { change, preview };
  }

  routes.get(`${CHANGES_PATH}/:id`, async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.decidePickupChange, (req.params as { id: string }).id);
    const page = await detail(user.facilityId, id);
    if (!page) return sendMessagePage(req, reply, 'notFound');
    return sendHtml(reply, <ChangeDetailPage ctx={pageContext(req, reply)} {...page} reply="" errors={{}} problem={undefined} />);
  });

  routes.post(`${CHANGES_PATH}/:id`, async (req, reply, user) => {
    const id = await permit(req, user, reservationActions.decidePickupChange, (req.params as { id: string }).id);
    const t = changesTexts(req.lang);
    const body = formBody(req);
    const answer = normaliseLines(body.reply);
    const decision = body.decision === 'accept' || body.decision === 'refuse' ? body.decision : undefined;
    const render = async (status: number, errors: FieldErrors, problem?: AcceptRefusal | 'not-open') => {
      const page = await detail(user.facilityId, id);
      if (!page) return sendMessagePage(req, reply, 'notFound');
      return sendHtml(reply, <ChangeDetailPage ctx={pageContext(req, reply)} {...page} reply={answer} errors={errors} problem={problem} />, status);
    };
    // Answered or withdrawn meanwhile: there is no form to correct.
    const change = await changeAt(db, user.facilityId, id, clock.now());
    if (change?.status !== 'requested' || change.lapsed) return render(409, {}, 'not-open');
    const errors: FieldErrors = {};
    if ([...answer].length > MESSAGE_MAX) errors.reply = t.replyTooLong;
    else if (decision === 'refuse' && !answer) errors.reply = t.replyRequired;
    if (!decision) errors.decision = t.decisionRequired;
    if (Object.keys(errors).length > 0 || !decision) return render(400, errors);

    const staff = { id: user.id, facilityId: user.facilityId };
    if (decision === 'refuse') {
      const result = await refusePickupChange(db, clock, config.baseUrl, staff, id, answer);
      return result === 'refused' ? seeOther(reply, `${CHANGES_PATH}?done=refused`) : render(409, {}, 'not-open');
    }
    const result = await acceptPickupChange(db, clock, config.baseUrl, staff, id, answer);
    if (result.outcome === 'accepted') return seeOther(reply, `${CHANGES_PATH}?done=accepted`);
    return render(409, {}, result.outcome === 'not-open' ? 'not-open' : result.reason);
  });
});

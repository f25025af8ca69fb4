// The facility's claims (給付費請求, issue 10): the month's claims, one claim's lines with the
// add-ons and the submit button. Uses are corrected through the attendance page (with a reason).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { permit, routeGroup, type FacilityStaffUser } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { CalendarDate, parseYearMonth } from '../platform/time.ts';
import { yenText } from '../fees/texts.ts';
import { claimActions } from './actions.ts';
import { addonsOfMonth, claimHead, claimsOfFacilityMonth, computeClaim, eventsOf, setAddons, storedLines, submitClaim, type StoredLine } from './queries.ts';
import { ADDON_KINDS, monthIsOver, SUBMITTABLE } from './rules.ts';
import { FACILITY_CLAIMS_PATH, FacilityClaimPage, FacilityClaimsPage, facilityClaimPath } from './facility-views.tsx';
import { claimTexts, statusLabels } from './texts.ts';

const idOf = (params: unknown) => (params as { id: string }).id;

export const facilityClaimRoutes = routeGroup('facility_staff', (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get(FACILITY_CLAIMS_PATH, async (req, reply, user) => {
    await permit(req, user, claimActions.listAtFacility);
    // Default: last month, the one to claim now.
    const month = parseYearMonth(queryOf(req).month) ?? CalendarDate.today(clock).firstOfMonth().addMonths(-1);
    const heads = await claimsOfFacilityMonth(db, clock, user.facilityId, month);
    const claims = await Promise.all(heads.map(async (h) => ({ ...h, liveTotal: SUBMITTABLE.includes(h.status) ? (await computeClaim(db, h.facilityId, h.municipalityId, h.month)).totalYen : 0 })));
    return sendHtml(reply, <FacilityClaimsPage ctx={pageContext(req, reply)} month={month} claims={claims} />);
  });

  async function show(req: FastifyRequest, reply: FastifyReply, user: FacilityStaffUser, id: string, messages: { notice?: string | undefined; problem?: string | undefined }, status = 200) {
    const claim = (await claimHead(db, id))!;
    const live = SUBMITTABLE.includes(claim.status);
    let lines: StoredLine[];
    let omitted: Awaited<ReturnType<typeof computeClaim>>['omitted'] = [];
    if (live) {
      const computed = await computeClaim(db, claim.facilityId, claim.municipalityId, claim.month);
      lines = computed.lines;
      omitted = computed.omitted;
    } else {
      lines = await storedLines(db, claim);
    }
    return sendHtml(
      reply,
      <FacilityClaimPage
        ctx={pageContext(req, reply)}
        claim={claim}
        lines={lines}
        omitted={omitted}
        live={live}
        monthOver={monthIsOver(claim.month, CalendarDate.today(clock))}
        addons={await addonsOfMonth(db, user.facilityId, claim.month)}
        events={await eventsOf(db, claim.id)}
        notice={messages.notice}
        problem={messages.problem}
      />,
      status,
    );
  }

  routes.get('/facility/claims/:id', async (req, reply, user) => {
    const id = await permit(req, user, claimActions.manageAtFacility, idOf(req.params));
    const t = claimTexts(req.lang);
    const done = queryOf(req).done;
    return show(req, reply, user, id, { notice: done === 'submitted' ? t.submitted : done === 'addons' ? t.addonsSaved : undefined });
  });

  routes.post('/facility/claims/:id/submit', async (req, reply, user) => {
    const id = await permit(req, user, claimActions.manageAtFacility, idOf(req.params));
    const body = formBody(req);
    const t = claimTexts(req.lang);
    const shown = /^\d{1,10}$/.test(body.total ?? '') ? Number(body.total) : -1;
    const result = await submitClaim(db, clock, user, id, shown);
    if (result.outcome === 'submitted') return seeOther(reply, `${facilityClaimPath(id)}?done=submitted`);
    const problem =
      result.outcome === 'already'
        ? t.already(statusLabels[req.lang][result.status])
        : result.outcome === 'month-not-over'
          ? t.notOver
          : result.outcome === 'empty'
            ? t.empty
            : t.changed(yenText(result.totalYen, req.lang));
    return show(req, reply, user, id, { problem }, 409);
  });

  routes.post('/facility/claims/:id/addons', async (req, reply, user) => {
    const id = await permit(req, user, claimActions.manageAtFacility, idOf(req.params));
    const body = formBody(req);
    const t = claimTexts(req.lang);
    const claim = (await claimHead(db, id))!;
    if (!SUBMITTABLE.includes(claim.status)) return show(req, reply, user, id, { problem: t.already(statusLabels[req.lang][claim.status]) }, 409);
    // Only a child on this claim (a use of this month at this facility, claimed from this municipality).
    const { lines } = await computeClaim(db, claim.facilityId, claim.municipalityId, claim.month);
    const child = lines.find((l) => l.childId === body.child);
    if (!child) return sendMessagePage(req, reply, 'notFound');
    await setAddons(db, user.facilityId, claim, child.childId, ADDON_KINDS.filter((a) => body[`addon.${a}`] === 'yes'));
    return seeOther(reply, `${facilityClaimPath(id)}?done=addons`);
  });
});

import { permit, routeGroup } from '../platform/access.ts';
import { facilityActions } from './actions.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { emptyFacilityAnswers, facilityAnswersFromBody, facilityAnswersOf, staffAnswersFromBody, validateFacility, validateStaff } from './form.ts';
import { countFacilities, createFacility, createStaffLogin, facilitiesOfMunicipality, managedFacility, updateFacility } from './municipality-queries.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { FacilityFormPage, FacilityListPage, ManagedFacilityPage, manageTexts } from './municipality-views.tsx';
import { designationAnswersFromBody, designationAnswersOf, validateDesignation } from './designation-form.ts';
import { bookingsEndedBy, designationsOf, recordDesignation } from './designation-queries.ts';
import { designationOn } from './designation-rules.ts';
import { DesignationConfirmPage, DesignationFormPage } from './municipality-designation-views.tsx';
import { CalendarDate } from '../platform/time.ts';
import { offeredKinds } from '../reservations/inbox-queries.ts';

/**
 * Municipality staff manage their own municipality's facilities and the facilities' staff
 * logins. Every query is scoped to the staff member's municipality, so another municipality's
 * facility answers 404 to every request, GET or POST.
 */
export const manageRoutes = routeGroup('municipality_staff', async (routes) => {
  const { db, clock, config } = routes.app.deps;

  routes.get('/municipality/facilities', async (req, reply, user) => {
    await permit(req, user, facilityActions.listManaged);
    const municipalityId = user.municipalityId;
    const [facilities, total] = await Promise.all([facilitiesOfMunicipality(db, municipalityId), countFacilities(db, municipalityId)]);
    return sendHtml(reply, <FacilityListPage ctx={pageContext(req, reply)} facilities={facilities} total={total} />);
  });

  routes.get('/municipality/facilities/new', async (req, reply, user) => {
    await permit(req, user, facilityActions.create);
    return sendHtml(reply, <FacilityFormPage ctx={pageContext(req, reply)} facilityId={undefined} answers={emptyFacilityAnswers()} errors={{}} />);
  });

  routes.post('/municipality/facilities', async (req, reply, user) => {
    await permit(req, user, facilityActions.create);
    const answers = facilityAnswersFromBody(formBody(req));
    const checked = validateFacility(answers, req.lang);
    if (checked.errors) return sendHtml(reply, <FacilityFormPage ctx={pageContext(req, reply)} facilityId={undefined} answers={answers} errors={checked.errors} />, 400);
    const id = await createFacility(db, clock, user, checked.value);
    return seeOther(reply, `/municipality/facilities/${id}?done=created`);
  });

  routes.get('/municipality/facilities/:id', async (req, reply, user) => {
    const id = await permit(req, user, facilityActions.manage, (req.params as { id: string }).id);
    const managed = await managedFacility(db, user.municipalityId, id);
    if (!managed) return sendMessagePage(req, reply, 'notFound');
    const query = queryOf(req);
    const done = query.done;
    const t = manageTexts(req.lang);
    const cancelled = Number(query.cancelled ?? '0');
    const notice =
      done === 'created' ? t.created
      : done === 'updated' ? t.updated
      : done === 'staff' ? t.staffCreated
      : done === 'designation' ? t.designationRecorded(Number.isSafeInteger(cancelled) ? cancelled : 0)
      : undefined;
    return sendHtml(
      reply,
      <ManagedFacilityPage ctx={pageContext(req, reply)} managed={managed} notice={notice} staffAnswers={{ staffName: '', staffEmail: '' }} errors={{}} designations={await designationsOf(db, id)} usesOffered={await offeredKinds(db, id)} today={CalendarDate.today(clock)} />,
    );
  });

  routes.get('/municipality/facilities/:id/edit', async (req, reply, user) => {
    const id = await permit(req, user, facilityActions.manage, (req.params as { id: string }).id);
    const managed = await managedFacility(db, user.municipalityId, id);
    if (!managed) return sendMessagePage(req, reply, 'notFound');
    const f = managed.facility;
    return sendHtml(reply, <FacilityFormPage ctx={pageContext(req, reply)} facilityId={f.id} answers={facilityAnswersOf(f)} errors={{}} originalName={f.name} />);
  });

  routes.post('/municipality/facilities/:id', async (req, reply, user) => {
    const id = await permit(req, user, facilityActions.manage, (req.params as { id: string }).id);
    const managed = await managedFacility(db, user.municipalityId, id);
    if (!managed) return sendMessagePage(req, reply, 'notFound');
    const answers = facilityAnswersFromBody(formBody(req));
    const checked = validateFacility(answers, req.lang);
    if (checked.errors) {
      return sendHtml(reply, <FacilityFormPage ctx={pageContext(req, reply)} facilityId={id} answers={answers} errors={checked.errors} originalName={managed.facility.name} />, 400);
    }
    if (!(await updateFacility(db, clock, user, id, checked.value))) return sendMessagePage(req, reply, 'notFound');
    return seeOther(reply, `/municipality/facilities/${id}?done=updated`);
  });

  routes.post('/municipality/facilities/:id/staff', async (req, reply, user) => {
    const id = await permit(req, user, facilityActions.issueStaffLogin, (req.params as { id: string }).id);
    const managed = await managedFacility(db, user.municipalityId, id);
    if (!managed) return sendMessagePage(req, reply, 'notFound');
    const answers = staffAnswersFromBody(formBody(req));
    const checked = validateStaff(answers, req.lang);
    const designations = await designationsOf(db, id);
    const uses = await offeredKinds(db, id);
    const again = (status: number, errors: FieldErrors) =>
      sendHtml(reply, <ManagedFacilityPage ctx={pageContext(req, reply)} managed={managed} notice={undefined} staffAnswers={answers} errors={errors} designations={designations} usesOffered={uses} today={CalendarDate.today(clock)} />, status);
    if (checked.errors) return again(400, checked.errors);
    const result = await createStaffLogin(db, clock, config.baseUrl, user, id, checked.value);
    if (result.kind === 'not-found') return sendMessagePage(req, reply, 'notFound');
    if (result.kind === 'email-taken') return again(409, { staffEmail: manageTexts(req.lang).emailTaken });
    return seeOther(reply, `/municipality/facilities/${id}?done=staff`);
  });

  routes.get('/municipality/facilities/:id/designation', async (req, reply, user) => {
    const id = await permit(req, user, facilityActions.recordDesignation, (req.params as { id: string }).id);
    const managed = await managedFacility(db, user.municipalityId, id);
    if (!managed) return sendMessagePage(req, reply, 'notFound');
    const history = await designationsOf(db, id);
    const today = CalendarDate.today(clock);
    const answers = designationAnswersOf(designationOn(history, today), today.toString());
    return sendHtml(reply, <DesignationFormPage ctx={pageContext(req, reply)} facility={managed.facility} answers={answers} errors={{}} history={history} />);
  });

  // A change that leaves booked days without a confirmation shows the bookings first; they are
  // cancelled only when the staff member confirms (bookings made meanwhile are caught too).
  routes.post('/municipality/facilities/:id/designation', async (req, reply, user) => {
    const id = await permit(req, user, facilityActions.recordDesignation, (req.params as { id: string }).id);
    const managed = await managedFacility(db, user.municipalityId, id);
    if (!managed) return sendMessagePage(req, reply, 'notFound');
    const body = formBody(req);
    const answers = designationAnswersFromBody(body);
    const checked = validateDesignation(answers, req.lang);
    if (checked.errors) {
      return sendHtml(reply, <DesignationFormPage ctx={pageContext(req, reply)} facility={managed.facility} answers={answers} errors={checked.errors} history={await designationsOf(db, id)} />, 400);
    }
    if (body.confirmed !== 'yes') {
      const affected = await bookingsEndedBy(db, clock, id, checked.value);
      if (affected.length > 0) return sendHtml(reply, <DesignationConfirmPage ctx={pageContext(req, reply)} facility={managed.facility} answers={answers} bookings={affected} />);
    }
    const result = await recordDesignation(db, clock, user, id, checked.value);
    if (result.kind === 'not-found') return sendMessagePage(req, reply, 'notFound');
    return seeOther(reply, `/municipality/facilities/${id}?done=designation&cancelled=${result.cancelledBookings}`);
  });
});

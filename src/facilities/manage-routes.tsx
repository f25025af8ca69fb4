import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formBody, pageContext, requireRole, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { emptyFacilityAnswers, facilityAnswersFromBody, facilityAnswersOf, staffAnswersFromBody, validateFacility, validateStaff } from './form.ts';
import { countFacilities, createFacility, createStaffLogin, facilitiesOfMunicipality, managedFacility, updateFacility } from './manage.ts';
import { FacilityFormPage, FacilityListPage, ManagedFacilityPage, manageTexts } from './manage-views.tsx';

/**
 * Municipality staff manage their own municipality's facilities and the facilities' staff
 * logins. Every query is scoped to the staff member's municipality, so another municipality's
 * facility answers 404 to every request, GET or POST.
 */
export async function manageRoutes(app: FastifyInstance) {
  const { db, clock, config } = app.deps;
  const staffOnly = { preHandler: requireRole('municipality_staff') };
  const staffOf = (req: FastifyRequest) => ({ id: req.user!.id, municipalityId: req.user!.municipalityId });

  app.get('/municipality/facilities', staffOnly, async (req, reply) => {
    const municipalityId = req.user!.municipalityId;
    const [facilities, total] = await Promise.all([facilitiesOfMunicipality(db, municipalityId), countFacilities(db, municipalityId)]);
    return sendHtml(reply, <FacilityListPage ctx={pageContext(req, reply)} facilities={facilities} total={total} />);
  });

  app.get('/municipality/facilities/new', staffOnly, async (req, reply) =>
    sendHtml(reply, <FacilityFormPage ctx={pageContext(req, reply)} facilityId={undefined} answers={emptyFacilityAnswers()} errors={{}} />),
  );

  app.post('/municipality/facilities', staffOnly, async (req, reply) => {
    const answers = facilityAnswersFromBody(formBody(req));
    const { errors, value } = validateFacility(answers, req.lang);
    if (!value) return sendHtml(reply, <FacilityFormPage ctx={pageContext(req, reply)} facilityId={undefined} answers={answers} errors={errors} />, 400);
    const id = await createFacility(db, clock, staffOf(req), value);
    return seeOther(reply, `/municipality/facilities/${id}?done=created`);
  });

  app.get('/municipality/facilities/:id', staffOnly, async (req, reply) => {
    const { id } = req.params as { id: string };
    const managed = await managedFacility(db, req.user!.municipalityId, id);
    if (!managed) return sendMessagePage(req, reply, 'notFound');
    const done = (req.query as Record<string, string | undefined>).done;
    const t = manageTexts(req.lang);
    const notice = done === 'created' ? t.created : done === 'updated' ? t.updated : done === 'staff' ? t.staffCreated : undefined;
    return sendHtml(reply, <ManagedFacilityPage ctx={pageContext(req, reply)} managed={managed} notice={notice} staffAnswers={{ staffName: '', staffEmail: '' }} errors={{}} />);
  });

  app.get('/municipality/facilities/:id/edit', staffOnly, async (req, reply) => {
    const { id } = req.params as { id: string };
    const managed = await managedFacility(db, req.user!.municipalityId, id);
    if (!managed) return sendMessagePage(req, reply, 'notFound');
    const f = managed.facility;
    return sendHtml(reply, <FacilityFormPage ctx={pageContext(req, reply)} facilityId={f.id} answers={facilityAnswersOf(f)} errors={{}} originalName={f.name} />);
  });

  app.post('/municipality/facilities/:id', staffOnly, async (req, reply) => {
    const { id } = req.params as { id: string };
    const managed = await managedFacility(db, req.user!.municipalityId, id);
    if (!managed) return sendMessagePage(req, reply, 'notFound');
    const answers = facilityAnswersFromBody(formBody(req));
    const { errors, value } = validateFacility(answers, req.lang);
    if (!value) {
      return sendHtml(reply, <FacilityFormPage ctx={pageContext(req, reply)} facilityId={id} answers={answers} errors={errors} originalName={managed.facility.name} />, 400);
    }
    if (!(await updateFacility(db, clock, staffOf(req), id, value))) return sendMessagePage(req, reply, 'notFound');
    return seeOther(reply, `/municipality/facilities/${id}?done=updated`);
  });

  app.post('/municipality/facilities/:id/staff', staffOnly, async (req, reply) => {
    const { id } = req.params as { id: string };
    const managed = await managedFacility(db, req.user!.municipalityId, id);
    if (!managed) return sendMessagePage(req, reply, 'notFound');
    const answers = staffAnswersFromBody(formBody(req));
    const { errors, value } = validateStaff(answers, req.lang);
    const again = (status: number, errs: typeof errors) =>
      sendHtml(reply, <ManagedFacilityPage ctx={pageContext(req, reply)} managed={managed} notice={undefined} staffAnswers={answers} errors={errs} />, status);
    if (!value) return again(400, errors);
    const result = await createStaffLogin(db, clock, config.baseUrl, staffOf(req), id, value);
    if (result.kind === 'not-found') return sendMessagePage(req, reply, 'notFound');
    if (result.kind === 'email-taken') return again(409, { staffEmail: manageTexts(req.lang).emailTaken });
    return seeOther(reply, `/municipality/facilities/${id}?done=staff`);
  });
}

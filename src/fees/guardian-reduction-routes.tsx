// 利用料減免の申請 for the guardian: the page (GET) and the application with evidence files (POST,
// multipart: this group alone accepts uploads, within the limits below).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { permit, routeGroup, type GuardianUser } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml } from '../platform/http.tsx';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { CalendarDate } from '../platform/time.ts';
import { isTokenShaped } from '../platform/ids.ts';
import { newToken } from '../platform/tokens.ts';
import { acceptUploads, detectFileType } from '../platform/uploads.ts';
import { normaliseLines } from '../platform/validation.ts';
import type { ReductionCategory } from '../attendance/tables.ts';
import { feeActions } from './actions.ts';
import { APPLY_PATH, applicationsOfGuardian, childrenWithReductions, submitReductionApplication, type EvidenceFile } from './application-queries.ts';
import { applicationTexts } from './application-texts.ts';
import { ApplyPage, EVIDENCE_MAX_FILES, EVIDENCE_MAX_MB, type ApplyAnswers } from './guardian-reduction-views.tsx';
import { REDUCTION_CATEGORIES } from './rules.ts';

export const guardianReductionRoutes = routeGroup('guardian', async (routes) => {
  const { db, clock } = routes.app.deps;
  await acceptUploads(routes.app, { fileBytes: EVIDENCE_MAX_MB * 1024 * 1024, files: EVIDENCE_MAX_FILES });

  async function show(req: FastifyRequest, reply: FastifyReply, user: GuardianUser, state: { answers?: ApplyAnswers; errors?: FieldErrors; notice?: string }, status = 200) {
    const [children, applications] = await Promise.all([childrenWithReductions(db, user.id), applicationsOfGuardian(db, user.id)]);
    const answers = state.answers ?? { child: children.length === 1 ? children[0]!.id : '', category: '', note: '', declared: false, key: newToken() };
    return sendHtml(
      reply,
      <ApplyPage ctx={pageContext(req, reply)} today={CalendarDate.today(clock)} children={children} applications={applications} answers={answers} errors={state.errors ?? {}} notice={state.notice} />,
      status,
    );
  }

  routes.get(APPLY_PATH, async (req, reply, user) => {
    await permit(req, user, feeActions.readOwnReductions);
    const notice = queryOf(req).done === 'submitted' ? applicationTexts(req.lang).submitted : undefined;
    return show(req, reply, user, notice ? { notice } : {});
  });

  routes.post(APPLY_PATH, async (req, reply, user) => {
    const body = formBody(req);
    const t = applicationTexts(req.lang);
    const answers: ApplyAnswers = {
      child: body.child ?? '',
      category: body.category ?? '',
      note: normaliseLines(body.note),
      declared: body.declared === 'yes',
      key: isTokenShaped(body.key) ? body.key : newToken(),
    };
    // Another family's child is not found, as a missing one (a child left unchosen is a field message).
    const childId = answers.child ? await permit(req, user, feeActions.applyForReduction, answers.child) : undefined;
    if (!childId) await permit(req, user, feeActions.readOwnReductions);
    const errors: FieldErrors = {};
    if (!childId) errors.child = t.childRequired;
    const category = REDUCTION_CATEGORIES.find((c) => c === answers.category) as ReductionCategory | undefined;
    if (!category) errors.category = t.categoryRequired;
    if ([...answers.note].length > 1000) errors.note = t.noteTooLong;
    const uploads = req.uploads ?? { files: [], tooMany: false };
    const files: EvidenceFile[] = [];
    for (const file of uploads.files.filter((f) => f.field === 'evidence')) {
      const name = file.fileName || '—';
      if (file.tooLarge) {
        errors.evidence ??= t.evidenceTooLarge(name, EVIDENCE_MAX_MB);
        continue;
      }
      const type = detectFileType(file.bytes);
      if (!type) {
        errors.evidence ??= t.evidenceWrongType(name);
        continue;
      }
      files.push({ fileName: file.fileName || `evidence-${files.length + 1}`, type, bytes: file.bytes });
    }
    if (uploads.tooMany) errors.evidence = t.evidenceTooMany(EVIDENCE_MAX_FILES);
    else if (!errors.evidence && files.length === 0) errors.evidence = t.evidenceRequired;
    // With too many files the parts after them were not read: the box is asked for again without a message of its own.
    if (!answers.declared && !uploads.tooMany) errors.declared = t.declarationRequired;
    if (Object.keys(errors).length > 0 || !childId || !category) return show(req, reply, user, { answers, errors }, 400);
    const result = await submitReductionApplication(db, clock, user.id, { childId, category, note: answers.note, submissionKey: answers.key, files });
    if (result.outcome === 'pending-exists') return show(req, reply, user, { answers, errors: { child: t.pendingExists } }, 409);
    if (result.outcome === 'not-certified') return show(req, reply, user, { answers, errors: { child: t.notCertified } }, 400);
    return seeOther(reply, `${APPLY_PATH}?done=submitted`);
  });
});

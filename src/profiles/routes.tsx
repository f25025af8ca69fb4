import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { permit, routeGroup, type GuardianUser } from '../platform/access.ts';
import { profileActions } from './actions.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { limit } from '../platform/server.ts';
import { subjectLimit } from '../platform/rate-limits.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import type { Lang } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import {
  basicFields,
  basicFromBody,
  changePeopleLines,
  emptyPerson,
  guardianFields,
  guardianFromBody,
  healthFields,
  healthFromBody,
  mealsFields,
  mealsFromBody,
  peopleFields,
  peopleFromBody,
  validateBasic,
  validateGuardian,
  validateHealth,
  validateMeals,
  validatePeople,
  type BasicValue,
  type Fields,
  type GuardianAnswers,
  type HealthValue,
  type MealsValue,
  type PeopleAnswers,
  type PeopleKind,
  type PeopleValue,
} from './form.ts';
import {
  childrenBookedAt,
  childrenOf,
  emergencyContactGaps,
  loadChild,
  loadGuardian,
  readChildAsStaff,
  saveBasic,
  saveGuardian,
  saveHealth,
  saveMeals,
  savePeople,
  setTwoFactor,
  type ChildRecord,
  type ChildSaveResult,
  type GuardianRecord,
} from './service.ts';
import { BasicFields, ChildConfirmPage, ChildEditPage, ChildTabPage, HealthFields, MealsFields, PeopleFields, childPath } from './child-views.tsx';
import { GuardianConfirmPage, GuardianEditPage, GuardianPage, IndexPage, TwoFactorPage } from './views.tsx';
import { StaffChildListPage, StaffChildPage } from './staff-views.tsx';
import { profileTexts, type Tab } from './texts.ts';
import { relationshipLabels, type Relationship } from '../applications/form.ts';

/**
 * One tab of a child's profile: how its form is read, checked, previewed on the confirmation
 * screen and saved. Every tab goes through the same routes: view → 編集 → 確定 → confirm → OK.
 */
interface Section<A, V> {
  tab: Tab;
  fromBody(body: Fields): A;
  fromChild(child: ChildRecord): A;
  /** What the form starts with when nothing is stored yet, if more than blanks. */
  prefill?(child: ChildRecord, guardian: GuardianRecord | undefined, lang: Lang): A | undefined;
  fields(answers: A): Fields;
  validate(answers: A, lang: Lang): { errors: FieldErrors; value?: V };
  /** The child as it will be once the value is saved (the confirmation screen shows this). */
  apply(child: ChildRecord, value: V): ChildRecord;
  save(db: Db, clock: Clock, guardianId: string, childId: string, revision: number, value: V): Promise<ChildSaveResult>;
  /** Add and remove buttons of list forms: the new lines, or undefined if the action is not one. */
  lines?(answers: A, action: string): A | undefined;
  Fields(props: { answers: A; errors: FieldErrors; lang: Lang; child: ChildRecord; prefilled: boolean }): JSX.Element;
}

const basicSection: Section<ReturnType<typeof basicFromBody>, BasicValue> = {
  tab: 'basic',
  fromBody: basicFromBody,
  fromChild: (c) => ({ name: c.name, kana: c.kana, sex: c.sex ?? '' }),
  fields: basicFields,
  validate: validateBasic,
  apply: (c, v) => ({ ...c, name: v.name, kana: v.kana, sex: v.sex }),
  save: saveBasic,
  Fields: (p) => <BasicFields answers={p.answers} errors={p.errors} lang={p.lang} child={p.child} />,
};

const mealsSection: Section<ReturnType<typeof mealsFromBody>, MealsValue> = {
  tab: 'meals',
  fromBody: mealsFromBody,
  fromChild: (c) => ({ allergens: c.allergens, severity: c.allergySeverity ?? '', allergyNotes: c.allergyNotes, mealStage: c.mealStage ?? '', epinephrine: c.epinephrine }),
  fields: mealsFields,
  validate: validateMeals,
  apply: (c, v) => ({ ...c, allergens: v.allergens, allergySeverity: v.severity, allergyNotes: v.allergyNotes, mealStage: v.mealStage, epinephrine: v.epinephrine }),
  save: saveMeals,
  Fields: (p) => <MealsFields answers={p.answers} errors={p.errors} lang={p.lang} />,
};

const healthSection: Section<ReturnType<typeof healthFromBody>, HealthValue> = {
  tab: 'health',
  fromBody: healthFromBody,
  fromChild: (c) => ({ conditions: c.healthConditions, medicines: c.medicines, notes: c.healthNotes }),
  fields: healthFields,
  validate: validateHealth,
  apply: (c, v) => ({ ...c, healthConditions: v.conditions, medicines: v.medicines, healthNotes: v.notes }),
  save: saveHealth,
  Fields: (p) => <HealthFields answers={p.answers} errors={p.errors} lang={p.lang} />,
};

function peopleSection(kind: PeopleKind): Section<PeopleAnswers, PeopleValue> {
  const stored = (c: ChildRecord) => (kind === 'emergency' ? c.emergencyContacts : c.pickupPersons);
  return {
    tab: kind,
    fromBody: peopleFromBody,
    fromChild: (c) => ({ people: stored(c).length > 0 ? stored(c).map((p) => ({ ...p })) : [emptyPerson()] }),
    // Most families name the guardian first: the form starts with the guardian's own details.
    prefill: (c, guardian, lang) =>
      kind === 'emergency' && c.emergencyContacts.length === 0 && guardian
        ? { people: [{ id: '', name: guardian.name, relationship: relationshipLabels[lang][guardian.relationship as Relationship] ?? '', phone: guardian.phone }] }
        : undefined,
    fields: peopleFields,
    validate: (a, lang) => validatePeople(a, kind, lang),
    apply: (c, v) => {
      const people = v.map((p) => ({ id: p.id ?? '', name: p.name, relationship: p.relationship, phone: p.phone }));
      return kind === 'emergency' ? { ...c, emergencyContacts: people } : { ...c, pickupPersons: people };
    },
    save: (db, clock, guardianId, childId, revision, value) => savePeople(db, clock, guardianId, childId, revision, kind, value),
    lines: changePeopleLines,
    Fields: (p) => <PeopleFields answers={p.answers} errors={p.errors} lang={p.lang} kind={kind} prefilled={p.prefilled} />,
  };
}

/** What a tab holds, to tell whether a save that lost the race had saved the same thing anyway. */
function tabState(c: ChildRecord, tab: Tab): string {
  const people = (list: ChildRecord['emergencyContacts']) => list.map((p) => [p.name, p.relationship, p.phone]);
  const state = {
    basic: [c.name, c.kana, c.sex],
    meals: [c.allergens, c.allergySeverity, c.allergyNotes, c.mealStage, c.epinephrine],
    health: [c.healthConditions, c.medicines, c.healthNotes],
    emergency: people(c.emergencyContacts),
    pickup: people(c.pickupPersons),
  }[tab];
  return JSON.stringify(state);
}

function revisionOf(value: string | undefined): number {
  return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : -1;
}

function guardianAnswers(g: GuardianRecord): GuardianAnswers {
  return { name: g.name, kana: g.kana, postalCode: g.postalCode, address: g.address, phone: g.phone, phone2: g.phone2 ?? '', relationship: g.relationship };
}

/** Guide step 4: 利用者情報管理 (guardian and child profiles), and the facility staff's view of a child. */
export const profileRoutes = routeGroup('guardian', async (routes) => {
  const { db, clock } = routes.app.deps;
  // The two-factor form checks the password: few tries per account, however many addresses.
  const twoFactorAccountLimit = subjectLimit(routes.app, 'two-factor-account', 5, '10 minutes');

  // ---- 利用者情報管理: the overview ----

  routes.get('/profile', async (req, reply, user) => {
    await permit(req, user, profileActions.readGuardian);
    const userId = user.id;
    const [guardian, children, gaps] = await Promise.all([loadGuardian(db, userId), childrenOf(db, userId), emergencyContactGaps(db, userId)]);
    if (!guardian) return sendMessagePage(req, reply, 'notFound');
    return sendHtml(reply, <IndexPage ctx={pageContext(req, reply)} guardian={guardian} children={children} gaps={gaps} />);
  });

  // ---- 保護者情報: view → 編集 → 確定 → confirmation → OK ----

  routes.get('/profile/guardian', async (req, reply, user) => {
    await permit(req, user, profileActions.readGuardian);
    const [guardian, gaps] = await Promise.all([loadGuardian(db, user.id), emergencyContactGaps(db, user.id)]);
    if (!guardian) return sendMessagePage(req, reply, 'notFound');
    const saved = queryOf(req).saved === '1';
    return sendHtml(reply, <GuardianPage ctx={pageContext(req, reply)} guardian={guardian} gaps={gaps} saved={saved} />);
  });

  routes.get('/profile/guardian/edit', async (req, reply, user) => {
    await permit(req, user, profileActions.updateGuardian);
    const [guardian, gaps] = await Promise.all([loadGuardian(db, user.id), emergencyContactGaps(db, user.id)]);
    if (!guardian) return sendMessagePage(req, reply, 'notFound');
    return sendHtml(reply, <GuardianEditPage ctx={pageContext(req, reply)} answers={guardianAnswers(guardian)} email={guardian.email} errors={{}} gaps={gaps} />);
  });

  routes.post('/profile/guardian', async (req, reply, user) => {
    await permit(req, user, profileActions.updateGuardian);
    const guardian = await loadGuardian(db, user.id);
    if (!guardian) return sendMessagePage(req, reply, 'notFound');
    const body = formBody(req);
    const answers = guardianFromBody(body);
    const action = body.action ?? 'confirm';
    const edit = async (errors: FieldErrors, status: number, blocked = false) => {
      const gaps = await emergencyContactGaps(db, user.id);
      return sendHtml(reply, <GuardianEditPage ctx={pageContext(req, reply)} answers={answers} email={guardian.email} errors={errors} gaps={gaps} blocked={blocked && gaps.length > 0} />, status);
    };
    if (action === 'edit') return edit({}, 200);
    const { errors, value } = validateGuardian(answers, req.lang);
    if (!value) return edit(errors, 400);
    if (action !== 'save') {
      // The emergency-contact rule is told at 確定 already, not only after OK.
      if ((await emergencyContactGaps(db, user.id)).length > 0) return edit({}, 409, true);
      return sendHtml(reply, <GuardianConfirmPage ctx={pageContext(req, reply)} value={value} fields={guardianFields(answers)} />);
    }
    const result = await saveGuardian(db, clock, { id: user.id, municipalityId: user.municipalityId }, value);
    if (result.kind === 'blocked') return edit({}, 409, true);
    return seeOther(reply, '/profile/guardian?saved=1');
  });

  // ---- 2段階認証: 有効 / 無効, after the password is entered again ----

  routes.get('/profile/two-factor', async (req, reply, user) => {
    await permit(req, user, profileActions.readGuardian);
    const guardian = await loadGuardian(db, user.id);
    if (!guardian) return sendMessagePage(req, reply, 'notFound');
    const done = queryOf(req).done;
    const doneKind = done === 'on' || done === 'off' || done === 'unchanged' ? done : undefined;
    return sendHtml(
      reply,
      <TwoFactorPage ctx={pageContext(req, reply)} enabled={guardian.twoFactorEnabled} choice={guardian.twoFactorEnabled ? 'yes' : 'no'} errors={{}} done={doneKind} />,
    );
  });

  routes.post('/profile/two-factor', { config: limit(routes.app.deps, 100, '10 minutes') }, async (req, reply, user) => {
    await permit(req, user, profileActions.updateGuardian);
    await twoFactorAccountLimit(req, reply, user.id);
    const guardian = await loadGuardian(db, user.id);
    if (!guardian) return sendMessagePage(req, reply, 'notFound');
    const body = formBody(req);
    const t = profileTexts(req.lang);
    const choice = body.enabled === 'yes' || body.enabled === 'no' ? body.enabled : '';
    const password = body.password ?? '';
    const errors: FieldErrors = {};
    if (!choice) errors.enabled = t.choiceRequired;
    if (!password) errors.password = t.passwordRequired;
    if (Object.keys(errors).length === 0) {
      const result = await setTwoFactor(db, clock, user.id, choice === 'yes', password);
      if (result === 'changed') return seeOther(reply, `/profile/two-factor?done=${choice === 'yes' ? 'on' : 'off'}`);
      if (result === 'unchanged') return seeOther(reply, '/profile/two-factor?done=unchanged');
      errors.password = t.passwordWrong;
    }
    return sendHtml(reply, <TwoFactorPage ctx={pageContext(req, reply)} enabled={guardian.twoFactorEnabled} choice={choice} errors={errors} />, 400);
  });

  // ---- お子さま: one set of routes per tab ----

  routes.get('/profile/children/:childId', (req, reply, user) => showTab(req, reply, user, 'basic'));

  async function showTab(req: FastifyRequest, reply: FastifyReply, user: GuardianUser, tab: Tab) {
    const childId = await permit(req, user, profileActions.readChild, (req.params as { childId: string }).childId);
    const child = await loadChild(db, childId, { guardianId: user.id });
    if (!child) return sendMessagePage(req, reply, 'notFound');
    const saved = queryOf(req).saved === '1';
    return sendHtml(reply, <ChildTabPage ctx={pageContext(req, reply)} child={child} tab={tab} saved={saved} />);
  }

  function registerTab<A, V>(section: Section<A, V>) {
    const { tab } = section;
    const base = `/profile/children/:childId/${tab}`;

    function editPage(req: FastifyRequest, reply: FastifyReply, child: ChildRecord, answers: A, options: { revision: number; errors?: FieldErrors; status?: number; conflict?: boolean; prefilled?: boolean }) {
      const errors = options.errors ?? {};
      const F = section.Fields;
      return sendHtml(
        reply,
        <ChildEditPage ctx={pageContext(req, reply)} child={child} tab={tab} revision={options.revision} errors={errors} conflict={options.conflict}>
          <F answers={answers} errors={errors} lang={req.lang} child={child} prefilled={options.prefilled ?? false} />
        </ChildEditPage>,
        options.status ?? 200,
      );
    }

    // 基本情報 also answers at the child's own address (the tab links there).
    routes.get(base, (req, reply, user) => showTab(req, reply, user, tab));

    routes.get(`${base}/edit`, async (req, reply, user) => {
      const childId = await permit(req, user, profileActions.updateChild, (req.params as { childId: string }).childId);
      const child = await loadChild(db, childId, { guardianId: user.id });
      if (!child) return sendMessagePage(req, reply, 'notFound');
      const prefill = section.prefill?.(child, await loadGuardian(db, user.id), req.lang);
      return editPage(req, reply, child, prefill ?? section.fromChild(child), { revision: child.revision, prefilled: prefill !== undefined });
    });

    routes.post(base, async (req, reply, user) => {
      const childId = await permit(req, user, profileActions.updateChild, (req.params as { childId: string }).childId);
      const guardianId = user.id;
      const child = await loadChild(db, childId, { guardianId });
      if (!child) return sendMessagePage(req, reply, 'notFound');
      const body = formBody(req);
      const answers = section.fromBody(body);
      const revision = revisionOf(body.revision);
      const action = body.action ?? 'confirm';
      if (action === 'edit') return editPage(req, reply, child, answers, { revision });
      const lines = section.lines?.(answers, action);
      if (lines) return editPage(req, reply, child, lines, { revision });

      const { errors, value } = section.validate(answers, req.lang);
      if (!value) return editPage(req, reply, child, answers, { revision, errors, status: 400 });
      if (action !== 'save') {
        return sendHtml(reply, <ChildConfirmPage ctx={pageContext(req, reply)} preview={section.apply(child, value)} tab={tab} revision={revision} fields={section.fields(answers)} />);
      }
      const result = await section.save(db, clock, guardianId, child.id, revision, value);
      if (result === 'not-found') return sendMessagePage(req, reply, 'notFound');
      if (result === 'saved') return seeOther(reply, `${childPath(child.id, tab)}?saved=1`);
      // Someone saved first. If it was this very answer (OK pressed twice), all is well.
      const current = await loadChild(db, child.id, { guardianId });
      if (!current) return sendMessagePage(req, reply, 'notFound');
      if (tabState(section.apply(current, value), tab) === tabState(current, tab)) return seeOther(reply, `${childPath(child.id, tab)}?saved=1`);
      return editPage(req, reply, current, answers, { revision: current.revision, status: 409, conflict: true });
    });
  }

  registerTab(basicSection);
  registerTab(mealsSection);
  registerTab(healthSection);
  registerTab(peopleSection('emergency'));
  registerTab(peopleSection('pickup'));
});

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

import { permit, routeGroup, type GuardianUser } from '../platform/access.ts';
import { profileActions } from './actions.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { limit, subjectLimit } from '../platform/rate-limits.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import type { Lang } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import { registerSection, type Section } from '../platform/forms/section.tsx';
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
  type BasicAnswers,
  type BasicValue,
  type GuardianAnswers,
  type HealthAnswers,
  type HealthValue,
  type MealsAnswers,
  type MealsValue,
  type PeopleAnswers,
  type PeopleKind,
  type PeopleValue,
} from './form.ts';
import {
  childrenOf,
  emergencyContactGaps,
  loadChild,
  loadGuardian,
  saveBasic,
  saveGuardian,
  saveHealth,
  saveMeals,
  savePeople,
  setTwoFactor,
  type ChildRecord,
  type ChildSaveResult,
  type GuardianRecord,
} from './queries.ts';
import { BasicFields, ChildConfirmPage, ChildEditPage, ChildTabPage, HealthFields, MealsFields, PeopleFields, childPath } from './guardian-child-views.tsx';
import { GuardianConfirmPage, GuardianEditPage, GuardianPage, IndexPage, TwoFactorPage } from './guardian-views.tsx';
import { profileTexts, type Tab } from './texts.ts';
import { relationshipLabels, type Relationship } from '../applications/form.ts';

/** One tab of a child's profile: a section edited view → 編集 → 確定 → confirm → OK (src/platform/forms/section.tsx). */
interface ChildSection<A, V> extends Section<ChildRecord, A, V> {
  tab: Tab;
  save(db: Db, clock: Clock, guardianId: string, childId: string, revision: number, value: V): Promise<ChildSaveResult>;
  /** What the form starts with when nothing is stored yet, if more than blanks. */
  prefill?(child: ChildRecord, guardian: GuardianRecord | undefined, lang: Lang): A | undefined;
}

const peopleState = (list: ChildRecord['emergencyContacts']) => list.map((p) => [p.name, p.relationship, p.phone]);

const basicSection: ChildSection<BasicAnswers, BasicValue> = {
  tab: 'basic',
  fromBody: basicFromBody,
  fromRecord: (c) => ({ name: c.name, kana: c.kana, sex: c.sex ?? '' }),
  fields: basicFields,
  validate: validateBasic,
  apply: (c, v) => ({ ...c, name: v.name, kana: v.kana, sex: v.sex }),
  state: (c) => [c.name, c.kana, c.sex],
  save: saveBasic,
  Fields: (p) => <BasicFields answers={p.answers} errors={p.errors} lang={p.lang} child={p.record} />,
};

const mealsSection: ChildSection<MealsAnswers, MealsValue> = {
  tab: 'meals',
  fromBody: mealsFromBody,
  fromRecord: (c) => ({ allergens: c.allergens, severity: c.allergySeverity ?? '', allergyNotes: c.allergyNotes, mealStage: c.mealStage ?? '', epinephrine: c.epinephrine }),
  fields: mealsFields,
  validate: validateMeals,
  apply: (c, v) => ({ ...c, allergens: v.allergens, allergySeverity: v.severity, allergyNotes: v.allergyNotes, mealStage: v.mealStage, epinephrine: v.epinephrine }),
  state: (c) => [c.allergens, c.allergySeverity, c.allergyNotes, c.mealStage, c.epinephrine],
  save: saveMeals,
  Fields: (p) => <MealsFields answers={p.answers} errors={p.errors} lang={p.lang} />,
};

const healthSection: ChildSection<HealthAnswers, HealthValue> = {
  tab: 'health',
  fromBody: healthFromBody,
  fromRecord: (c) => ({ conditions: c.healthConditions, medicines: c.medicines, notes: c.healthNotes }),
  fields: healthFields,
  validate: validateHealth,
  apply: (c, v) => ({ ...c, healthConditions: v.conditions, medicines: v.medicines, healthNotes: v.notes }),
  state: (c) => [c.healthConditions, c.medicines, c.healthNotes],
  save: saveHealth,
  Fields: (p) => <HealthFields answers={p.answers} errors={p.errors} lang={p.lang} />,
};

function peopleSection(kind: PeopleKind): ChildSection<PeopleAnswers, PeopleValue> {
  const stored = (c: ChildRecord) => (kind === 'emergency' ? c.emergencyContacts : c.pickupPersons);
  return {
    tab: kind,
    fromBody: peopleFromBody,
    fromRecord: (c) => ({ people: stored(c).length > 0 ? stored(c).map((p) => ({ ...p })) : [emptyPerson()] }),
    // Most families name the guardian first: the form starts with the guardian's own details.
    prefill: (c, guardian, lang) =>
      kind === 'emergency' && c.emergencyContacts.length === 0 && guardian
        ? { people: [{ id: '', name: guardian.name, relationship: relationshipLabels[lang][guardian.relationship as Relationship] ?? '', phone: guardian.phone }] }
        : undefined,
    fields: peopleFields,
    validate: (a, lang) => validatePeople(a, kind, lang),
    apply: (c, v) => {
      const list = v.map((p) => ({ id: p.id ?? '', name: p.name, relationship: p.relationship, phone: p.phone }));
      return kind === 'emergency' ? { ...c, emergencyContacts: list } : { ...c, pickupPersons: list };
    },
    state: (c) => peopleState(stored(c)),
    save: (db, clock, guardianId, childId, revision, value) => savePeople(db, clock, guardianId, childId, revision, kind, value),
    lines: changePeopleLines,
    Fields: (p) => <PeopleFields answers={p.answers} errors={p.errors} lang={p.lang} kind={kind} prefilled={p.prefilled} />,
  };
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
    const checked = validateGuardian(answers, req.lang);
    if (checked.errors) return edit(checked.errors, 400);
    if (action !== 'save') {
      // The emergency-contact rule is told at 確定 already, not only after OK.
      if ((await emergencyContactGaps(db, user.id)).length > 0) return edit({}, 409, true);
      return sendHtml(reply, <GuardianConfirmPage ctx={pageContext(req, reply)} value={checked.value} fields={guardianFields(answers)} />);
    }
    const result = await saveGuardian(db, clock, { id: user.id, municipalityId: user.municipalityId }, checked.value);
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

  function registerTab<A, V>(section: ChildSection<A, V>) {
    const { tab } = section;
    const { prefill } = section;
    return registerSection<GuardianUser, ChildRecord, A, V>(routes, {
      path: `/profile/children/:childId/${tab}`,
      section,
      permit: (req, user, purpose) =>
        permit(req, user, purpose === 'read' ? profileActions.readChild : profileActions.updateChild, (req.params as { childId: string }).childId),
      load: (childId, user) => loadChild(db, childId, { guardianId: user.id }),
      prefill: prefill ? async (child, user, lang) => prefill(child, await loadGuardian(db, user.id), lang) : undefined,
      save: (user, child, revision, value) => section.save(db, clock, user.id, child.id, revision, value),
      href: (child) => childPath(child.id, tab),
      pages: {
        View: (p) => <ChildTabPage ctx={p.ctx} child={p.record} tab={tab} saved={p.saved} />,
        Edit: (p) => (
          <ChildEditPage ctx={p.ctx} child={p.record} tab={tab} revision={p.revision} errors={p.errors} conflict={p.conflict}>
            {p.children}
          </ChildEditPage>
        ),
        Confirm: (p) => <ChildConfirmPage ctx={p.ctx} preview={p.preview} tab={tab} revision={p.revision} fields={p.fields} />,
      },
    });
  }

  // 基本情報 is also the child's own page (the list of children links there).
  const basic = registerTab(basicSection);
  routes.get('/profile/children/:childId', basic.show);
  registerTab(mealsSection);
  registerTab(healthSection);
  registerTab(peopleSection('emergency'));
  registerTab(peopleSection('pickup'));
});

import { permit, routeGroup } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml } from '../platform/http.tsx';
import { CalendarDate, parseYearMonth, yearMonthOf } from '../platform/time.ts';
import { settingsActions } from './actions.ts';
import { answersFromBody, answersFromSettings, earliestMonth, validateSettings } from './settings-form.ts';
import { municipalitySettingsFor, saveSettingsChange, settingsChangesOf } from './settings-queries.ts';
import { settingsTexts, monthLabel } from './settings-texts.ts';
import { SettingsPage } from './municipality-settings-views.tsx';
import type { FieldErrors } from '../platform/ui/forms.tsx';
import type { SettingsAnswers } from './settings-form.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MunicipalityStaffUser } from '../platform/access.ts';

/** 設定: a municipality's staff see and change their own municipality's settings, dated by month. */
export const municipalitySettingsRoutes = routeGroup('municipality_staff', async (routes) => {
  const { db, clock } = routes.app.deps;

  async function page(req: FastifyRequest, reply: FastifyReply, user: MunicipalityStaffUser, form: SettingsAnswers, errors: FieldErrors, status = 200, notice?: string) {
    const today = CalendarDate.today(clock);
    const [current, changes] = await Promise.all([municipalitySettingsFor(db, user.municipalityId, today), settingsChangesOf(db, user.municipalityId)]);
    return sendHtml(
      reply,
      <SettingsPage ctx={pageContext(req, reply)} today={today} current={current} changes={changes} earliest={earliestMonth(today)} form={form} errors={errors} notice={notice} />,
      status,
    );
  }

  routes.get('/municipality/settings', async (req, reply, user) => {
    await permit(req, user, settingsActions.read);
    const query = queryOf(req);
    const earliest = earliestMonth(CalendarDate.today(clock));
    const asked = parseYearMonth(query.from);
    const from = asked && !asked.isBefore(earliest) ? asked : earliest;
    const settings = await municipalitySettingsFor(db, user.municipalityId, from);
    const done = parseYearMonth(query.saved ?? query.unchanged);
    const t = settingsTexts(req.lang);
    const notice = done ? (query.saved ? t.saved : t.unchanged)(monthLabel(done.year, done.month, req.lang)) : undefined;
    return page(req, reply, user, answersFromSettings(from, settings), {}, 200, notice);
  });

  routes.post('/municipality/settings', async (req, reply, user) => {
    await permit(req, user, settingsActions.change);
    const answers = answersFromBody(formBody(req));
    const today = CalendarDate.today(clock);
    const month = parseYearMonth(answers.from);
    const known = month ? (await municipalitySettingsFor(db, user.municipalityId, month)).buckets.map((b) => b.id) : [];
    const checked = validateSettings(answers, today, known, req.lang);
    if (checked.errors) return page(req, reply, user, answers, checked.errors, 400);
    const result = await saveSettingsChange(db, clock, { id: user.id, municipalityId: user.municipalityId }, checked.value.from, checked.value.settings);
    if (result.outcome === 'past-month') return page(req, reply, user, answers, { from: settingsTexts(req.lang).monthPast }, 400);
    const key = yearMonthOf(checked.value.from);
    return seeOther(reply, `/municipality/settings?from=${key}&${result.outcome === 'saved' ? 'saved' : 'unchanged'}=${key}`);
  });
});

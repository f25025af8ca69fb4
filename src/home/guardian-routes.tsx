import { pageContext, sendHtml } from '../platform/http.tsx';
import { permit, routeGroup } from '../platform/access.ts';
import { profileActions } from '../profiles/actions.ts';
import { Layout } from '../platform/ui/layout.tsx';
import { Notice, SummaryList } from '../platform/ui/forms.tsx';
import { formatJapaneseDate } from '../platform/clock.ts';
import { rememberedDevicesOf } from '../accounts/remembered-devices.ts';
import { emergencyContactGaps, loadGuardian } from '../profiles/queries.ts';
import { childEditPath } from '../profiles/guardian-child-views.tsx';
import { RememberedDevicesSection, devicesJustRevoked } from '../accounts/account-views.tsx';
import { texts } from './texts.ts';
import { GuardianHistoryCard, GuardianReductionsCard } from '../fees/cards.tsx';
import { CalendarDate } from '../platform/time.ts';
import { childrenInUse } from '../attendance/queries.ts';
import { tokyoTime } from '../attendance/rules.ts';
import { attendanceTexts } from '../attendance/texts.ts';
import { SCAN_PATH } from '../attendance/guardian-views.tsx';

/** マイページ: the guardian's start page. */
export const guardianHomeRoutes = routeGroup('guardian', (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get('/mypage', async (req, reply, user) => {
    await permit(req, user, profileActions.readGuardian);
    const ctx = pageContext(req, reply);
    const t = texts(ctx.lang);
    const children = await db
      .selectFrom('children')
      .select(['id', 'name', 'birth_date', 'certification_number', 'certification_valid_from', 'certification_valid_until'])
      .where('guardian_id', '=', user.id)
      .orderBy('birth_date')
      .execute();
    const [devices, guardian, gaps, inUse] = await Promise.all([
      rememberedDevicesOf(db, clock, req, user.id),
      loadGuardian(db, user.id),
      emergencyContactGaps(db, user.id),
      childrenInUse(db, user.id, CalendarDate.today(clock)),
    ]);
    const a = attendanceTexts(ctx.lang);
    // Registration ends when the guardian presses OK on their details, which 利用者情報管理 allows
    // only once every child has an emergency contact: say so here, where the guardian lands.
    const registrationOpen = !guardian?.registeredAt;
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={t.mypageTitle}>
        <h1 safe>{t.mypageTitle}</h1>
        <p class="lead" safe>{t.welcome(user.displayName)}</p>
        {registrationOpen ? (
          <Notice type="warning" title={t.registrationOpenTitle}>
            {gaps.length > 0 ? (
              <>
                <p safe>{t.registrationNeedsContacts}</p>
                <ul>
                  {gaps.map((g) => (
                    <li>
                      <a href={childEditPath(g.childId, 'emergency')} data-qa="mypage-emergency-gap" safe>
                        {t.enterEmergencyContact(g.childName)}
                      </a>
                    </li>
                  ))}
                </ul>
                <p safe>{t.registrationThenConfirm}</p>
              </>
            ) : (
              <>
                <p safe>{t.registrationConfirm}</p>
                <p>
                  <a href="/profile/guardian" data-qa="mypage-finish-registration" safe>
                    {t.finishRegistration}
                  </a>
                </p>
              </>
            )}
          </Notice>
        ) : (
          ''
        )}
        <h2 safe>{t.childrenTitle}</h2>
        {children.length === 0 ? <p safe>{t.noChildren}</p> : ''}
        {children.map((c) => (
          <section class="card">
            <h3 safe>{c.name}</h3>
            {inUse
              .filter((u) => u.childId === c.id)
              .map((u) => (
                <p data-qa="mypage-in-use">
                  <span class="status" data-status="in" safe>
                    {a.inUse}
                  </span>{' '}
                  <span safe>{a.inUseSince(u.facilityName, tokyoTime(u.checkedInAt))}</span>
                </p>
              ))}
            <SummaryList
              rows={[
                { key: t.birthDate, value: formatJapaneseDate(c.birth_date) },
                { key: t.certification, value: c.certification_number },
                { key: t.validity, value: `${formatJapaneseDate(c.certification_valid_from)}～${formatJapaneseDate(c.certification_valid_until)}` },
              ]}
            />
          </section>
        ))}
        <section class="card">
          <h2 safe>{a.mypageScan}</h2>
          <p safe>{a.mypageScanLead}</p>
          <a class="button" href={SCAN_PATH} data-qa="mypage-scan" safe>
            {a.mypageScan}
          </a>
        </section>
        <section class="card">
          <h2 safe>{t.reservationsTitle}</h2>
          <p safe>{t.reservationsLead}</p>
          <a class="button" href="/reservations" data-qa="mypage-reservations" safe>
            {t.reservationsTitle}
          </a>
        </section>
        <GuardianHistoryCard ctx={ctx} />
        <GuardianReductionsCard ctx={ctx} />
        <section class="card">
          <h2 safe>{t.profileTitle}</h2>
          <p safe>{t.profileLead}</p>
          <a class="button" href="/profile" safe>
            {t.profileTitle}
          </a>
        </section>
        <RememberedDevicesSection ctx={ctx} devices={devices} revoked={devicesJustRevoked(req)} />
      </Layout>,
    );
  });

});

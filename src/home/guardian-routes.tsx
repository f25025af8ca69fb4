import { pageContext, sendHtml } from '../platform/http.tsx';
import { permit, routeGroup } from '../platform/access.ts';
import { profileActions } from '../profiles/actions.ts';
import { Layout } from '../platform/ui/layout.tsx';
import { SummaryList } from '../platform/ui/forms.tsx';
import { formatJapaneseDate } from '../platform/clock.ts';
import { rememberedDevicesOf } from '../accounts/remembered-devices.ts';
import { RememberedDevicesSection, devicesJustRevoked } from '../accounts/account-views.tsx';
import { texts } from './texts.ts';

/** マイページ: the guardian's start page. */
export const guardianHomeRoutes = routeGroup('guardian', (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get('/mypage', async (req, reply, user) => {
    await permit(req, user, profileActions.readGuardian);
    const ctx = pageContext(req, reply);
    const t = texts(ctx.lang);
    const children = await db
      .selectFrom('children')
      .select(['name', 'birth_date', 'certification_number', 'certification_valid_from', 'certification_valid_until'])
      .where('guardian_id', '=', user.id)
      .orderBy('birth_date')
      .execute();
    const devices = await rememberedDevicesOf(db, clock, req, user.id);
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={t.mypageTitle}>
        <h1 safe>{t.mypageTitle}</h1>
        <p class="lead" safe>{t.welcome(user.displayName)}</p>
        <h2 safe>{t.childrenTitle}</h2>
        {children.length === 0 ? <p safe>{t.noChildren}</p> : ''}
        {children.map((c) => (
          <section class="card">
            <h3 safe>{c.name}</h3>
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

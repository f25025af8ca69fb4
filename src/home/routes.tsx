import { defineTexts } from '../platform/i18n.ts';
import { pageContext, seeOther, sendHtml } from '../platform/http.tsx';
import { permit, routeGroup } from '../platform/access.ts';
import { profileActions } from '../profiles/actions.ts';
import { facilityActions } from '../facilities/actions.ts';
import { Layout, homePathFor } from '../platform/ui/layout.tsx';
import { SummaryList } from '../platform/ui/forms.tsx';
import { formatJapaneseDate } from '../platform/clock.ts';
import { rememberedDevicesOf } from '../accounts/remembered-devices.ts';
import { RememberedDevicesSection, devicesJustRevoked } from '../accounts/remembered-device-views.tsx';

const texts = defineTexts({
  ja: {
    startTitle: 'こども誰でも通園制度',
    startLead: '保育所などに通っていない生後6か月から3歳未満のお子さまが、月に一定の時間まで、保育所や認定こども園などを利用できる制度です。',
    howTitle: 'はじめての方へ',
    how: [
      'お住まいの市区町村に利用申請をします。',
      '審査が終わると「アカウント発行のお知らせ」が届きます。パスワードを登録してください。',
      'ログインして、施設を探し、初回面談と利用の予約をします。',
    ],
    applyButton: 'まずは利用申請から！',
    loginTitle: 'アカウントをお持ちの方',
    login: 'ログイン',
    passwordReset: 'パスワードリセット申請（はじめてのパスワード登録もこちら）',
    mypageTitle: 'マイページ',
    welcome: (name: string) => `${name} さん`,
    childrenTitle: 'お子さま',
    certification: '認定番号',
    validity: '認定の有効期間',
    birthDate: '生年月日',
    noChildren: '登録されているお子さまはいません。',
    profileTitle: '利用者情報管理',
    profileLead: '保護者とお子さまの情報（緊急連絡先、食事・アレルギー情報など）を確認・登録します。',
    facilityTitle: '施設の業務',
    bookedChildren: '予約のあるお子さま',
    bookedChildrenLead: 'この施設に予約のあるお子さまの緊急連絡先・アレルギー・健康情報を確認できます。閲覧は記録されます。',
    bookedChildrenOpen: 'お子さまの一覧を見る',
  },
  en: {
    startTitle: "Children's Universal Daycare Access",
    startLead: 'Children from 6 months to under 3 years old who do not attend a nursery can use nurseries and centres for a set number of hours each month.',
    howTitle: 'If you are new',
    how: [
      'Apply to the municipality where you live.',
      'When it has been reviewed, an "account issued" mail arrives. Set your password.',
      'Log in, find a facility, and book a first interview and visits.',
    ],
    applyButton: 'Start by applying!',
    loginTitle: 'If you have an account',
    login: 'Log in',
    passwordReset: 'Request a password reset (also to set your first password)',
    mypageTitle: 'My page',
    welcome: (name: string) => `Hello, ${name}`,
    childrenTitle: 'Your children',
    certification: 'Certification number',
    validity: 'Certified',
    birthDate: 'Date of birth',
    noChildren: 'No children are registered.',
    profileTitle: 'Manage your details',
    profileLead: "Check and register your own and your children's details (emergency contacts, meals and allergies, and more).",
    facilityTitle: 'Facility work',
    bookedChildren: 'Children booked here',
    bookedChildrenLead: "See the emergency contacts, allergies and health of children booked at this facility. Every view is recorded.",
    bookedChildrenOpen: 'See the children',
  },
});

/** The start page, for everyone; signed-in users go on to their own start page. */
export const homeRoutes = routeGroup('public', (routes) => {
  routes.get('/', async (req, reply) => {
    if (req.user) return seeOther(reply, homePathFor(req.user.role));
    const ctx = pageContext(req, reply);
    const t = texts(ctx.lang);
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={t.startTitle}>
        <h1 safe>{t.startTitle}</h1>
        <p class="lead" safe>{t.startLead}</p>
        <h2 safe>{t.howTitle}</h2>
        <ol>
          {t.how.map((step) => (
            <li safe>{step}</li>
          ))}
        </ol>
        <p>
          <a class="button" data-size="large" href="/apply" safe>
            {t.applyButton}
          </a>
        </p>
        <h2 safe>{t.loginTitle}</h2>
        <p>
          <a class="button" data-variant="secondary" href="/login" safe>
            {t.login}
          </a>
        </p>
        <p>
          <a href="/password-reset" safe>
            {t.passwordReset}
          </a>
        </p>
      </Layout>,
    );
  });

});

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

/** The facility staff's start page. */
export const facilityHomeRoutes = routeGroup('facility_staff', (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get('/facility', async (req, reply, user) => {
    await permit(req, user, facilityActions.readOwn);
    const ctx = pageContext(req, reply);
    const t = texts(ctx.lang);
    const facility = await db.selectFrom('facilities').select(['name', 'address']).where('id', '=', user.facilityId).executeTakeFirstOrThrow();
    const devices = await rememberedDevicesOf(db, clock, req, user.id);
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={t.facilityTitle}>
        <h1 safe>{t.facilityTitle}</h1>
        <p class="lead" safe>{facility.name}</p>
        <p safe>{facility.address}</p>
        <section class="card">
          <h2 safe>{t.bookedChildren}</h2>
          <p safe>{t.bookedChildrenLead}</p>
          <a class="button" href="/facility/children" safe>
            {t.bookedChildrenOpen}
          </a>
        </section>
        <RememberedDevicesSection ctx={ctx} devices={devices} revoked={devicesJustRevoked(req)} />
      </Layout>,
    );
  });
});

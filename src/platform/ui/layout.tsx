import type { PropsWithChildren } from '@kitajs/html';
import { defineTexts, type Lang } from '../i18n.ts';
import type { Role } from '../database.ts';

export interface SignedInUser {
  id: string;
  role: Role;
  municipalityId: string;
  facilityId: string | null;
  displayName: string;
  email: string;
}

/** What every page needs to know about the request it answers. */
export interface PageContext {
  lang: Lang;
  path: string;
  csrfToken: string;
  user: SignedInUser | undefined;
  showMailbox: boolean;
}

const texts = defineTexts({
  ja: {
    serviceName: 'つうえん',
    serviceSubtitle: 'こども誰でも通園制度',
    skip: '本文へ移動',
    language: '言語',
    logout: 'ログアウト',
    login: 'ログイン',
    mypage: 'マイページ',
    findFacility: '施設を探す',
    reservations: '予約一覧',
    manageFacilities: '施設の管理',
    facilityHome: '施設の業務',
    municipalityHome: '市区町村の業務',
    applications: '利用申請の審査',
    certifiedChildren: '認定者の管理',
    statistics: '統計',
    claims: '給付費の請求',
    mailbox: '開発用メールボックス',
    siteMenu: 'サイトメニュー',
    signedInAs: 'ログイン中：',
    footerNote: 'このサイトは Tsuen（オープンソース）で動いています。表示されている施設・人物はすべて架空です。',
    errorPrefix: 'エラー：',
    home: 'ホーム',
    support: 'お客さまサポート',
    inquiries: 'お問い合わせ',
    municipalitySettings: '設定',
    footerLinks: 'サポート',
  },
  en: {
    serviceName: 'Tsuen',
    serviceSubtitle: "Children's Universal Daycare Access",
    skip: 'Skip to main content',
    language: 'Language',
    logout: 'Log out',
    login: 'Log in',
    mypage: 'My page',
    findFacility: 'Find a facility',
    reservations: 'My bookings',
    manageFacilities: 'Facilities',
    facilityHome: 'Facility work',
    municipalityHome: 'Municipality work',
    applications: 'Review applications',
    certifiedChildren: 'Certified children',
    statistics: 'Statistics',
    claims: 'Claims',
    mailbox: 'Development mailbox',
    siteMenu: 'Site menu',
    signedInAs: 'Signed in as ',
    footerNote: 'This site runs on Tsuen (open source). Every facility and person shown is fictional.',
    errorPrefix: 'Error: ',
    home: 'Home',
    support: 'Customer support',
    inquiries: 'Inquiries',
    municipalitySettings: 'Settings',
    footerLinks: 'Support',
  },
});

export function homePathFor(role: Role): string {
  if (role === 'guardian') return '/mypage';
  if (role === 'facility_staff') return '/facility';
  return '/municipality';
}

function MenuLinks({ ctx }: { ctx: PageContext }) {
  const t = texts(ctx.lang);
  const user = ctx.user;
  const links: Array<[string, string]> = [];
  if (!user) links.push(['/', t.home], ['/login', t.login]);
  else if (user.role === 'guardian') links.push(['/mypage', t.mypage], ['/facilities', t.findFacility], ['/reservations', t.reservations]);
  else if (user.role === 'facility_staff') links.push(['/facility', t.facilityHome]);
  else links.push(['/municipality', t.municipalityHome], ['/municipality/applications', t.applications], ['/municipality/children', t.certifiedChildren], ['/municipality/facilities', t.manageFacilities], ['/municipality/statistics', t.statistics], ['/municipality/claims', t.claims], ['/municipality/inquiries', t.inquiries], ['/municipality/settings', t.municipalitySettings]);
  if (ctx.showMailbox) links.push(['/dev/mailbox', t.mailbox]);
  return (
    <>
      {links.map(([href, label]) => (
        <li>
          <a href={href} aria-current={ctx.path === href ? 'page' : undefined} safe>
            {label}
          </a>
        </li>
      ))}
    </>
  );
}

export function Layout(
  props: PropsWithChildren<{
    ctx: PageContext;
    title: string;
    hasErrors?: boolean | undefined;
    /** More of the head (e.g. a page that reloads itself without JavaScript); trusted markup only. */
    safeHead?: JSX.Element | undefined;
  }>,
) {
  const { ctx, safeHead } = props;
  const t = texts(ctx.lang);
  const other: Lang = ctx.lang === 'ja' ? 'en' : 'ja';
  const langHref = `/language?to=${other}&back=${encodeURIComponent(ctx.path)}`;
  const fullTitle = `${props.hasErrors ? t.errorPrefix : ''}${props.title} | ${t.serviceName}`;
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{fullTitle}</title>
          <link rel="stylesheet" href="/assets/tokens.css" />
          <link rel="stylesheet" href="/static/styles.css" />
          <script type="module" src="/static/enhance.js"></script>
          {safeHead}
        </head>
        <body>
          <a class="skip-link" href="#main" safe>
            {t.skip}
          </a>
          <header class="site-header">
            <div class="container">
              <a class="service-name" href={ctx.user ? homePathFor(ctx.user.role) : '/'}>
                <span safe>{t.serviceName}</span>
                <small safe>{t.serviceSubtitle}</small>
              </a>
              <div class="header-tools">
                <nav class="lang-switch" aria-label={t.language}>
                  {ctx.lang === 'ja' ? (
                    <>
                      <a aria-current="true" lang="ja">日本語</a> / <a href={langHref} lang="en" hreflang="en">English</a>
                    </>
                  ) : (
                    <>
                      <a href={langHref} lang="ja" hreflang="ja">日本語</a> / <a aria-current="true" lang="en">English</a>
                    </>
                  )}
                </nav>
                {ctx.user ? (
                  <form method="post" action="/logout">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <span class="visually-hidden" safe>{t.signedInAs + ctx.user.displayName}</span>
                    <button type="submit" data-variant="secondary" safe>
                      {t.logout}
                    </button>
                  </form>
                ) : null}
              </div>
            </div>
            <nav class="site-nav" aria-label={t.siteMenu}>
              <ul class="container">
                <MenuLinks ctx={ctx} />
              </ul>
            </nav>
          </header>
          <main id="main" tabindex="-1" class="container">
            {props.children}
          </main>
          <footer class="site-footer">
            <div class="container">
              <nav aria-label={t.footerLinks}>
                <ul>
                  <li>
                    <a href="/support" aria-current={ctx.path === '/support' ? 'page' : undefined} safe>
                      {t.support}
                    </a>
                  </li>
                </ul>
              </nav>
              <p safe>{t.footerNote}</p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}

// The doors into fees and records from each user's start page (and from 予約一覧).
import type { PageContext } from '../platform/ui/layout.tsx';
import { defineTexts } from '../platform/i18n.ts';

const texts = defineTexts({
  ja: {
    guardianTitle: '利用実績と利用料',
    guardianLead: '月ごとの利用の記録（登園・退園の時刻、利用時間、使った利用可能時間）と、施設ごとの利用料・お支払いの状況を確認できます。',
    guardianOpen: '利用実績を見る',
    reductionsTitle: '利用料減免の申請',
    reductionsLead: '生活保護・非課税などの世帯は、書類を添えて申請すると利用料が減額されます。申請の状況もここで確かめられます。',
    municipalityTitle: '利用料減免',
    municipalityLead: 'お子さまの利用料減免の区分（生活保護・非課税など）を適用日とともに記録します。',
    municipalityOpen: '利用料減免',
    waitingApplications: (n: number) => (n > 0 ? `審査を待っている申請が${n}件あります。` : '審査を待っている申請はありません。'),
  },
  en: {
    guardianTitle: 'Usage and fees',
    guardianLead: 'Each month’s uses (check-in and check-out, billed time, allowance used) and the fees per facility, paid or not.',
    guardianOpen: 'See usage history',
    reductionsTitle: 'Apply for a fee reduction',
    reductionsLead: 'Households on public assistance, exempt from tax and others pay less when they apply with a document. See your applications here too.',
    municipalityTitle: 'Fee reductions',
    municipalityLead: "Record a child's fee reduction category (public assistance, tax exempt, …) with the date it applies from.",
    municipalityOpen: 'Fee reductions',
    waitingApplications: (n: number) => (n > 0 ? `${n} application(s) are waiting for review.` : 'No application is waiting for review.'),
  },
});

export function GuardianHistoryCard({ ctx }: { ctx: PageContext }) {
  const t = texts(ctx.lang);
  return (
    <section class="card">
      <h2 safe>{t.guardianTitle}</h2>
      <p safe>{t.guardianLead}</p>
      <a class="button" href="/usage" data-qa="mypage-usage" safe>
        {t.guardianOpen}
      </a>
    </section>
  );
}

/** 利用料減免の申請, on マイページ. */
export function GuardianReductionsCard({ ctx }: { ctx: PageContext }) {
  const t = texts(ctx.lang);
  return (
    <section class="card">
      <h2 safe>{t.reductionsTitle}</h2>
      <p safe>{t.reductionsLead}</p>
      <a class="button" href="/reductions" data-qa="mypage-reductions" safe>
        {t.reductionsTitle}
      </a>
    </section>
  );
}

/** The link on 予約一覧, for the child shown there. */
export function GuardianHistoryLink({ ctx, childId }: { ctx: PageContext; childId: string | undefined }) {
  const t = texts(ctx.lang);
  return (
    <a href={childId ? `/usage?child=${childId}` : '/usage'} data-qa="list-usage" safe>
      {t.guardianTitle}
    </a>
  );
}

export function MunicipalityReductionsCard({ ctx, waiting }: { ctx: PageContext; waiting: number }) {
  const t = texts(ctx.lang);
  return (
    <section class="card">
      <h2 safe>{t.municipalityTitle}</h2>
      <p safe>{t.municipalityLead}</p>
      <p data-qa="waiting-reductions" safe>
        {t.waitingApplications(waiting)}
      </p>
      <a class="button" href="/municipality/fee-reductions" data-qa="municipality-reductions" safe>
        {t.municipalityOpen}
      </a>
    </section>
  );
}

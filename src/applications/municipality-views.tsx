// The municipality's review screens (審査): start page, queue, one application with its decision.
import type { MunicipalityStaffUser } from '../platform/access.ts';
import { defineTexts } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Notice, SummaryList, TextArea, type FieldErrors } from '../platform/ui/forms.tsx';
import { Table } from '../platform/ui/table.tsx';
import { formatJapaneseDate, formatTokyoDateTime } from '../platform/clock.ts';
import { relationshipLabels, type Relationship } from './form.ts';
import type { RememberedDevice } from '../accounts/remembered-devices.ts';
import { RememberedDevicesSection } from '../accounts/account-views.tsx';
import { InquiriesCard } from '../support/municipality-views.tsx';
import { MunicipalityReductionsCard } from '../fees/cards.tsx';
import { STATUSES, type ApplicationStatus, type applicationQueue, type applicationDetail } from './review-queries.ts';
import { MunicipalityClaimsCard } from '../claims/municipality-views.tsx';

export const texts = defineTexts({
  ja: {
    homeTitle: '市区町村の業務',
    queueTitle: '利用申請の審査',
    waiting: (n: number) => `審査待ちの申請が${n}件あります。`,
    openQueue: '審査待ちの申請を見る',
    status: { submitted: '審査待ち', approved: '承認済み', rejected: '却下', all: 'すべて' } as Record<ApplicationStatus | 'all', string>,
    filter: '状態で絞り込む',
    reference: '受付番号',
    guardian: '申請者',
    children: 'お子さま',
    submittedAt: '申請日時',
    statusLabel: '状態',
    none: 'この状態の申請はありません。',
    detailTitle: (ref: string) => `利用申請 ${ref}`,
    email: 'メールアドレス',
    kana: 'フリガナ',
    postalCode: '郵便番号',
    address: '住所',
    phone: '電話番号',
    relationship: '続柄',
    facility: '利用を希望する施設',
    child: (n: number) => `お子さま${n}`,
    name: '氏名',
    birthDate: '生年月日',
    certification: '認定番号',
    validUntil: '認定の有効期限',
    decision: '審査結果',
    decidedAt: '審査日時',
    decidedBy: '審査した職員',
    reason: '却下の理由',
    approveHeading: '承認する',
    approveLead: '承認すると、保護者のアカウントを作り、お子さまごとに乳児等支援給付認定の番号を発行して、「アカウント発行のお知らせ」をメールで送ります。',
    approve: '承認してアカウントを発行する',
    rejectHeading: '却下する',
    rejectLead: '理由は申請者にメールで伝わります。申請者に分かる言葉で書いてください。',
    reasonRequired: '却下の理由を入力してください',
    reasonTooLong: '却下の理由は1000文字以内で入力してください',
    reject: '却下する',
    approved: '承認しました。「アカウント発行のお知らせ」を送信します。',
    rejected: '却下しました。申請者に理由をメールで送信します。',
    alreadyDecided: 'この申請はすでに審査済みです。',
    emailTaken: 'このメールアドレスは、別の市区町村の利用者または職員のアカウントで使われているため、承認できません。申請者に連絡してください。',
    agedOut: (names: string) => `${names} は対象年齢（3歳の誕生日の前々日まで）を過ぎたため、承認できません。却下して理由を伝えてください。`,
    backToQueue: '一覧に戻る',
  },
  en: {
    homeTitle: 'Municipality work',
    queueTitle: 'Review applications',
    waiting: (n: number) => `${n} applications are waiting for review.`,
    openQueue: 'See applications waiting for review',
    status: { submitted: 'Waiting', approved: 'Approved', rejected: 'Rejected', all: 'All' } as Record<ApplicationStatus | 'all', string>,
    filter: 'Filter by status',
    reference: 'Reference',
    guardian: 'Applicant',
    children: 'Children',
    submittedAt: 'Submitted',
    statusLabel: 'Status',
    none: 'No applications with this status.',
    detailTitle: (ref: string) => `Application ${ref}`,
    email: 'E-mail',
    kana: 'Reading',
    postalCode: 'Postal code',
    address: 'Address',
    phone: 'Phone',
    relationship: 'Relationship',
    facility: 'Facility wished for',
    child: (n: number) => `Child ${n}`,
    name: 'Name',
    birthDate: 'Date of birth',
    certification: 'Certification number',
    validUntil: 'Certified until',
    decision: 'Decision',
    decidedAt: 'Decided',
    decidedBy: 'Decided by',
    reason: 'Reason for rejection',
    approveHeading: 'Approve',
    approveLead: 'Approving creates the guardian account, issues a certification number for each child and mails the "account issued" notice.',
    approve: 'Approve and issue the account',
    rejectHeading: 'Reject',
    rejectLead: 'The reason is mailed to the applicant. Write it in words they will understand.',
    reasonRequired: 'Enter the reason for rejection',
    reasonTooLong: 'The reason must be 1000 characters or fewer',
    reject: 'Reject',
    approved: 'Approved. The "account issued" mail is on its way.',
    rejected: 'Rejected. The reason is being mailed to the applicant.',
    alreadyDecided: 'This application has already been decided.',
    emailTaken: 'This e-mail address is used by an account in another municipality or by staff, so it cannot be approved. Please contact the applicant.',
    agedOut: (names: string) => `${names} is past the eligible age, so this cannot be approved. Reject it with a reason.`,
    backToQueue: 'Back to the list',
  },
});

export function StatusBadge({ status, ctx }: { status: ApplicationStatus; ctx: PageContext }) {
  return (
    <span class="status" data-status={status} safe>
      {texts(ctx.lang).status[status]}
    </span>
  );
}

type Detail = NonNullable<Awaited<ReturnType<typeof applicationDetail>>>;

export function DetailPage(props: { ctx: PageContext; detail: Detail; errors: FieldErrors; reason: string; notice?: string | undefined; problem?: string | undefined }) {
  const { ctx, detail, errors } = props;
  const t = texts(ctx.lang);
  const a = detail.application;
  const title = t.detailTitle(a.reference);
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <p>
        <a href="/municipality/applications" safe>
          {t.backToQueue}
        </a>
      </p>
      <h1 safe>{title}</h1>
      {props.notice ? (
        <Notice type="success">
          <p safe>{props.notice}</p>
        </Notice>
      ) : (
        ''
      )}
      {props.problem ? (
        <Notice type="error">
          <p safe>{props.problem}</p>
        </Notice>
      ) : (
        ''
      )}
      <p>
        <StatusBadge status={a.status} ctx={ctx} />
      </p>
      <h2 safe>{t.guardian}</h2>
      <SummaryList
        rows={[
          { key: t.name, value: a.guardian_name },
          { key: t.kana, value: a.guardian_name_kana },
          { key: t.email, value: a.email },
          { key: t.postalCode, value: a.postal_code },
          { key: t.address, value: a.address },
          { key: t.phone, value: a.phone },
          { key: t.relationship, value: relationshipLabels[ctx.lang][a.relationship as Relationship] ?? a.relationship },
          { key: t.submittedAt, value: formatTokyoDateTime(a.submitted_at) },
          ...(a.facility_name ? [{ key: t.facility, value: a.facility_name }] : []),
        ]}
      />
      {detail.children.map((c, i) => (
        <>
          <h2 safe>{t.child(i + 1)}</h2>
          <SummaryList
            rows={[
              { key: t.name, value: c.name },
              { key: t.kana, value: c.name_kana },
              { key: t.birthDate, value: formatJapaneseDate(c.birth_date) },
              ...(c.certification_number ? [{ key: t.certification, value: c.certification_number }] : []),
              ...(c.certification_valid_until ? [{ key: t.validUntil, value: formatJapaneseDate(c.certification_valid_until) }] : []),
            ]}
          />
        </>
      ))}
      {a.status !== 'submitted' ? (
        <>
        <h2 safe>{t.decision}</h2>
        <SummaryList
          rows={[
            { key: t.decidedAt, value: a.decided_at ? formatTokyoDateTime(a.decided_at) : '' },
            { key: t.decidedBy, value: a.decided_by_name ?? '' },
            ...(a.rejection_reason ? [{ key: t.reason, value: a.rejection_reason }] : []),
          ]}
        />
        </>
      ) : (
        <>
          <h2 safe>{t.approveHeading}</h2>
          <p safe>{t.approveLead}</p>
          <form method="post" action={`/municipality/applications/${a.id}/approve`}>
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" safe>
              {t.approve}
            </button>
          </form>
          <h2 safe>{t.rejectHeading}</h2>
          <form method="post" action={`/municipality/applications/${a.id}/reject`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextArea name="reason" label={t.reason} hint={t.rejectLead} lang={ctx.lang} required value={props.reason} error={errors.reason} maxlength={1000} />
            <button type="submit" data-variant="secondary" safe>
              {t.reject}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

export function MunicipalityHomePage(props: { ctx: PageContext; user: MunicipalityStaffUser; waiting: number; claimsWaiting: number; reductionsWaiting: number; devices: RememberedDevice[]; revoked: boolean }) {
  const { ctx, user, waiting, claimsWaiting, devices, revoked } = props;
  const t = texts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.homeTitle}>
    <h1 safe>{t.homeTitle}</h1>
    <p safe>{user.displayName}</p>
    <section class="card">
      <h2 safe>{t.queueTitle}</h2>
      <p data-qa="waiting" safe>{t.waiting(waiting)}</p>
      <a class="button" href="/municipality/applications?status=submitted" safe>
        {t.openQueue}
      </a>
    </section>
    <MunicipalityClaimsCard ctx={ctx} waiting={claimsWaiting} />
    <InquiriesCard ctx={ctx} />
    <MunicipalityReductionsCard ctx={ctx} waiting={props.reductionsWaiting} />
    <RememberedDevicesSection ctx={ctx} devices={devices} revoked={revoked} />
  </Layout>
  );
}

type QueueRow = Awaited<ReturnType<typeof applicationQueue>>[number];

export function QueuePage({ ctx, status, rows }: { ctx: PageContext; status: ApplicationStatus | 'all'; rows: QueueRow[] }) {
  const t = texts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.queueTitle}>
    <h1 safe>{t.queueTitle}</h1>
    <nav aria-label={t.filter}>
      <ul class="filters">
        {([...STATUSES, 'all'] as const).map((s) => (
          <li>
            <a href={`/municipality/applications?status=${s}`} aria-current={s === status ? 'true' : undefined} safe>
              {t.status[s]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
    {rows.length === 0 ? (
      <p safe>{t.none}</p>
    ) : (
      <Table
        id="applications"
        caption={`${t.queueTitle}（${t.status[status]}）`}
        rows={rows}
        columns={[
          {
            header: t.reference,
            cell: (r) => (
              <a href={`/municipality/applications/${r.id}`} safe>
                {r.reference}
              </a>
            ),
          },
          { header: t.guardian, text: (r) => r.guardian_name },
          { header: t.children, text: (r) => String(r.child_count ?? 0) },
          { header: t.submittedAt, text: (r) => formatTokyoDateTime(r.submitted_at) },
          { header: t.statusLabel, cell: (r) => <StatusBadge status={r.status} ctx={ctx} /> },
        ]}
      />
    )}
  </Layout>
  );
}

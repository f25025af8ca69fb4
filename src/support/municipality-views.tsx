// The municipality staff's inquiry screens: the list with its status filter, and one inquiry with
// its replies, the reply form and the "answered" mark.
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, SummaryList, TextArea, type FieldErrors, ActionMessages } from '../platform/ui/forms.tsx';
import { Table } from '../platform/ui/table.tsx';
import { formatTokyoDateTime } from '../platform/clock.ts';
import { supportTexts } from './texts.ts';
import { LIMITS } from './form.ts';
import { INQUIRY_STATUSES, type InquiryDetail, type inquiryList } from './queries.ts';
import type { InquiryStatus } from './tables.ts';

export function InquiryStatusBadge({ status, ctx }: { status: InquiryStatus; ctx: PageContext }) {
  return (
    <span class="status" data-status={status} safe>
      {supportTexts(ctx.lang).status[status]}
    </span>
  );
}

type Row = Awaited<ReturnType<typeof inquiryList>>[number];

export function InquiryListPage({ ctx, status, rows }: { ctx: PageContext; status: InquiryStatus | 'all'; rows: Row[] }) {
  const t = supportTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.staffTitle}>
      <h1 safe>{t.staffTitle}</h1>
      <nav aria-label={t.filter}>
        <ul class="filters">
          {([...INQUIRY_STATUSES, 'all'] as const).map((s) => (
            <li>
              <a href={`/municipality/inquiries?status=${s}`} aria-current={s === status ? 'true' : undefined} safe>
                {t.status[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p data-qa="no-inquiries" safe>{t.none}</p>
      ) : (
        <Table
          id="inquiries"
          caption={`${t.staffTitle}（${t.status[status]}）`}
          rows={rows}
          columns={[
            {
              header: t.reference,
              cell: (r) => (
                <a href={`/municipality/inquiries/${r.id}`} safe>
                  {r.reference}
                </a>
              ),
            },
            { header: t.receivedAt, text: (r) => formatTokyoDateTime(r.created_at) },
            { header: t.categoryShort, text: (r) => t.categories[r.category] },
            { header: t.contactName, text: (r) => r.contact_name },
            { header: t.statusLabel, cell: (r) => <InquiryStatusBadge status={r.status} ctx={ctx} /> },
          ]}
        />
      )}
    </Layout>
  );
}

export function InquiryDetailPage(props: { ctx: PageContext; detail: InquiryDetail; reply: string; errors: FieldErrors; notice?: string | undefined }) {
  const { ctx, detail, errors } = props;
  const t = supportTexts(ctx.lang);
  const q = detail.inquiry;
  const title = t.detailTitle(q.reference);
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <p>
        <a href="/municipality/inquiries" safe>
          {t.backToList}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <ActionMessages notice={props.notice} />
      <p>
        <InquiryStatusBadge status={q.status} ctx={ctx} />
      </p>
      <SummaryList
        rows={[
          { key: t.receivedAt, value: formatTokyoDateTime(q.created_at) },
          { key: t.category, value: t.categories[q.category] },
          { key: t.message, value: q.message },
          { key: t.contactName, value: q.contact_name },
          { key: t.email, value: q.email },
          { key: t.phone, value: q.phone || t.notGiven },
          { key: t.account, value: q.account_name ? `${q.account_name}（${q.account_email ?? ''}）` : t.notSignedIn },
          ...(q.status === 'answered'
            ? [
                { key: t.answeredAt, value: q.answered_at ? formatTokyoDateTime(q.answered_at) : '' },
                { key: t.answeredBy, value: q.answered_by_name ?? '' },
              ]
            : []),
        ]}
      />
      <h2 safe>{t.repliesTitle}</h2>
      {detail.replies.length === 0 ? (
        <p safe>{t.noReplies}</p>
      ) : (
        <ol class="replies">
          {detail.replies.map((r) => (
            <li class="card">
              <SummaryList
                rows={[
                  { key: t.repliedAt, value: formatTokyoDateTime(r.replied_at) },
                  { key: t.repliedBy, value: r.replied_by_name },
                  { key: t.reply, value: r.body },
                ]}
              />
            </li>
          ))}
        </ol>
      )}
      <h2 safe>{t.replyTitle}</h2>
      <form method="post" action={`/municipality/inquiries/${q.id}/reply`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextArea name="reply" label={t.reply} hint={t.replyHint(LIMITS.reply)} lang={ctx.lang} required value={props.reply} error={errors.reply} maxlength={LIMITS.reply} />
        <button type="submit" safe>
          {t.replySend}
        </button>
      </form>
      {q.status === 'open' ? (
        <>
          <h2 safe>{t.answerTitle}</h2>
          <p safe>{t.answerLead}</p>
          <form method="post" action={`/municipality/inquiries/${q.id}/answered`}>
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" data-variant="secondary" safe>
              {t.answer}
            </button>
          </form>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** The card on the municipality's start page (市区町村の業務). */
export function InquiriesCard({ ctx }: { ctx: PageContext }) {
  const t = supportTexts(ctx.lang);
  return (
    <section class="card">
      <h2 safe>{t.staffTitle}</h2>
      <p safe>{t.staffCardLead}</p>
      <a class="button" href="/municipality/inquiries?status=open" safe>
        {t.staffOpen}
      </a>
    </section>
  );
}

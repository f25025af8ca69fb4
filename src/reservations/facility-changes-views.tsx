// The facility's screens for guardians' requests for a different pick-up time: the open requests
// and those answered lately, and one request with its effect on the child's allowance and the
// accept / refuse form.
import { aside, type Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Notice, SummaryList, TextArea, fieldId, type FieldErrors } from '../platform/ui/forms.tsx';
import { Table } from '../platform/ui/table.tsx';
import { MESSAGE_MAX, type AcceptRefusal, type ChangePreview, type ChangeRequest } from './change-queries.ts';
import { changesTexts } from './changes-texts.ts';
import { clockText, hoursOfDayText, hoursText, kindLabels, momentText, statusLabels } from './list-texts.ts';

export const CHANGES_PATH = '/facility/pickup-changes';
export const changePath = (id: string) => `${CHANGES_PATH}/${id}`;

const LIVE = new Set(['provisional', 'confirmed']);

function dateText(change: ChangeRequest, lang: Lang): string {
  return change.time.date.format(lang, { weekday: true });
}

function statusText(change: ChangeRequest, lang: Lang): string {
  const t = changesTexts(lang);
  return change.lapsed ? t.lapsed : t.statuses[change.status];
}

function RequestStatus({ change, lang }: { change: ChangeRequest; lang: Lang }) {
  const t = changesTexts(lang);
  return (
    <>
      <span class="status" data-status={change.lapsed ? 'lapsed' : change.status} safe>
        {statusText(change, lang)}
      </span>
      {change.lapsed ? (
        <span class="status-reason" safe>
          {t.lapsedReason}
        </span>
      ) : change.status === 'requested' && !LIVE.has(change.bookingStatus) ? (
        <span class="status-reason" safe>
          {t.bookingNotLive}
        </span>
      ) : (
        ''
      )}
    </>
  );
}

export function ChangeListPage(props: { ctx: PageContext; facilityName: string; open: ChangeRequest[]; recent: ChangeRequest[]; done: 'accepted' | 'refused' | undefined }) {
  const { ctx } = props;
  const lang = ctx.lang;
  const t = changesTexts(lang);
  return (
    <Layout ctx={ctx} title={t.title}>
      <p>
        <a href="/facility" safe>
          {t.backToFacility}
        </a>
      </p>
      <h1 safe>{t.title}</h1>
      <p class="lead" safe>{props.facilityName}</p>
      {props.done ? (
        <Notice type="success">
          <p data-qa="done" safe>{props.done === 'accepted' ? t.accepted : t.refusedDone}</p>
        </Notice>
      ) : (
        ''
      )}
      <p safe>{t.lead}</p>
      <h2 safe>{t.openHeading}</h2>
      {props.open.length === 0 ? (
        <p data-qa="no-open" safe>{t.noOpen}</p>
      ) : (
        <Table
          id="open-changes"
          caption={t.openHeading}
          rows={props.open}
          columns={[
            {
              header: t.child,
              cell: (c) => (
                <a href={changePath(c.id)} data-qa="open-change">
                  <span safe>{c.childName}</span>
                  <span class="visually-hidden" safe>{aside(t.answer, lang)}</span>
                </a>
              ),
            },
            { header: t.date, text: (c) => dateText(c, lang) },
            { header: t.bookedTime, text: (c) => hoursOfDayText(c.time, lang) },
            { header: t.requestedEnd, text: (c) => clockText(c.endMinute) },
            { header: t.requestedAt, text: (c) => momentText(c.requestedAt, lang) },
            { header: t.status, cell: (c) => <RequestStatus change={c} lang={lang} /> },
          ]}
        />
      )}
      <h2 safe>{t.recentHeading}</h2>
      {props.recent.length === 0 ? (
        <p safe>{t.noRecent}</p>
      ) : (
        <Table
          id="recent-changes"
          caption={t.recentHeading}
          rows={props.recent}
          columns={[
            {
              header: t.child,
              cell: (c) => (
                <a href={changePath(c.id)} safe>
                  {c.childName}
                </a>
              ),
            },
            { header: t.date, text: (c) => dateText(c, lang) },
            { header: t.requestedEnd, text: (c) => clockText(c.endMinute) },
            { header: t.status, cell: (c) => <RequestStatus change={c} lang={lang} /> },
            { header: t.decidedAt, text: (c) => (c.decidedAt ? momentText(c.decidedAt, lang) : '') },
          ]}
        />
      )}
    </Layout>
  );
}

function Effect({ change, preview, lang }: { change: ChangeRequest; preview: ChangePreview | undefined; lang: Lang }) {
  const t = changesTexts(lang);
  if (change.kind === 'interview' || !preview) return <p safe>{t.effectNone}</p>;
  const left = hoursText(Math.max(0, preview.leftMinutesAfter), lang);
  const month = lang === 'ja' ? `${change.time.date.year}年${change.time.date.month}月` : change.time.date.format('en').replace(/^\d+ /, '');
  if (!preview.fits) {
    return (
      <Notice type="warning">
        <p data-qa="effect" safe>{t.effectOver(month, hoursText(Math.max(0, preview.leftMinutesNow), lang))}</p>
      </Notice>
    );
  }
  const requestedMinutes = change.endMinute - change.time.startMinute;
  const kept = preview.newChargeMinutes > requestedMinutes;
  const difference = preview.newChargeMinutes - preview.chargedMinutes;
  return (
    <>
      {difference !== 0 ? (
        <p data-qa="effect" safe>
          {difference > 0 ? t.effectMore(hoursText(difference, lang), month, left) : t.effectLess(hoursText(-difference, lang), month, left)}
        </p>
      ) : (
        ''
      )}
      {kept ? (
        <p data-qa="effect-kept" safe>
          {t.effectKept}
        </p>
      ) : (
        ''
      )}
    </>
  );
}

export function ChangeDetailPage(props: {
  ctx: PageContext;
  change: ChangeRequest;
  preview: ChangePreview | undefined;
  reply: string;
  errors: FieldErrors;
  problem: AcceptRefusal | 'not-open' | undefined;
}) {
  const { ctx, change } = props;
  const lang = ctx.lang;
  const t = changesTexts(lang);
  const title = t.detailTitle(change.childName);
  const open = change.status === 'requested' && !change.lapsed;
  const newTime = `${clockText(change.time.startMinute)}${lang === 'ja' ? '〜' : '–'}${clockText(change.endMinute)}`;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(props.errors).length > 0}>
      <p>
        <a href={CHANGES_PATH} safe>
          {t.backToList}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary errors={props.errors} lang={lang} />
      {props.problem ? (
        <Notice type="error">
          <p data-qa="problem" safe>{props.problem === 'not-open' ? t.notOpen : t.refusals[props.problem]}</p>
        </Notice>
      ) : (
        ''
      )}
      <SummaryList
        rows={[
          { key: t.child, value: `${change.childName}${aside(change.childKana, lang)}` },
          { key: t.kind, value: kindLabels[lang][change.kind] },
          { key: t.date, value: dateText(change, lang) },
          { key: t.bookedTime, value: `${hoursOfDayText(change.time, lang)}${aside(statusLabels[lang][change.bookingStatus], lang)}` },
          { key: t.requestedEnd, value: t.change(hoursOfDayText(change.time, lang), newTime) },
          { key: t.message, value: change.message || '—' },
          { key: t.requestedAt, value: momentText(change.requestedAt, lang) },
          { key: t.status, value: change.lapsed ? `${t.lapsed}${aside(t.lapsedReason, lang)}` : t.statuses[change.status] },
          ...(change.reply ? [{ key: t.reply, value: change.reply }] : []),
        ]}
      />
      {open ? (
        <>
          {LIVE.has(change.bookingStatus) ? (
            <>
              <h2 safe>{t.effectHeading}</h2>
              <Effect change={change} preview={props.preview} lang={lang} />
            </>
          ) : (
            <Notice type="warning">
              <p safe>{t.bookingNotLive}</p>
            </Notice>
          )}
          <form method="post" action={changePath(change.id)} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextArea name="reply" label={t.replyLabel} lang={lang} hint={t.replyHint} error={props.errors.reply} value={props.reply} maxlength={MESSAGE_MAX} />
            {props.errors.decision ? (
              <p class="error-message" id={`${fieldId('decision')}-error`} safe>
                {props.errors.decision}
              </p>
            ) : (
              ''
            )}
            <div class="button-row" id={fieldId('decision')} tabindex="-1">
              <button type="submit" name="decision" value="accept" data-qa="accept" safe>
                {t.accept}
              </button>
              <button type="submit" name="decision" value="refuse" data-variant="secondary" data-qa="refuse" safe>
                {t.refuse}
              </button>
            </div>
          </form>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

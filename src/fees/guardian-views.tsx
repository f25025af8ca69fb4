// 利用実績 (the guardian's usage history): a child's uses in a month, per facility — times, billed
// hours, the allowance used and left, the fee, and whether it was paid.
import type { Lang } from '../platform/i18n.ts';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import type { CalendarDate } from '../platform/time.ts';
import { Tabs } from '../profiles/ui.tsx';
import type { AllowanceSummary } from '../reservations/queries.ts';
import { listTexts } from '../reservations/list-texts.ts';
import { feeDue, type Use } from './queries.ts';
import { FeeStyles, billedText, feeText, inOutText, lateText } from './facility-views.tsx';
import { clockText, feeTexts, hoursText, monthText, stateLabels, yenText } from './texts.ts';
import { yearMonthOf } from '../platform/time.ts';

export const HISTORY_PATH = '/usage';

export function historyPath(childId: string | undefined, month: CalendarDate | undefined): string {
  const params = new URLSearchParams();
  if (childId) params.set('child', childId);
  if (month) params.set('month', yearMonthOf(month));
  const query = params.toString();
  return query ? `${HISTORY_PATH}?${query}` : HISTORY_PATH;
}

function paymentText(use: Use, lang: Lang): string {
  const t = feeTexts(lang);
  if (use.payment) return t.paid(use.payment.receiptNumber);
  if (use.charge.payable) return t.unpaid;
  return '—';
}

function UseCard({ use, lang }: { use: Use; lang: Lang }) {
  const t = feeTexts(lang);
  const c = use.charge;
  const booked = `${clockText(use.booked.startMinute)}${lang === 'ja' ? '〜' : '–'}${clockText(use.booked.endMinute)}`;
  const facts: Array<[string, string]> = [
    [t.state, stateLabels[lang][c.state]],
    ...(use.checkedInAt ? ([[t.inOut, inOutText(use, lang)]] as Array<[string, string]>) : []),
    [t.billed, billedText(use, lang)],
    ...(c.lateMinutes > 0 ? ([[t.late, lateText(c, lang)]] as Array<[string, string]>) : []),
    [t.allowanceUsed, hoursText(use.allowanceMinutes, lang)],
    [t.fee, feeText(use, lang)],
    [t.payment, paymentText(use, lang)],
  ];
  return (
    <li class="use-card" data-qa="use">
      <h4 safe>{`${use.booked.date.format(lang, { weekday: true })} ${booked}`}</h4>
      <dl class="facility-facts">
        {facts.map(([key, value]) => (
          <div>
            <dt safe>{key}</dt>
            <dd safe>{value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

function FacilityUses({ name, uses, lang, index }: { name: string; uses: Use[]; lang: Lang; index: number }) {
  const t = feeTexts(lang);
  let fee = 0;
  let paid = 0;
  let unpaid = 0;
  for (const use of uses) {
    fee += feeDue(use);
    if (use.payment) paid += use.payment.amountYen;
    else if (use.charge.payable) unpaid += use.charge.feeYen;
  }
  return (
    <section class="card spaced-small" aria-labelledby={`facility-${index}`} data-qa="history-facility">
      <h3 id={`facility-${index}`} safe>{name}</h3>
      <p class="fee-subtotal" data-qa="facility-subtotal" safe>
        {t.facilitySubtotalLine(yenText(fee, lang), yenText(paid, lang), yenText(unpaid, lang))}
      </p>
      <ul class="use-cards" aria-label={t.facilitySubtotal(name)}>
        {uses.map((use) => (
          <UseCard use={use} lang={lang} />
        ))}
      </ul>
    </section>
  );
}

export function HistoryPage(props: {
  ctx: PageContext;
  children: Array<{ id: string; name: string }>;
  childId: string | undefined;
  month: CalendarDate;
  uses: Use[];
  allowance: AllowanceSummary | undefined;
  /** 法定代理受領の通知 of the month (src/claims/guardian-views.tsx): trusted markup. */
  receiptNotice?: JSX.Element | undefined;
}) {
  const { ctx, month, uses } = props;
  const lang = ctx.lang;
  const t = feeTexts(lang);
  const lt = listTexts(lang);
  const child = props.children.find((c) => c.id === props.childId);
  const what = monthText(month, lang);
  const byFacility = new Map<string, { name: string; uses: Use[] }>();
  for (const use of uses) {
    const group = byFacility.get(use.facilityId) ?? { name: use.facilityName, uses: [] };
    group.uses.push(use);
    byFacility.set(use.facilityId, group);
  }
  const allowance = props.allowance;
  return (
    <Layout ctx={ctx} title={t.historyTitle}>
      <FeeStyles />
      <h1 safe>{t.historyTitle}</h1>
      <p class="lead" safe>{t.historyLead}</p>
      {props.children.length === 0 ? <p safe>{t.noChildren}</p> : ''}
      {props.children.length > 1 ? (
        <Tabs label={t.childTabs} tabs={props.children.map((c) => ({ href: historyPath(c.id, month), label: c.name, current: c.id === props.childId }))} />
      ) : (
        ''
      )}
      {child ? (
        <>
          <h2 safe>{t.childHeading(child.name, what)}</h2>
          <nav class="pager" aria-label={what}>
            <a href={historyPath(child.id, month.addMonths(-1))} safe>{`← ${t.previousMonth}`}</a>
            <a href={historyPath(child.id, month.addMonths(1))} safe>{`${t.nextMonth} →`}</a>
          </nav>
          {allowance ? (
            <section class="allowance" aria-label={lt.allowanceHeading(what)} data-qa="history-allowance">
              <p class="allowance-line" safe>
                {lt.allowanceLine(what, hoursText(allowance.totalMinutes, lang), hoursText(allowance.usedMinutes, lang), hoursText(Math.max(0, allowance.totalMinutes - allowance.usedMinutes), lang))}
              </p>
            </section>
          ) : (
            ''
          )}
          {uses.length === 0 ? <p safe>{t.historyNoUses}</p> : ''}
          {[...byFacility.values()].map((group, i) => (
            <FacilityUses name={group.name} uses={group.uses} lang={lang} index={i} />
          ))}
          <p class="hint spaced-small" safe>{t.feeNote}</p>
        </>
      ) : (
        ''
      )}
      {child ? (props.receiptNotice ?? '') : ''}
      <p>
        <a href={props.childId ? `/reservations?child=${props.childId}` : '/reservations'} safe>
          {t.reservationsLink}
        </a>
      </p>
    </Layout>
  );
}

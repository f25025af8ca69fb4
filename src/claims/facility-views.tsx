// The facility's claims (給付費請求): the month's claims, one per home municipality of the children,
// and one claim's lines (live while not submitted, frozen once submitted), add-ons, submit, history.
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { ActionMessages, CheckboxGroup, CsrfField, Notice } from '../platform/ui/forms.tsx';
import { Table, type Column } from '../platform/ui/table.tsx';
import type { CalendarDate } from '../platform/time.ts';
import { monthText, yenText } from '../fees/texts.ts';
import { MonthPicker } from '../fees/facility-views.tsx';
import type { ClaimEvent, ClaimHead, StoredLine } from './queries.ts';
import { ADDON_KINDS, SUBMITTABLE, type Omission } from './rules.ts';
import type { AddonKind } from './tables.ts';
import { ClaimStyles, ClaimSummary, History, LinesTable } from './shared-views.tsx';
import { addonLabels, claimTexts, inParens, municipalityNameOf, omissionLabels, statusLabels } from './texts.ts';
import { yearMonthOf } from '../platform/time.ts';

export const FACILITY_CLAIMS_PATH = '/facility/claims';
export const facilityClaimPath = (id: string) => `${FACILITY_CLAIMS_PATH}/${id}`;

export function FacilityClaimsPage(props: { ctx: PageContext; month: CalendarDate; claims: Array<ClaimHead & { liveTotal: number }> }) {
  const { ctx, month } = props;
  const lang = ctx.lang;
  const t = claimTexts(lang);
  const what = monthText(month, lang);
  const columns: Column<(typeof props.claims)[number]>[] = [
    {
      header: t.municipality,
      cell: (c) => (
        <a href={facilityClaimPath(c.id)} data-qa="claim-link" safe>
          {municipalityNameOf(c, lang)}
        </a>
      ),
    },
    { header: t.status, cell: (c) => <span class="claim-status" safe>{statusLabels[lang][c.status]}</span> },
    { header: t.total, text: (c) => yenText(SUBMITTABLE.includes(c.status) ? c.liveTotal : (c.totalYen ?? 0), lang) },
    { header: t.paid, text: (c) => (c.paidOn && c.paidYen !== null ? t.paidText(c.paidOn.format(lang), yenText(c.paidYen, lang)) : '') },
  ];
  return (
    <Layout ctx={ctx} title={t.facilityTitle + inParens(what, lang)}>
      <ClaimStyles />
      <h1 safe>{t.facilityTitle}</h1>
      <p class="lead" safe>{t.facilityLead}</p>
      <MonthPicker path={FACILITY_CLAIMS_PATH} id="claims-month" month={month} lang={lang} />
      <h2 safe>{what}</h2>
      {props.claims.length === 0 ? <p safe>{t.noClaims}</p> : <Table id="claims" caption={what} columns={columns} rows={props.claims} />}
      <p>
        <a href="/facility" safe>
          {t.home}
        </a>
      </p>
    </Layout>
  );
}

export function FacilityClaimPage(props: {
  ctx: PageContext;
  claim: ClaimHead;
  lines: StoredLine[];
  /** Live claims: the uses left out; frozen: none. */
  omitted: Omission[];
  live: boolean;
  monthOver: boolean;
  addons: Map<string, AddonKind[]>;
  events: ClaimEvent[];
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { ctx, claim, lines } = props;
  const lang = ctx.lang;
  const t = claimTexts(lang);
  const what = monthText(claim.month, lang);
  const total = lines.reduce((sum, l) => sum + l.amountYen, 0);
  const lastReturn = [...props.events].reverse().find((e) => e.action === 'return');
  const children = [...new Map(lines.map((l) => [l.childId, l.childName])).entries()];
  return (
    <Layout ctx={ctx} title={t.claimTitle(claim.facilityName, what)}>
      <ClaimStyles />
      <h1 safe>{t.claimTitle(claim.facilityName, what)}</h1>
      <ActionMessages notice={props.notice} problem={props.problem} qa />
      <ClaimSummary claim={claim} totalYen={props.live ? total : (claim.totalYen ?? 0)} lang={lang} addressee />
      {claim.status === 'returned' && lastReturn ? (
        <Notice type="warning" title={t.returnedNotice}>
          <p data-qa="return-comment" safe>{lastReturn.comment ?? ''}</p>
        </Notice>
      ) : (
        ''
      )}
      <h2 safe>{t.linesHeading}</h2>
      <p class="hint" safe>{props.live ? t.liveNote : t.frozenNote}</p>
      <LinesTable lines={lines} lang={lang} correctLinks={props.live} />
      {props.omitted.length > 0 ? (
        <section aria-labelledby="claim-omitted">
          <h2 id="claim-omitted" safe>{t.omittedHeading}</h2>
          <p safe>{t.omittedLead}</p>
          <ul>
            {props.omitted.map((o) => (
              <li>
                <span safe>{`${o.date.format(lang)} ${o.childName}：${omissionLabels[lang][o.why]} `}</span>
                <a href={`/facility/attendance/${o.reservationId}`} safe>{t.correct}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      {props.live && children.length > 0 ? (
        <section class="card spaced" aria-labelledby="claim-addons">
          <h2 id="claim-addons" safe>{t.addonsHeading}</h2>
          <p class="hint" safe>{t.addonsLead}</p>
          {children.map(([childId, name]) => (
            <form method="post" action={`${facilityClaimPath(claim.id)}/addons`}>
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="child" value={childId} />
              <CheckboxGroup
                name={`addons-${childId.slice(0, 8)}`}
                prefix="addon"
                label={name}
                lang={lang}
                options={ADDON_KINDS.map((a) => ({ value: a, label: addonLabels[lang][a] }))}
                checked={props.addons.get(childId) ?? []}
              />
              <button type="submit" data-variant="secondary" safe>{t.saveAddons}</button>
            </form>
          ))}
        </section>
      ) : (
        ''
      )}
      {props.live ? (
        <section class="card spaced" aria-labelledby="claim-submit">
          <h2 id="claim-submit" safe>{t.submitHeading}</h2>
          {!props.monthOver ? (
            <p data-qa="not-over" safe>{t.notOver}</p>
          ) : lines.length === 0 ? (
            <p safe>{t.empty}</p>
          ) : (
            <form method="post" action={`${facilityClaimPath(claim.id)}/submit`}>
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="total" value={String(total)} />
              <p safe>{t.submitConfirm(municipalityNameOf(claim, lang), yenText(total, lang))}</p>
              <button type="submit" data-qa="claim-submit" safe>
                {claim.status === 'returned' ? t.resubmit : t.submit}
              </button>
            </form>
          )}
        </section>
      ) : (
        ''
      )}
      <History events={props.events} lang={lang} />
      <p>
        <a href={`${FACILITY_CLAIMS_PATH}?month=${yearMonthOf(claim.month)}`} safe>
          {t.back}
        </a>
      </p>
    </Layout>
  );
}

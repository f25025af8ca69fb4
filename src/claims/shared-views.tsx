// Parts both sides of a claim show: the lines table with its total, and the history.
import { Table, type Column } from '../platform/ui/table.tsx';
import { formatTokyoDateTime } from '../platform/clock.ts';
import type { Lang } from '../platform/i18n.ts';
import { hoursText, yenText } from '../fees/texts.ts';
import { shortDate } from '../fees/facility-views.tsx';
import type { ClaimEvent, ClaimHead, StoredLine } from './queries.ts';
import { addonLabels, ageClassText, claimTexts, eventLabels, inParens, lineKindLabels, municipalityNameOf, statusLabels } from './texts.ts';
import { CalendarDate } from '../platform/time.ts';

export function LinesTable(props: { lines: readonly StoredLine[]; lang: Lang; correctLinks?: boolean }) {
  const { lang } = props;
  const t = claimTexts(lang);
  const nowrap = (text: string) => (
    <span class="nowrap" safe>
      {text}
    </span>
  );
  const anyAddons = props.lines.some((l) => l.addons.length > 0);
  const columns: Column<StoredLine>[] = [
    { header: t.date, cell: (l) => nowrap(shortDate(l.date, lang)) },
    { header: t.child, cell: (l) => nowrap(l.childName) },
    {
      header: t.kind,
      cell: (l) => (
        <span class={l.kind === 'use' ? undefined : 'claim-mark'} data-kind={l.kind} safe>
          {lineKindLabels[lang][l.kind]}
        </span>
      ),
    },
    { header: t.ageClass, cell: (l) => nowrap(ageClassText(l.ageClass, lang)) },
    { header: t.hours, cell: (l) => nowrap(hoursText(l.billedMinutes, lang)) },
    { header: t.unitPrice, cell: (l) => nowrap(yenText(l.yenPerHour, lang) + (l.addonYenPerHour > 0 ? ` + ${yenText(l.addonYenPerHour, lang)}` : '')) },
    // Shown when a line has an add-on.
    ...(anyAddons ? [{ header: t.addons, text: (l: StoredLine) => l.addons.map((a) => addonLabels[lang][a]).join('、') }] : []),
    { header: t.amount, cell: (l) => nowrap(yenText(l.amountYen, lang)) },
  ];
  if (props.correctLinks) {
    columns.push({
      header: t.correctHeader,
      // A same-day cancellation has no times to correct.
      cell: (l) =>
        l.kind === 'late_cancel' ? (
          <span>—</span>
        ) : (
          <a href={`/facility/attendance/${l.reservationId}`} class="nowrap" safe>
            {t.correct}
          </a>
        ),
    });
  }
  const total = props.lines.reduce((sum, l) => sum + l.amountYen, 0);
  const minutes = props.lines.reduce((sum, l) => sum + l.billedMinutes, 0);
  return (
    <>
      <p class="hint" safe>{t.ageClassNote}</p>
      <Table id="claim-lines" caption={t.linesHeading} columns={columns} rows={props.lines} />
      <p class="claim-total" data-qa="claim-total">
        <strong safe>{t.totalLine(yenText(total, lang))}</strong>
        <span safe>{inParens(hoursText(minutes, lang), lang)}</span>
      </p>
    </>
  );
}

export function History(props: { events: readonly ClaimEvent[]; lang: Lang }) {
  const { lang } = props;
  const t = claimTexts(lang);
  const what = (e: ClaimEvent) =>
    eventLabels[lang][e.action] +
    (e.action === 'pay' && e.paidYen !== null && e.paidOn
      ? inParens(`${CalendarDate.from(e.paidOn).format(lang)} ${yenText(e.paidYen, lang)}`, lang)
      : e.totalYen !== null && e.action !== 'return'
        ? inParens(yenText(e.totalYen, lang), lang)
        : '');
  return (
    <section aria-labelledby="claim-history">
      <h2 id="claim-history" safe>
        {t.historyHeading}
      </h2>
      {props.events.length === 0 ? (
        <p safe>{t.noHistory}</p>
      ) : (
        <ol id="claim-events" class="claim-events">
          {props.events.map((e) => (
            <li>
              <span class="nowrap" safe>{formatTokyoDateTime(e.at)}</span>{' '}
              <strong safe>{what(e)}</strong>{' '}
              <span safe>{t.historyWho(e.actorName)}</span>
              {e.comment ? (
                <p class="claim-comment" safe>
                  {t.historyComment(e.comment)}
                </p>
              ) : (
                ''
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function ClaimStyles() {
  return (
    <>
      <link rel="stylesheet" href="/static/fees.css" />
      <link rel="stylesheet" href="/static/claims.css" />
    </>
  );
}

/** Status, amount and payment of a claim (and, for the facility, whom it is addressed to). */
export function ClaimSummary(props: { claim: ClaimHead; totalYen: number; lang: Lang; addressee?: boolean }) {
  const { claim, lang } = props;
  const t = claimTexts(lang);
  const items: Array<[string, string, string | undefined]> = [
    ...(props.addressee ? [[t.municipality, municipalityNameOf(claim, lang), undefined] as [string, string, undefined]] : []),
    [t.status, statusLabels[lang][claim.status], 'claim-status'],
    [t.total, yenText(props.totalYen, lang), undefined],
    ...(claim.paidOn && claim.paidYen !== null ? [[t.paid, t.paidText(claim.paidOn.format(lang), yenText(claim.paidYen, lang)), undefined] as [string, string, undefined]] : []),
  ];
  return (
    <dl class="fee-totals">
      {items.map(([key, value, qa]) => (
        <div>
          <dt safe>{key}</dt>
          <dd data-qa={qa} safe>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

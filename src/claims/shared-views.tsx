// Parts both sides of a claim show: the lines table with its total, and the history.
import { Table, type Column } from '../platform/ui/table.tsx';
import { formatTokyoDateTime } from '../platform/clock.ts';
import type { Lang } from '../platform/i18n.ts';
import { hoursText, yenText } from '../fees/texts.ts';
import type { ClaimEvent, StoredLine } from './queries.ts';
import { addonLabels, ageClassText, claimTexts, eventLabels, lineKindLabels } from './texts.ts';

export function LinesTable(props: { lines: readonly StoredLine[]; lang: Lang; correctLinks?: boolean }) {
  const { lang } = props;
  const t = claimTexts(lang);
  const columns: Column<StoredLine>[] = [
    { header: t.date, text: (l) => l.date.format(lang) },
    { header: t.child, text: (l) => l.childName },
    {
      header: t.kind,
      cell: (l) => (
        <span class={l.kind === 'use' ? undefined : 'claim-mark'} data-kind={l.kind} safe>
          {lineKindLabels[lang][l.kind]}
        </span>
      ),
    },
    { header: t.ageClass, text: (l) => ageClassText(l.ageClass, lang) },
    { header: t.hours, text: (l) => hoursText(l.billedMinutes, lang) },
    { header: t.unitPrice, text: (l) => yenText(l.yenPerHour, lang) + (l.addonYenPerHour > 0 ? ` + ${yenText(l.addonYenPerHour, lang)}` : '') },
    { header: t.addons, text: (l) => l.addons.map((a) => addonLabels[lang][a]).join('、') },
    { header: t.amount, text: (l) => yenText(l.amountYen, lang) },
  ];
  if (props.correctLinks) {
    columns.push({
      header: t.correct,
      cell: (l) => (
        <a href={`/facility/attendance/${l.reservationId}`} safe>
          {t.correct}
        </a>
      ),
    });
  }
  const total = props.lines.reduce((sum, l) => sum + l.amountYen, 0);
  const minutes = props.lines.reduce((sum, l) => sum + l.billedMinutes, 0);
  return (
    <>
      <Table id="claim-lines" caption={t.linesHeading} columns={columns} rows={props.lines} />
      <p class="claim-total" data-qa="claim-total">
        <strong safe>{`${t.totalLine}：${yenText(total, lang)}`}</strong>
        <span safe>{`（${hoursText(minutes, lang)}）`}</span>
      </p>
    </>
  );
}

export function History(props: { events: readonly ClaimEvent[]; lang: Lang }) {
  const { lang } = props;
  const t = claimTexts(lang);
  const columns: Column<ClaimEvent>[] = [
    { header: t.historyWhen, text: (e) => formatTokyoDateTime(e.at) },
    { header: t.historyWhat, text: (e) => eventLabels[lang][e.action] + (e.action === 'pay' && e.paidYen !== null ? `（${e.paidOn} ${yenText(e.paidYen, lang)}）` : e.totalYen !== null && e.action !== 'return' ? `（${yenText(e.totalYen, lang)}）` : '') },
    { header: t.historyWho, text: (e) => e.actorName },
    { header: t.historyComment, text: (e) => e.comment ?? '' },
  ];
  return (
    <section aria-labelledby="claim-history">
      <h2 id="claim-history" safe>
        {t.historyHeading}
      </h2>
      {props.events.length === 0 ? <p safe>{t.noHistory}</p> : <Table id="claim-events" caption={t.historyHeading} columns={columns} rows={props.events} />}
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

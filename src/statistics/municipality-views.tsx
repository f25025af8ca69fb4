// The municipality's statistics dashboard: a chart over each table, the table for everyone
// (screen readers read the table; the chart is hidden from them), and each table's CSV.
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { Chart, type BarChartOptions } from '../platform/ui/charts.tsx';
import { Table } from '../platform/ui/table.tsx';
import { yearMonthOf, type CalendarDate } from '../platform/time.ts';
import { monthLabel } from '../reservations/booking-texts.ts';
import { statisticsTexts, tableRows, type StatisticsData, type StatisticsTable } from './figures.ts';

function FigureTable(props: { id: StatisticsTable; title: string; note?: string | undefined; rows: string[][]; month: string; lang: PageContext['lang']; chart?: BarChartOptions | undefined }) {
  const t = statisticsTexts(props.lang);
  const [header = [], ...body] = props.rows;
  const csv = `/municipality/statistics/csv?table=${props.id}&month=${props.month}`;
  return (
    <section aria-labelledby={`${props.id}-title`} data-qa={`statistics-${props.id}`}>
      <h2 id={`${props.id}-title`} safe>
        {props.title}
      </h2>
      {props.note ? <p class="hint" safe>{props.note}</p> : ''}
      {body.length === 0 ? (
        <p safe>{t.none}</p>
      ) : (
        <>
          {props.chart ? <Chart options={props.chart} /> : ''}
          <Table id={props.id} caption={props.title} rowHeaders rows={body} columns={header.map((h, i) => ({ header: h, text: (row: string[]) => row[i] ?? '', numeric: i > 0 }))} />
        </>
      )}
      <p class="button-row">
        <a href={csv} download="" safe>
          {t.csv}
        </a>
        <a href={`${csv}&encoding=sjis`} download="" safe>
          {t.csvSjis}
        </a>
      </p>
    </section>
  );
}

export function StatisticsPage(props: { ctx: PageContext; municipalityName: string; month: CalendarDate; data: StatisticsData }) {
  const { ctx, data, month } = props;
  const lang = ctx.lang;
  const t = statisticsTexts(lang);
  const key = yearMonthOf(month);
  const shown = monthLabel(month, lang);
  const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
  const link = (m: CalendarDate) => `/municipality/statistics?month=${yearMonthOf(m)}`;
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1 safe>{t.title}</h1>
      <p safe>{t.lead(props.municipalityName)}</p>
      <nav class="month-nav" aria-label={t.monthNav}>
        <ul>
          <li>
            <a href={link(month.addMonths(-1))} safe>
              {`← ${t.previous}`}
            </a>
          </li>
          <li>
            <strong safe>{shown}</strong>
          </li>
          <li>
            <a href={link(month.addMonths(1))} safe>
              {`${t.next} →`}
            </a>
          </li>
        </ul>
      </nav>
      <FigureTable
        id="applications"
        title={t.titles.applications}
        rows={tableRows('applications', data, lang)}
        month={key}
        lang={lang}
        chart={{
          categories: data.applications.map((r) => r.month),
          series: [
            { name: t.cols.submitted, data: data.applications.map((r) => r.submitted) },
            { name: t.cols.approved, data: data.applications.map((r) => r.approved) },
            { name: t.cols.certified, data: data.applications.map((r) => r.certified) },
          ],
        }}
      />
      <FigureTable
        id="allowance"
        title={t.titles.allowance}
        note={t.notes.allowance}
        rows={tableRows('allowance', data, lang)}
        month={key}
        lang={lang}
        chart={{
          categories: data.allowance.map((r) => r.month),
          series: [
            { name: `${t.cols.offered}（h）`, data: data.allowance.map((r) => hoursOf(r.offeredMinutes)) },
            { name: `${t.cols.used}（h）`, data: data.allowance.map((r) => hoursOf(r.usedMinutes)) },
          ],
        }}
      />
      <FigureTable
        id="use"
        title={t.titles.use(shown)}
        note={t.notes.use}
        rows={tableRows('use', data, lang)}
        month={key}
        lang={lang}
        chart={{
          categories: data.use.map((r) => r.facilityName),
          horizontal: true,
          stacked: true,
          series: ([0, 1, 2] as const).map((age) => ({ name: `${[t.cols.age0, t.cols.age1, t.cols.age2][age]}（h）`, data: data.use.map((r) => hoursOf(r.minutes[age])) })),
        }}
      />
      <FigureTable
        id="capacity"
        title={t.titles.capacity(shown)}
        note={t.notes.capacity}
        rows={tableRows('capacity', data, lang)}
        month={key}
        lang={lang}
        chart={{
          categories: data.capacity.map((r) => r.facilityName),
          horizontal: true,
          series: [
            { name: t.cols.places, data: data.capacity.map((r) => r.places) },
            { name: t.cols.booked, data: data.capacity.map((r) => r.booked) },
          ],
        }}
      />
      <FigureTable
        id="outcomes"
        title={t.titles.outcomes}
        note={t.notes.outcomes}
        rows={tableRows('outcomes', data, lang)}
        month={key}
        lang={lang}
        chart={{
          categories: data.outcomes.map((r) => r.month),
          stacked: true,
          series: [
            { name: t.cols.confirmed, data: data.outcomes.map((r) => r.confirmed) },
            { name: t.cols.cancelledInTime, data: data.outcomes.map((r) => r.cancelledInTime) },
            { name: t.cols.lateCancelled, data: data.outcomes.map((r) => r.lateCancelled) },
            { name: t.cols.declined, data: data.outcomes.map((r) => r.declined) },
            { name: t.cols.noShows, data: data.outcomes.map((r) => r.noShows) },
          ],
        }}
      />
      <FigureTable id="reductions" title={t.titles.reductions(shown)} rows={tableRows('reductions', data, lang)} month={key} lang={lang} />
    </Layout>
  );
}

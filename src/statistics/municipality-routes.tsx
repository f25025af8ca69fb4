import { permit, routeGroup } from '../platform/access.ts';
import type { Db } from '../platform/database.ts';
import { contentTypeOf, csvBytes, csvEncodingOf, csvText } from '../platform/csv.ts';
import { pageContext, queryOf, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { CalendarDate, parseYearMonth, yearMonthOf } from '../platform/time.ts';
import { statisticsActions } from './actions.ts';
import { STATISTICS_TABLES, tableRows, type StatisticsData } from './figures.ts';
import { allowanceByMonth, applicationsByMonth, capacityByFacility, monthsEnding, outcomesByMonth, reductionsInMonth, useByFacility } from './queries.ts';
import { StatisticsPage } from './municipality-views.tsx';

/** 'YYYY-MM' → its first day; anything else (or nothing) → this month. */
function monthOf(text: string | undefined, today: CalendarDate): CalendarDate {
  return parseYearMonth(text) ?? today.firstOfMonth();
}

async function statistics(db: Db, municipalityId: string, month: CalendarDate): Promise<StatisticsData> {
  const months = monthsEnding(month, 12);
  const [applications, allowance, use, capacity, outcomes, reductions] = await Promise.all([
    applicationsByMonth(db, municipalityId, months),
    allowanceByMonth(db, municipalityId, months),
    useByFacility(db, municipalityId, month),
    capacityByFacility(db, municipalityId, month),
    outcomesByMonth(db, municipalityId, months),
    reductionsInMonth(db, municipalityId, month),
  ]);
  return { applications, allowance, use, capacity, outcomes, reductions };
}

/** 統計: a municipality's staff see their own municipality's figures only. */
export const statisticsRoutes = routeGroup('municipality_staff', async (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get('/municipality/statistics', async (req, reply, user) => {
    await permit(req, user, statisticsActions.view);
    const month = monthOf(queryOf(req).month, CalendarDate.today(clock));
    const municipality = await db.selectFrom('municipalities').select(['name', 'name_en']).where('id', '=', user.municipalityId).executeTakeFirstOrThrow();
    const data = await statistics(db, user.municipalityId, month);
    return sendHtml(reply, <StatisticsPage ctx={pageContext(req, reply)} municipalityName={req.lang === 'ja' ? municipality.name : municipality.name_en} month={month} data={data} />);
  });

  routes.get('/municipality/statistics/csv', async (req, reply, user) => {
    await permit(req, user, statisticsActions.view);
    const query = queryOf(req);
    const table = STATISTICS_TABLES.find((name) => name === query.table);
    if (!table) return sendMessagePage(req, reply, 'notFound');
    const month = monthOf(query.month, CalendarDate.today(clock));
    const encoding = csvEncodingOf(query);
    const rows = tableRows(table, await statistics(db, user.municipalityId, month), req.lang);
    return reply
      .type(contentTypeOf(encoding))
      .header('content-disposition', `attachment; filename="tsuen-${table}-${yearMonthOf(month)}${encoding === 'sjis' ? '-sjis' : ''}.csv"`)
      .send(csvBytes(csvText(rows), encoding));
  });
});

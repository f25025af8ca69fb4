// 利用実績: the guardian's children's usage by month (guide step 8). Linked from マイページ and 予約一覧.
import { permit, routeGroup } from '../platform/access.ts';
import { pageContext, queryOf, sendHtml } from '../platform/http.tsx';
import { CalendarDate, parseYearMonth } from '../platform/time.ts';
import { allowanceOf } from '../reservations/queries.ts';
import { feeActions } from './actions.ts';
import { childrenOfGuardian, usesOfChild } from './queries.ts';
import { HISTORY_PATH, HistoryPage } from './guardian-views.tsx';
import { receiptNotices } from '../claims/queries.ts';
import { ReceiptNoticeSection } from '../claims/guardian-views.tsx';

export const guardianFeeRoutes = routeGroup('guardian', (routes) => {
  const { db, clock } = routes.app.deps;

  routes.get(HISTORY_PATH, async (req, reply, user) => {
    await permit(req, user, feeActions.readOwnUsage);
    const query = queryOf(req);
    const children = await childrenOfGuardian(db, user.id);
    // Only the guardian's own children can be chosen: any other id shows the first child.
    const child = children.find((c) => c.id === query.child) ?? children[0];
    const month = parseYearMonth(query.month) ?? CalendarDate.today(clock).firstOfMonth();
    const [uses, allowance] = child ? await Promise.all([usesOfChild(db, child.id, month), allowanceOf(db, child.id, month)]) : [[], undefined];
    const notices = child ? await receiptNotices(db, child.id, month) : [];
    const receiptNotice = <ReceiptNoticeSection notices={notices} month={month} lang={req.lang} />;
    return sendHtml(reply, <HistoryPage ctx={pageContext(req, reply)} children={children} childId={child?.id} month={month} uses={uses} allowance={allowance} receiptNotice={receiptNotice} />);
  });
});

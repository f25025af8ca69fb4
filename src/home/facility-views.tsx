// The facility staff's start page: one menu of the facility's work, in the order a nursery's staff
// reach for it — the bookings waiting for an answer first, the day's list, then the rarer tasks,
// the children's details, and the settings last. Counts of what waits are part of the link's name.
import { ATTENDANCE_PATH, QR_PATH } from '../attendance/facility-views.tsx';
import { attendanceTexts } from '../attendance/texts.ts';
import type { PropsWithChildren } from '@kitajs/html';
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { DAY_PATH, INBOX_PATH, INTERVIEWS_PATH, PHONE_PATH } from '../reservations/facility-inbox-views.tsx';
import { CHANGES_PATH } from '../reservations/facility-changes-views.tsx';
import { SETUP_PATH } from '../reservations/facility-setup-views.tsx';
import { texts } from './texts.ts';
import { FACILITY_CLAIMS_PATH } from '../claims/facility-views.tsx';
import { claimTexts } from '../claims/texts.ts';

/** One task of the menu: its page, name, what it is for, and how many wait there (when counted). */
interface MenuItem {
  href: string;
  name: string;
  lead: string;
  waiting?: { count: number; text: string };
  qa: string;
}

function MenuGroup({ id, heading, items }: { id: string; heading: string; items: MenuItem[] }) {
  return (
    <section aria-labelledby={id} class="task-group">
      <h2 id={id} safe>
        {heading}
      </h2>
      <ul class="task-menu">
        {items.map((item) => (
          <li class="card task" data-waiting={item.waiting && item.waiting.count > 0 ? 'yes' : undefined}>
            <h3>
              <a href={item.href} data-qa={item.qa}>
                <span safe>{item.name}</span>
                {item.waiting ? (
                  <span class="task-count" safe>
                    {item.waiting.text}
                  </span>
                ) : (
                  ''
                )}
              </a>
            </h3>
            <p safe>{item.lead}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function FacilityHomePage(
  props: PropsWithChildren<{
  ctx: PageContext;
  facility: { name: string; address: string };
  /** Provisional bookings waiting in 予約受付. */
  waiting: number;
  /** Pick-up time change requests waiting for an answer. */
  changes: number;
  }>,
) {
  const { ctx } = props;
  const t = texts(ctx.lang);
  const m = t.facilityMenu;
  const daily: MenuItem[] = [
    { href: INBOX_PATH, name: m.inbox, lead: m.inboxLead, waiting: { count: props.waiting, text: m.waiting(props.waiting) }, qa: 'inbox-link' },
    { href: DAY_PATH, name: m.day, lead: m.dayLead, qa: 'day-link' },
    { href: CHANGES_PATH, name: m.changes, lead: m.changesLead, waiting: { count: props.changes, text: m.answering(props.changes) }, qa: 'facility-pickup-changes' },
    { href: PHONE_PATH, name: m.phone, lead: m.phoneLead, qa: 'phone-link' },
    { href: INTERVIEWS_PATH, name: m.interviews, lead: m.interviewsLead, qa: 'interviews-link' },
  ];
  const more: MenuItem[] = [
    { href: '/facility/children', name: m.children, lead: m.childrenLead, qa: 'children-link' },
    { href: SETUP_PATH, name: m.setup, lead: m.setupLead, qa: 'setup-link' },
  ];
  const a = attendanceTexts(ctx.lang);
  const c = claimTexts(ctx.lang);
  const today: MenuItem[] = [
    { href: QR_PATH, name: a.qrTitle, lead: a.qrLead, qa: 'attendance-qr-link' },
    { href: ATTENDANCE_PATH, name: a.rosterTitle, lead: a.rosterLead, qa: 'attendance-roster-link' },
  ];
  const money: MenuItem[] = [
    { href: '/facility/fees', name: m.fees, lead: m.feesLead, qa: 'facility-fees' },
    { href: '/facility/usage', name: m.usage, lead: m.usageLead, qa: 'facility-usage' },
    { href: FACILITY_CLAIMS_PATH, name: c.facilityTitle, lead: c.menuLead, qa: 'facility-claims' },
  ];
  return (
    <Layout ctx={ctx} title={t.facilityTitle}>
      <h1 safe>{t.facilityTitle}</h1>
      <p class="lead" safe>{props.facility.name}</p>
      <p safe>{props.facility.address}</p>
      <nav aria-label={m.label} class="task-nav">
        <MenuGroup id="menu-attendance" heading={a.facilityCardTitle} items={today} />
        <MenuGroup id="menu-bookings" heading={m.bookings} items={daily} />
        <MenuGroup id="menu-money" heading={m.money} items={money} />
        <MenuGroup id="menu-more" heading={m.more} items={more} />
      </nav>
      {props.children ?? ''}
    </Layout>
  );
}

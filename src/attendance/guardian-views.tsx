// The guardian's screens of attendance: the scanner page (camera, with a form for the short code),
// the page a scanned code opens (today's bookings there, each with its 利用開始 / 利用終了 button),
// the page after recording, and the plain explanations when nothing was recorded.
import { Layout, type PageContext } from '../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Notice, SummaryList, TextField, type FieldErrors } from '../platform/ui/forms.tsx';
import { hoursOfDayText } from '../reservations/list-texts.ts';
import type { OwnAttendance, ScanBooking, ScanResult } from './queries.ts';
import { tokyoTime } from './rules.ts';
import { attendanceTexts } from './texts.ts';

export const SCAN_PATH = '/checkin';
export const scanTokenPath = (token: string) => `${SCAN_PATH}/${token}`;
export const donePath = (reservationId: string, direction: 'in' | 'out') => `${SCAN_PATH}/done/${reservationId}?d=${direction}`;

/** How long after 利用開始 the page warns that 利用終了 is for pick-up (a second scan by mistake). */
const RECENT_MS = 15 * 60_000;

export function ScanPage(props: { ctx: PageContext; code: string; errors: FieldErrors }) {
  const { ctx } = props;
  const t = attendanceTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.scanTitle} hasErrors={Object.keys(props.errors).length > 0} safeHead={<link rel="stylesheet" href="/static/attendance.css" />}>
      <ErrorSummary errors={props.errors} lang={ctx.lang} />
      <h1 safe>{t.scanTitle}</h1>
      <p class="lead" safe>{t.scanLead}</p>
      <section
        class="card scanner"
        aria-labelledby="scanner-heading"
        data-scanner
        data-start={t.scanStart}
        data-stop={t.scanStop}
        data-no-camera={t.scanNoCamera}
        data-looking={t.scanLooking}
        data-found={t.scanFound}
        data-other={t.scanOther}
      >
        <h2 id="scanner-heading" safe>
          {t.scanCamera}
        </h2>
        <div data-scanner-slot></div>
        <noscript>
          <p safe>{t.scanNoCamera}</p>
        </noscript>
      </section>
      <section class="card" aria-labelledby="code-heading">
        <h2 id="code-heading" safe>
          {t.codeTitle}
        </h2>
        <p safe>{t.codeLead}</p>
        <form method="post" action={`${SCAN_PATH}/code`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextField name="code" label={t.codeLabel} hint={t.codeHint} value={props.code} error={props.errors.code} lang={ctx.lang} inputmode="numeric" autocomplete="off" width="code" maxlength={12} required />
          <button type="submit" safe>
            {t.codeSubmit}
          </button>
        </form>
      </section>
      <script src="/assets/jsqr.js" defer></script>
      <script type="module" src="/static/attendance-scan.js"></script>
    </Layout>
  );
}

function BookingStatus({ booking, ctx, now }: { booking: ScanBooking; ctx: PageContext; now: Date }) {
  const t = attendanceTexts(ctx.lang);
  if (booking.noShowAt) return <p safe>{t.absentNote}</p>;
  if (booking.reservationStatus === 'provisional') return <p safe>{t.provisionalNote}</p>;
  if (booking.checkedOutAt && booking.checkedInAt) return <p data-qa="scan-status" safe>{t.endedAt(tokyoTime(booking.checkedInAt), tokyoTime(booking.checkedOutAt))}</p>;
  if (booking.checkedInAt) {
    return (
      <>
        <p data-qa="scan-status">
          <span class="status" data-status="in" safe>
            {t.inUse}
          </span>{' '}
          <span safe>{t.startedAt(tokyoTime(booking.checkedInAt))}</span>
        </p>
        {now.getTime() - booking.checkedInAt.getTime() < RECENT_MS ? (
          <Notice type="warning">
            <p safe>{t.recentlyIn}</p>
          </Notice>
        ) : (
          ''
        )}
      </>
    );
  }
  return <p data-qa="scan-status" safe>{t.notStarted}</p>;
}

/** What a scanned code opens: the children booked at the facility today, each with its button. */
export function CheckPage(props: { ctx: PageContext; facilityName: string; pass: string; bookings: ScanBooking[]; now: Date }) {
  const { ctx } = props;
  const t = attendanceTexts(ctx.lang);
  if (props.bookings.length === 0) {
    return (
      <Layout ctx={ctx} title={t.noBookingTitle}>
        <h1 safe>{t.noBookingTitle}</h1>
        <Notice type="warning">
          <p data-qa="problem" safe>
            {t.noBooking(props.facilityName)}
          </p>
        </Notice>
        <p>
          <a href="/reservations" safe>
            {t.toReservations}
          </a>
        </p>
        <p>
          <a href={SCAN_PATH} safe>
            {t.scanAgain}
          </a>
        </p>
      </Layout>
    );
  }
  const isOpen = (b: ScanBooking) => !b.noShowAt && b.reservationStatus === 'confirmed' && !b.checkedOutAt;
  return (
    <Layout ctx={ctx} title={t.checkTitle}>
      <h1 safe>{t.checkTitle}</h1>
      <p class="lead" safe>{props.bookings.some(isOpen) ? t.checkLead(props.facilityName) : t.checkLeadNothing(props.facilityName)}</p>
      {props.bookings.map((b) => {
        const direction = b.checkedInAt ? 'out' : 'in';
        const open = isOpen(b);
        return (
          <section class="card" data-qa="scan-booking">
            <h2 safe>{b.childName}</h2>
            <SummaryList rows={[{ key: t.booked, value: hoursOfDayText(b.time, ctx.lang) }]} />
            <BookingStatus booking={b} ctx={ctx} now={props.now} />
            {open ? (
              <form method="post" action={SCAN_PATH}>
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="pass" value={props.pass} />
                <input type="hidden" name="reservation" value={b.reservationId} />
                <input type="hidden" name="direction" value={direction} />
                <button type="submit" data-qa={`record-${direction}`} safe>
                  {direction === 'in' ? t.recordIn(b.childName) : t.recordOut(b.childName)}
                </button>
              </form>
            ) : (
              ''
            )}
          </section>
        );
      })}
      <p>
        <a href="/mypage" safe>
          {t.toMypage}
        </a>
      </p>
    </Layout>
  );
}

/** The code could not be used: expired, not genuine, or the user is not a guardian. Nothing recorded. */
export function TokenProblemPage(props: { ctx: PageContext; problem: 'expired' | 'invalid' | 'staff' }) {
  const { ctx } = props;
  const t = attendanceTexts(ctx.lang);
  const title = props.problem === 'expired' ? t.expiredTitle : props.problem === 'invalid' ? t.invalidTitle : t.staffTitle;
  const text = props.problem === 'expired' ? t.expired : props.problem === 'invalid' ? t.invalid : t.staffNotGuardian;
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <Notice type="warning">
        <p data-qa="problem" safe>
          {text}
        </p>
      </Notice>
      {ctx.user?.role === 'guardian' ? (
        <p>
          <a href={SCAN_PATH} safe>
            {t.scanAgain}
          </a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}

type Refusal = Exclude<ScanResult, { outcome: 'recorded' }>;

function refusalText(result: Refusal, lang: PageContext['lang']): string {
  const t = attendanceTexts(lang);
  switch (result.outcome) {
    case 'already-in':
      return t.alreadyIn(tokyoTime(result.at));
    case 'already-out':
      return t.alreadyOut(tokyoTime(result.at));
    case 'not-in':
      return t.notIn;
    case 'absent':
      return t.absent;
    case 'wrong-facility':
    case 'not-use':
      return t.wrongFacility;
    case 'not-today':
      return t.notToday;
    case 'not-confirmed':
      return t.notConfirmed;
    case 'cancelled':
      return t.cancelledBooking;
  }
}

export function RefusedPage(props: { ctx: PageContext; result: Refusal; backTo: string | undefined }) {
  const { ctx } = props;
  const t = attendanceTexts(ctx.lang);
  return (
    <Layout ctx={ctx} title={t.refusedTitle}>
      <h1 safe>{t.refusedTitle}</h1>
      <Notice type="warning">
        <p data-qa="problem" safe>
          {refusalText(props.result, ctx.lang)}
        </p>
      </Notice>
      {props.backTo ? (
        <p>
          <a href={props.backTo} safe>
            {t.chooseAgain}
          </a>
        </p>
      ) : (
        ''
      )}
      <p>
        <a href="/mypage" safe>
          {t.toMypage}
        </a>
      </p>
    </Layout>
  );
}

export function DonePage(props: { ctx: PageContext; record: OwnAttendance; direction: 'in' | 'out' }) {
  const { ctx, record } = props;
  const t = attendanceTexts(ctx.lang);
  const at = props.direction === 'in' ? record.checkedInAt : record.checkedOutAt;
  return (
    <Layout ctx={ctx} title={t.doneTitle}>
      <h1 safe>{t.doneTitle}</h1>
      {at ? (
        <Notice type="success">
          <p data-qa="done" safe>
            {props.direction === 'in' ? t.doneIn(record.childName, tokyoTime(at)) : t.doneOut(record.childName, tokyoTime(at))}
          </p>
          <p safe>{props.direction === 'in' ? t.doneInNext : t.doneOutNext}</p>
        </Notice>
      ) : (
        ''
      )}
      <SummaryList
        rows={[
          { key: t.booked, value: `${record.facilityName} ${hoursOfDayText(record.time, ctx.lang)}` },
          { key: t.checkedIn, value: record.checkedInAt ? tokyoTime(record.checkedInAt) : t.notRecorded },
          { key: t.checkedOut, value: record.checkedOutAt ? tokyoTime(record.checkedOutAt) : t.notRecorded },
        ]}
      />
      <p>
        <a class="button" href="/mypage" safe>
          {t.toMypage}
        </a>
      </p>
    </Layout>
  );
}

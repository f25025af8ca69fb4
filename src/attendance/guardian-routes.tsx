// The guardian's side of attendance (guide step 8). The QR code's URL (/checkin/<token>) is a
// public route: a visitor who is not signed in has the code checked at once and is led through
// login to a short-lived pass for the same facility and minute (so the login's one-time password
// does not outlast the code); a guardian sees the children booked there today. Recording is a POST
// with CSRF, checked again in its transaction. The scanner page and the typed short code are
// guardian routes.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { permit, routeGroup, type GuardianUser } from '../platform/access.ts';
import { formBody, pageContext, queryOf, seeOther, sendHtml, sendMessagePage } from '../platform/http.tsx';
import { limit, subjectLimit } from '../platform/rate-limits.ts';
import { CalendarDate } from '../platform/time.ts';
import type { AppDeps } from '../platform/server.ts';
import { attendanceActions } from './actions.ts';
import { bookingsForScan, facilitiesBookedToday, ownAttendance, recordScan } from './queries.ts';
import { acceptedMinutes, attendanceKey, checkToken, shortCode, signToken, typedCode, SHORT_CODE_DIGITS } from './rules.ts';
import { attendanceTexts } from './texts.ts';
import { CheckPage, DonePage, RefusedPage, SCAN_PATH, ScanPage, TokenProblemPage, donePath, scanTokenPath } from './guardian-views.tsx';

const require = createRequire(import.meta.url);
/** jsQR's browser build (a classic script that defines window.jsQR), served from our own origin. */
const jsqrSource = readFileSync(require.resolve('jsqr/dist/jsQR.js'), 'utf8');

async function facilityName(deps: AppDeps, facilityId: string): Promise<string | undefined> {
  return (await deps.db.selectFrom('facilities').select('name').where('id', '=', facilityId).executeTakeFirst())?.name;
}

export const attendancePublicRoutes = routeGroup('public', (routes) => {
  const deps = routes.app.deps;
  const { clock, config } = deps;
  const key = attendanceKey(config.cookieSecret);

  routes.get('/assets/jsqr.js', (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(jsqrSource));

  routes.get(`${SCAN_PATH}/:token`, async (req, reply, user) => {
    const ctx = pageContext(req, reply);
    const check = checkToken(key, (req.params as { token: string }).token, clock.now());
    if (check.outcome === 'invalid') return sendHtml(reply, <TokenProblemPage ctx={ctx} problem="invalid" />, 400);
    if (check.outcome === 'expired') return sendHtml(reply, <TokenProblemPage ctx={ctx} problem="expired" />, 410);
    const name = await facilityName(deps, check.facilityId);
    if (name === undefined) return sendHtml(reply, <TokenProblemPage ctx={ctx} problem="invalid" />, 400);
    // The pass keeps the code's minute: going through login again never makes it last longer.
    const pass = signToken(key, 'pass', check.facilityId, check.minute);
    if (!user) return seeOther(reply, `/login?next=${encodeURIComponent(scanTokenPath(pass))}`);
    if (user.role !== 'guardian') return sendHtml(reply, <TokenProblemPage ctx={ctx} problem="staff" />, 403);
    const guardian = user as GuardianUser;
    await permit(req, guardian, attendanceActions.scan);
    const bookings = await bookingsForScan(deps.db, guardian.id, check.facilityId, CalendarDate.today(clock));
    return sendHtml(reply, <CheckPage ctx={ctx} facilityName={name} pass={pass} bookings={bookings} now={clock.now()} />);
  });
});

export const attendanceGuardianRoutes = routeGroup('guardian', (routes) => {
  const deps = routes.app.deps;
  const { db, clock, config } = deps;
  const key = attendanceKey(config.cookieSecret);

  routes.get(SCAN_PATH, async (req, reply, user) => {
    await permit(req, user, attendanceActions.scan);
    return sendHtml(reply, <ScanPage ctx={pageContext(req, reply)} code="" errors={{}} />);
  });

  // The short code under the QR: matched against the facilities where the guardian's children are
  // booked today, for this minute and the one before. Six digits are few: limited per account (the
  // protection) and, generously, per address (many families share a facility's Wi-Fi).
  const codeAccountLimit = subjectLimit(routes.app, 'checkin-code-account', 10, '10 minutes');
  routes.post(`${SCAN_PATH}/code`, { config: limit(deps, 120, '10 minutes') }, async (req, reply, user) => {
    await permit(req, user, attendanceActions.scan);
    await codeAccountLimit(req, reply, user.id);
    const t = attendanceTexts(req.lang);
    const input = formBody(req).code ?? '';
    const code = typedCode(input);
    const refuse = (message: string) => sendHtml(reply, <ScanPage ctx={pageContext(req, reply)} code={input} errors={{ code: message }} />, 400);
    if (input.trim() === '') return refuse(t.codeRequired);
    if (code.length !== SHORT_CODE_DIGITS) return refuse(t.codeShape);
    const now = clock.now();
    const facilities = await facilitiesBookedToday(db, user.id, CalendarDate.today(clock));
    if (facilities.length === 0) return refuse(t.codeNoBooking);
    for (const facilityId of facilities) {
      for (const minute of acceptedMinutes(now)) {
        if (shortCode(key, facilityId, minute) === code) return seeOther(reply, scanTokenPath(signToken(key, 'pass', facilityId, minute)));
      }
    }
    return refuse(t.codeWrong);
  });

  routes.post(SCAN_PATH, async (req, reply, user) => {
    const body = formBody(req);
    const reservationId = await permit(req, user, attendanceActions.checkInOut, body.reservation);
    const ctx = pageContext(req, reply);
    const check = checkToken(key, body.pass ?? '', clock.now());
    if (check.outcome === 'invalid') return sendHtml(reply, <TokenProblemPage ctx={ctx} problem="invalid" />, 400);
    if (check.outcome === 'expired') return sendHtml(reply, <TokenProblemPage ctx={ctx} problem="expired" />, 410);
    const direction = body.direction === 'in' || body.direction === 'out' ? body.direction : undefined;
    if (!direction) return sendMessagePage(req, reply, 'badRequest');
    const result = await recordScan(db, clock, user.id, { reservationId, facilityId: check.facilityId, direction });
    if (result.outcome === 'recorded') return seeOther(reply, donePath(reservationId, direction));
    return sendHtml(reply, <RefusedPage ctx={ctx} result={result} backTo={scanTokenPath(signToken(key, 'pass', check.facilityId, check.minute))} />, 409);
  });

  routes.get(`${SCAN_PATH}/done/:reservationId`, async (req, reply, user) => {
    const reservationId = await permit(req, user, attendanceActions.readOwn, (req.params as { reservationId: string }).reservationId);
    const record = await ownAttendance(db, user.id, reservationId);
    if (!record) return sendMessagePage(req, reply, 'notFound');
    const direction = queryOf(req).d === 'out' ? 'out' : 'in';
    return sendHtml(reply, <DonePage ctx={pageContext(req, reply)} record={record} direction={direction} />);
  });
});


// The pure rules of attendance: the QR token (signature, facility, minute, kind), the short code,
// and the roster's statuses at their boundaries.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASS_MINUTES, acceptedMinutes, attendanceKey, checkToken, minuteOf, rosterStatus, shortCode, signToken, typedCode, type AttendanceState } from '../../src/attendance/rules.ts';

const key = attendanceKey('test-secret-for-attendance');
const NIJI = '6f1b2a34-1111-4000-8000-000000000001';
const SORA = '6f1b2a34-2222-4000-8000-000000000002';
const at = (iso: string) => new Date(iso);
/** 2026-11-26 10:00:00 JST */
const shown = at('2026-11-26T01:00:00Z');
const minute = minuteOf(shown);

describe('the QR token', () => {
  const token = signToken(key, 'qr', NIJI, minute);

  test('is base64url, 50 characters, and names its facility and minute', () => {
    assert.match(token, /^[A-Za-z0-9_-]{50}$/);
    assert.deepEqual(checkToken(key, token, shown), { outcome: 'valid', kind: 'qr', facilityId: NIJI, minute });
  });

  test('is accepted in its minute and the next, not after: 10:00:00 … 10:01:59 yes, 10:02:00 no', () => {
    assert.equal(checkToken(key, token, at('2026-11-26T01:00:59.999Z')).outcome, 'valid');
    assert.equal(checkToken(key, token, at('2026-11-26T01:01:59.999Z')).outcome, 'valid');
    assert.equal(checkToken(key, token, at('2026-11-26T01:02:00Z')).outcome, 'expired');
    assert.equal(checkToken(key, token, at('2026-11-27T01:00:00Z')).outcome, 'expired');
  });

  test('is not accepted before its minute (a code from the future is not ours to trust)', () => {
    assert.equal(checkToken(key, token, at('2026-11-26T00:59:59.999Z')).outcome, 'expired');
  });

  test('a pass lasts PASS_MINUTES from the code’s minute, never from when it was made', () => {
    const pass = signToken(key, 'pass', NIJI, minute);
    assert.equal(checkToken(key, pass, new Date(shown.getTime() + PASS_MINUTES * 60_000 + 59_999)).outcome, 'valid');
    assert.equal(checkToken(key, pass, new Date(shown.getTime() + (PASS_MINUTES + 1) * 60_000)).outcome, 'expired');
    const check = checkToken(key, pass, shown);
    assert.ok(check.outcome === 'valid' && check.kind === 'pass');
  });

  test('tampered: any changed character, another facility written in, or another key → invalid', () => {
    for (let i = 0; i < token.length; i += 7) {
      const swapped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      assert.equal(checkToken(key, swapped, shown).outcome, 'invalid', `position ${i}`);
    }
    // The facility bytes replaced by another facility's, the signature kept.
    const bytes = Buffer.from(token, 'base64url');
    Buffer.from(SORA.replace(/-/g, ''), 'hex').copy(bytes, 1);
    assert.equal(checkToken(key, bytes.toString('base64url'), shown).outcome, 'invalid');
    // A later minute written in.
    const later = Buffer.from(token, 'base64url');
    later.writeUInt32BE(minute + 60, 17);
    assert.equal(checkToken(key, later.toString('base64url'), shown).outcome, 'invalid');
    assert.equal(checkToken(attendanceKey('another-secret'), token, shown).outcome, 'invalid');
    assert.equal(checkToken(key, 'not-a-token', shown).outcome, 'invalid');
    assert.equal(checkToken(key, '', shown).outcome, 'invalid');
  });

  test('each facility and minute has its own token', () => {
    assert.notEqual(signToken(key, 'qr', SORA, minute), token);
    assert.notEqual(signToken(key, 'qr', NIJI, minute + 1), token);
    assert.notEqual(signToken(key, 'pass', NIJI, minute), token);
  });
});

describe('the short code', () => {
  test('six digits, the same for the same facility and minute, different for another facility or minute', () => {
    const code = shortCode(key, NIJI, minute);
    assert.match(code, /^\d{6}$/);
    assert.equal(shortCode(key, NIJI, minute), code);
    const others = [shortCode(key, SORA, minute), shortCode(key, NIJI, minute + 1), shortCode(key, NIJI, minute - 1), shortCode(attendanceKey('x'), NIJI, minute)];
    assert.ok(others.every((other) => other !== code), JSON.stringify({ code, others }));
  });

  test('is accepted for the current and the previous minute', () => {
    assert.deepEqual(acceptedMinutes(at('2026-11-26T01:00:30Z')), [minute, minute - 1]);
  });

  test('typed with spaces, a hyphen or full-width digits reads as the digits', () => {
    assert.equal(typedCode('123 456'), '123456');
    assert.equal(typedCode('１２３-４５６'), '123456');
    assert.equal(typedCode(undefined), '');
  });
});

describe('roster status', () => {
  const base: AttendanceState = {
    reservationStatus: 'confirmed',
    startsAt: at('2026-11-26T00:00:00Z'), // 9:00
    endsAt: at('2026-11-26T01:00:00Z'), // 10:00
    checkedInAt: null,
    checkedOutAt: null,
    noShowAt: null,
  };
  const nine = at('2026-11-26T00:00:00Z');
  const ten = at('2026-11-26T01:00:00Z');
  const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

  test('予定 until the start, 未登園 once it has passed', () => {
    assert.equal(rosterStatus(base, plus(nine, -60_000)), 'planned');
    assert.equal(rosterStatus(base, nine), 'planned');
    assert.equal(rosterStatus(base, plus(nine, 1)), 'not_arrived');
    assert.equal(rosterStatus(base, plus(nine, 60_000)), 'not_arrived');
  });

  test('利用中 until the end, お迎え遅れ once it has passed without a check-out', () => {
    const inside = { ...base, checkedInAt: plus(nine, 5 * 60_000) };
    assert.equal(rosterStatus(inside, plus(nine, 10 * 60_000)), 'in');
    assert.equal(rosterStatus(inside, ten), 'in');
    assert.equal(rosterStatus(inside, plus(ten, 1)), 'late_pickup');
    assert.equal(rosterStatus(inside, plus(ten, 60_000)), 'late_pickup');
  });

  test('終了 once out (also late), 欠席, 当日キャンセル', () => {
    assert.equal(rosterStatus({ ...base, checkedInAt: nine, checkedOutAt: plus(ten, 40 * 60_000) }, plus(ten, 3_600_000)), 'done');
    assert.equal(rosterStatus({ ...base, noShowAt: plus(nine, 30 * 60_000) }, plus(ten, 1)), 'absent');
    assert.equal(rosterStatus({ ...base, reservationStatus: 'late_cancelled' }, plus(nine, 1)), 'cancelled');
  });
});

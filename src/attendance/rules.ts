// The pure rules of attendance (guide step 8): the facility's QR token and short code, signed with
// the app's secret and tied to one facility and one minute, and the status of a booking on the
// day's roster. No I/O: queries.ts applies them inside its transactions.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CalendarDate, formatMinuteOfDay } from '../platform/time.ts';

/** A QR code is accepted in the minute it was shown and the minute after (so 60–120 seconds). */
export const QR_ACCEPT_MINUTES = 1;
/**
 * What a valid scan opens: the page to choose 利用開始 / 利用終了, through login if needed. It stays
 * usable this many minutes after the QR code's minute (never longer: a pass does not renew itself).
 */
export const PASS_MINUTES = 10;
/** The short code under the QR, for typing: six digits. */
export const SHORT_CODE_DIGITS = 6;

export type TokenKind = 'qr' | 'pass';
const KIND_BYTE: Record<TokenKind, number> = { qr: 0x51, pass: 0x50 };
const MAC_BYTES = 16;
const TOKEN_BYTES = 1 + 16 + 4 + MAC_BYTES;

/** The key of every attendance signature: derived from the app's secret, never the secret itself. */
export function attendanceKey(appSecret: string): Buffer {
  return createHmac('sha256', appSecret).update('tsuen attendance qr v1').digest();
}

/** Whole minutes since the epoch: the unit a QR code lives for. */
export function minuteOf(at: Date): number {
  return Math.floor(at.getTime() / 60_000);
}

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function mac(key: Buffer, body: Buffer): Buffer {
  return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
}

/** A token for the facility and minute: base64url of kind, facility id, minute and an HMAC (50 characters). */
export function signToken(key: Buffer, kind: TokenKind, facilityId: string, minute: number): string {
  const body = Buffer.alloc(1 + 16 + 4);
  body[0] = KIND_BYTE[kind];
  uuidBytes(facilityId).copy(body, 1);
  body.writeUInt32BE(minute, 17);
  return Buffer.concat([body, mac(key, body)]).toString('base64url');
}

export type TokenCheck =
  | { outcome: 'valid'; kind: TokenKind; facilityId: string; minute: number }
  /** Signed by us, but its time is over (or not yet come). */
  | { outcome: 'expired'; kind: TokenKind; facilityId: string; minute: number }
  /** Not a token of ours: malformed, or changed after signing. */
  | { outcome: 'invalid' };

/** Checks the signature, then the time: a QR code for its minute and the next, a pass for PASS_MINUTES. */
export function checkToken(key: Buffer, token: string, now: Date): TokenCheck {
  if (!/^[A-Za-z0-9_-]{50}$/.test(token)) return { outcome: 'invalid' };
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== TOKEN_BYTES) return { outcome: 'invalid' };
  const body = bytes.subarray(0, 21);
  if (!timingSafeEqual(bytes.subarray(21), mac(key, body))) return { outcome: 'invalid' };
  const kind: TokenKind | undefined = body[0] === KIND_BYTE.qr ? 'qr' : body[0] === KIND_BYTE.pass ? 'pass' : undefined;
  if (!kind) return { outcome: 'invalid' };
  const facilityId = uuidOf(body.subarray(1, 17));
  const minute = body.readUInt32BE(17);
  const age = minuteOf(now) - minute;
  const window = kind === 'qr' ? QR_ACCEPT_MINUTES : PASS_MINUTES;
  return { outcome: age >= 0 && age <= window ? 'valid' : 'expired', kind, facilityId, minute };
}

/** The six digits shown under the QR code for the facility and minute. */
export function shortCode(key: Buffer, facilityId: string, minute: number): string {
  const body = Buffer.alloc(1 + 16 + 4);
  body[0] = 0x43;
  uuidBytes(facilityId).copy(body, 1);
  body.writeUInt32BE(minute, 17);
  const value = createHmac('sha256', key).update(body).digest().readUInt32BE(0) % 10 ** SHORT_CODE_DIGITS;
  return value.toString().padStart(SHORT_CODE_DIGITS, '0');
}

/** The minutes a typed code is accepted for (as the QR code): the current one and the one before. */
export function acceptedMinutes(now: Date): number[] {
  const current = minuteOf(now);
  return Array.from({ length: QR_ACCEPT_MINUTES + 1 }, (_, i) => current - i);
}

/** Digits only, whatever was typed around them (spaces, full-width digits, a hyphen). */
export function typedCode(input: string | undefined): string {
  return (input ?? '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[^0-9]/g, '');
}

// ---- The roster ----

/**
 * 予定 (not yet begun), 利用中 (in), 終了 (out), 未登園 (the start has passed, not in), お迎え遅れ (the
 * end has passed, not out), 欠席 (marked a no-show), 当日キャンセル (late-cancelled: the hours stay used).
 */
export type RosterStatus = 'planned' | 'in' | 'done' | 'not_arrived' | 'late_pickup' | 'absent' | 'cancelled';

export interface AttendanceState {
  reservationStatus: 'provisional' | 'confirmed' | 'declined' | 'cancelled' | 'late_cancelled';
  startsAt: Date;
  endsAt: Date;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  noShowAt: Date | null;
}

/** The status at `now`. A start or end is "passed" only once it is strictly behind: at 9:00 a 9:00 booking is still 予定. */
export function rosterStatus(state: AttendanceState, now: Date): RosterStatus {
  if (state.reservationStatus === 'late_cancelled' || state.reservationStatus === 'cancelled' || state.reservationStatus === 'declined') return 'cancelled';
  if (state.noShowAt) return 'absent';
  if (state.checkedOutAt) return 'done';
  if (state.checkedInAt) return now.getTime() > state.endsAt.getTime() ? 'late_pickup' : 'in';
  return now.getTime() > state.startsAt.getTime() ? 'not_arrived' : 'planned';
}

/** A moment as HH:MM in Tokyo. */
export function tokyoTime(at: Date): string {
  const day = CalendarDate.inTokyo(at);
  return formatMinuteOfDay(Math.floor((at.getTime() - day.startOfDay().getTime()) / 60_000));
}

/** 'HH:MM' on a Tokyo day → the instant; undefined unless a real time of day. */
export function instantOn(day: CalendarDate, hhmm: string): Date | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return new Date(day.startOfDay().getTime() + (hours * 60 + minutes) * 60_000);
}

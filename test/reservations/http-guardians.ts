// Guardians who book through real HTTP against a server process (test/helpers/server-process.ts):
// each with a login session of their own (put straight into the sessions table; login itself is
// tested elsewhere) and the CSRF token of a page they opened, as a browser would hold them.
// Used by two-processes.test.ts and bench/rush.ts.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/platform/database.ts';
import { SESSION_COOKIE } from '../../src/platform/session.ts';
import { hashToken, newToken } from '../../src/platform/tokens.ts';
import { TERMS_VERSION } from '../../src/accounts/terms.ts';
import { csrfTokenIn } from '../helpers/http.ts';
import { RawHttpClient } from '../helpers/raw-http.ts';

/** A finished login (terms agreed) for each user, in two statements; returns the session tokens in order. */
export async function signInDirectly(db: Db, userIds: string[], now = new Date()): Promise<string[]> {
  if (userIds.length === 0) return [];
  await db.updateTable('users').set({ terms_version_accepted: TERMS_VERSION, terms_accepted_at: now }).where('id', 'in', userIds).execute();
  const tokens = userIds.map(() => newToken());
  await db
    .insertInto('sessions')
    .values(userIds.map((userId, i) => ({ id_hash: hashToken(tokens[i]!), user_id: userId, stage: 'active' as const, challenge_id: null, created_at: now, last_seen_at: now })))
    .execute();
  return tokens;
}

export interface BookingForm {
  facilityId: string;
  childId: string;
  kind: 'interview' | 'regular' | 'flexible';
  slotId: string;
  /** 'HH:MM' */
  start: string;
  end: string;
  /** A child_pickup_persons id (regular and flexible). */
  pickup?: string;
  comment?: string;
  /** One per showing of the form; the same key again gives the first booking back. */
  idempotency?: string;
}

export interface BookingAnswer {
  status: number;
  /** /reservations/<id>/done on success. */
  location: string | undefined;
  ms: number;
}

/** The consent boxes on the confirm screen (each sent as consent=1). */
export const CONSENT_BOXES = 2;

/** Sockets to each server, shared by the guardians who talk to it (each request carries its guardian's cookies). */
const clients = new Map<string, RawHttpClient>();

function clientOf(baseUrl: string): RawHttpClient {
  let client = clients.get(baseUrl);
  if (!client) clients.set(baseUrl, (client = new RawHttpClient(baseUrl)));
  return client;
}

/** Closes every guardian's sockets (before the servers are stopped). */
export function closeGuardianConnections(): void {
  for (const client of clients.values()) client.close();
  clients.clear();
}

export class HttpGuardian {
  private readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  /**
   * @param baseUrl the server process this guardian talks to
   * @param forwardedFor sent as X-Forwarded-For (the server trusts it from loopback): each
   *   guardian is a client of its own, as families at home are, not 200 people behind one address.
   */
  constructor(
    readonly baseUrl: string,
    sessionToken: string,
    private readonly forwardedFor?: string,
  ) {
    this.cookies.set(SESSION_COOKIE, sessionToken);
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      ...(this.forwardedFor ? { 'x-forwarded-for': this.forwardedFor } : {}),
      ...extra,
    };
  }

  private keepCookies(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  /** Opens a page with a form (マイページ by default) for its CSRF token and cookie. */
  async open(path = '/mypage'): Promise<void> {
    const res = await clientOf(this.baseUrl).request('GET', path, this.headers());
    this.keepCookies(res.setCookies);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status} ${res.headers.get('location') ?? ''}`);
    const token = csrfTokenIn(res.body);
    if (!token) throw new Error(`GET ${path} has no _csrf field`);
    this.csrfToken = token;
  }

  /** POST /facilities/:facilityId/reserve/submit, as the confirm screen's 予約内容を送信する sends it. */
  async book(form: BookingForm): Promise<BookingAnswer> {
    if (!this.csrfToken) throw new Error('open a page first');
    const body = new URLSearchParams();
    body.append('child', form.childId);
    body.append('kind', form.kind);
    body.append('slot', form.slotId);
    body.append('start', form.start);
    body.append('end', form.end);
    if (form.pickup) body.append('pickup', form.pickup);
    body.append('comment', form.comment ?? '');
    for (let i = 0; i < CONSENT_BOXES; i++) body.append('consent', '1');
    body.append('idempotency', form.idempotency ?? randomUUID());
    body.append('_csrf', this.csrfToken);
    const started = performance.now();
    const res = await clientOf(this.baseUrl).request('POST', `/facilities/${form.facilityId}/reserve/submit`, this.headers({ 'content-type': 'application/x-www-form-urlencoded' }), body.toString());
    const ms = performance.now() - started;
    this.keepCookies(res.setCookies);
    return { status: res.status, location: res.headers.get('location'), ms };
  }
}

/** A distinct made-up client address (in 10.0.0.0/8) for the n-th guardian. */
export function clientAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** お迎えに来られる方 for the child (the booking form's `pickup` names one); returns its id. */
export async function pickupPerson(db: Db, child: { id: string; municipalityId: string }): Promise<string> {
  const { id } = await db
    .insertInto('child_pickup_persons')
    .values({ child_id: child.id, municipality_id: child.municipalityId, position: 1, name: 'テスト 祖母', relationship: '祖母', phone: '0258-00-0001' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

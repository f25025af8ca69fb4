// A test client around Fastify's inject that behaves like a browser for server-rendered forms:
// it keeps cookies, sends the CSRF token of the last page it saw, and never follows redirects
// on its own (tests look at them; `follow` goes on).
import type { FastifyInstance } from 'fastify';

export type FormFields = Record<string, string | string[]>;

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  /** The body as sent, byte for byte (a CSV in Shift_JIS is not UTF-8 text). */
  bytes: Buffer;
  /** The Location header of a redirect, as sent. */
  location: string | undefined;
}

const MAX_REDIRECTS = 5;

export class TestClient {
  /** Cookie name → value. Tsuen sets all its cookies on path '/', so paths are not tracked. */
  readonly cookies = new Map<string, string>();
  /** The `_csrf` value of the most recent HTML page that had one. */
  csrfToken: string | undefined;
  /** The client's address as the server sees it (inject's default is 127.0.0.1). */
  remoteAddress: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<TestResponse> {
    return this.request('GET', path, undefined, headers);
  }

  /** Posts a urlencoded form, adding `_csrf` from the last page unless the fields carry one. */
  async post(path: string, fields: FormFields = {}, headers: Record<string, string> = {}): Promise<TestResponse> {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
    }
    if (!('_csrf' in fields) && this.csrfToken !== undefined) form.append('_csrf', this.csrfToken);
    return this.request('POST', path, form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    });
  }

  /**
   * Posts a multipart/form-data form as a browser does with a file input: the fields first (with
   * `_csrf` from the last page unless given), then each file as a part of its field.
   */
  async postMultipart(path: string, fields: FormFields, files: ReadonlyArray<{ field: string; fileName: string; contentType?: string; bytes: Buffer }>): Promise<TestResponse> {
    const boundary = `----tsuen-test-${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    const all: Array<[string, string]> = Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]));
    if (!('_csrf' in fields) && this.csrfToken !== undefined) all.unshift(['_csrf', this.csrfToken]);
    for (const [name, value] of all) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    for (const file of files) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`));
      parts.push(file.bytes, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.request('POST', path, Buffer.concat(parts), { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }

  /** Follows redirects (at most five) with GET and returns the first response that is not one. */
  async follow(response: TestResponse): Promise<TestResponse> {
    let current = response;
    for (let hops = 0; isRedirect(current.status); hops += 1) {
      if (hops >= MAX_REDIRECTS) throw new Error(`More than ${MAX_REDIRECTS} redirects; last to ${current.location}`);
      if (!current.location) throw new Error(`Redirect ${current.status} without a Location header`);
      current = await this.get(localPath(current.location));
    }
    return current;
  }

  /**
   * Opens the page (for its CSRF token and cookies), then posts the fields to `action`, which is
   * the page itself unless given. Pages also hold other forms (the header's sign-out), so the
   * action is not guessed from the markup.
   */
  async submitForm(pagePath: string, fields: FormFields, action: string = pagePath): Promise<TestResponse> {
    const page = await this.get(pagePath);
    if (page.status !== 200) {
      throw new Error(`GET ${pagePath} answered ${page.status}${page.location ? ` → ${page.location}` : ''}, not a form`);
    }
    return this.post(action, fields);
  }

  /** The Cookie header the client would send now. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private async request(method: 'GET' | 'POST', path: string, payload: string | Buffer | undefined, headers: Record<string, string>): Promise<TestResponse> {
    const cookie = this.cookieHeader();
    const res = await this.app.inject({
      method,
      url: path,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
      ...(payload !== undefined ? { payload } : {}),
    });
    this.storeCookies(res.headers['set-cookie']);
    const token = csrfTokenIn(res.body);
    if (token !== undefined) this.csrfToken = token;
    const location = res.headers.location;
    return {
      status: res.statusCode,
      headers: res.headers,
      body: res.body,
      bytes: res.rawPayload,
      location: typeof location === 'string' ? location : undefined,
    };
  }

  private storeCookies(header: string | string[] | number | undefined): void {
    if (header === undefined || typeof header === 'number') return;
    for (const line of Array.isArray(header) ? header : [header]) {
      const parsed = parseSetCookie(line);
      if (!parsed) continue;
      if (parsed.expired) this.cookies.delete(parsed.name);
      else this.cookies.set(parsed.name, parsed.value);
    }
  }
}

interface SetCookie {
  name: string;
  value: string;
  expired: boolean;
}

/** Parses one Set-Cookie header; a cookie is expired by Max-Age ≤ 0 or an Expires in the past. */
export function parseSetCookie(line: string): SetCookie | undefined {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const attribute of attributes) {
    const [key = '', ...rest] = attribute.split('=');
    const attrValue = rest.join('=').trim();
    switch (key.trim().toLowerCase()) {
      case 'max-age': {
        const seconds = Number(attrValue);
        if (Number.isFinite(seconds)) maxAge = seconds;
        break;
      }
      case 'expires': {
        const at = Date.parse(attrValue);
        if (!Number.isNaN(at)) expires = at;
        break;
      }
    }
  }
  // Max-Age wins over Expires (RFC 6265 §5.3).
  const expired = maxAge !== undefined ? maxAge <= 0 : expires !== undefined && expires <= Date.now();
  return { name, value, expired };
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/** A Location may be absolute (http://host/path); inject needs the path. */
function localPath(location: string): string {
  if (location.startsWith('/')) return location;
  const url = new URL(location);
  return url.pathname + url.search;
}

/** The value of the first `<input name="_csrf" value="…">` in the page, if any. */
export function csrfTokenIn(html: string): string | undefined {
  for (const match of html.matchAll(/<input\b[^>]*>/gi)) {
    const tag = match[0];
    if (!/\sname\s*=\s*["']_csrf["']/i.test(tag)) continue;
    const value = /\svalue\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    if (value) return decodeEntities(value[1] ?? value[2] ?? '');
  }
  return undefined;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'i', 'kbd', 'label', 'mark',
  'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var',
]);

/**
 * The visible text of an HTML page: comments, script and style removed, entities decoded,
 * whitespace collapsed. Block tags become a space; inline tags vanish, so `<strong>東京</strong>都`
 * reads 東京都.
 */
export function textOf(html: string): string {
  const stripped = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?([a-zA-Z][a-zA-Z0-9-]*)[^>]*>/g, (_tag, name: string) => (INLINE_TAGS.has(name.toLowerCase()) ? '' : ' '))
    .replace(/<[^>]*>/g, ' ');
  return decodeEntities(stripped).replace(/\s+/g, ' ').trim();
}

// The fuzz harness: every route of the inventory, as its own kind of user, with generated bad
// input in its query and form fields (names learnt from the forms the app itself renders), in
// other content types and in oversize bodies. It checks what must hold for any input: no 500, no
// unescaped reflection, a Location that stays on the site, and a form answered with field messages
// that point at fields present on the page and keep what was typed.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { Audience } from '../../src/platform/access.ts';
import { OWNER, fillPath, type RouteWorld } from './route-world.ts';
import { csrfTokenIn, decodeEntities, type TestClient } from './http.ts';

/** Marks generated text, to look for it unescaped in answers. */
export const MARKER = '<x-fz>';

export interface FuzzRoute {
  key: string;
  method: string;
  path: string;
  audience: Audience;
  /** Field names of the forms that post (or, for GET, submit) to this path. */
  fields: string[];
}

export interface FuzzCase {
  fields: Array<[string, string]>;
  /** How the body travels: a normal form, or something a careless client sends. */
  shape: 'form' | 'json' | 'malformed-json' | 'text' | 'multipart' | 'oversize' | 'raw-bytes';
  /** Leave out the CSRF token (the answer must then be the expired-page 403, never a 500). */
  withoutCsrf: boolean;
}

export interface Finding {
  route: string;
  status: number;
  problem: string;
  input: string;
}

// ---- What the app's own pages say about its forms ----

interface FormShape {
  method: string;
  action: string;
  fields: Set<string>;
}

function formsIn(html: string, pagePath: string): FormShape[] {
  const forms: FormShape[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attributes = match[1] ?? '';
    const method = (/\smethod="([^"]*)"/i.exec(attributes)?.[1] ?? 'get').toUpperCase();
    const action = decodeEntities(/\saction="([^"]*)"/i.exec(attributes)?.[1] ?? pagePath).split('?')[0]!.split('#')[0]!;
    const fields = new Set<string>();
    for (const field of (match[2] ?? '').matchAll(/<(?:input|select|textarea|button)\b[^>]*\sname="([^"]*)"/gi)) {
      const name = decodeEntities(field[1] ?? '');
      if (name !== '_csrf') fields.add(name);
    }
    forms.push({ method, action, fields });
  }
  return forms;
}

/**
 * Every route with its path filled with the owner's objects, and the field names its forms use,
 * learnt by opening every GET page as the route's own user.
 */
export async function discoverRoutes(app: FastifyInstance, world: RouteWorld): Promise<FuzzRoute[]> {
  const routes = app.routeInventory
    .filter((r) => r.audience !== undefined)
    .map((r) => ({ key: `${r.method} ${r.url}`, method: r.method, url: r.url, audience: r.audience!, path: fillPath(world, r.url, 'own')! }));
  const fieldsByTarget = new Map<string, Set<string>>();
  for (const route of routes) {
    if (route.method !== 'GET' || route.url.startsWith('/static/')) continue;
    const client = await world.clientFor(OWNER[route.audience]);
    const page = await client.get(route.path);
    if (page.status !== 200 || !String(page.headers['content-type'] ?? '').includes('html')) continue;
    for (const form of formsIn(page.body, route.path)) {
      const key = `${form.method} ${form.action}`;
      const known = fieldsByTarget.get(key) ?? new Set<string>();
      for (const field of form.fields) known.add(field);
      fieldsByTarget.set(key, known);
    }
  }
  return routes.map((r) => ({
    key: r.key,
    method: r.method,
    path: r.path,
    audience: r.audience,
    fields: [...(fieldsByTarget.get(`${r.method} ${r.path}`) ?? new Set(['next', 'back', 'page', 'id', 'email', 'action']))],
  }));
}

// ---- Generated input ----

const NASTY: string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\r\nSet-Cookie: fuzz=1',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  '\u200b\ufeff',
  '😀👨‍👩‍👧',
  '𠮷野家 髙橋 葛󠄀城',
  '１２３４５',
  '０２５８－８３－３５１２',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '-1',
  '0',
  '1e308',
  'NaN',
  '99999999999999999999999',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '//evil.example/',
  '/\t/evil.example',
  '/\\evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  '/%0d%0aSet-Cookie:x=1',
  '/ログイン',
  '../../etc/passwd',
  "' or 1=1 --",
  `${MARKER}"'&<script>alert(1)</script>`,
  'あ'.repeat(3000),
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1000, maxLength: 5000 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).map((s) => `${MARKER}${s}`) },
);

export function fuzzCase(fields: string[]): fc.Arbitrary<FuzzCase> {
  const names = fields.length > 0 ? fields : ['q'];
  const field = fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: text }), text);
  return fc.record({
    // Missing fields (a subset), duplicated fields (the same name twice) and strangers' names.
    fields: fc.array(field, { maxLength: Math.max(4, names.length + 2) }),
    shape: fc.oneof(
      { weight: 12, arbitrary: fc.constant('form' as const) },
      { weight: 1, arbitrary: fc.constantFrom('json' as const, 'malformed-json' as const, 'text' as const, 'multipart' as const, 'oversize' as const, 'raw-bytes' as const) },
    ),
    withoutCsrf: fc.boolean().map((b) => b && Math.random() < 0.1),
  });
}

// ---- Sending ----

/**
 * Percent-encodes any JavaScript string, lone surrogates included (as the bytes a careless encoder
 * would send, which are not UTF-8): encodeURIComponent refuses those.
 */
function encodeLoose(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i += 1;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else out += encodeURIComponent(value[i]!);
  }
  return out;
}

function urlencoded(fields: Array<[string, string]>): string {
  return fields.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`).join('&');
}

export interface Sent {
  status: number;
  headers: Record<string, unknown>;
  body: string;
  describe: string;
}

export async function send(app: FastifyInstance, client: TestClient, route: FuzzRoute, input: FuzzCase): Promise<Sent> {
  const cookie = client.cookieHeader();
  const fields: Array<[string, string]> = [...input.fields];
  if (route.method === 'GET') {
    // Other shapes of a GET: broken percent-encoding in the query string.
    const query = [urlencoded(fields), input.shape === 'form' ? '' : 'bad=%E0%A4%A&%&%zz'].filter(Boolean).join('&');
    const url = query ? `${route.path}?${query}` : route.path;
    const res = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    return { status: res.statusCode, headers: res.headers, body: res.body, describe: `GET ${url.slice(0, 300)}` };
  }
  if (!input.withoutCsrf && client.csrfToken) fields.push(['_csrf', client.csrfToken]);
  let contentType = 'application/x-www-form-urlencoded';
  let payload: string | Buffer = urlencoded(fields);
  switch (input.shape) {
    case 'json':
      contentType = 'application/json';
      payload = JSON.stringify(Object.fromEntries(fields));
      break;
    case 'malformed-json':
      contentType = 'application/json';
      payload = `{"${fields[0]?.[0] ?? 'a'}": [`;
      break;
    case 'text':
      contentType = 'text/plain';
      break;
    case 'multipart':
      contentType = 'multipart/form-data; boundary=xyz';
      payload = `--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--xyz--`;
      break;
    case 'oversize':
      payload = `${payload}&filler=${'a'.repeat(300 * 1024)}`;
      break;
    case 'raw-bytes':
      payload = Buffer.concat([Buffer.from(`${payload}&raw=`), Buffer.from([0xff, 0xfe, 0x00, 0xc0, 0x80, 0x25])]);
      break;
    case 'form':
      break;
  }
  const res = await app.inject({ method: 'POST', url: route.path, headers: { ...(cookie ? { cookie } : {}), 'content-type': contentType }, payload });
  const shown = typeof payload === 'string' ? payload.slice(0, 300) : `${payload.length} bytes`;
  return { status: res.statusCode, headers: res.headers, body: res.body, describe: `POST ${route.path} [${input.shape}${input.withoutCsrf ? ', no csrf' : ''}] ${shown}` };
}

// ---- What must hold ----

export function problemsWith(route: FuzzRoute, input: FuzzCase, sent: Sent): string[] {
  const problems: string[] = [];
  if (sent.status >= 500) problems.push(`HTTP ${sent.status}`);
  const location = sent.headers.location;
  if (typeof location === 'string' && !/^\/(?![/\\])[\x21-\x7e]*$/.test(location)) problems.push(`unsafe Location ${JSON.stringify(location)}`);
  const html = String(sent.headers['content-type'] ?? '').includes('text/html');
  // Inside a quoted attribute value `<` is only text (and `"` is always escaped there), so the
  // marker counts as reflected only outside one.
  if (html && sent.body.replace(/="[^"]*"/g, '=""').includes(MARKER)) problems.push('generated text reflected unescaped');
  if (html && sent.status === 400 && sent.body.includes('error-summary')) {
    // Each message in the summary links to a field on the page, where its own message is shown.
    for (const [, id] of sent.body.matchAll(/<div class="notice error-summary"[\s\S]*?<\/div>/g).next().value?.[0].matchAll(/href="#([^"]+)"/g) ?? []) {
      if (!sent.body.includes(`id="${id}"`)) problems.push(`error summary links to #${id}, which is not on the page`);
    }
    // What was typed is still there: a marked value sent once to a text field comes back.
    for (const [name, value] of input.fields) {
      if (!value.startsWith(MARKER) || /[\s\u0000-\u001f\u007f]/.test(value) || input.fields.filter(([n]) => n === name).length > 1) continue;
      const field = new RegExp(`<input\\b(?:[^>"]|"[^"]*")*\\sname="${escapeRegExp(name)}"(?:[^>"]|"[^"]*")*>`).exec(sent.body)?.[0];
      // A file input never shows a value (the page says to choose the file again instead).
      if (!field || /type="(hidden|radio|checkbox|password|file)"/.test(field)) continue;
      const shown = decodeEntities(/\svalue="([^"]*)"/.exec(field)?.[1] ?? '');
      if (!shown.includes(MARKER)) problems.push(`the value typed into ${name} was not shown again`);
    }
  }
  return problems;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Runs `runs` generated inputs per route, a fresh signed-in client per route (and again whenever
 * an input ends its session, e.g. by logging out), and returns every finding.
 */
export async function fuzzRoutes(
  app: FastifyInstance,
  world: RouteWorld,
  routes: FuzzRoute[],
  options: { runs: number; seed?: number; onRoute?: (route: FuzzRoute, tried: number) => void },
): Promise<{ tried: number; findings: Finding[] }> {
  const findings: Finding[] = [];
  let tried = 0;
  for (const route of routes) {
    if (route.key.startsWith('GET /static/') || route.key === 'GET /health') continue;
    let client = await world.clientFor(OWNER[route.audience]);
    let triedHere = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase(route.fields), async (input) => {
        const sent = await send(app, client, route, input);
        tried += 1;
        triedHere += 1;
        for (const problem of problemsWith(route, input, sent)) {
          findings.push({ route: route.key, status: sent.status, problem, input: sent.describe });
        }
        const token = csrfTokenIn(sent.body);
        if (token) client.csrfToken = token;
        if (typeof sent.headers.location === 'string' && sent.headers.location.startsWith('/login') && OWNER[route.audience] !== 'anonymous') {
          client = await world.clientFor(OWNER[route.audience]);
        }
      }),
      { numRuns: options.runs, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
    );
    options.onRoute?.(route, triedHere);
  }
  return { tried, findings };
}

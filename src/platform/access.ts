// Who may use what. Two layers, both refusing by default:
//
// 1. Route groups. Every route belongs to exactly one audience (public, guardian, facility staff,
//    municipality staff, development). A route registered outside a group has no audience and is
//    refused for everyone (and the route inventory test fails). The group's check runs on every
//    request before the body is read, and the handler receives the signed-in user, typed.
// 2. Named actions. A handler that reads or writes a tenant's data first names its action (e.g.
//    `child.readHealth`), with the target's id where there is one; the action's rule is one SQL
//    condition. An object that exists for someone else answers 404, exactly like one that does not
//    exist. Lists filter by the same scope in their queries.
//
// The model is eVaka's Action.kt / AccessControl.kt, and fastify/demo's refuse-by-default autohooks.
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  RouteShorthandOptions,
} from 'fastify';
import type { Db } from './database.ts';
import type { SignedInUser } from './ui/layout.tsx';
import { parseId } from './ids.ts';

export type UserAudience = 'guardian' | 'facility_staff' | 'municipality_staff';
/**
 * `account` is any signed-in user, for what every account has (remembered devices); its routes
 * live under /account and act on the user's own rows only.
 */
/** `development` is the development mailbox: registered only outside production without SMTP. */
export type Audience = 'public' | UserAudience | 'account' | 'development';

export interface GuardianUser extends SignedInUser {
  role: 'guardian';
}
export interface FacilityStaffUser extends SignedInUser {
  role: 'facility_staff';
  facilityId: string;
}
export interface MunicipalityStaffUser extends SignedInUser {
  role: 'municipality_staff';
}

export type UserOf<A extends Audience> = A extends 'guardian'
  ? GuardianUser
  : A extends 'facility_staff'
    ? FacilityStaffUser
    : A extends 'municipality_staff'
      ? MunicipalityStaffUser
      : A extends 'account'
        ? SignedInUser
        : SignedInUser | undefined;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by the route group the route was registered in; a route without one is refused. */
    audience?: Audience;
  }
  interface FastifyRequest {
    /** The actions a handler named during this request (the inventory test reads them). */
    actions: string[];
  }
  interface FastifyInstance {
    /** Every route registered so far, with its audience (HEAD routes left out). */
    routeInventory: RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  audience: Audience | undefined;
}

/** Paths each staff audience lives under, so a staff page can never land in the guardian's area. */
const PREFIX: Partial<Record<Audience, string>> = {
  facility_staff: '/facility',
  municipality_staff: '/municipality',
  account: '/account/',
  development: '/dev/',
};

export class AccessRefused extends Error {
  readonly statusCode = 404;
  constructor(action: string) {
    super(`refused: ${action}`);
  }
}

/** The user the group checked, narrowed to its type; null if the request is outside its group. */
function userFor<A extends Audience>(audience: A, user: SignedInUser | undefined): UserOf<A> | null {
  if (audience === 'public' || audience === 'development') return user as UserOf<A>;
  if (!user || (audience !== 'account' && user.role !== audience)) return null;
  if (audience === 'facility_staff' && !user.facilityId) return null;
  return user as UserOf<A>;
}

export type Handler<U> = (req: FastifyRequest, reply: FastifyReply, user: U) => unknown;

export interface Routes<U> {
  /** The encapsulated instance, for `deps` and plugins scoped to this group. */
  readonly app: FastifyInstance;
  get(path: string, handler: Handler<U>): void;
  get(path: string, options: RouteShorthandOptions, handler: Handler<U>): void;
  post(path: string, handler: Handler<U>): void;
  post(path: string, options: RouteShorthandOptions, handler: Handler<U>): void;
}

/**
 * A plugin whose routes all serve one audience. The audience is written into each route's config
 * (so the root hook checks it before the body is parsed) and the handler gets the typed user.
 */
export function routeGroup<A extends Audience>(audience: A, register: (routes: Routes<UserOf<A>>) => void | Promise<void>): FastifyPluginAsync {
  return async (app) => {
    const prefix = PREFIX[audience];
    app.addHook('onRoute', (route) => {
      if (prefix && !(route.url === prefix || route.url.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))) {
        throw new Error(`${audience} route ${route.url} must live under ${prefix}`);
      }
      route.config = { ...route.config, audience };
    });
    const wrap = (handler: Handler<UserOf<A>>) => (req: FastifyRequest, reply: FastifyReply) => {
      const user = userFor(audience, req.user);
      // The root hook already refused; this guards against a hook order mistake.
      if (user === null) throw new AccessRefused(`${audience} route`);
      return handler(req, reply, user);
    };
    const add = (method: 'get' | 'post') =>
      ((path: string, a: RouteShorthandOptions | Handler<UserOf<A>>, b?: Handler<UserOf<A>>) => {
        if (typeof a === 'function') app[method](path, wrap(a));
        else app[method](path, a, wrap(b!));
      }) as Routes<UserOf<A>>['get'];
    await register({ app, get: add('get'), post: add('post') });
  };
}

/**
 * Keeps every route's options as it is registered; the group's own onRoute hook (which runs after
 * this one) writes the audience, read when the inventory is asked for.
 */
export function collectRouteInventory(app: FastifyInstance): void {
  const routes: { method: string | string[]; url: string; config?: { audience?: Audience } }[] = [];
  app.decorate('routeInventory', {
    getter: () =>
      routes.flatMap((r) =>
        (Array.isArray(r.method) ? r.method : [r.method])
          .filter((m) => m !== 'HEAD')
          .map((method) => ({ method, url: r.url, audience: r.config?.audience })),
      ),
  });
  // Parents' onRoute hooks run before the group's: keep the options object and read it later.
  app.addHook('onRoute', (route) => {
    routes.push(route as (typeof routes)[number]);
  });
}

/**
 * The root of refuse-by-default, as an onRequest hook that runs once the session is loaded: anyone
 * outside the route's audience is refused before the body is read.
 */
export function refuseOutsiders(refuse: (req: FastifyRequest, reply: FastifyReply, kind: 'login' | 'forbidden') => Promise<unknown>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    req.actions = [];
    // No route matched: the not-found handler answers.
    if (req.routeOptions.url === undefined) return;
    const audience = req.routeOptions.config.audience;
    if (audience === undefined) {
      req.log.error({ url: req.routeOptions.url }, 'route without an audience refused');
      return refuse(req, reply, 'forbidden');
    }
    if (audience === 'public' || audience === 'development') return;
    if (userFor(audience, req.user) !== null) return;
    // Signed in as someone else, or part-way through login, or not signed in at all.
    return refuse(req, reply, req.user ? 'forbidden' : 'login');
  };
}

// ---- Named actions ----

export interface Action<U> {
  readonly name: string;
  /** The SQL rule: does this target belong within the user's reach? Absent: the user's own scope. */
  readonly allows?: (db: Db, user: U, targetId: string) => Promise<boolean>;
}

export function action<U>(name: string, allows?: (db: Db, user: U, targetId: string) => Promise<boolean>): Action<U> {
  return allows ? { name, allows } : { name };
}

/**
 * The first line of a handler that touches a tenant's data. With a target id it checks the rule
 * in the database and returns the id, parsed; a malformed id, a missing object and someone else's
 * object are all refused alike (404).
 */
export async function permit<U>(req: FastifyRequest, user: U, act: Action<U>, target?: unknown): Promise<string> {
  req.actions.push(act.name);
  if (!act.allows) return '';
  const id = parseId(target);
  if (id === undefined || !(await act.allows(req.server.deps.db, user, id))) throw new AccessRefused(act.name);
  return id;
}

/**
 * As permit, for a handler whose first read of the target finds it only within the user's reach
 * (the same condition as the action's rule): the read is the check, one query instead of two. A
 * target the read does not find is refused exactly as by permit.
 */
export async function permitRead<U, T>(req: FastifyRequest, act: Action<U>, target: unknown, read: (id: string) => Promise<T | undefined> | T | undefined): Promise<T> {
  req.actions.push(act.name);
  const id = parseId(target);
  const found = id === undefined ? undefined : await read(id);
  if (found === undefined) throw new AccessRefused(act.name);
  return found;
}

/** True if the query finds a row: the shape of most action rules. */
export async function found(query: { executeTakeFirst(): Promise<unknown> }): Promise<boolean> {
  return (await query.executeTakeFirst()) !== undefined;
}

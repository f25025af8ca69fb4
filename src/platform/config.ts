// Configuration is read once, here. In production, values that must not default are required
// and start-up stops with a message that says which one is missing.
import { isIP } from 'node:net';

export interface Config {
  production: boolean;
  port: number;
  host: string;
  /** The address people reach the service at; used in mailed links. */
  baseUrl: string;
  databaseUrl: string | undefined;
  /** On PostgreSQL: the schema to work in (tests start server processes on their own schema). */
  databaseSchema: string | undefined;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Signs cookies (CSRF secret). */
  cookieSecret: string;
  sessionIdleMinutes: number;
  /** Multiplies every rate limit; tests that are not about rate limits raise it. */
  rateLimitFactor: number;
  seedFacilities: number;
  /** The wait after a first wrong password; it doubles with each further failure. */
  loginFailureDelayMs: number;
  /** Proxies (addresses, CIDR ranges) whose X-Forwarded-For is believed; none by default. */
  trustProxy: string[];
  /** With it, rate-limit counters live in Redis; without it, in the database. */
  redisUrl: string | undefined;
  /** Starts every rate-limit key in Redis (tests give each run its own). */
  redisKeyPrefix: string;
  /** A password-reset request is answered no sooner than this, whether or not the address has an account. */
  passwordResetFloorMs: number;
  /** Years after a certification ends before the child's profile and health data are deleted. */
  retentionYears: number;
}

export class ConfigError extends Error {}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number, not "${raw}".`);
  return value;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY: addresses or CIDR ranges (or loopback, linklocal, uniquelocal), separated by commas. */
function proxyList(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.TRUST_PROXY ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  for (const entry of entries) {
    if (PROXY_NAMES.has(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const version = isIP(address);
    // A range of /0 would trust everyone, which is what TRUST_PROXY exists to prevent.
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (version === 6 ? 128 : 32));
    if (version === 0 || !prefixOk || rest.length > 0) {
      throw new ConfigError(`TRUST_PROXY: "${entry}" is not an address, a CIDR range (e.g. 10.0.0.0/8) or one of loopback, linklocal, uniquelocal.`);
    }
  }
  return entries;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = wholeNumber(env, 'PORT', 3000);
  const missing: string[] = [];
  const required = (name: string, devDefault: string): string => {
    const value = env[name];
    if (value) return value;
    if (production) missing.push(name);
    return devDefault;
  };
  const config: Config = {
    production,
    port,
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    baseUrl: required('BASE_URL', `http://localhost:${port}`).replace(/\/$/, ''),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    dataDir: env.DATA_DIR ?? './data',
    smtpUrl: production ? required('SMTP_URL', '') : env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Tsuen <no-reply@tsuen.example.jp>',
    cookieSecret: required('COOKIE_SECRET', 'development-only-cookie-secret-not-for-production'),
    sessionIdleMinutes: wholeNumber(env, 'SESSION_IDLE_MINUTES', 30),
    rateLimitFactor: 1,
    seedFacilities: wholeNumber(env, 'SEED_FACILITIES', 0),
    loginFailureDelayMs: 250,
    trustProxy: proxyList(env),
    redisUrl: env.REDIS_URL || undefined,
    redisKeyPrefix: 'tsuen-rate-limit-',
    passwordResetFloorMs: 400,
    retentionYears: wholeNumber(env, 'RETENTION_YEARS', 5),
  };
  if (production && !config.databaseUrl) missing.push('DATABASE_URL');
  // The records of use must be kept at least 5 years (operations.md); the profile goes with them.
  if (config.retentionYears < 5) throw new ConfigError(`RETENTION_YEARS must be 5 or more, not "${env.RETENTION_YEARS}".`);
  if (missing.length > 0) {
    throw new ConfigError(
      `Tsuen will not start in production without: ${missing.join(', ')}. ` +
        'Set them in the environment (see README.md, "Environment variables").',
    );
  }
  if (production && config.cookieSecret.length < 32) {
    throw new ConfigError('COOKIE_SECRET must be at least 32 characters in production.');
  }
  return config;
}

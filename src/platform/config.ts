// Configuration is read once, here. In production, values that must not default are required
// and start-up stops with a message that says which one is missing.
export interface Config {
  production: boolean;
  port: number;
  host: string;
  /** The address people reach the service at; used in mailed links. */
  baseUrl: string;
  databaseUrl: string | undefined;
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
}

export class ConfigError extends Error {}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number, not "${raw}".`);
  return value;
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
    dataDir: env.DATA_DIR ?? './data',
    smtpUrl: production ? required('SMTP_URL', '') : env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Tsuen <no-reply@tsuen.example.jp>',
    cookieSecret: required('COOKIE_SECRET', 'development-only-cookie-secret-not-for-production'),
    sessionIdleMinutes: wholeNumber(env, 'SESSION_IDLE_MINUTES', 30),
    rateLimitFactor: 1,
    seedFacilities: wholeNumber(env, 'SEED_FACILITIES', 0),
    loginFailureDelayMs: 250,
  };
  if (production && !config.databaseUrl) missing.push('DATABASE_URL');
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

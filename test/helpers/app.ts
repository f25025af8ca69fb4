// The whole app on a fresh test database, seeded like a development install, with a settable clock.
import type { FastifyInstance } from 'fastify';
import { TestClock } from '../../src/platform/clock.ts';
import { readConfig, type Config } from '../../src/platform/config.ts';
import { seedReferenceData, seedSampleData, type SampleLogin } from '../../src/seed.ts';
import { appDeps, buildApp } from '../../src/app.ts';
import type { ServerOptions } from '../../src/platform/server.ts';
import { openTestDatabase } from './database.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle, type Db } from '../../src/platform/database.ts';

async function openDataFolder(dataDir: string): Promise<DatabaseHandle> {
  const handle = await openDatabase({ dataDir });
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

export interface TestAppOptions {
  /** Multiplies every rate limit; 100 unless given, so tests not about limits never meet one. */
  rateLimitFactor?: number;
  /** The test clock's start; 2026-11-26T01:00:00Z (10:00 in Tokyo) unless given. */
  now?: string;
  /**
   * A PGlite data folder that a command (npm run admin) has already written to, instead of a fresh
   * test database: the app migrates it and seeds the samples as on `npm start`.
   */
  dataDir?: string;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  clock: TestClock;
  config: Config;
  /** The sample accounts seeded (password SAMPLE_PASSWORD). */
  samples: SampleLogin[];
  close(): Promise<void>;
}

export const DEFAULT_TEST_NOW = '2026-11-26T01:00:00Z';

/** `env` adds to the configuration's environment (browser tests set PORT and BASE_URL). */
export async function startTestApp(options: TestAppOptions = {}, env: NodeJS.ProcessEnv = {}, server: ServerOptions = {}): Promise<TestApp> {
  const database = options.dataDir ? await openDataFolder(options.dataDir) : await openTestDatabase();
  try {
    const config: Config = {
      ...readConfig({ NODE_ENV: 'test', PORT: '3000', ...env }),
      rateLimitFactor: options.rateLimitFactor ?? 100,
      // No waiting after wrong passwords: tests count failures, they do not time them.
      loginFailureDelayMs: 0,
      // Reset requests answer at once; test/accounts/rate-limits.test.ts sets the floor.
      passwordResetFloorMs: 0,
    };
    const clock = new TestClock(new Date(options.now ?? DEFAULT_TEST_NOW));
    await seedReferenceData(database.db);
    const samples = await seedSampleData(database.db, { clock });
    const app = await buildApp(appDeps(database.db, clock, config), server);
    await app.ready();
    return {
      app,
      db: database.db,
      clock,
      config,
      samples,
      close: async () => {
        try {
          await app.close();
        } finally {
          await database.close();
        }
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

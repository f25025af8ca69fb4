// How long POST /password-reset takes for an address with an account and for one without, with
// the answer floor off and at its configured value (src/accounts/service.ts, requestPasswordReset).
// The tests check that both answers wait for the same moment; this prints real times.
//
//   npx tsx bench/password-reset-timing.ts                                   PGlite, in memory
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/password-reset-timing.ts
//                                                                             … and PostgreSQL too
//
// On PostgreSQL it works in a schema of its own (bench_reset_<pid>), dropped at the end.
// REQUESTS (default 200) sets how many requests of each kind are timed.
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { systemClock } from '../src/platform/clock.ts';
import { readConfig } from '../src/platform/config.ts';
import { migrateToLatest, type Db } from '../src/platform/database.ts';
import { onEachDatabase, summary } from './support.ts';
import { seedReferenceData, seedSampleData } from '../src/seed.ts';
import { appDeps, buildApp } from '../src/app.ts';
import { TestClient } from '../test/helpers/http.ts';

const REQUESTS = Number(process.env.REQUESTS ?? 200);
const WARM_UP = 20;

/** Times `count` reset requests, alternating an address with an account and one without. */
async function timeRequests(app: FastifyInstance, known: string[], count: number): Promise<{ known: number[]; unknown: number[] }> {
  const client = new TestClient(app);
  await client.get('/password-reset');
  const times = { known: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < 2 * count; i += 1) {
    const kind = i % 2 === 0 ? 'known' : 'unknown';
    const email = kind === 'known' ? (known[(i / 2) % known.length] as string) : `nobody${i}@example.jp`;
    const start = performance.now();
    const answer = await client.post('/password-reset', { email });
    times[kind].push(performance.now() - start);
    if (answer.status !== 303) throw new Error(`POST /password-reset answered ${answer.status}`);
  }
  return times;
}

async function bench(label: string, db: Db, schema: string | undefined): Promise<void> {
  await migrateToLatest(db, schema);
  await seedReferenceData(db);
  const known = (await seedSampleData(db)).map((login) => login.email);
  // The limits are not what is measured here.
  const base = { ...readConfig({ NODE_ENV: 'test' }), rateLimitFactor: 10_000 };
  console.log(`\n${label}: ${REQUESTS} requests of each kind`);
  for (const floorMs of [0, base.passwordResetFloorMs]) {
    const app = await buildApp(appDeps(db, systemClock, { ...base, passwordResetFloorMs: floorMs }));
    try {
      await timeRequests(app, known, WARM_UP);
      const times = await timeRequests(app, known, REQUESTS);
      console.log(`  floor ${String(floorMs).padStart(3)} ms  account:    ${summary(times.known)}`);
      console.log(`                no account: ${summary(times.unknown)}`);
    } finally {
      await app.close();
    }
  }
}

async function main(): Promise<void> {
  await onEachDatabase('reset', bench);
}

await main();

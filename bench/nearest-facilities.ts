// Benchmark of 現在地から探す: the nearest-facility query the page runs (src/facilities/search.ts),
// on as many facilities as `SEED_FACILITIES=40000 npm start` makes.
//
//   npx tsx bench/nearest-facilities.ts                                   PGlite, in memory
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/nearest-facilities.ts
//                                                                          … and PostgreSQL too
//
// On PostgreSQL it works in a schema of its own (bench_<pid>), dropped at the end, so it leaves
// the database as it found it. FACILITIES (default 40000) and QUERIES (default 1000) change the
// size. It prints the plan (which must use the GiST index facilities_location), p50/p95/p99 of the
// query over random starting points near facilities, and, for comparison, the same query with
// index scans switched off.
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { migrateToLatest, type Db } from '../src/platform/database.ts';
import { onEachDatabase, summary } from './support.ts';
import { seedReferenceData, seedSampleData } from '../src/seed.ts';
import { facilitiesInMunicipality, nearestFacilities, nearestFacilitiesQuery, type Point } from '../src/facilities/queries.ts';

const FACILITIES = Number(process.env.FACILITIES ?? 40_000);
const QUERIES = Number(process.env.QUERIES ?? 1000);
const WARM_UP = 50;
const WITHOUT_INDEX_QUERIES = 30;

async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Starting points a guardian might search from: near a random facility, up to ~5 km off. */
async function origins(db: Db, count: number): Promise<Point[]> {
  const rows = await db.selectFrom('facilities').select(['latitude', 'longitude']).orderBy(sql`random()`).limit(count).execute();
  return rows.map((r) => ({ latitude: r.latitude + (Math.random() - 0.5) * 0.09, longitude: r.longitude + (Math.random() - 0.5) * 0.11 }));
}

async function bench(label: string, db: Db, schema: string | undefined): Promise<void> {
  if (schema) {
    // As the test helper does: the extensions live in public, shared by every schema.
    await sql`create extension if not exists cube with schema public`.execute(db);
    await sql`create extension if not exists earthdistance with schema public`.execute(db);
  }
  await migrateToLatest(db, schema);
  const version = (await sql<{ v: string }>`select split_part(version(), ' ', 2) as v`.execute(db)).rows[0]?.v ?? '?';
  await seedReferenceData(db);
  const seedMs = await time(() => seedSampleData(db, { extraFacilities: FACILITIES }));
  await sql`analyze facilities`.execute(db);
  const { n } = await db.selectFrom('facilities').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  console.log(`\n${label} (PostgreSQL ${version}): ${n.toLocaleString('en')} facilities, seeded in ${(seedMs / 1000).toFixed(1)} s`);

  const userId = randomUUID(); // a guardian's favourites are part of the query
  const plan = await nearestFacilitiesQuery(db, { latitude: 37.3144, longitude: 138.7953 }, userId).explain(undefined, sql`analyze, costs off`);
  const lines = plan.map((row) => String(Object.values(row)[0]));
  console.log('  plan (EXPLAIN ANALYZE, from 小千谷市役所):');
  for (const line of lines) console.log(`    ${line}`);
  const usesIndex = lines.some((line) => /Index Scan using facilities_location/.test(line));
  console.log(usesIndex ? '  ✓ the KNN order is answered by the GiST index facilities_location' : '  ✗ THE INDEX IS NOT USED');

  const points = await origins(db, QUERIES + WARM_UP);
  for (const p of points.slice(0, WARM_UP)) await nearestFacilities(db, p, { userId, page: 1 });
  const times: number[] = [];
  for (const p of points.slice(WARM_UP)) times.push(await time(() => nearestFacilities(db, p, { userId, page: 1 })));
  console.log(`  nearest 20, ${times.length} queries:              ${summary(times)}`);

  const page5: number[] = [];
  for (const p of points.slice(WARM_UP, WARM_UP + 200)) page5.push(await time(() => nearestFacilities(db, p, { userId, page: 5 })));
  console.log(`  nearest 81–100 (page 5), ${page5.length} queries:    ${summary(page5)}`);

  // The same query with index scans off (inside a transaction, so the setting ends with it).
  const seqTimes = await db.transaction().execute(async (trx) => {
    await sql`set local enable_indexscan = off`.execute(trx);
    const out: number[] = [];
    for (const p of points.slice(WARM_UP, WARM_UP + WITHOUT_INDEX_QUERIES)) out.push(await time(() => nearestFacilities(trx, p, { userId, page: 1 })));
    return out;
  });
  console.log(`  for comparison, without the index, ${seqTimes.length} queries: ${summary(seqTimes)}`);

  // 都道府県から探す on the largest list: one municipality holding half the facilities.
  const biggest = await db
    .selectFrom('facilities')
    .select(['municipality_id', sql<number>`count(*)::int`.as('n')])
    .groupBy('municipality_id')
    .orderBy('n', 'desc')
    .executeTakeFirstOrThrow();
  const areaTimes: number[] = [];
  for (let i = 0; i < 100; i++) {
    areaTimes.push(await time(() => facilitiesInMunicipality(db, biggest.municipality_id, { age: i % 2 === 0 ? 1 : undefined, day: undefined }, { userId, page: 1 + (i % 10) })));
  }
  console.log(`  都道府県から探す, a page of ${biggest.n.toLocaleString('en')} (with count), 100 queries: ${summary(areaTimes)}`);
}

async function main(): Promise<void> {
  console.log(`Nearest-facility benchmark: ${FACILITIES.toLocaleString('en')} generated facilities, ${QUERIES} queries per run`);
  await onEachDatabase('nearest', bench);
}

await main();

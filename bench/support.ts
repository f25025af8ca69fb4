// What every benchmark shares: latency summaries, and running one bench on PGlite and then (with
// DATABASE_URL) on PostgreSQL in a schema of its own, dropped afterwards. The rush benchmark of
// the reservations work will use the same.
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/platform/database.ts';

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] ?? NaN;
}

/** p50, p95, p99 and max of a list of milliseconds. */
export function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const ms = (n: number) => `${n.toFixed(2).padStart(7)} ms`;
  return `p50 ${ms(percentile(sorted, 0.5))}  p95 ${ms(percentile(sorted, 0.95))}  p99 ${ms(percentile(sorted, 0.99))}  max ${ms(sorted.at(-1) ?? NaN)}`;
}

/** Runs the bench on an in-memory PGlite, then on PostgreSQL when DATABASE_URL is set. */
export async function onEachDatabase(name: string, bench: (label: string, db: Db, schema: string | undefined) => Promise<void>): Promise<void> {
  const pglite = await openDatabase({ dataDir: 'memory://' });
  try {
    await bench('PGlite', pglite.db, undefined);
  } finally {
    await pglite.close();
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('\n(Set DATABASE_URL to run it on PostgreSQL as well.)');
    return;
  }
  const schema = `bench_${name}_${process.pid}`;
  const postgres = await openDatabase({ url, schema });
  try {
    await sql`create extension if not exists cube with schema public`.execute(postgres.db);
    await sql`create extension if not exists earthdistance with schema public`.execute(postgres.db);
    await bench('PostgreSQL', postgres.db, schema);
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(postgres.db);
    await postgres.close();
  }
}

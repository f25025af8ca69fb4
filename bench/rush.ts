// The rush: many guardians press 予約内容を送信する in the same moment, into a few slots, through
// real HTTP against the real server (src/main.ts, in one or more processes of its own), each with
// a login session of their own and the CSRF token of a page they opened. Then the bare booking
// transaction (bookSlot) straight against PostgreSQL at the same concurrency, for comparison.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsuen_rush npm run bench:rush
//
// RUSH_GUARDIANS (default 200) guardians, each with one child (ages 0, 1 and 2 in turn), all
// approved for 柔軟利用 at RUSH_SLOTS (default 20) facilities of one municipality. Each round, every
// guardian books their child into one of that day's RUSH_SLOTS slots (places for 0/1/2-year-olds:
// 1/3/2), 60 or 90 minutes, all requests sent at once; RUSH_ROUNDS (default 5) rounds on five days
// of next month, after one warm-up round. The municipality gives 3 hours a month (the national
// bucket) plus 1 hour of its own for use at its own facilities, so the allowance runs out for the
// luckiest children. RUSH_PROCESSES=2 starts two server processes and splits the guardians
// between them.
//
// It prints requests and bookings per second, p50/p95/p99 latency, and two checks read from the
// database, which must both be 0: overbookings (a slot's places for an age class exceeded) and
// allowance overruns (a child charged more minutes in a month than the buckets hold, or booked
// more). Each round is also run with bookSlot called directly, right after its HTTP round (same
// world shape, fresh slots in the month after), and the throughput ratio HTTP/direct is printed.
// Target: ratio ≥ 0.5, HTTP p99 < 250 ms.
//
// With all requests of a round sent at once, the last of them is answered about
// RUSH_GUARDIANS / throughput after the first was sent, so p99 cannot be much below that (printed
// as the "burst bound"). Per phase it also prints the CPU milliseconds per request of the bench
// process, the server processes and PostgreSQL's backends for this database (Linux /proc), and of
// the whole machine, which includes whatever else ran meanwhile.
//
// More knobs: RUSH_SPREAD_MS (send a round's requests evenly over this many ms instead of at
// once: the latency of a steady stream rather than of a burst), RUSH_POOL (connections per server process, default 10 as in openDatabase; the
// direct run gets as many in all), RUSH_PROFILE=<folder> (the servers write node --cpu-prof
// profiles there), RUSH_NODE_ARGS (more node options for the servers).
//
// It needs PostgreSQL: PGlite has one connection, so nothing would race. It works in a schema of
// its own (bench_rush_<pid>), dropped at the end.
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { systemClock } from '../src/platform/clock.ts';
import { migrateToLatest, openDatabase, postgresPool, type Database, type Db } from '../src/platform/database.ts';
import { CalendarDate, formatMinuteOfDay } from '../src/platform/time.ts';
import { seedReferenceData } from '../src/seed.ts';
import { bookSlot } from '../src/reservations/queries.ts';
import { startServerProcesses, type ServerProcess } from '../test/helpers/server-process.ts';
import { HttpGuardian, clientAddress, closeGuardianConnections, signInDirectly } from '../test/reservations/http-guardians.ts';
import { percentile, summary } from './support.ts';

const GUARDIANS = Number(process.env.RUSH_GUARDIANS ?? 200);
const PROCESSES = Number(process.env.RUSH_PROCESSES ?? 1);
const ROUNDS = Number(process.env.RUSH_ROUNDS ?? 5);
const SLOTS = Number(process.env.RUSH_SLOTS ?? 20);
/** 0: every request of a round at the same moment. Otherwise they are sent evenly over this many ms. */
const SPREAD_MS = Number(process.env.RUSH_SPREAD_MS ?? 0);
/** Places for 0-, 1- and 2-year-olds in each slot. */
const CAPACITY: [number, number, number] = [1, 3, 2];
const NATIONAL_MINUTES = 180;
const OWN_MINUTES = 60;
/** Connections per server process (openDatabase's pool); the direct run gets as many in all. */
const POOL_PER_PROCESS = Number(process.env.RUSH_POOL ?? 10);
/** A folder: the server processes write CPU profiles there (node --cpu-prof) when they stop. */
const PROFILE_DIR = process.env.RUSH_PROFILE;
/** More node options for the server processes, separated by spaces (e.g. --import ./count-queries.mjs). */
const NODE_ARGS = (process.env.RUSH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');

const today = CalendarDate.today(systemClock);
const httpMonth = today.firstOfMonth().addMonths(1);
const directMonth = today.firstOfMonth().addMonths(2);

interface World {
  municipalityId: string;
  facilityIds: string[];
  children: Array<{ id: string; guardianId: string; pickupId: string; pickup: { name: string; relationship: string; phone: string } }>;
}

interface Attempt {
  guardian: number;
  facilityId: string;
  slotId: string;
  startMinute: number;
  endMinute: number;
}

interface RoundResult {
  ms: number;
  latencies: number[];
  booked: number;
  refused: number;
  /** Anything but a booking or a refusal: must be 0. */
  failed: string[];
}

async function buildWorld(db: Db): Promise<World> {
  await seedReferenceData(db);
  const city = await db
    .insertInto('municipalities')
    .values({ code: '999001', prefecture_code: 15, name: 'ラッシュ市', name_en: 'Rush', monthly_allowance_minutes: NATIONAL_MINUTES, office_name: 'ラッシュ市役所', office_latitude: 37.3, office_longitude: 138.8 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('allowance_buckets')
    .values({ municipality_id: city.id, position: 1, name: '市独自', minutes_per_month: OWN_MINUTES, kinds: ['regular', 'flexible'], own_facilities_only: true })
    .execute();
  const facilities = await db
    .insertInto('facilities')
    .values(Array.from({ length: SLOTS }, (_, i) => ({ municipality_id: city.id, name: `ラッシュ保育園${i + 1}`, name_kana: 'ラッシュホイクエン', address: '新潟県', phone: '0258-00-0000', latitude: 37.3, longitude: 138.8 })))
    .returning('id')
    .execute();
  const staff = await db
    .insertInto('users')
    .values(facilities.map((f) => ({ municipality_id: city.id, role: 'facility_staff' as const, facility_id: f.id, email: `staff-${randomUUID()}@example.jp`, display_name: '職員', password_hash: null, terms_version_accepted: null })))
    .returning(['id', 'facility_id'])
    .execute();
  const guardians = await db
    .insertInto('users')
    .values(Array.from({ length: GUARDIANS }, (_, i) => ({ municipality_id: city.id, role: 'guardian' as const, facility_id: null, email: `rush-${i}-${randomUUID()}@example.jp`, display_name: `保護者${i}`, password_hash: null, terms_version_accepted: null })))
    .returning('id')
    .execute();
  // 0, 1 and 2 years old on every day of both months.
  const births = [httpMonth.addMonths(-7), httpMonth.addMonths(-18), httpMonth.addMonths(-30)];
  const children = await db
    .insertInto('children')
    .values(
      guardians.map((g, i) => ({
        municipality_id: city.id,
        guardian_id: g.id,
        name: `ラッシュ こども${i}`,
        name_kana: 'ラッシュ コドモ',
        birth_date: births[i % 3]!.toString(),
        certification_number: randomUUID(),
        certification_valid_from: today.firstOfMonth().toString(),
        certification_valid_until: directMonth.lastOfMonth().toString(),
      })),
    )
    .returning(['id', 'guardian_id'])
    .execute();
  const pickup = { name: 'ラッシュ 祖母', relationship: '祖母', phone: '0258-00-0001' };
  const pickups = await db
    .insertInto('child_pickup_persons')
    .values(children.map((c) => ({ child_id: c.id, municipality_id: city.id, position: 1, ...pickup })))
    .returning(['id', 'child_id'])
    .execute();
  const pickupOf = new Map(pickups.map((p) => [p.child_id, p.id]));
  // 利用承認 at every facility, as if each child had had a first interview there.
  const now = new Date();
  for (const s of staff) {
    await db
      .insertInto('facility_approvals')
      .values(children.map((c) => ({ facility_id: s.facility_id!, child_id: c.id, municipality_id: city.id, approved: true, decided_by: s.id, decided_at: now })))
      .execute();
  }
  return {
    municipalityId: city.id,
    facilityIds: facilities.map((f) => f.id),
    children: children.map((c) => ({ id: c.id, guardianId: c.guardian_id, pickupId: pickupOf.get(c.id)!, pickup })),
  };
}

/** One slot per facility on the day, 9:00–15:00; every guardian's attempt that round. */
async function roundOf(db: Db, world: World, day: CalendarDate, round: number): Promise<Attempt[]> {
  const slots = await db
    .insertInto('slots')
    .values(
      world.facilityIds.map((facilityId) => ({
        facility_id: facilityId,
        municipality_id: world.municipalityId,
        date: day.toString(),
        starts_at: `${day}T09:00:00+09:00`,
        ends_at: `${day}T15:00:00+09:00`,
        capacity_age0: CAPACITY[0],
        capacity_age1: CAPACITY[1],
        capacity_age2: CAPACITY[2],
        kinds: ['interview', 'regular', 'flexible'],
      })),
    )
    .returning(['id', 'facility_id'])
    .execute();
  return world.children.map((_, i) => {
    const slot = slots[(i * 7 + round * 3) % slots.length]!;
    const startMinute = 9 * 60 + 60 * ((i + round) % 5);
    const length = (i + round) % 2 === 0 ? 60 : 90;
    return { guardian: i, facilityId: slot.facility_id, slotId: slot.id, startMinute, endMinute: startMinute + length };
  });
}

/** Waits until the i-th request's turn when a round is spread out (RUSH_SPREAD_MS). */
function turnOf(i: number, count: number): Promise<void> | undefined {
  if (SPREAD_MS <= 0 || i === 0) return undefined;
  return new Promise((resolve) => setTimeout(resolve, (i * SPREAD_MS) / count));
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

async function httpRound(world: World, guardians: HttpGuardian[], attempts: Attempt[]): Promise<RoundResult> {
  const { value: answers, ms } = await timed(() =>
    Promise.all(
      attempts.map(async (a, i) => {
        await turnOf(i, attempts.length);
        const kid = world.children[a.guardian]!;
        return guardians[a.guardian]!.book({
          facilityId: a.facilityId,
          childId: kid.id,
          kind: 'flexible',
          slotId: a.slotId,
          start: formatMinuteOfDay(a.startMinute),
          end: formatMinuteOfDay(a.endMinute),
          pickup: kid.pickupId,
        });
      }),
    ),
  );
  return {
    ms,
    latencies: answers.map((a) => a.ms),
    booked: answers.filter((a) => a.status === 303 && /^\/reservations\/[0-9a-f-]{36}\/done$/.test(a.location ?? '')).length,
    refused: answers.filter((a) => a.status === 409).length,
    failed: answers.filter((a) => a.status !== 409 && !(a.status === 303 && /^\/reservations\//.test(a.location ?? ''))).map((a) => `${a.status} ${a.location ?? ''}`),
  };
}

async function directRound(db: Db, world: World, attempts: Attempt[]): Promise<RoundResult> {
  const latencies: number[] = [];
  const failed: string[] = [];
  let booked = 0;
  let refused = 0;
  const { ms } = await timed(() =>
    Promise.all(
      attempts.map(async (a, i) => {
        await turnOf(i, attempts.length);
        const kid = world.children[a.guardian]!;
        const start = performance.now();
        try {
          const result = await bookSlot(db, systemClock, { id: kid.guardianId, role: 'guardian' }, {
            slotId: a.slotId,
            childId: kid.id,
            kind: 'flexible',
            startMinute: a.startMinute,
            endMinute: a.endMinute,
            idempotencyKey: randomUUID(),
            comment: '',
            pickup: kid.pickup,
          });
          if (result.outcome === 'booked') booked++;
          else refused++;
        } catch (error) {
          failed.push(String(error));
        }
        latencies.push(performance.now() - start);
      }),
    ),
  );
  return { ms, latencies, booked, refused, failed };
}

interface Totals {
  requests: number;
  booked: number;
  refused: number;
  failed: string[];
  ms: number;
  latencies: number[];
}

function total(rounds: RoundResult[]): Totals {
  return {
    requests: rounds.reduce((n, r) => n + r.latencies.length, 0),
    booked: rounds.reduce((n, r) => n + r.booked, 0),
    refused: rounds.reduce((n, r) => n + r.refused, 0),
    failed: rounds.flatMap((r) => r.failed),
    ms: rounds.reduce((n, r) => n + r.ms, 0),
    latencies: rounds.flatMap((r) => r.latencies),
  };
}

function printRound(label: string, r: RoundResult): void {
  console.log(`  ${label.padEnd(16)} ${String(r.latencies.length).padStart(5)} requests in ${r.ms.toFixed(0).padStart(5)} ms: ${String(r.booked).padStart(4)} booked, ${String(r.refused).padStart(4)} refused${r.failed.length ? `, ${r.failed.length} FAILED` : ''}   ${summary(r.latencies)}`);
}

function printTotals(label: string, t: Totals): { perSecond: number; p99: number } {
  const perSecond = t.requests / (t.ms / 1000);
  const sorted = [...t.latencies].sort((a, b) => a - b);
  console.log(`  ${label}: ${perSecond.toFixed(0)} requests/s (${(t.booked / (t.ms / 1000)).toFixed(0)} bookings/s); ${t.booked} booked, ${t.refused} refused, ${t.failed.length} failed`);
  console.log(`    latency over ${t.requests} requests: ${summary(t.latencies)}`);
  if (SPREAD_MS <= 0) console.log(`    burst bound: ${GUARDIANS} requests at once / ${perSecond.toFixed(0)} per s = ${((1000 * GUARDIANS) / perSecond).toFixed(0)} ms for the last of them`);
  if (t.failed.length > 0) console.log(`    first failures: ${[...new Set(t.failed)].slice(0, 5).join(' | ')}`);
  return { perSecond, p99: percentile(sorted, 0.99) };
}

/** Slots whose places for an age class are more than their capacity (provisional + confirmed). */
async function overbookings(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from (
      select s.id, r.age_class, count(*) as taken,
             (array[s.capacity_age0, s.capacity_age1, s.capacity_age2])[r.age_class + 1] as capacity
      from slots s join reservations r on r.slot_id = s.id
      where r.status in ('provisional', 'confirmed')
      group by s.id, r.age_class
    ) per_class where taken > capacity`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * Children whose month is over its allowance, counted two ways: the charges of bookings that still
 * count (per bucket and in all), and the minutes of the bookings themselves.
 */
async function allowanceOverruns(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with counting as (
      select r.id, r.child_id, r.municipality_id,
             date_trunc('month', r.starts_at at time zone 'Asia/Tokyo')::date as month,
             extract(epoch from r.ends_at - r.starts_at) / 60 as minutes
      from reservations r
      where r.kind <> 'interview' and r.status in ('provisional', 'confirmed', 'late_cancelled')
    ),
    allowance as (
      select m.id as municipality_id,
             m.monthly_allowance_minutes + coalesce((select sum(b.minutes_per_month) from allowance_buckets b where b.municipality_id = m.id), 0) as minutes
      from municipalities m
    ),
    booked as (
      select child_id, municipality_id, month, sum(minutes) as minutes from counting group by child_id, municipality_id, month
    ),
    charged as (
      select c.child_id, c.month, c.bucket, sum(c.minutes) as minutes
      from reservation_allowance_charges c join counting on counting.id = c.reservation_id
      group by c.child_id, c.month, c.bucket
    ),
    bucket_size as (
      select m.id as municipality_id, 'national' as bucket, m.monthly_allowance_minutes as minutes from municipalities m
      union all
      select b.municipality_id, b.id::text, b.minutes_per_month from allowance_buckets b
    ),
    over as (
      select b.child_id from booked b join allowance a using (municipality_id) where b.minutes > a.minutes
      union
      select ch.child_id from charged ch join children k on k.id = ch.child_id
        join bucket_size s on s.municipality_id = k.municipality_id and s.bucket = ch.bucket
      where ch.minutes > s.minutes
      union
      select ch.child_id from charged ch join children k on k.id = ch.child_id join allowance a on a.municipality_id = k.municipality_id
      group by ch.child_id, ch.month, a.minutes having sum(ch.minutes) > a.minutes
    )
    select count(distinct child_id)::int as n from over`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Bookings whose charges do not add up to their minutes (a booking that escaped the allowance). */
async function unchargedBookings(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from reservations r
    where r.kind <> 'interview' and r.status in ('provisional', 'confirmed')
      and extract(epoch from r.ends_at - r.starts_at) / 60 <> coalesce((select sum(c.minutes) from reservation_allowance_charges c where c.reservation_id = r.id), 0)`.execute(db);
  return rows[0]?.n ?? 0;
}

/** CPU seconds used so far by a process (user + system), or 0 if it is gone or unreadable. */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of the whole machine, busy and in all (/proc/stat), to see what else ran. */
function machineCpuSeconds(): { busy: number; all: number } {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
    const all = ticks.reduce((a, b) => a + b, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { busy: (all - idle) / 100, all: all / 100 };
  } catch {
    return { busy: 0, all: 0 };
  }
}

/** CPU seconds used during a phase, and the machine's capacity over it. */
interface CpuUse {
  bench: number;
  servers: number;
  postgres: number;
  machineBusy: number;
  machineAll: number;
}

const noCpu: CpuUse = { bench: 0, servers: 0, postgres: 0, machineBusy: 0, machineAll: 0 };

function addCpu(a: CpuUse, b: CpuUse): CpuUse {
  return { bench: a.bench + b.bench, servers: a.servers + b.servers, postgres: a.postgres + b.postgres, machineBusy: a.machineBusy + b.machineBusy, machineAll: a.machineAll + b.machineAll };
}

function describeCpu(use: CpuUse, requests: number, servers: number): string {
  const ms = (seconds: number) => ((seconds * 1000) / requests).toFixed(2);
  const busy = use.machineAll > 0 ? (100 * use.machineBusy) / use.machineAll : 0;
  return (
    `CPU ms per request: bench process ${ms(use.bench)}, ` +
    (servers > 0 ? `server${servers > 1 ? 's' : ''} ${ms(use.servers)}, ` : '') +
    `PostgreSQL backends ${ms(use.postgres)}; whole machine ${ms(use.machineBusy)} (busy ${busy.toFixed(0)}%)`
  );
}

/**
 * Measures CPU use over a phase (Linux only; elsewhere zeros). Backends that start during the
 * phase count from 0; those that end before it stops are lost, so stop it before closing a pool.
 * The machine's figure includes everything else that ran meanwhile (other sessions).
 */
async function cpuMeter(db: Db, serverPids: number[]): Promise<{ stop(): Promise<CpuUse> }> {
  const backends = async () => (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db)).rows.map((r) => r.pid);
  const self = process.cpuUsage();
  const servers = serverPids.reduce((n, pid) => n + cpuSecondsOf(pid), 0);
  const postgres = new Map((await backends()).map((pid) => [pid, cpuSecondsOf(pid)]));
  const machine = machineCpuSeconds();
  return {
    async stop() {
      const serversNow = serverPids.reduce((n, pid) => n + cpuSecondsOf(pid), 0);
      const machineNow = machineCpuSeconds();
      const selfUsed = process.cpuUsage(self);
      const pids = new Set([...postgres.keys(), ...(await backends())]);
      const postgresUsed = [...pids].reduce((n, pid) => n + Math.max(0, cpuSecondsOf(pid) - (postgres.get(pid) ?? 0)), 0);
      return {
        bench: (selfUsed.user + selfUsed.system) / 1e6,
        servers: serversNow - servers,
        postgres: postgresUsed,
        machineBusy: machineNow.busy - machine.busy,
        machineAll: machineNow.all - machine.all,
      };
    },
  };
}

function machine(version: string): string {
  const memory = `${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
  const load = loadavg().map((n) => n.toFixed(2)).join(' ');
  let model = cpus()[0]?.model ?? '?';
  try {
    model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? model;
  } catch {
    // not Linux
  }
  return `${cpus().length} CPUs (${model}), ${memory}, PostgreSQL ${version}, Node ${process.version}, load average ${load}`;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('bench:rush needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/tsuen_rush).');
    console.error('PGlite has a single connection, so no two bookings could race and the figures would mean nothing.');
    process.exit(2);
  }
  const schema = `bench_rush_${process.pid}`;
  const admin = await openDatabase({ url, schema });
  let servers: ServerProcess[] = [];
  let direct: Db | undefined;
  try {
    await sql`create extension if not exists cube with schema public`.execute(admin.db);
    await sql`create extension if not exists earthdistance with schema public`.execute(admin.db);
    await sql`create extension if not exists btree_gist with schema public`.execute(admin.db);
    await migrateToLatest(admin.db, schema);
    const db = admin.db;
    const version = (await sql<{ v: string }>`select split_part(version(), ' ', 2) as v`.execute(db)).rows[0]?.v ?? '?';
    console.log(`Rush benchmark: ${GUARDIANS} guardians ${SPREAD_MS > 0 ? `spread evenly over ${SPREAD_MS} ms` : 'at once'}, ${SLOTS} slots a round (places for 0/1/2-year-olds ${CAPACITY.join('/')}), ${ROUNDS} rounds after a warm-up, ${PROCESSES} server process${PROCESSES === 1 ? '' : 'es'}`);
    console.log(`Machine: ${machine(version)}`);

    const world = await buildWorld(db);
    const tokens = await signInDirectly(db, world.children.map((c) => c.guardianId));

    servers = await startServerProcesses(PROCESSES, {
      databaseUrl: url,
      schema,
      env: { TRUST_PROXY: 'loopback' },
      nodeArgs: [...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []), ...NODE_ARGS],
    });
    const guardians = tokens.map((token, i) => new HttpGuardian(servers[i % servers.length]!.baseUrl, token, clientAddress(i + 1)));
    // Each opens マイページ for the CSRF token, a few at a time, as families would over a morning.
    for (let i = 0; i < guardians.length; i += 20) await Promise.all(guardians.slice(i, i + 20).map((g) => g.open()));

    // The bare transaction, with as many connections as the server processes had in all.
    direct = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: postgresPool(url, { schema, max: POOL_PER_PROCESS * PROCESSES }) }),
    });
    // The two phases take turns, a round each, so that both meet the machine in the same state:
    // run one after the other, the ratio moved by ±0.1 with whatever else the machine was doing.
    console.log(`\nThrough HTTP (${servers.map((s) => s.baseUrl).join(', ')}), and bookSlot straight against PostgreSQL (${POOL_PER_PROCESS * PROCESSES} connections, ${GUARDIANS} callers at once), a round each in turn:`);
    const httpRounds: RoundResult[] = [];
    const directRounds: RoundResult[] = [];
    let httpCpu = noCpu;
    let directCpu = noCpu;
    for (let round = 0; round <= ROUNDS; round++) {
      const label = round === 0 ? 'warm-up' : `round ${round}`;
      const httpAttempts = await roundOf(db, world, httpMonth.addDays(round), round);
      const httpMeter = await cpuMeter(db, servers.map((s) => s.pid));
      const httpResult = await httpRound(world, guardians, httpAttempts);
      const httpUse = await httpMeter.stop();
      printRound(`HTTP   ${label}`, httpResult);

      const directAttempts = await roundOf(db, world, directMonth.addDays(round), round);
      const directMeter = await cpuMeter(db, []);
      const directResult = await directRound(direct, world, directAttempts);
      const directUse = await directMeter.stop();
      printRound(`direct ${label}`, directResult);
      if (round > 0) {
        httpRounds.push(httpResult);
        httpCpu = addCpu(httpCpu, httpUse);
        directRounds.push(directResult);
        directCpu = addCpu(directCpu, directUse);
      }
    }
    console.log(`  HTTP:   ${describeCpu(httpCpu, GUARDIANS * ROUNDS, servers.length)}`);
    console.log(`  direct: ${describeCpu(directCpu, GUARDIANS * ROUNDS, 0)}`);
    closeGuardianConnections();
    await Promise.all(servers.map((s) => s.stop()));

    console.log('\nSummary (warm-up rounds left out):');
    const http = printTotals('HTTP  ', total(httpRounds));
    const bare = printTotals('direct', total(directRounds));
    const ratio = http.perSecond / bare.perSecond;
    if (SPREAD_MS > 0) console.log(`  (requests were spread over ${SPREAD_MS} ms: the throughput figures and their ratio are the arrival rate, not capacity)`);
    const over = await overbookings(db);
    const overruns = await allowanceOverruns(db);
    const uncharged = await unchargedBookings(db);
    const failures = total(httpRounds).failed.length + total(directRounds).failed.length;
    console.log(`  ratio HTTP/direct (throughput): ${ratio.toFixed(3)}  (target ≥ 0.5) ${ratio >= 0.5 ? '✓' : '✗'}`);
    console.log(`  HTTP p99: ${http.p99.toFixed(0)} ms  (target < 250 ms) ${http.p99 < 250 ? '✓' : '✗'}`);
    console.log(`  overbookings: ${over}   allowance overruns: ${overruns}   bookings not fully charged: ${uncharged}   failed requests: ${failures}  ${over + overruns + uncharged + failures === 0 ? '✓' : '✗ MUST BE 0'}`);
    if (over + overruns + uncharged + failures > 0) process.exitCode = 1;
  } finally {
    closeGuardianConnections();
    await Promise.allSettled(servers.map((s) => s.stop()));
    await direct?.destroy();
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
  }
}

await main();

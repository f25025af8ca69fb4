// Jobs that run once a Tokyo day, whichever app process comes first. The claim (a row of
// daily_job_runs for the job and day) is written in the same transaction as the job's work: a
// second process waits on the first one's uncommitted claim and then finds it taken; a process
// that dies mid-job leaves no claim, so the next pass of any process runs the job again.
import type { Clock } from './clock.ts';
import type { Db } from './database.ts';
import { CalendarDate } from './time.ts';

export interface DailyJob {
  name: string;
  /** Does the day's work in `tx`; returns counts worth keeping (rows deleted, mails queued…). */
  run(tx: Db, clock: Clock): Promise<Record<string, number>>;
}

/** Runs the job for today unless it already ran today; returns its counts, or undefined if it had run. */
export async function runDailyJob(db: Db, clock: Clock, job: DailyJob): Promise<Record<string, number> | undefined> {
  const day = CalendarDate.today(clock).toString();
  return db.transaction().execute(async (tx) => {
    const claimed = await tx
      .insertInto('daily_job_runs')
      .values({ job: job.name, day, finished_at: clock.now(), result: '{}' })
      .onConflict((oc) => oc.columns(['job', 'day']).doNothing())
      .returning('job')
      .executeTakeFirst();
    if (!claimed) return undefined;
    const result = await job.run(tx, clock);
    await tx.updateTable('daily_job_runs').set({ finished_at: clock.now(), result: JSON.stringify(result) }).where('job', '=', job.name).where('day', '=', day).execute();
    return result;
  });
}

export interface DailyJobsOptions {
  db: Db;
  clock: Clock;
  jobs: readonly DailyJob[];
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** Tries every job now and every `intervalMs`; returns a function that stops it. */
export function startDailyJobs(options: DailyJobsOptions, intervalMs = 15 * 60_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const pass = () => {
    running = running.then(async () => {
      for (const job of options.jobs) {
        if (stopped) return;
        try {
          const result = await runDailyJob(options.db, options.clock, job);
          if (result) options.log.info({ job: job.name, ...result }, 'daily job ran');
        } catch (error) {
          options.log.warn({ job: job.name, error: String(error) }, 'daily job failed; it runs again at the next pass');
        }
      }
    });
  };
  pass();
  const timer = setInterval(pass, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

// The database decides races: two requests for the same e-mail address or the same time slot both
// pass their checks, and a unique or exclusion constraint refuses the second. This module turns
// that refusal into a value the caller answers with, by the constraint's name. node-postgres and
// PGlite errors both carry PostgreSQL's SQLSTATE in `code` and the constraint in `constraint`.

const UNIQUE_VIOLATION = '23505';
const EXCLUSION_VIOLATION = '23P01';
const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';

/** A row refused because another row holds its place. */
export interface Conflict {
  /** unique: the same key (23505); exclusion: an overlapping one, e.g. a time range (23P01). */
  readonly kind: 'unique' | 'exclusion';
  /** The constraint or unique index that refused the row, e.g. 'users_email_unique'. */
  readonly constraint: string;
}

function sqlStateOf(error: unknown): { code?: unknown; constraint?: unknown } {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown; constraint?: unknown }) : {};
}

/** The conflict if the error is a unique or exclusion violation, else undefined. */
export function conflictOf(error: unknown): Conflict | undefined {
  const { code, constraint } = sqlStateOf(error);
  if (typeof constraint !== 'string') return undefined;
  if (code === UNIQUE_VIOLATION) return { kind: 'unique', constraint };
  if (code === EXCLUSION_VIOLATION) return { kind: 'exclusion', constraint };
  return undefined;
}

/**
 * Waits for `work` (a whole transaction: after a violation the transaction is aborted) and, if a
 * constraint named in `answers` refused a row, gives that constraint's answer instead:
 *
 *   return conflictAs(db.transaction().execute(…), { users_email_unique: { kind: 'email-taken' } });
 *
 * Other errors, including conflicts on constraints not named, are thrown as they are.
 */
export async function conflictAs<T, A>(work: Promise<T>, answers: Readonly<Record<string, A>>): Promise<T | A> {
  try {
    return await work;
  } catch (error) {
    const conflict = conflictOf(error);
    if (conflict && Object.hasOwn(answers, conflict.constraint)) return answers[conflict.constraint] as A;
    throw error;
  }
}

/**
 * A serialization failure or a deadlock: PostgreSQL rolled the transaction back only because
 * another ran at the same moment, and running it again may succeed.
 */
export function mayRetry(error: unknown): boolean {
  const { code } = sqlStateOf(error);
  return code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED;
}

/**
 * Runs a transaction again (up to `attempts` times in all) while it fails with a serialization
 * failure or deadlock; `run` must start a new transaction each time. Other errors are thrown at once.
 */
export async function retryingTransaction<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !mayRetry(error)) throw error;
    }
  }
}

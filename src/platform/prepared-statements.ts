// Named (prepared) statements on PostgreSQL: each connection parses and plans a statement once and
// then only binds and executes it. Measured in bench/rush.ts, this halves PostgreSQL's CPU per
// booking request (docs/performance.md). node-postgres prepares a query that has a `name`; Kysely
// sends text and values only, so this client names what it is given, by a hash of the text.
//
// Bounded: a connection keeps at most MAX_NAMED statements (texts beyond it run unnamed), and
// statements with many parameters (bulk inserts, long `in` lists, whose texts vary with the row
// count) are never named.
//
// A schema change under a running process (another process migrating) makes PostgreSQL refuse a
// prepared `select *` whose columns changed ("cached plan must not change result type"). That
// statement fails once; the connection then forgets its statements and prepares them again.
import { createHash } from 'node:crypto';
import pg from 'pg';

const MAX_NAMED = 300;
const MAX_PARAMETERS = 32;

interface ConnectionWithStatements {
  parsedStatements: Record<string, string>;
}

function isStalePlan(error: unknown): boolean {
  return error instanceof Error && (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(error.message);
}

export class PreparingClient extends pg.Client {
  /** The statements this connection has named: text → name. */
  #named = new Map<string, string>();
  #stale = false;

  // Kysely calls query(text, values) and awaits the promise; every other form passes through.
  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || values.length > MAX_PARAMETERS || callback !== undefined) {
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    return this.#prepared(text, values) as never;
  }

  async #prepared(text: string, values: unknown[]) {
    const query = (config: unknown) => (super.query as (c: unknown) => Promise<pg.QueryResult>)(config);
    if (this.#stale) {
      this.#stale = false;
      await query('deallocate all');
      this.#named.clear();
      (this as unknown as { connection: ConnectionWithStatements }).connection.parsedStatements = {};
    }
    let name = this.#named.get(text);
    if (name === undefined) {
      if (this.#named.size >= MAX_NAMED) return query({ text, values });
      name = `k${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
      this.#named.set(text, name);
    }
    try {
      return await query({ name, text, values });
    } catch (error) {
      if (isStalePlan(error)) this.#stale = true;
      throw error;
    }
  }
}

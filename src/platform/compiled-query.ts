// A hot query built and compiled to SQL once per process, then run with new values. Kysely builds
// an immutable tree and compiles it on every call; in the rush benchmark that was about a fifth of
// the server's CPU (docs/performance.md). Only for queries whose shape never changes: the values
// are the only thing that differs between calls. Compiled SQL carries no schema name (the schema is
// the connection's search_path), so one compilation serves every database of the process.
import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database.ts';

const NAME = Symbol('compiled-query argument');

/** A stand-in for a value, left in the compiled query's parameters and replaced on every call. */
interface Placeholder {
  readonly [NAME]: string;
}

function isPlaceholder(value: unknown): value is Placeholder {
  return typeof value === 'object' && value !== null && NAME in value;
}

/** What an argument may be: one value, never a list (Kysely would spread a list into `in (…)`). */
type ArgValue = string | number | boolean | Date | null;

/** Gives the builder a stand-in for the named argument, typed as the argument itself. */
export type Arg<Args extends Record<string, ArgValue>> = <K extends keyof Args & string>(name: K) => Args[K];

/**
 * Compiles `build` on first use (with stand-ins for the arguments) and returns a function that runs
 * it with the given arguments. Throws at that first use if an argument did not become a parameter:
 * a query whose shape depends on an argument's value (`$if(arg(…))`) cannot be compiled once.
 */
export function compiledQuery<Args extends Record<string, ArgValue>, Row>(build: (db: Db, arg: Arg<Args>) => Compilable<Row>): (db: Db, args: Args) => Promise<Row[]> {
  let compiled: { query: CompiledQuery<Row>; values: Array<(args: Args) => unknown> } | undefined;
  function compile(db: Db) {
    const asked = new Set<string>();
    const query = build(db, ((name: string) => {
      asked.add(name);
      return { [NAME]: name } satisfies Placeholder;
    }) as unknown as Arg<Args>).compile();
    const values = query.parameters.map((p) => {
      if (!isPlaceholder(p)) return () => p;
      asked.delete(p[NAME]);
      const name = p[NAME];
      return (args: Args) => args[name];
    });
    if (asked.size > 0) throw new Error(`compiledQuery: ${[...asked].join(', ')} did not become a parameter of: ${query.sql}`);
    return { query, values };
  }
  return async (db, args) => {
    compiled ??= compile(db);
    const { query, values } = compiled;
    const result = await db.executeQuery<Row>({ ...query, parameters: values.map((value) => value(args)) });
    return result.rows;
  };
}

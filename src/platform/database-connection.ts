// Start-up's first contact with PostgreSQL. A wrong or unreachable address must end in one line
// that says which address failed and why (src/main.ts prints it), not in a stack trace from
// whichever query happened to come first. The password is never shown.
import pg from 'pg';

/** How long to wait for a server that does not answer (a firewall that drops packets, say). */
const CONNECT_TIMEOUT_MS = 10_000;

const URL_FORMAT = 'It should look like postgres://user:password@host:5432/database.';

export class DatabaseConnectionError extends Error {
  constructor(
    /** The address tried, with any password masked. */
    readonly address: string,
    /** Why it failed, in a few words: "connection refused", 'database "x" does not exist'. */
    readonly reason: string,
    /** What to check next. */
    readonly hint: string,
  ) {
    super(`cannot connect to the database at ${address} (${reason}). ${hint}`);
  }
}

/** `//user:password@` in a URL (the password is the second part). */
const PASSWORD_IN_URL = /(\/\/[^/@:\s]*:)[^@\s]*@/g;

/** The connection string with its password replaced by ***, also when it is not a valid URL. */
export function maskedDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(PASSWORD_IN_URL, '$1***@').replace(/(password=)[^&\s]*/gi, '$1***');
  }
}

/** Why the address cannot be a PostgreSQL connection URL, or undefined if it can be. */
function malformed(url: string): string | undefined {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return 'not a valid URL';
  }
  // socket: is node-postgres's form for a Unix socket (socket:/run/postgresql?db=tsuen).
  return ['postgres:', 'postgresql:', 'socket:'].includes(protocol) ? undefined : 'not a postgres:// URL';
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'no answer',
  ECONNRESET: 'the connection was reset',
};
const NETWORK_HINT = 'Is PostgreSQL running there, and are the host and port right?';

function explain(address: string, error: unknown): DatabaseConnectionError {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  if (typeof code === 'string' && code in NETWORK_REASONS) return new DatabaseConnectionError(address, NETWORK_REASONS[code] ?? code, NETWORK_HINT);
  if (error instanceof pg.DatabaseError) {
    // The server's own words name the database or user; they never contain the password.
    if (code === '3D000') return new DatabaseConnectionError(address, text, 'Create that database, or correct its name in the address.');
    if (code === '28P01' || code === '28000') return new DatabaseConnectionError(address, text, 'Check the user name and password in the address, and the server’s pg_hba.conf.');
    return new DatabaseConnectionError(address, text, NETWORK_HINT);
  }
  // pg's own words for a server that never answered, or closed the connection at once.
  if (/timeout/i.test(text)) return new DatabaseConnectionError(address, `no answer within ${CONNECT_TIMEOUT_MS / 1000} seconds`, NETWORK_HINT);
  if (/terminated/i.test(text)) return new DatabaseConnectionError(address, 'the connection was closed before PostgreSQL answered', NETWORK_HINT);
  // Masked in case a message ever repeats the URL.
  return new DatabaseConnectionError(address, text.replace(PASSWORD_IN_URL, '$1***@'), NETWORK_HINT);
}

/** Connects once with a client of its own, and throws a DatabaseConnectionError if that fails. */
export async function checkDatabaseConnection(url: string): Promise<void> {
  const address = maskedDatabaseUrl(url);
  const problem = malformed(url);
  if (problem) throw new DatabaseConnectionError(address, problem, URL_FORMAT);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (error) {
    throw explain(address, error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

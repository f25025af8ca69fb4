// Start-up with a wrong or unreachable DATABASE_URL: `src/main.ts`, run as `npm start` runs it,
// ends with exit code 1 and one line on stderr that names the variable, the address it tried
// (password masked) and why — no stack trace. The cases that need a running PostgreSQL server
// (a database or user it does not have) use the server of TEST_DATABASE_URL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'n0t-t0-be-pr1nted';
const serverUrl = process.env.TEST_DATABASE_URL;

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(databaseUrl: string): Promise<Exit> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: '0' };
  delete env.NODE_ENV;
  delete env.NODE_TEST_CONTEXT; // the child is a program, not a test
  return new Promise((resolve) => {
    // The timeout ends a child that (wrongly) started serving, so the test fails instead of hanging.
    // It is generous: on a loaded 2-core machine loading the app alone has taken over 30 seconds.
    execFile(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, timeout: 180_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Exit 1 and exactly one line: the variable, the masked address, the reason, and no stack. */
function assertOneLine(exit: Exit, maskedUrl: string, reason: RegExp): void {
  const output = `${exit.stdout}${exit.stderr}`;
  assert.equal(exit.code, 1, output);
  assert.equal(exit.stdout, '');
  const lines = exit.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, not:\n${exit.stderr}`);
  const line = lines[0] ?? '';
  assert.ok(line.startsWith(`Tsuen: cannot connect to the database at DATABASE_URL=${maskedUrl} (`), line);
  assert.match(line, reason);
  assert.doesNotMatch(output, /\n\s+at |Error:|Migration/, 'no stack trace');
  assert.ok(!output.includes(PASSWORD), 'the password is never printed');
}

/** TEST_DATABASE_URL's server with another database or user, and how it must be printed. */
function onServer(change: { database?: string; user?: string }): { url: string; masked: string } {
  const url = new URL(serverUrl ?? '');
  if (change.database) url.pathname = `/${change.database}`;
  if (change.user) {
    url.username = change.user;
    url.password = PASSWORD;
  }
  const masked = new URL(url);
  if (change.user) masked.password = '***';
  return { url: url.toString(), masked: masked.toString() };
}

describe('start-up with a DATABASE_URL that does not work', () => {
  test('nothing listens at the port: connection refused', async () => {
    const exit = await start(`postgres://tsuen:${PASSWORD}@127.0.0.1:1/tsuen`);
    assertOneLine(exit, 'postgres://tsuen:***@127.0.0.1:1/tsuen', /\(connection refused\)\. Is PostgreSQL running there/);
  });

  test('a host that does not exist', async () => {
    const exit = await start(`postgres://tsuen:${PASSWORD}@no-such-host.invalid:5432/tsuen`);
    // "no such host", or where DNS cannot be reached at all, "could not be looked up".
    assertOneLine(exit, 'postgres://tsuen:***@no-such-host.invalid:5432/tsuen', /\((no such host|the host name could not be looked up)\)/);
  });

  test('a malformed URL (the port is not a number)', async () => {
    const exit = await start(`postgres://tsuen:${PASSWORD}@db.example.jp:five/tsuen`);
    assertOneLine(exit, 'postgres://tsuen:***@db.example.jp:five/tsuen', /\(not a valid URL\)\. It should look like postgres:\/\/user:password@host:5432\/database\.$/);
  });

  test('not a postgres:// URL at all', async () => {
    const exit = await start('localhost:5432/tsuen');
    assertOneLine(exit, 'localhost:5432/tsuen', /\(not a postgres:\/\/ URL\)/);
  });

  const skip = serverUrl ? false : 'set TEST_DATABASE_URL: these cases need a running PostgreSQL server';

  test('a database the server does not have', { skip }, async () => {
    const { url, masked } = onServer({ database: 'tsuen_no_such_database' });
    const exit = await start(url);
    assertOneLine(exit, masked, /\(database "tsuen_no_such_database" does not exist\)\. Create that database/);
  });

  test('a user the server does not know (authentication fails)', { skip }, async () => {
    const { url, masked } = onServer({ user: 'tsuen_no_such_user' });
    const exit = await start(url);
    assertOneLine(exit, masked, /\(role "tsuen_no_such_user" does not exist\)\. Check the user name and password/);
  });
});

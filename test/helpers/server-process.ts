// The real server (src/main.ts, as `npm start` runs it) in a process of its own, on a PostgreSQL
// schema the caller already migrated and filled: for tests and benchmarks that need several
// processes serving one database. The caller must stop it, also when a test fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  pid: number;
  /** The last lines it wrote (stdout and stderr), for a failure message. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not ended within a few seconds. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  databaseUrl: string;
  schema: string;
  /** More environment (e.g. TRUST_PROXY). */
  env?: NodeJS.ProcessEnv;
  /** Node options before the entry, e.g. ['--cpu-prof'] to profile it. */
  nodeArgs?: string[];
  /** How long start-up may take; tsx compiles the app first, which is slow on a busy machine. */
  startTimeoutMs?: number;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const KEEP_LINES = 200;

/** Children still running; killed if this process ends without stopping them (a crash, an exit()). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  // The port was free a moment ago; if someone took it since, try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePort(options);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error) || !error.message.includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnFreePort(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    DATABASE_SCHEMA: options.schema,
    HOST: '127.0.0.1',
    PORT: String(port),
    BASE_URL: baseUrl,
    ...options.env,
  };
  delete env.NODE_ENV;
  delete env.NODE_TEST_CONTEXT; // the child is a program, not a test
  delete env.SMTP_URL;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line !== '') lines.push(line);
    if (lines.length > KEEP_LINES) lines.splice(0, lines.length - KEEP_LINES);
  };
  // Read everything it writes, or a full pipe would stop it.
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  running.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killed = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killed);
  };
  const server: ServerProcess = { baseUrl, pid: child.pid ?? -1, output: () => lines.join('\n'), stop };
  try {
    await waitUntilServing(child, baseUrl, () => server.output(), options.startTimeoutMs ?? 180_000);
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- its output ---\n${server.output()}`);
  }
  return server;
}

/** Until src/main.ts says it listens (so the port is ours, not another program's) and /health answers. */
async function waitUntilServing(child: ChildProcess, baseUrl: string, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server process ended at start-up (${child.exitCode ?? child.signalCode})`);
    if (!output().includes('Tsuen is running at')) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server process did not answer ${baseUrl}/health within ${timeoutMs / 1000} s`);
}

/** Starts several at once and stops them all if any fails to start. */
export async function startServerProcesses(count: number, options: ServerProcessOptions): Promise<ServerProcess[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startServerProcess(options)));
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()));
    throw failed.reason;
  }
  return servers;
}

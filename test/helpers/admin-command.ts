// The operators' command (`npm run admin -- …`, src/municipalities/admin-cli.ts) run as a program
// in a child process, with the environment that names its database.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CommandRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the command with `env` added to a clean copy of this process's environment (no test
 * runner variables, no database settings of its own).
 */
export function runAdminCommand(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CommandRun> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['NODE_TEST_CONTEXT', 'NODE_ENV', 'DATABASE_URL', 'DATABASE_SCHEMA', 'DATA_DIR']) delete base[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/municipalities/admin-cli.ts', ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

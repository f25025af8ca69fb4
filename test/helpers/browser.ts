// Browser tests: the system chromium driven by playwright-core, against the app on a real port.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestApp, type TestAppOptions } from './app.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * How long a browser action or wait may take. Generous: CI machines are shared and at times three
 * times slower than usual, and a walk that is merely slow must not fail (a broken one still does).
 */
export const BROWSER_TIMEOUT_MS = 60_000;

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** Whether the system chromium is installed (CI installs it; see .ci/run). */
export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Saves a full-page PNG as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const path = `${resultsDir}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A free TCP port on 127.0.0.1, found by listening on port 0 and closing again. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('no port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

export interface TestServer extends TestApp {
  /** http://127.0.0.1:<port>, also the configuration's baseUrl, so mailed links lead here. */
  baseUrl: string;
}

/** Like startTestApp, but listening on a real port (the configuration knows its address). */
export async function startServer(options: TestAppOptions = {}, givenPort?: number): Promise<TestServer> {
  const port = givenPort ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const testApp = await startTestApp(options, { PORT: String(port), BASE_URL: baseUrl });
  try {
    await testApp.app.listen({ port, host: '127.0.0.1' });
  } catch (error) {
    await testApp.close();
    throw error;
  }
  return { ...testApp, baseUrl };
}

/**
 * Runs axe-core on the page against WCAG 2.2 A/AA (what JIS X 8341-3 AA asks) and fails with
 * the list of violations. Needs a page from `browser.newContext()`, not `browser.newPage()`.
 */
export async function assertAccessible(page: Page, name: string): Promise<void> {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const problems = results.violations.map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(problems, [], `${name}: accessibility violations at ${page.url()}`);
}

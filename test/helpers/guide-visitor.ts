// The people of the guide's browser walks (test/browser/guide-*.test.ts): each at one browser, on
// a phone or a desktop, taking numbered screenshots that are checked with axe-core (and, on the
// phone, for sideways scrolling), reading mail in the development mailbox and logging in.
//
// GUARDIAN_WIDTH=360 runs the phone on a narrower screen; screenshots then start "w360-".
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { BROWSER_TIMEOUT_MS, assertAccessible, browserAvailable, freePort, launchBrowser, screenshot, startServer, type TestServer } from './browser.ts';
import type { TestAppOptions } from './app.ts';
import { MANUAL_FIGURES, manualFigureFor } from '../../src/support/manual.ts';

export const PHONE = { width: Number(process.env.GUARDIAN_WIDTH ?? 390), height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
const SHOT_PREFIX = PHONE.width === 390 ? '' : `w${PHONE.width}-`;

/**
 * The manual's screenshots (served at /static/manual/, committed): a capture that the manual lists
 * in MANUAL_FIGURES (src/support/manual.ts) is saved here too, so the manual shows the real screens.
 */
export const MANUAL_DIR = fileURLToPath(new URL('../../public/manual/', import.meta.url));

/** Subjects of the mails the walks open. */
export const SUBJECTS = {
  applicationLink: '利用申請のご案内',
  accountIssued: 'アカウント発行のお知らせ',
  passwordReset: 'パスワードリセットのご案内',
  oneTimePassword: 'ワンタイムパスワードのお知らせ',
} as const;

/**
 * Names screenshots step<N>-<seq>-<name>, numbered in the order they are taken across everyone in
 * the walk. N is the walk's step unless a screenshot names its own.
 */
export class Shots {
  private count = 0;
  readonly names: string[] = [];

  constructor(readonly step: number) {}

  next(name: string, step = this.step): string {
    this.count += 1;
    const file = `${SHOT_PREFIX}step${step}-${String(this.count).padStart(2, '0')}-${name}`;
    this.names.push(file);
    return file;
  }
}

/** The screenshots of a login: <who>-login, <who>-otp (and the mail read for it), <who>-terms. */
export interface LoginShots {
  who: string;
  /** The guide step the screenshots are numbered under; the walk's step unless given. */
  step?: number;
}

export interface LoginOptions {
  /** Saves each screen of the login; none are saved unless given. */
  capture?: LoginShots;
  /** Whether a one-time password is asked for (2-step verification on); true unless given. */
  expectOtp?: boolean;
  /** Fails unless the terms are asked for (a first login); otherwise they are agreed to if asked. */
  expectTerms?: boolean;
}

/** One person at one browser. */
export class GuideVisitor {
  constructor(
    readonly page: Page,
    private readonly shots: Shots,
    private readonly phone: boolean,
  ) {}

  /** Saves the current screen (see Shots) after checking nothing scrolls sideways, and runs axe-core. */
  async capture(name: string, step?: number): Promise<void> {
    await this.page.waitForLoadState('load');
    if (this.phone) {
      // Compared with the device width, not innerWidth: a mobile browser widens its layout
      // viewport (and zooms out) to fit content that overflows.
      const scrollWidth = await this.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= PHONE.width, `${name}: the page is ${scrollWidth}px wide on a ${PHONE.width}px screen (${this.page.url()})`);
    }
    await screenshot(this.page, this.shots.next(name, step));
    await this.saveForManual(name, step ?? this.shots.step);
    await assertAccessible(this.page, name);
  }

  /** The same screen for the manual, at CSS pixel size, if the manual shows it (the 390 px phone only). */
  private async saveForManual(name: string, step: number): Promise<void> {
    const figure = manualFigureFor(step, name);
    if (!figure || SHOT_PREFIX !== '') return;
    assert.equal(this.phone, MANUAL_FIGURES[figure].device === 'phone', `${figure}: the manual shows it on a ${MANUAL_FIGURES[figure].device}`);
    await mkdir(MANUAL_DIR, { recursive: true });
    await this.page.screenshot({ path: `${MANUAL_DIR}${figure}.png`, fullPage: true, scale: 'css' });
  }

  /** A button by its name: the whole name when given as a string. */
  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** A link by its name: the whole name when given as a string. */
  link(name: string | RegExp): Locator {
    return this.page.getByRole('link', { name, exact: typeof name === 'string' });
  }

  /** A heading (the page's h1 unless another level is given) whose name has `name`. */
  heading(name: string | RegExp, level = 1): Locator {
    return this.page.getByRole('heading', { level, name });
  }

  /** The text of the page's main content. */
  main(): Promise<string> {
    return this.page.locator('main').innerText();
  }

  /**
   * Opens the development mailbox, then the newest mail to `address` whose subject has `subject`.
   * With `shotName`, saves <shotName>-mailbox and <shotName>-mail.
   */
  async openNewestMail(address: string, subject: string, shotName?: string, step?: number): Promise<void> {
    await this.page.goto('/dev/mailbox');
    if (shotName) await this.capture(`${shotName}-mailbox`, step);
    const row = this.page.getByRole('row').filter({ hasText: address }).filter({ hasText: subject }).first();
    await row.getByRole('link').click();
    await this.heading(subject).waitFor();
    if (shotName) await this.capture(`${shotName}-mail`, step);
  }

  /** The text of the open mail. */
  mailBody(): Locator {
    return this.page.locator('[data-qa=mail-body]');
  }

  /** A link in the open mail, by part of its address. */
  mailLink(path: string): Locator {
    return this.page.locator('a[data-qa=mail-link]').filter({ hasText: path });
  }

  /** Reads the 6-digit one-time password from the newest mail, in a second tab (the mail app). */
  async readOneTimePassword(address: string, shotName?: string, step?: number): Promise<string> {
    const mailApp = new GuideVisitor(await this.page.context().newPage(), this.shots, this.phone);
    try {
      await mailApp.openNewestMail(address, SUBJECTS.oneTimePassword, shotName, step);
      const body = await mailApp.mailBody().innerText();
      const code = /ワンタイムパスワード：(\d{6})/.exec(body)?.[1];
      assert.ok(code, `no one-time password in: ${body}`);
      return code;
    } finally {
      await mailApp.page.close();
    }
  }

  /**
   * Login ID + password (on /login, opened unless the page is there already) → the one-time
   * password from the mailbox → the terms when they are asked for.
   */
  async logIn(email: string, password: string, options: LoginOptions = {}): Promise<void> {
    const { capture: shots, expectOtp = true, expectTerms = false } = options;
    if (this.pathname() !== '/login') await this.page.goto('/login');
    await this.page.getByLabel('ログインID（メールアドレス）').fill(email);
    await this.page.getByLabel('パスワード').fill(password);
    if (shots) await this.capture(`${shots.who}-login`, shots.step);
    await this.button('ログイン').click();
    if (!expectOtp) return;

    await this.heading('ワンタイムパスワードの入力').waitFor();
    if (shots) await this.capture(`${shots.who}-otp`, shots.step);
    const code = await this.readOneTimePassword(email, shots ? `${shots.who}-otp` : undefined, shots?.step);
    await this.page.getByLabel('ワンタイムパスワード（6桁の数字）').fill(code);
    await this.button('ログイン').click();

    await this.page.waitForURL((url) => !url.pathname.startsWith('/login'));
    if (expectTerms) assert.equal(this.pathname(), '/terms', `${email}: the terms are asked for at the first login`);
    // The terms are asked for at the first login only.
    if (this.pathname() !== '/terms') return;
    await this.heading('利用規約・プライバシーポリシーに関する同意').waitFor();
    await this.page.getByLabel('利用規約とプライバシーポリシーに同意します').check();
    if (shots) await this.capture(`${shots.who}-terms`, shots.step);
    await this.button('同意する').click();
    await this.page.waitForURL((url) => url.pathname !== '/terms');
  }

  private pathname(): string {
    return new URL(this.page.url()).pathname;
  }
}

export interface VisitorOptions extends BrowserContextOptions {
  /** A phone (PHONE, touch, checked for sideways scrolling) rather than a desktop (DESKTOP). */
  phone: boolean;
}

/** A new person: their own browser context (Japanese, Tokyo time, the server as base URL) and page. */
export async function newVisitor(browser: Browser, server: TestServer, shots: Shots, options: VisitorOptions): Promise<{ context: BrowserContext; visitor: GuideVisitor }> {
  const { phone, ...extra } = options;
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: phone ? PHONE : DESKTOP,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    ...extra,
  });
  context.setDefaultTimeout(BROWSER_TIMEOUT_MS);
  return { context, visitor: new GuideVisitor(await context.newPage(), shots, phone) };
}

/** What a walk is given: a fresh server, a browser, and the screenshots its people take. */
export interface GuideWalk {
  browser: Browser;
  server: TestServer;
  shots: Shots;
}

/**
 * Runs a walk through guide step `step` (its screenshots step<step>-NN-*) against a fresh server
 * and browser, skipped without chromium; then lists the screenshots taken and closes both.
 */
export async function walkGuide(
  t: TestContext,
  step: number,
  walk: (walk: GuideWalk) => Promise<void>,
  /** Runs before the server starts, knowing its address (an operator's command); returns how to start it. */
  beforeServer?: (baseUrl: string) => Promise<TestAppOptions>,
): Promise<void> {
  if (!browserAvailable()) {
    t.skip('chromium is not installed at /usr/bin/chromium');
    return;
  }
  // CI walks the guide once, in its PGlite phase: the walks test screens, not the database.
  if (process.env.SKIP_BROWSER_TESTS === '1') {
    t.skip('SKIP_BROWSER_TESTS=1');
    return;
  }
  const port = await freePort();
  const server = await startServer(beforeServer ? await beforeServer(`http://127.0.0.1:${port}`) : {}, port);
  const browser = await launchBrowser();
  const shots = new Shots(step);
  try {
    await walk({ browser, server, shots });
  } finally {
    t.diagnostic(`screenshots: ${shots.names.join(', ')}`);
    await browser.close();
    await server.close();
  }
}

/**
 * Headless Chromium for the browser specs: the system browser (`/usr/bin/chromium`, Debian's
 * `chromium` package; `CHROMIUM` overrides the path) driven by `playwright-core`, which never
 * downloads a browser. One browser per spec file, a fresh profile each time.
 *
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 * await screenshot(page, 'transports-websocket');
 * await browser.close();
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The browser's executable. */
export const CHROMIUM_PATH = process.env['CHROMIUM'] ?? '/usr/bin/chromium';

/** Where each run's screenshots go (CI keeps the folder: see `.ci/run`). */
export const SCREENSHOT_DIR = resolve(__dirname, '../../../.scratch/screenshots');

/** The flags that work on the CI machines (as root, no GPU, no network besides the specs'). */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A launched browser: a persistent context on a fresh profile; `close()` also removes the profile. */
export interface Chromium {
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Launches headless Chromium on a fresh `--user-data-dir`. */
export async function launchChromium(): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'rxmcp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
  });
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as `<SCREENSHOT_DIR>/<name>.png`; resolves with its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Resolves once `check` (run in the page) returns true, polling; rejects naming `what` after
 * `timeoutMs` with the page's last answer.
 */
export async function untilInPage<A>(
  page: Page,
  check: (arg: A) => boolean,
  arg: A,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  try {
    await page.waitForFunction(check as (arg: unknown) => boolean, arg, { timeout: timeoutMs, polling: 20 });
  } catch (error) {
    const seen = await page
      .evaluate(() =>
        JSON.stringify((window as unknown as { mcp?: { seen?: unknown } }).mcp?.seen ?? document.body.innerText),
      )
      .catch(() => '?');
    throw new Error(`Timed out waiting in the page for ${what}; it saw ${seen}`, { cause: error });
  }
}

/**
 * The Angular demo (demo/angular, built with @angular/build) in headless Chromium against the
 * everything server on another origin: click a tool and see its progress bar and result, answer an
 * elicitation form, watch the live resource panel, and the connection indicator through a restart.
 * Screenshots in `.scratch/screenshots/angular-demo-*.png`.
 */
import { spawn } from 'node:child_process';
import type { Page } from 'playwright-core';
import { serveFolder, type ServedFolder } from '../../demo/angular/static-server.js';
import { binPath, ensureBuiltCli, everythingServer, root } from '../everything/built-cli.js';
import { spawnServing, type ServingChild } from '../support/serving-child.js';
import { launchChromium, screenshot, untilInPage, type Chromium } from './support/chromium.js';

const BUILD_TIMEOUT_MS = 600_000;
const demoOutput = `${root}/.scratch/demo-angular/browser`;

let browser: Chromium;
let demo: ServedFolder;
let server: ServingChild;
let page: Page;

/** `node --import tsx demo/angular/build.ts`, resolved when it exits 0. */
const buildDemo = () =>
  new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/angular/build.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`The Angular build failed (${code}):\n${output}`)),
    );
  });

const serve = (port: string) =>
  spawnServing(process.execPath, [binPath, 'run', everythingServer, '--port', port, '--cors', demo.url], root);
const text = (selector: string) => page.locator(selector).innerText();

beforeAll(async () => {
  await Promise.all([buildDemo(), ensureBuiltCli()]);
  [browser, demo] = await Promise.all([launchChromium(), serveFolder(demoOutput)]);
  server = await serve('0');
  page = await browser.newPage();
  await page.goto(`${demo.url}/?server=${encodeURIComponent(server.url)}`);
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  if (page) await screenshot(page, 'angular-demo-final').catch(() => undefined);
  await server?.stop();
  await Promise.all([browser?.close(), demo?.close()]);
});

describe('the Angular demo in Chromium', () => {
  it('shows the connection as ready and lists the tools', async () => {
    await untilInPage(
      page,
      () => document.querySelector('#indicator')?.getAttribute('data-status') === 'ready',
      undefined,
      'the indicator to say ready',
    );
    await page.locator('[data-tool="test_tool_with_progress"]').waitFor();
    expect(await page.locator('[data-tool]').count()).toBeGreaterThan(20);
  });

  it('runs a tool on click: a progress bar while it runs, then its result', async () => {
    // Record every value the progress bar is rendered with.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const value = document.querySelector('#progress')?.getAttribute('value');
        if (value != null && seen.at(-1) !== value) seen.push(value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    });
    await page.click('[data-tool="test_tool_with_progress"]');
    await untilInPage(
      page,
      () => document.querySelector('#result')?.textContent === 'Tool with progress executed successfully',
      undefined,
      'the result',
    );
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.some((value) => Number(value) > 0)).toBe(true);
    expect(seen.every((value) => ['0', '50', '100'].includes(value))).toBe(true);
    expect(await page.locator('#progress').count()).toBe(0);
    await screenshot(page, 'angular-demo-progress');
  });

  it('answers an elicitation with the form', async () => {
    await page.click('[data-tool="test_elicitation"]');
    await page.locator('#elicitation').waitFor();
    expect(await text('#elicitation h2')).toBe('The server asks: demo message');
    await page.fill('[data-field="username"]', 'ada');
    await page.fill('[data-field="email"]', 'ada@example.com');
    await screenshot(page, 'angular-demo-elicitation');
    await page.click('#accept');
    await untilInPage(
      page,
      () => document.querySelector('#result')?.textContent?.startsWith('User response') === true,
      undefined,
      'the result',
    );
    expect(await text('#result')).toBe(
      'User response: action=accept, content={"username":"ada","email":"ada@example.com"}',
    );
    expect(await page.locator('#elicitation').count()).toBe(0);
  });

  it('keeps the resource panel live', async () => {
    await untilInPage(
      page,
      () => /version \d+$/.test(document.querySelector('#resource')?.textContent ?? ''),
      undefined,
      'the resource',
    );
    const before = Number(/version (\d+)$/.exec(await text('#resource'))![1]);
    await page.click('#touch');
    await untilInPage(
      page,
      (next: string) => document.querySelector('#resource')?.textContent === next,
      `Watched resource, version ${before + 1}`,
      'the update',
    );
  });

  it('shows the server going away on the indicator, and recovers', async () => {
    const port = new URL(server.url).port;
    await server.stop('SIGKILL');
    await untilInPage(
      page,
      () => document.querySelector('#indicator')?.getAttribute('data-status') !== 'ready',
      undefined,
      'the indicator to leave ready',
    );
    await screenshot(page, 'angular-demo-offline');
    server = await serve(port);
    await untilInPage(
      page,
      () => document.querySelector('#indicator')?.getAttribute('data-status') === 'ready',
      undefined,
      'ready again',
    );
    await page.click('[data-tool="test_simple_text"]');
    await untilInPage(
      page,
      () => document.querySelector('#result')?.textContent === 'This is a simple text response for testing.',
      undefined,
      'a call after the restart',
    );
    await untilInPage(
      page,
      () => document.querySelector('#resource')?.textContent === 'Watched resource, version 0',
      undefined,
      'the resource of the new server',
    );
  });
});

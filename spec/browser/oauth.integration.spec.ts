/**
 * OAuth 2.1 in a real browser: a page on its own origin connects an McpClient to
 * `rxmcp run demo/everything-server.ts --oauth-issuer <oidc-provider> --cors <page origin>`.
 * The 401 sends the client through discovery (Protected Resource Metadata, then the provider's
 * metadata, both cross-origin), `browserPopup()` opens the authorization URL in a real popup,
 * the spec plays the user there (signs in and consents on the provider's pages), the provider
 * redirects the popup to the page's `/oauth-callback.html`, which hands the code back with
 * `completeBrowserPopup()`; the token request (PKCE, DPoP-bound: the provider supports DPoP) goes
 * from the page's origin, and the call is sent again with the token. The page's own requests are
 * read off the browser's network events.
 */
import type { Page, Request } from 'playwright-core';
import { BUILD_TIMEOUT_MS, ensureBuiltCli, serveEverythingCli } from '../everything/built-cli.js';
import { startProvider } from '../auth/support/oauth-user-agent.js';
import type { ServingChild } from '../support/serving-child.js';
import { launchChromium, screenshot, type Chromium } from './support/chromium.js';
import { servePage, type PageOrigin } from './support/page-origin.js';

const ROOT = `${__dirname}/../..`;

let browser: Chromium;
let origin: PageOrigin;
let provider: ServingChild;
let server: ServingChild;

beforeAll(async () => {
  await ensureBuiltCli();
  [browser, origin] = await Promise.all([launchChromium(), servePage('spec/browser/fixtures/oauth-page.ts')]);
  provider = await startProvider(ROOT, { browserOrigin: origin.url });
  // --oauth-scope: the challenge and the resource metadata name the scope the client must ask for.
  server = await serveEverythingCli([
    '--oauth-issuer',
    provider.url,
    '--oauth-scope',
    'mcp:tools',
    '--cors',
    origin.url,
  ]);
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([server?.stop(), provider?.stop()]);
  await Promise.all([browser?.close(), origin?.close()]);
});

/** Plays the user in the popup: signs in as `account` and consents, until the popup closes itself. */
async function actAsUser(popup: Page, account: string): Promise<string[]> {
  const prompts: string[] = [];
  while (!popup.isClosed()) {
    await popup.waitForLoadState('load').catch(() => undefined);
    if (popup.isClosed()) break;
    const url = new URL(popup.url());
    if (!url.pathname.startsWith('/interaction/')) {
      // The callback page: it reports to the opener and closes the popup.
      await popup.waitForEvent('close', { timeout: 20_000 });
      break;
    }
    const { prompt } = JSON.parse(await popup.innerText('body')) as { prompt: string };
    prompts.push(prompt);
    const navigated = popup.waitForURL((next) => next.href !== url.href, { timeout: 20_000 }).catch(() => undefined);
    // A real form POST, as the provider's own login and consent pages would send.
    await popup.evaluate(
      ([action, who]) => {
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = `${location.pathname}/${action}`;
        const input = Object.assign(document.createElement('input'), { name: 'account', value: who });
        form.append(input);
        document.body.append(form);
        form.submit();
      },
      [prompt === 'login' ? 'login' : 'consent', account] as const,
    );
    await navigated;
  }
  return prompts;
}

describe('an McpClient in Chromium authorizing through a popup against a real OpenID provider', () => {
  let page: Page;
  const requests: Request[] = [];

  beforeAll(async () => {
    page = await browser.newPage();
    // The whole context's requests: the page's and the popup's.
    browser.context.on('request', (request) => requests.push(request));
    await page.goto(origin.url);
    await page.waitForFunction(() => window.oauth !== undefined);
  });

  afterAll(async () => {
    if (page) await screenshot(page, 'oauth-after-sign-in').catch(() => undefined);
    await page?.close();
  });

  it('runs discovery, the popup, PKCE and a DPoP-bound token, then the call goes through', async () => {
    await page.evaluate((url) => window.oauth.start(url), server.url);
    const popupOpened = page.waitForEvent('popup', { timeout: 30_000 });
    const called = page.evaluate(() => window.oauth.call('test_simple_text'));
    const popup = await popupOpened;
    const opened = new URL(popup.url());
    expect(opened.origin).toBe(provider.url);
    const prompts = await actAsUser(popup, 'alice');
    expect(prompts).toEqual(['login', 'consent']);
    expect(await called).toBe('This is a simple text response for testing.');

    // The authorization request: PKCE S256, the resource indicator naming the MCP endpoint, the page's redirect URI.
    const authorization = requests.find((request) => request.url().startsWith(`${provider.url}/auth`));
    const query = new URL(authorization!.url()).searchParams;
    expect(query.get('code_challenge_method')).toBe('S256');
    expect(query.get('scope')?.split(' ')).toContain('mcp:tools');
    expect(query.get('client_id')).toBe('browser-app');
    expect(query.get('resource')).toBe(`${server.url}/mcp`);
    expect(query.get('redirect_uri')).toBe(`${origin.url}/oauth-callback.html`);

    // The token request left the page's own origin (CORS) with the verifier and a DPoP proof.
    const token = requests.find(
      (request) => request.url().startsWith(`${provider.url}/token`) && request.method() === 'POST',
    );
    expect(token).toBeDefined();
    expect(new URLSearchParams(token!.postData() ?? '').get('code_verifier')).toMatch(/^[\w-]{43,128}$/);
    expect(await token!.headerValue('dpop')).toMatch(/^ey/);

    // The MCP requests after sign-in carry the DPoP-bound token and a fresh proof.
    const authorized = requests.filter(
      (request) =>
        request.url() === `${server.url}/mcp` && request.method() === 'POST' && request.headers()['authorization'],
    );
    expect(authorized.length).toBeGreaterThan(0);
    for (const request of authorized) {
      expect(request.headers()['authorization']).toMatch(/^DPoP ey/);
      expect(request.headers()['dpop']).toMatch(/^ey/);
    }
  });

  it('keeps the token: the next call needs no popup', async () => {
    const popups: Page[] = [];
    const listen = (popup: Page) => popups.push(popup);
    page.on('popup', listen);
    expect(await page.evaluate(() => window.oauth.call('test_simple_text'))).toBe(
      'This is a simple text response for testing.',
    );
    page.off('popup', listen);
    expect(popups).toEqual([]);
  });
});

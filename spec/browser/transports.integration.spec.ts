/**
 * rxmcp in a real browser: headless Chromium loads a page bundled from the root entry, served from
 * another origin than `rxmcp run demo/everything-server.ts --port N --cors <page origin>`, and
 * drives it over Streamable HTTP (in the 2025 era and, negotiated with `versionNegotiation: 'auto'`,
 * the 2026-07-28 era), WebSocket and legacy SSE. What the page sends is read off the browser's own
 * network events. One screenshot per transport in `.scratch/screenshots/`.
 */
import type { Page } from 'playwright-core';
import { binPath, BUILD_TIMEOUT_MS, ensureBuiltCli, everythingServer, root } from '../everything/built-cli.js';
import { spawnServing, type ServingChild } from '../support/serving-child.js';
import { launchChromium, screenshot, untilInPage, type Chromium } from './support/chromium.js';
import { servePage, type PageOrigin } from './support/page-origin.js';
import type { PageTransport } from './fixtures/page.js';

interface Sent {
  readonly method?: string;
  readonly id?: string | number;
  readonly params?: {
    name?: string;
    requestId?: string | number;
    notifications?: { resourceSubscriptions?: string[] };
  };
}

/** Polls `check` (Node side) every 10 ms until it holds, failing with `what` after 10 s. */
function until(check: () => boolean, what: () => string): Promise<void> {
  return new Promise<void>((done, fail) => {
    const deadline = Date.now() + 10_000;
    const poll = () => (check() ? done() : Date.now() > deadline ? fail(new Error(what())) : setTimeout(poll, 10));
    poll();
  });
}

let browser: Chromium;
let origin: PageOrigin;
let server: ServingChild;
let serverUrl: string;

const serve = (port: string) =>
  spawnServing(process.execPath, [binPath, 'run', everythingServer, '--port', port, '--cors', origin.url], root);

beforeAll(async () => {
  await ensureBuiltCli();
  [browser, origin] = await Promise.all([launchChromium(), servePage('spec/browser/fixtures/page.ts')]);
  server = await serve('0');
  serverUrl = server.url;
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await server?.stop();
  await Promise.all([browser?.close(), origin?.close()]);
});

/** Every JSON-RPC message the page sends (POST bodies and WebSocket frames), and the POSTs it aborted. */
function recordSent(page: Page, aborted: Sent[]): Sent[] {
  const sent: Sent[] = [];
  const add = (body: string | null | undefined) => {
    if (!body) return;
    try {
      const parsed: unknown = JSON.parse(body);
      sent.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    } catch {
      // Not JSON-RPC.
    }
  };
  page.on('request', (request) => request.method() === 'POST' && add(request.postData()));
  page.on('requestfailed', (request) => {
    const body = request.method() === 'POST' ? request.postData() : null;
    if (body) aborted.push(JSON.parse(body) as Sent);
  });
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => add(typeof payload === 'string' ? payload : payload.toString())),
  );
  return sent;
}

describe.each<PageTransport>(['streamable-http', 'streamable-http-2026', 'websocket', 'sse'])(
  'a page on another origin, over %s',
  (kind) => {
    const modern = kind === 'streamable-http-2026';
    let page: Page;
    let sent: Sent[];
    const aborted: Sent[] = [];
    const errors: string[] = [];

    beforeAll(async () => {
      page = await browser.newPage();
      sent = recordSent(page, aborted);
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(origin.url);
      await page.waitForFunction(() => window.mcp !== undefined);
      await page.evaluate(([k, url]) => window.mcp.start(k, url), [kind, serverUrl] as const);
    });

    afterAll(async () => {
      if (!page) return;
      await screenshot(page, `transports-${kind}`).catch(() => undefined);
      await page.evaluate(() => window.mcp.stop()).catch(() => undefined);
      await page.close();
    });

    it('connects across origins and lists the tools', async () => {
      await untilInPage(page, () => window.mcp.status() === 'ready', undefined, 'ready');
      expect(await page.evaluate(() => window.mcp.agreed())).toEqual(
        modern ? { era: 'modern', protocolVersion: '2026-07-28' } : { era: 'legacy', protocolVersion: '2025-11-25' },
      );
      expect(sent.some((message) => message.method === 'initialize')).toBe(!modern);
      const tools = await page.evaluate(() => window.mcp.listTools());
      expect(tools).toEqual(expect.arrayContaining(['test_simple_text', 'test_tool_with_progress', 'test_sampling']));
      await untilInPage(page, () => window.mcp.seen.tools.includes('test_simple_text'), undefined, 'tools$ to emit');
      expect(await page.evaluate(() => window.mcp.call('test_simple_text'))).toBe(
        'This is a simple text response for testing.',
      );
    });

    it('calls a tool with progress', async () => {
      const { progress, text } = await page.evaluate(() => window.mcp.callWithProgress('test_tool_with_progress'));
      expect(progress).toEqual([0, 50, 100]);
      expect(text).toBe('Tool with progress executed successfully');
    });

    it(`cancels a call by unsubscribing: ${modern ? 'its POST is aborted' : 'notifications/cancelled names the call'}`, async () => {
      const mark = sent.length;
      expect(await page.evaluate(() => window.mcp.cancelAtFirstProgress('test_tool_with_progress'))).toEqual([
        'progress',
      ]);
      const call = sent.slice(mark).find((message) => message.method === 'tools/call');
      expect(call?.id).toBeDefined();
      if (modern) {
        // A 2026-07-28 request is cancelled by closing its stream: the browser aborts the POST.
        await until(
          () => aborted.some((message) => message.id === call!.id),
          () => `the POST of ${call!.id} was not aborted: ${JSON.stringify(aborted)}`,
        );
      } else {
        await until(
          () =>
            sent.some(
              (message) => message.method === 'notifications/cancelled' && message.params?.requestId === call!.id,
            ),
          () => `no notifications/cancelled for ${call!.id}: ${JSON.stringify(sent.slice(mark))}`,
        );
      }
      // The connection carries on.
      expect(await page.evaluate(() => window.mcp.call('test_simple_text'))).toBe(
        'This is a simple text response for testing.',
      );
    });

    it('keeps tools$ live on notifications/tools/list_changed', async () => {
      await page.evaluate(() => window.mcp.call('test_trigger_tool_change'));
      await untilInPage(
        page,
        () => window.mcp.seen.tools.includes('test_dynamic_tool'),
        undefined,
        'the added tool in tools$',
      );
      await page.evaluate(() => window.mcp.call('test_trigger_tool_change'));
      await untilInPage(
        page,
        () => !window.mcp.seen.tools.includes('test_dynamic_tool'),
        undefined,
        'the removed tool to leave tools$',
      );
    });

    it('follows a resource with resource$', async () => {
      await page.evaluate(() => window.mcp.watch());
      await untilInPage(page, () => window.mcp.seen.resource.length === 1, undefined, 'the first read');
      const bumped = await page.evaluate(() => window.mcp.call('test_touch_watched_resource'));
      await untilInPage(
        page,
        (text: string) => window.mcp.seen.resource.at(-1) === text,
        bumped,
        `resource$ to show "${bumped}"`,
      );
      if (modern) {
        // The 2026-07-28 era has no resources/subscribe: the watch rides subscriptions/listen.
        expect(sent.filter((message) => message.method === 'resources/subscribe')).toHaveLength(0);
        expect(
          sent.some(
            (message) =>
              message.method === 'subscriptions/listen' &&
              message.params?.notifications?.resourceSubscriptions?.includes('test://watched-resource'),
          ),
        ).toBe(true);
      } else {
        expect(sent.filter((message) => message.method === 'resources/subscribe')).toHaveLength(1);
      }
    });

    it('answers sampling and elicitation in the page', async () => {
      expect(await page.evaluate(() => window.mcp.call('test_sampling', { prompt: 'hello' }))).toBe(
        'LLM response: the page read "hello"',
      );
      expect(await page.evaluate(() => window.mcp.call('test_elicitation', { message: 'Who are you?' }))).toBe(
        'User response: action=accept, content={"username":"page-user","email":"page@example.com"}',
      );
      expect(await page.evaluate(() => window.mcp.seen.answered)).toEqual(['sampling', 'elicitation']);
    });

    it('shows the server dying in state$ and recovers when it is back', async () => {
      const mark = await page.evaluate(() => window.mcp.seen.states.length);
      const lists = await page.evaluate(() => window.mcp.seen.toolLists);
      const reads = await page.evaluate(() => window.mcp.seen.resource.length);
      const port = new URL(serverUrl).port;
      await server.stop('SIGKILL');
      await untilInPage(
        page,
        (from: number) => window.mcp.seen.states.slice(from).some((s) => s === 'closed!' || s === 'reconnecting'),
        mark,
        'state$ to leave ready',
      );
      await untilInPage(page, () => window.mcp.status() !== 'ready', undefined, 'the state not to be ready');
      server = await serve(port);
      await untilInPage(page, () => window.mcp.status() === 'ready', undefined, 'ready again');
      await untilInPage(
        page,
        (before: number) => window.mcp.seen.toolLists > before && window.mcp.seen.tools.includes('test_simple_text'),
        lists,
        'tools$ to emit again',
      );
      expect(await page.evaluate(() => window.mcp.call('test_simple_text'))).toBe(
        'This is a simple text response for testing.',
      );
      // The restarted server starts at version 0; resource$ reads it again and follows its updates.
      await untilInPage(
        page,
        (from: number) => window.mcp.seen.resource.slice(from).includes('Watched resource, version 0'),
        reads,
        'resource$ to read again',
      );
      expect(await page.evaluate(() => window.mcp.call('test_touch_watched_resource'))).toBe(
        'Watched resource, version 1',
      );
      await untilInPage(
        page,
        (from: number) => window.mcp.seen.resource.slice(from).at(-1) === 'Watched resource, version 1',
        reads,
        'resource$ to follow the new server',
      );
      expect(errors).toEqual([]);
    });
  },
);

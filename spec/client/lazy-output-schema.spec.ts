import { firstValueFrom } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import type { McpClient as McpClientType } from '../../lib/client/mcp-client.js';
import type { McpError } from '../../lib/protocol/errors.js';
import type * as InterpretedValidator from '../../lib/schema/interpreted-validator.js';
import { createPeer, tool } from './peer.js';

// The default JSON Schema engine of `McpClient` is loaded by `import()` the first time a result
// has an `outputSchema` to be checked against. Each spec gets a fresh module registry (so a fresh,
// not yet loaded engine) and counts how often the engine module is loaded.

const ENGINE = '../../lib/schema/interpreted-validator';
const weather = tool('weather', {
  outputSchema: { type: 'object', properties: { temperature: { type: 'number' } }, required: ['temperature'] },
});

/** A server with `weather` (an outputSchema) and `plain` (none), answering `structured` for both. */
function serverAnswering(structured: () => unknown) {
  return createPeer({
    capabilities: { tools: {} },
    handlers: {
      'tools/list': () => ({ tools: [weather, tool('plain')] }),
      'tools/call': () => ({ content: [], structuredContent: structured() }),
    },
  });
}

interface Fresh {
  McpClient: typeof McpClientType;
  /** A test scheduler of the same registry (its rxjs is the one the client runs on). */
  scheduler(): TestScheduler;
  /** How often the engine module has been loaded. */
  loads(): number;
}

/**
 * Runs `body` in a fresh module registry (the engine's `import()` included, so the whole body runs
 * inside) whose engine module fails to load its first `failures` times.
 */
function withFreshClient(body: (fresh: Fresh) => Promise<void>, failures = 0): Promise<void> {
  let loads = 0;
  let failing = failures;
  return jest.isolateModulesAsync(async () => {
    jest.doMock(ENGINE, () => {
      loads++;
      if (failing-- > 0) throw new Error('chunk unavailable');
      return jest.requireActual<typeof InterpretedValidator>(ENGINE);
    });
    const { McpClient } = await import('../../lib/client/mcp-client.js');
    const { createMcpTestScheduler } = await import('../../lib/testing/index.js');
    const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));
    await body({ McpClient, scheduler, loads: () => loads });
  });
}

afterEach(() => jest.dontMock(ENGINE));

describe('the default outputSchema engine, loaded on first need', () => {
  it('is not loaded for results of tools without an outputSchema', () =>
    withFreshClient(async ({ McpClient, loads }) => {
      const client = new McpClient(serverAnswering(() => ({ anything: true })).factory);
      await expect(firstValueFrom(client.callTool({ name: 'plain' }))).resolves.toMatchObject({
        structuredContent: { anything: true },
      });
      await expect(firstValueFrom(client.listTools())).resolves.toHaveLength(2);
      expect(loads()).toBe(0);
    }));

  it('is loaded once by the first result to check, which it then passes or refuses', () =>
    withFreshClient(async ({ McpClient, loads }) => {
      let temperature: unknown = 21;
      const client = new McpClient(serverAnswering(() => ({ temperature })).factory);
      const held = client.connect();
      await expect(firstValueFrom(client.callTool({ name: 'weather' }))).resolves.toMatchObject({
        structuredContent: { temperature: 21 },
      });
      temperature = 'warm';
      await expect(firstValueFrom(client.callTool({ name: 'weather' }))).rejects.toMatchObject({
        kind: 'validation',
        message: expect.stringMatching(/does not match its outputSchema/),
      });
      held.unsubscribe();
      expect(loads()).toBe(1);
    }));

  it('checks at once, in virtual time, once it has been loaded', () =>
    withFreshClient(async ({ McpClient, scheduler }) => {
      const warmUp = new McpClient(serverAnswering(() => ({ temperature: 1 })).factory);
      await firstValueFrom(warmUp.callTool({ name: 'weather' }));
      let failed: unknown;
      scheduler().run(({ flush }) => {
        const client = new McpClient(serverAnswering(() => ({ temperature: 'cold' })).factory);
        client.callTool({ name: 'weather' }).subscribe({ error: (error: unknown) => (failed = error) });
        flush();
      });
      expect(failed).toMatchObject({ kind: 'validation', message: expect.stringMatching(/does not match/) });
    }));

  it('fails the call with kind transport when the engine cannot be loaded, and loads it again on the next', () =>
    withFreshClient(async ({ McpClient, loads }) => {
      const client = new McpClient(serverAnswering(() => ({ temperature: 3 })).factory);
      const error = await firstValueFrom(client.callTool({ name: 'weather' })).catch((e: McpError) => e);
      expect(error).toMatchObject({ kind: 'transport', message: expect.stringMatching(/could not be loaded/) });
      await expect(firstValueFrom(client.callTool({ name: 'weather' }))).resolves.toMatchObject({
        structuredContent: { temperature: 3 },
      });
      expect(loads()).toBe(2);
    }, 1));
});

import { firstValueFrom, lastValueFrom } from 'rxjs';
import { McpClient } from '../../../lib/client/index.js';
import { ErrorCode } from '../../../lib/protocol/errors.js';
import { MetaKey, MODERN_PROTOCOL_VERSION } from '../../../lib/protocol/modern.js';
import { LATEST_PROTOCOL_VERSION } from '../../../lib/protocol/versions.js';
import { createMcpTestScheduler } from '../../../lib/testing/index.js';
import { createPeer, serverInfo, tool } from '../peer.js';
import { createModernPeer, discoverResult, modernInfo } from './modern-peer.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));
const clientInfo = { name: 'spec-client', version: '1.0.0' };
const modernServer = { protocolVersion: MODERN_PROTOCOL_VERSION, capabilities: { tools: {} }, serverInfo: modernInfo };

describe("versionNegotiation: 'auto'", () => {
  it('agrees on the modern era from server/discover, never sends initialize, and envelopes every request', () => {
    scheduler().run(({ expectObservable, flush }) => {
      const peer = createModernPeer((request) =>
        request.method === 'tools/list'
          ? { resultType: 'complete', tools: [tool('a')], ttlMs: 0, cacheScope: 'public' }
          : undefined,
      );
      const client = new McpClient(peer.factory, {
        clientInfo,
        versionNegotiation: 'auto',
        handlers: { roots: () => [] },
      });
      expectObservable(client.state$, '^--!').toBe('(icrx)', {
        i: { status: 'idle' },
        c: { status: 'connecting' },
        r: { status: 'ready', server: modernServer, era: 'modern' },
        x: { status: 'closed' },
      });
      expectObservable(client.listTools()).toBe('(a|)', { a: [tool('a')] });
      flush();
      expect(peer.received.map((request) => request.method)).toEqual(['server/discover', 'tools/list']);
      for (const request of peer.received) {
        expect(request.params?._meta).toEqual({
          [MetaKey.protocolVersion]: MODERN_PROTOCOL_VERSION,
          [MetaKey.clientCapabilities]: { roots: { listChanged: true } },
          [MetaKey.clientInfo]: clientInfo,
        });
      }
    });
  });

  it('takes serverInfo and instructions from the discover result, the info from _meta first', async () => {
    const peer = createModernPeer((request) =>
      request.method === 'server/discover'
        ? { ...discoverResult(), instructions: 'be brief', serverInfo: { name: 'old-draft', version: '0' } }
        : undefined,
    );
    const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
    const server = await firstValueFrom(client.connection$);
    expect(server).toEqual({ ...modernServer, instructions: 'be brief' });
  });

  it('falls back to initialize on a 2025 server and remembers the verdict for the next connection', () => {
    scheduler().run(({ expectObservable, flush }) => {
      const peer = createPeer({ capabilities: { tools: {} }, handlers: { 'tools/list': () => ({ tools: [] }) } });
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const server = { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: { tools: {} }, serverInfo };
      expectObservable(client.state$, '^--!').toBe('(icrx)', {
        i: { status: 'idle' },
        c: { status: 'connecting' },
        r: { status: 'ready', server, era: 'legacy' },
        x: { status: 'closed' },
      });
      expectObservable(client.listTools()).toBe('(a|)', { a: [] });
      flush();
      expect(peer.methods(0)).toEqual(['server/discover', 'initialize', 'notifications/initialized', 'tools/list']);
      client.listTools().subscribe();
      expect(peer.methods(1)).toEqual(['initialize', 'notifications/initialized', 'tools/list']);
    });
  });

  it('retries the probe once at the version a -32022 names, then goes on at that version', async () => {
    let refused = false;
    const peer = createModernPeer((request) => {
      if (request.method !== 'server/discover' || refused) return undefined;
      refused = true;
      return {
        error: {
          code: ErrorCode.UnsupportedProtocolVersion,
          message: 'Unsupported protocol version',
          data: { supported: [MODERN_PROTOCOL_VERSION], requested: 'x' },
        },
      };
    });
    const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
    const held = client.connect();
    expect((await firstValueFrom(client.connection$)).protocolVersion).toBe(MODERN_PROTOCOL_VERSION);
    expect(peer.requests('server/discover')).toHaveLength(2);
    expect(client.state).toMatchObject({ status: 'ready', era: 'modern' });
    held.unsubscribe();
  });

  it('fails (no fallback) when -32022 offers only other modern versions, or the probe gets a 401', async () => {
    const other = createModernPeer(() => ({
      error: { code: ErrorCode.UnsupportedProtocolVersion, message: 'no', data: { supported: ['2027-01-01'] } },
    }));
    await expect(
      firstValueFrom(new McpClient(other.factory, { versionNegotiation: 'auto' }).connection$),
    ).rejects.toMatchObject({ kind: 'protocol', code: ErrorCode.UnsupportedProtocolVersion });
    const auth = createModernPeer(() => ({ error: { code: -32001, message: 'Unauthorized', data: { status: 401 } } }));
    await expect(
      firstValueFrom(new McpClient(auth.factory, { versionNegotiation: 'auto' }).connection$),
    ).rejects.toMatchObject({ kind: 'protocol' });
    expect(auth.requests('initialize')).toHaveLength(0);
    expect(other.requests('initialize')).toHaveLength(0);
  });
});

describe('pinned and legacy negotiation', () => {
  it('{ pin } requires the modern revision: a 2025 server fails the connection with -32022, state closed', async () => {
    const peer = createPeer({ capabilities: {} });
    const client = new McpClient(peer.factory, { versionNegotiation: { pin: MODERN_PROTOCOL_VERSION } });
    await expect(firstValueFrom(client.connection$)).rejects.toMatchObject({
      code: ErrorCode.UnsupportedProtocolVersion,
    });
    expect(client.state).toMatchObject({ status: 'closed', error: { code: ErrorCode.UnsupportedProtocolVersion } });
    expect(peer.methods(0)).toEqual(['server/discover']);
  });

  it("'legacy' (the default) never probes", async () => {
    const peer = createPeer({ capabilities: {} });
    await firstValueFrom(new McpClient(peer.factory).connection$);
    expect(peer.methods(0)).toEqual(['initialize', 'notifications/initialized']);
  });
});

describe('the envelope on a modern connection', () => {
  it('setLoggingLevel puts the level in every later envelope; ping asks server/discover', async () => {
    const peer = createModernPeer((request) => (request.method === 'tools/list' ? { tools: [] } : undefined));
    const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
    const held = client.connect();
    await lastValueFrom(client.setLoggingLevel('debug'));
    await lastValueFrom(client.listTools());
    await lastValueFrom(client.ping());
    held.unsubscribe();
    expect(peer.received.map((request) => request.method)).toEqual([
      'server/discover',
      'tools/list',
      'server/discover',
    ]);
    expect(peer.requests('tools/list')[0]!.params?._meta).toMatchObject({ [MetaKey.logLevel]: 'debug' });
    expect(peer.requests('logging/setLevel')).toHaveLength(0);
  });

  it('treats a result without resultType as complete', async () => {
    const peer = createModernPeer((request) =>
      request.method === 'tools/call'
        ? { content: [{ type: 'text', text: 'done' }] }
        : request.method === 'tools/list'
          ? { tools: [tool('t')] }
          : undefined,
    );
    const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
    expect(await lastValueFrom(client.callTool({ name: 't' }))).toEqual({ content: [{ type: 'text', text: 'done' }] });
    expect(peer.requests('tools/call')).toHaveLength(1);
  });
});

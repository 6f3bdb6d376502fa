import { firstValueFrom, lastValueFrom, NEVER, Subject, VirtualTimeScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ErrorCode, McpError } from '../../lib/protocol/errors.js';
import { InputRound } from '../../lib/server/modern/input-round.js';
import { agreedFilter, listenStream } from '../../lib/server/modern/listen-stream.js';
import { createRequestStateSealer } from '../../lib/server/modern/request-state.js';
import { checkRequestHeaders } from '../../lib/server/modern/http-headers.js';
import { DEFAULT_CACHE_HINTS, withCacheHints } from '../../lib/server/modern/cache-hints.js';

const marbles = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: McpError) => error.code,
  );

describe('request state sealing', () => {
  const key = { id: 'k1', secret: 'a secret of at least thirty-two bytes!!' };

  it('opens what it sealed, for the same request only', async () => {
    const clock = new VirtualTimeScheduler();
    const sealer = createRequestStateSealer(clock, 'server', { keys: [key] });
    const token = await firstValueFrom(sealer.seal({ answers: { a: 1 } }, 'tools/call:x'));
    await expect(firstValueFrom(sealer.open(token, 'tools/call:x'))).resolves.toEqual({ answers: { a: 1 } });
    expect(await codeOf(firstValueFrom(sealer.open(token, 'tools/call:y')))).toBe(ErrorCode.InvalidParams);
  });

  it('refuses tampered, malformed and foreign state', async () => {
    const clock = new VirtualTimeScheduler();
    const sealer = createRequestStateSealer(clock, 'server', { keys: [key] });
    const token = await firstValueFrom(sealer.seal({}, 'b'));
    for (const bad of [`${token}-TAMPERED`, `x${token}`, 'not-a-token', `${token}.extra`, '']) {
      expect(await codeOf(firstValueFrom(sealer.open(bad, 'b')))).toBe(ErrorCode.InvalidParams);
    }
    const otherAudience = createRequestStateSealer(clock, 'another server', { keys: [key] });
    expect(await codeOf(firstValueFrom(otherAudience.open(token, 'b')))).toBe(ErrorCode.InvalidParams);
  });

  it('expires after its TTL on the scheduler clock', async () => {
    const clock = new VirtualTimeScheduler();
    const sealer = createRequestStateSealer(clock, 'server', { keys: [key], ttlMs: 1000 });
    const token = await firstValueFrom(sealer.seal({}, 'b'));
    clock.schedule(() => undefined, 999);
    clock.flush();
    await expect(firstValueFrom(sealer.open(token, 'b'))).resolves.toEqual({});
    clock.schedule(() => undefined, 1);
    clock.flush();
    expect(await codeOf(firstValueFrom(sealer.open(token, 'b')))).toBe(ErrorCode.InvalidParams);
  });

  it('verifies with rotated-out keys and signs with the first', async () => {
    const clock = new VirtualTimeScheduler();
    const old = await firstValueFrom(createRequestStateSealer(clock, 's', { keys: [key] }).seal({ v: 1 }, 'b'));
    const rotated = createRequestStateSealer(clock, 's', {
      keys: [{ id: 'k2', secret: 'the next secret, also thirty-two bytes' }, key],
    });
    await expect(firstValueFrom(rotated.open(old, 'b'))).resolves.toEqual({ v: 1 });
    const retired = createRequestStateSealer(clock, 's', {
      keys: [{ id: 'k2', secret: 'the next secret, also thirty-two bytes' }],
    });
    expect(await codeOf(firstValueFrom(retired.open(old, 'b')))).toBe(ErrorCode.InvalidParams);
    await expect(lastValueFrom(retired.open(await firstValueFrom(rotated.seal({ v: 2 }, 'b')), 'b'))).resolves.toEqual({
      v: 2,
    });
  });
});

describe('InputRound', () => {
  const elicit = { message: 'Name?', requestedSchema: { type: 'object', properties: {} } };

  it('answers from the input responses and records what is missing, failing on the next tick', () => {
    const scheduler = marbles();
    scheduler.run(({ expectObservable }) => {
      const round = new InputRound(
        { known: { action: 'accept', content: { name: 'Ada' } } },
        { elicitation: {}, sampling: {} },
        scheduler,
      );
      expectObservable(round.request('elicitation/create', elicit, 'known')).toBe('(a|)', {
        a: { action: 'accept', content: { name: 'Ada' } },
      });
      expectObservable(round.request('elicitation/create', elicit, 'missing')).toBe(
        '#',
        undefined,
        expect.objectContaining({ code: ErrorCode.InternalError }),
      );
      scheduler.schedule(() => {
        expect([...round.pending.keys()]).toEqual(['missing']);
        expect(round.used).toEqual({ known: { action: 'accept', content: { name: 'Ada' } } });
      }, 1);
    });
  });

  it('refuses a capability the client did not declare (-32021) and malformed answers (-32602)', () => {
    const scheduler = marbles();
    scheduler.run(({ expectObservable }) => {
      const round = new InputRound({ bad: { action: 42 } }, { elicitation: {} }, scheduler);
      expectObservable(round.request('sampling/createMessage', { messages: [], maxTokens: 1 })).toBe(
        '#',
        undefined,
        expect.objectContaining({
          code: ErrorCode.MissingRequiredClientCapability,
          data: { requiredCapabilities: { sampling: {} } },
        }),
      );
      expectObservable(round.request('elicitation/create', elicit, 'bad')).toBe(
        '#',
        undefined,
        expect.objectContaining({ code: ErrorCode.InvalidParams }),
      );
    });
  });
});

describe('listenStream', () => {
  it('acknowledges first, then sends only the agreed notifications, tagged, until the server closes', () => {
    marbles().run(({ cold, hot, expectObservable }) => {
      const events = hot('--t--p--u--v--', {
        t: { type: 'list_changed', kind: 'tools' },
        p: { type: 'list_changed', kind: 'prompts' },
        u: { type: 'resource_updated', uri: 'test://a' },
        v: { type: 'resource_updated', uri: 'test://b' },
      } as const);
      const closing = cold('-------------c');
      const agreed = agreedFilter(
        { toolsListChanged: true, resourceSubscriptions: ['test://a'], promptsListChanged: true },
        { tools: { listChanged: true }, resources: { subscribe: true } },
      );
      expect(agreed).toEqual({ toolsListChanged: true, resourceSubscriptions: ['test://a'] });
      const tag = { 'io.modelcontextprotocol/subscriptionId': 7 };
      expectObservable(listenStream(7, agreed, events, closing, {})).toBe('a-t-----u----(r|)', {
        a: {
          jsonrpc: '2.0',
          method: 'notifications/subscriptions/acknowledged',
          params: { _meta: tag, notifications: agreed },
        },
        t: { jsonrpc: '2.0', method: 'notifications/tools/list_changed', params: { _meta: tag } },
        u: { jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri: 'test://a', _meta: tag } },
        r: { jsonrpc: '2.0', id: 7, result: { resultType: 'complete', _meta: tag } },
      });
    });
  });

  it('stays open while the server runs', () => {
    marbles().run(({ expectObservable }) => {
      expectObservable(listenStream(1, {}, new Subject<never>(), NEVER, {})).toBe('a', {
        a: expect.objectContaining({ method: 'notifications/subscriptions/acknowledged' }),
      });
    });
  });
});

describe('SEP-2243 request headers', () => {
  const request = {
    jsonrpc: '2.0' as const,
    id: 1,
    method: 'tools/call',
    params: { name: 'q', arguments: { region: 'Hello' } },
  };
  const params = () => [{ header: 'Region', argument: 'region' }];
  const headers = (values: Record<string, string>) => (name: string) => values[name];
  const check = (values: Record<string, string>) => {
    try {
      checkRequestHeaders(request, headers(values), params);
      return 'ok';
    } catch (error) {
      return (error as McpError).code;
    }
  };

  it('accepts matching, trimmed and base64 values, refuses the rest with -32020', () => {
    expect(check({ 'mcp-method': 'tools/call', 'mcp-name': ' q ', 'mcp-param-region': '=?base64?SGVsbG8=?=' })).toBe(
      'ok',
    );
    expect(check({ 'mcp-method': 'tools/call', 'mcp-name': 'q', 'mcp-param-region': 'Hello' })).toBe('ok');
    expect(check({ 'mcp-method': 'TOOLS/CALL', 'mcp-name': 'q', 'mcp-param-region': 'Hello' })).toBe(
      ErrorCode.HeaderMismatch,
    );
    expect(check({ 'mcp-name': 'q', 'mcp-param-region': 'Hello' })).toBe(ErrorCode.HeaderMismatch);
    expect(check({ 'mcp-method': 'tools/call', 'mcp-param-region': 'Hello' })).toBe(ErrorCode.HeaderMismatch);
    expect(check({ 'mcp-method': 'tools/call', 'mcp-name': 'q' })).toBe(ErrorCode.HeaderMismatch);
    expect(check({ 'mcp-method': 'tools/call', 'mcp-name': 'q', 'mcp-param-region': '=?base64?SGVsbG8?=' })).toBe(
      ErrorCode.HeaderMismatch,
    );
    expect(check({ 'mcp-method': 'tools/call', 'mcp-name': 'q', 'mcp-param-region': '=?base64?SGVs!!!bG8=?=' })).toBe(
      ErrorCode.HeaderMismatch,
    );
  });
});

describe('withCacheHints', () => {
  it('lets the result win over the entry and the entry over the defaults, and never sends a negative ttlMs', () => {
    expect(withCacheHints({ tools: [] }, { ttlMs: 5 }, DEFAULT_CACHE_HINTS)).toEqual({
      tools: [],
      ttlMs: 5,
      cacheScope: 'public',
    });
    expect(withCacheHints({ ttlMs: 7 }, { ttlMs: 5, cacheScope: 'private' }, DEFAULT_CACHE_HINTS)).toEqual({
      ttlMs: 7,
      cacheScope: 'private',
    });
    expect(withCacheHints({}, { ttlMs: -1 }, DEFAULT_CACHE_HINTS)).toEqual({ ttlMs: 0, cacheScope: 'public' });
    expect(withCacheHints({ ttlMs: -20 }, undefined, { ttlMs: -3, cacheScope: 'private' })).toEqual({
      ttlMs: 0,
      cacheScope: 'private',
    });
  });
});

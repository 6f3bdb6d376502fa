import { firstValueFrom, lastValueFrom, timer, map } from 'rxjs';
import { McpClient, OutputSchemaValidator } from '../../lib/client/index.js';
import { McpError } from '../../lib/protocol/errors.js';
import { ajvJsonSchemaValidator, defaultJsonSchemaValidator } from '../../lib/schema/index.js';
import { createMcpTestScheduler } from '../../lib/testing/index.js';
import type { HandlerEvent } from '../../lib/session/session-api.js';
import { createPeer, tool } from './peer.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));
const text = (t: string) => [{ type: 'text', text: t }];

const weather = tool('weather', {
  outputSchema: {
    type: 'object',
    properties: { temperature: { type: 'number' }, at: { type: 'string', format: 'date-time' } },
    required: ['temperature'],
  },
});

describe("callTool with observe: 'events'", () => {
  it('emits progress and log events while the call runs, then the result', () => {
    scheduler().run(({ expectObservable, cold }) => {
      const peer = createPeer({
        capabilities: { tools: {}, logging: {} },
        handlers: {
          'tools/call': () =>
            cold<HandlerEvent<unknown>>('-p-l-(r|)', {
              p: { type: 'progress', progress: 1, total: 2, message: 'half' },
              l: {
                type: 'notification',
                method: 'notifications/message',
                params: { level: 'info', logger: 'build', data: { step: 1 } },
              },
              r: { type: 'result', result: { content: text('done') } },
            }),
        },
      });
      const client = new McpClient(peer.factory);
      expectObservable(client.callTool({ name: 'build' }, { observe: 'events' })).toBe('-p-l-(r|)', {
        p: { type: 'progress', progress: 1, total: 2, message: 'half' },
        l: { type: 'log', level: 'info', logger: 'build', data: { step: 1 } },
        r: { type: 'result', result: { content: text('done') } },
      });
    });
  });

  it('attributes log messages by time: before the call and after its response they are not its own', () => {
    scheduler().run(({ expectObservable, cold }) => {
      const peer = createPeer({
        capabilities: { tools: {}, logging: {} },
        handlers: {
          'tools/call': () =>
            timer(3).pipe(map((): HandlerEvent<unknown> => ({ type: 'result', result: { content: [] } }))),
        },
      });
      const client = new McpClient(peer.factory);
      const held = client.connect();
      const serverSide = peer.last.server;
      const log = (data: string) => serverSide.notify('notifications/message', { level: 'debug', data });
      cold('a-b---c').subscribe((k) => log(k));
      expectObservable(client.callTool({ name: 'x' }, { observe: 'events' }), '-^').toBe('--b-(r|)', {
        b: { type: 'log', level: 'debug', data: 'b' },
        r: { type: 'result', result: { content: [] } },
      });
      cold('--------a').subscribe(() => held.unsubscribe());
    });
  });

  it('sends a progress token only when events are observed', async () => {
    const peer = createPeer({ capabilities: { tools: {} }, handlers: { 'tools/call': () => ({ content: [] }) } });
    const client = new McpClient(peer.factory);
    await firstValueFrom(client.callTool({ name: 'a', arguments: { x: 1 } }));
    await lastValueFrom(client.callTool({ name: 'b' }, { observe: 'events' }));
    const [plain, observed] = peer.requests('tools/call');
    expect(plain).toEqual({ name: 'a', arguments: { x: 1 } });
    expect(observed).toEqual({ name: 'b', _meta: { progressToken: expect.anything() } });
  });

  it('keeps the idle timeout alive on progress with resetTimeoutOnProgress', () => {
    scheduler().run(({ expectObservable, cold }) => {
      const peer = createPeer({
        capabilities: { tools: {} },
        handlers: {
          'tools/call': () =>
            cold<HandlerEvent<unknown>>('20ms p 20ms p 20ms (r|)', {
              p: { type: 'progress', progress: 1 },
              r: { type: 'result', result: { content: [] } },
            }),
        },
      });
      const client = new McpClient(peer.factory);
      expectObservable(
        client.callTool({ name: 'x' }, { observe: 'events', timeout: 30, resetTimeoutOnProgress: true }),
      ).toBe('20ms p 20ms p 20ms (r|)', {
        p: { type: 'progress', progress: 1 },
        r: { type: 'result', result: { content: [] } },
      });
      expectObservable(client.callTool({ name: 'x' }, { timeout: 30 })).toBe(
        '30ms #',
        undefined,
        new McpError('timeout', 'late', { code: -32001 }),
      );
      expectObservable(
        client.callTool(
          { name: 'x' },
          { observe: 'events', timeout: 30, resetTimeoutOnProgress: true, maxTotalTimeout: 50 },
        ),
      ).toBe(
        '20ms p 20ms p 8ms #',
        { p: { type: 'progress', progress: 1 } },
        new McpError('timeout', 'late', { code: -32001 }),
      );
    });
  });
});

describe('structuredContent validation', () => {
  const peerWith = (structured: unknown, extra: Record<string, unknown> = {}) => {
    const peer = createPeer({
      capabilities: { tools: {} },
      handlers: {
        'tools/list': () => ({ tools: [weather, tool('plain')] }),
        'tools/call': () => ({
          content: text('x'),
          ...(structured === undefined ? {} : { structuredContent: structured }),
          ...extra,
        }),
      },
    });
    return { peer, client: new McpClient(peer.factory) };
  };

  it('passes a result that matches the outputSchema, fetching the tool list when the tool is unknown', async () => {
    const { peer, client } = peerWith({ temperature: 21.5, at: '2025-01-01T12:00:00Z' });
    const result = await firstValueFrom(client.callTool({ name: 'weather' }));
    expect(result.structuredContent).toEqual({ temperature: 21.5, at: '2025-01-01T12:00:00Z' });
    expect(peer.methods(0)).toEqual(['initialize', 'notifications/initialized', 'tools/call', 'tools/list']);
  });

  it('fails with kind validation when structuredContent does not match', async () => {
    const { client } = peerWith({ temperature: 'warm' });
    const error = await firstValueFrom(client.callTool({ name: 'weather' })).catch((e: McpError) => e);
    expect(error).toMatchObject({
      kind: 'validation',
      message: expect.stringContaining('/temperature Instance type "string" is invalid. Expected "number".'),
    });
  });

  it('checks formats', async () => {
    const { client } = peerWith({ temperature: 1, at: 'yesterday' });
    await expect(firstValueFrom(client.callTool({ name: 'weather' }))).rejects.toMatchObject({ kind: 'validation' });
  });

  it('fails with kind validation when a tool with an outputSchema returns no structuredContent', async () => {
    const { client } = peerWith(undefined);
    await expect(firstValueFrom(client.callTool({ name: 'weather' }))).rejects.toMatchObject({ kind: 'validation' });
  });

  it('validates the result event in events mode too', async () => {
    const { client } = peerWith({ temperature: 'warm' });
    await expect(lastValueFrom(client.callTool({ name: 'weather' }, { observe: 'events' }))).rejects.toMatchObject({
      kind: 'validation',
    });
  });

  it('isError results are results, not errors, and are not validated', async () => {
    const { peer, client } = peerWith({ reason: 'offline' }, { isError: true });
    const result = await firstValueFrom(client.callTool({ name: 'weather' }));
    expect(result).toMatchObject({ isError: true, structuredContent: { reason: 'offline' } });
    expect(peer.requests('tools/list')).toHaveLength(0);
  });

  it('uses the list cached by listTools / tools$, and fetches at most once for tools it does not know', async () => {
    const { peer, client } = peerWith({ anything: true });
    const held = client.connect();
    await firstValueFrom(client.listTools());
    await firstValueFrom(client.callTool({ name: 'plain' }));
    await firstValueFrom(client.callTool({ name: 'hidden' }));
    await firstValueFrom(client.callTool({ name: 'hidden' }));
    expect(peer.requests('tools/list')).toHaveLength(2);
    held.unsubscribe();
  });

  it('refetches the tool list after notifications/tools/list_changed', async () => {
    let version = 0;
    const peer = createPeer({
      capabilities: { tools: { listChanged: true } },
      handlers: {
        'tools/list': () => ({
          tools: [
            tool('t', {
              outputSchema: { type: 'object', properties: { v: { type: version === 0 ? 'string' : 'number' } } },
            }),
          ],
        }),
        'tools/call': () => ({ content: [], structuredContent: { v: 1 } }),
      },
    });
    const client = new McpClient(peer.factory);
    const held = client.connect();
    await expect(firstValueFrom(client.callTool({ name: 't' }))).rejects.toMatchObject({ kind: 'validation' });
    version = 1;
    peer.last.server.notify('notifications/tools/list_changed');
    await expect(firstValueFrom(client.callTool({ name: 't' }))).resolves.toMatchObject({
      structuredContent: { v: 1 },
    });
    expect(peer.requests('tools/list')).toHaveLength(2);
    held.unsubscribe();
  });

  it('a rejected protocol shape (no content) fails with kind validation', async () => {
    const peer = createPeer({
      capabilities: { tools: {} },
      handlers: { 'tools/call': () => ({ structuredContent: {} }) },
    });
    await expect(firstValueFrom(new McpClient(peer.factory).callTool({ name: 'x' }))).rejects.toMatchObject({
      kind: 'validation',
    });
  });
});

describe('OutputSchemaValidator', () => {
  it('compiles each tool schema once and recompiles when it changes', () => {
    const validator = new OutputSchemaValidator();
    const compile = jest.spyOn(validator as unknown as { compile: (...args: unknown[]) => unknown }, 'compile');
    const schema = { type: 'object', properties: { n: { type: 'number' } } };
    expect(validator.check('t', schema, { n: 1 })).toBeUndefined();
    expect(validator.check('t', { ...schema }, { n: 'x' })).toContain(
      '/n Instance type "string" is invalid. Expected "number".',
    );
    expect(compile).toHaveBeenCalledTimes(2);
    const engine = { compile: jest.fn(defaultJsonSchemaValidator.compile) };
    const counted = new OutputSchemaValidator(engine);
    counted.check('t', schema, { n: 2 });
    counted.check('t', schema, { n: 3 });
    counted.check('t', { ...schema }, { n: 4 });
    counted.check('t', { type: 'object', properties: { n: { type: 'string' } } }, { n: 'y' });
    expect(engine.compile).toHaveBeenCalledTimes(2);
  });

  it('accepts draft-07 schemas and schemas sharing an $id', () => {
    const validator = new OutputSchemaValidator();
    const draft7 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'https://example.com/out.json',
      type: 'object',
      required: ['a'],
    };
    expect(validator.check('a', draft7, {})).toContain('Instance does not have required property "a".');
    expect(
      validator.check('b', { $id: 'https://example.com/out.json', type: 'object', required: ['b'] }, { b: 1 }),
    ).toBeUndefined();
  });

  it('reports a schema its engine cannot compile (ajv checks schemas; the default interprets them as given)', () => {
    const schema = { type: 'object', properties: { a: { type: 'nonsense' } } };
    expect(new OutputSchemaValidator(ajvJsonSchemaValidator()).check('bad', schema, {})).toContain(
      'cannot be compiled',
    );
    expect(new OutputSchemaValidator().check('bad', schema, { a: 1 })).toContain('Expected "nonsense"');
  });

  it('checks with ajv when given it, with the same shape of description', () => {
    const validator = new OutputSchemaValidator(ajvJsonSchemaValidator());
    expect(validator.check('t', { type: 'object', properties: { n: { type: 'number' } } }, { n: 'x' })).toBe(
      '/n must be number',
    );
    expect(validator.check('t', { type: 'object', properties: { n: { type: 'number' } } }, { n: 1 })).toBeUndefined();
  });
});

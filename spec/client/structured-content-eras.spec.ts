import type { Observable } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import { defaultJsonSchemaValidator } from '../../lib/schema/index.js';
import { createMcpTestScheduler } from '../../lib/testing/index.js';
import { createModernPeer } from './modern/modern-peer.js';
import { createPeer, tool } from './peer.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));
/** The default engine given explicitly: checks at once (left out, it is loaded by `import()` on first need, outside virtual time). */
const checkAtOnce = { jsonSchemaValidator: defaultJsonSchemaValidator };

const usersOutput = {
  type: 'array',
  items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
};
const users = tool('users', { outputSchema: usersOutput });
const USERS = [{ id: '1' }, { id: '2' }];
/** The error `source` fails with, in virtual time. */
function errorOf(source: Observable<unknown>): unknown {
  let failed: unknown;
  scheduler().run(({ flush }) => {
    source.subscribe({ error: (error: unknown) => (failed = error) });
    flush();
  });
  return failed;
}
const text = (value: unknown) => [{ type: 'text', text: JSON.stringify(value) }];

/** A 2026-07-28 server whose `users` tool answers `structuredContent`. */
function modernServer(structuredContent: unknown) {
  return createModernPeer((request) => {
    if (request.method === 'tools/list') return { resultType: 'complete', tools: [users] };
    if (request.method === 'tools/call')
      return { resultType: 'complete', content: text(structuredContent), structuredContent };
    return undefined;
  });
}

describe('a 2026-07-28 connection: structuredContent of any JSON value', () => {
  it('lists a tool whose outputSchema is an array schema, and gets its array result checked against it', () => {
    scheduler().run(({ expectObservable }) => {
      const client = new McpClient(modernServer(USERS).factory, { ...checkAtOnce, versionNegotiation: 'auto' });
      expectObservable(client.listTools()).toBe('(a|)', { a: [users] });
      expectObservable(client.callTool({ name: 'users' })).toBe('(r|)', {
        r: { resultType: 'complete', content: text(USERS), structuredContent: USERS },
      });
    });
  });

  it('fails with kind validation when the array does not match the outputSchema', () => {
    const client = new McpClient(modernServer([{ name: 'no id' }]).factory, {
      ...checkAtOnce,
      versionNegotiation: 'auto',
    });
    expect(errorOf(client.callTool({ name: 'users' }))).toMatchObject({
      kind: 'validation',
      message: expect.stringMatching(/does not match its outputSchema/),
    });
  });

  it.each([['a string'], [42], [null], [true]])(
    'accepts %p as structuredContent of a tool without an outputSchema',
    (value) => {
      scheduler().run(({ expectObservable }) => {
        const peer = createModernPeer((request) => {
          if (request.method === 'tools/list') return { resultType: 'complete', tools: [tool('free')] };
          if (request.method === 'tools/call') return { resultType: 'complete', content: [], structuredContent: value };
          return undefined;
        });
        const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
        expectObservable(client.callTool({ name: 'free' }, { observe: 'events' })).toBe('(r|)', {
          r: { type: 'result', result: { resultType: 'complete', content: [], structuredContent: value } },
        });
      });
    },
  );
});

describe('a 2025 session keeps the object rule', () => {
  it('refuses (kind validation) a tool result whose structuredContent is an array', () => {
    const peer = createPeer({
      capabilities: { tools: {} },
      handlers: {
        'tools/list': () => ({ tools: [] }),
        'tools/call': () => ({ content: [], structuredContent: USERS }),
      },
    });
    const client = new McpClient(peer.factory);
    expect(errorOf(client.callTool({ name: 'users' }))).toMatchObject({
      kind: 'validation',
      message: expect.stringMatching(/Invalid result of tools\/call/),
    });
  });

  it('refuses a tools/list whose tool declares a non-object outputSchema', () => {
    const peer = createPeer({ capabilities: { tools: {} }, handlers: { 'tools/list': () => ({ tools: [users] }) } });
    const client = new McpClient(peer.factory);
    expect(errorOf(client.listTools())).toMatchObject({
      kind: 'validation',
      message: expect.stringMatching(/Invalid result of tools\/list/),
    });
  });

  it('accepts the { result } wrapping a dual-era server sends it', () => {
    scheduler().run(({ expectObservable }) => {
      const wrapped = tool('users', {
        outputSchema: { type: 'object', properties: { result: usersOutput }, required: ['result'] },
      });
      const peer = createPeer({
        capabilities: { tools: {} },
        handlers: {
          'tools/list': () => ({ tools: [wrapped] }),
          'tools/call': () => ({ content: text(USERS), structuredContent: { result: USERS } }),
        },
      });
      const client = new McpClient(peer.factory, checkAtOnce);
      expectObservable(client.callTool({ name: 'users' })).toBe('(r|)', {
        r: { content: text(USERS), structuredContent: { result: USERS } },
      });
    });
  });
});

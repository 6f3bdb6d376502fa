import { lastValueFrom, toArray } from 'rxjs';
import { McpClient } from '../../../lib/client/index.js';
import { ErrorCode } from '../../../lib/protocol/errors.js';
import type { JSONRPCRequest } from '../../../lib/protocol/jsonrpc.js';
import { createMcpTestScheduler } from '../../../lib/testing/index.js';
import { tool } from '../peer.js';
import { createModernPeer } from './modern-peer.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));

const form = {
  method: 'elicitation/create',
  params: {
    message: 'Who?',
    requestedSchema: {
      type: 'object',
      properties: { name: { type: 'string' }, team: { type: 'string', default: 'core' } },
    },
  },
};
const done = { resultType: 'complete', content: [{ type: 'text', text: 'deployed' }] };

/** A server whose deploy tool asks `rounds` times for input before it completes. */
function deployServer(rounds: Array<Record<string, unknown>>) {
  return createModernPeer((request: JSONRPCRequest) => {
    if (request.method === 'tools/list') return { tools: [tool('deploy')] };
    if (request.method !== 'tools/call') return undefined;
    const round = rounds[peerCalls(request)];
    return round ?? done;
  });
}
let calls = 0;
const peerCalls = (_request: JSONRPCRequest) => calls++;
beforeEach(() => (calls = 0));

describe('MRTR on a modern connection', () => {
  it('answers input_required with the elicitation handler (form defaults applied) and retries with inputResponses and the echoed requestState', async () => {
    const peer = deployServer([
      { resultType: 'input_required', inputRequests: { who: form }, requestState: 'opaque-1' },
    ]);
    const client = new McpClient(peer.factory, {
      versionNegotiation: 'auto',
      handlers: { elicitation: () => ({ action: 'accept', content: { name: 'Ada' } }) },
    });
    expect(
      await lastValueFrom(client.callTool({ name: 'deploy', arguments: { env: 'prod' } }).pipe(toArray())),
    ).toEqual([done]);
    const [first, retry] = peer.requests('tools/call');
    expect(first!.params).toMatchObject({ name: 'deploy', arguments: { env: 'prod' } });
    expect(first!.params).not.toHaveProperty('inputResponses');
    expect(retry!.id).not.toEqual(first!.id);
    expect(retry!.params).toMatchObject({
      name: 'deploy',
      arguments: { env: 'prod' },
      inputResponses: { who: { action: 'accept', content: { name: 'Ada', team: 'core' } } },
      requestState: 'opaque-1',
    });
  });

  it('runs as many rounds as asked, sends no requestState the server did not send, and answers sampling and roots too', async () => {
    const peer = deployServer([
      { resultType: 'input_required', inputRequests: { roots: { method: 'roots/list' } } },
      {
        resultType: 'input_required',
        inputRequests: { llm: { method: 'sampling/createMessage', params: { messages: [], maxTokens: 5 } } },
        requestState: 's2',
      },
    ]);
    const client = new McpClient(peer.factory, {
      versionNegotiation: 'auto',
      handlers: {
        roots: () => [{ uri: 'file:///src' }],
        sampling: () => ({ role: 'assistant', content: { type: 'text', text: 'hi' }, model: 'm' }),
      },
    });
    expect(await lastValueFrom(client.callTool({ name: 'deploy' }))).toEqual(done);
    const [, second, third] = peer.requests('tools/call');
    expect(second!.params).toMatchObject({ inputResponses: { roots: { roots: [{ uri: 'file:///src' }] } } });
    expect(second!.params).not.toHaveProperty('requestState');
    expect(third!.params).toMatchObject({ inputResponses: { llm: { model: 'm' } }, requestState: 's2' });
  });

  it('fails the call with -32601 when the server asks for input the client has no handler for', async () => {
    const peer = deployServer([{ resultType: 'input_required', inputRequests: { who: form } }]);
    const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
    await expect(lastValueFrom(client.callTool({ name: 'deploy' }))).rejects.toMatchObject({
      kind: 'protocol',
      code: ErrorCode.MethodNotFound,
    });
    expect(peer.requests('tools/call')).toHaveLength(1);
  });

  it('keeps the rounds inside the call: unsubscribing while the user is asked sends no retry', () => {
    scheduler().run(({ cold, expectObservable, flush }) => {
      const peer = deployServer([{ resultType: 'input_required', inputRequests: { who: form } }]);
      const client = new McpClient(peer.factory, {
        versionNegotiation: 'auto',
        handlers: { elicitation: () => cold('-----a', { a: { action: 'accept' as const, content: { name: 'Ada' } } }) },
      });
      expectObservable(client.callTool({ name: 'deploy' }), '^--!').toBe('');
      flush();
      expect(peer.requests('tools/call')).toHaveLength(1);
    });
  });

  it("retries once the user answered, and times each round out on the call's timeout", () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, flush }) => {
      const answer = { a: { action: 'accept' as const, content: { name: 'Ada' } } };
      const quick = deployServer([{ resultType: 'input_required', inputRequests: { who: form } }]);
      const client = new McpClient(quick.factory, {
        versionNegotiation: 'auto',
        handlers: { elicitation: () => cold('-----a', answer) },
      });
      expectObservable(client.callTool({ name: 'deploy' })).toBe('-----(r|)', { r: done });

      let round = 0;
      const silent = createModernPeer((request) => {
        if (request.method === 'tools/list') return { tools: [tool('deploy')] };
        if (request.method !== 'tools/call') return undefined;
        return round++ === 0 ? { resultType: 'input_required', inputRequests: { who: form } } : undefined;
      });
      const slow = new McpClient(silent.factory, {
        versionNegotiation: 'auto',
        timeout: 100,
        handlers: { elicitation: () => cold('-----a', answer) },
      });
      let failed: { at: number; kind: string } | undefined;
      slow
        .callTool({ name: 'deploy' })
        .subscribe({ error: (error: { kind: string }) => (failed = { at: test.now(), kind: error.kind }) });
      flush();
      expect(failed).toEqual({ at: 105, kind: 'timeout' });
      expect(silent.requests('tools/call')).toHaveLength(2);
    });
  });

  it('with observe: events emits the round as an input event and only the final result event, not the input_required one', async () => {
    const peer = deployServer([{ resultType: 'input_required', inputRequests: { who: form }, requestState: 'x' }]);
    const client = new McpClient(peer.factory, {
      versionNegotiation: 'auto',
      handlers: { elicitation: () => ({ action: 'decline' }) },
    });
    const events = await lastValueFrom(client.callTool({ name: 'deploy' }, { observe: 'events' }).pipe(toArray()));
    expect(events).toEqual([
      { type: 'input', round: 1, inputRequests: { who: form }, hasRequestState: true },
      { type: 'result', result: done },
    ]);
  });
});

describe("MRTR rounds with observe: 'events'", () => {
  it('shows each round that asks for input before its answer, numbered, then the one result', () => {
    scheduler().run(({ expectObservable }) => {
      const peer = deployServer([
        { resultType: 'input_required', inputRequests: { who: form }, requestState: 's1' },
        { resultType: 'input_required', inputRequests: { roots: { method: 'roots/list' } } },
      ]);
      const client = new McpClient(peer.factory, {
        versionNegotiation: 'auto',
        handlers: {
          elicitation: () => ({ action: 'accept', content: { name: 'Ada' } }),
          roots: () => [{ uri: 'file:///src' }],
        },
      });
      expectObservable(client.callTool({ name: 'deploy' }, { observe: 'events' })).toBe('(abr|)', {
        a: { type: 'input', round: 1, inputRequests: { who: form }, hasRequestState: true },
        b: { type: 'input', round: 2, inputRequests: { roots: { method: 'roots/list' } }, hasRequestState: false },
        r: { type: 'result', result: done },
      });
    });
  });

  it('shows no input event for a call that needs none, and none without observe: events', () => {
    scheduler().run(({ expectObservable }) => {
      const client = new McpClient(deployServer([]).factory, { versionNegotiation: 'auto' });
      expectObservable(client.callTool({ name: 'deploy' }, { observe: 'events' })).toBe('(r|)', {
        r: { type: 'result', result: done },
      });
    });
    calls = 0;
    scheduler().run(({ expectObservable }) => {
      const peer = deployServer([{ resultType: 'input_required', inputRequests: { who: form }, requestState: 's1' }]);
      const client = new McpClient(peer.factory, {
        versionNegotiation: 'auto',
        handlers: { elicitation: () => ({ action: 'accept', content: { name: 'Ada' } }) },
      });
      expectObservable(client.callTool({ name: 'deploy' })).toBe('(r|)', { r: done });
    });
  });
});

import { concatMap, map, NEVER, of } from 'rxjs';
import * as z from 'zod';
import { McpServer } from '../../lib/server/mcp-server.js';
import { notification, request, result } from '../../lib/testing/index.js';
import { relatedRequestId } from '../../lib/transport/related-request.js';
import { call, fakeClient, initializedClient, marbles } from './helpers.js';

const info = { name: 'asking', version: '1.0.0' };

function server() {
  const s = new McpServer(info);
  s.tool('ask-llm', { inputSchema: z.object({ question: z.string() }) }, ({ question }, ctx) =>
    ctx
      .sample({ messages: [{ role: 'user', content: { type: 'text', text: question } }], maxTokens: 50 })
      .pipe(map((answer) => `model ${answer.model} says ${JSON.stringify(answer.content)}`)),
  );
  s.tool('ask-user', {}, (_args, ctx) =>
    ctx
      .elicit({
        message: 'Your name?',
        requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      })
      .pipe(map((answer) => (answer.action === 'accept' ? `hello ${answer.content?.['name']}` : answer.action))),
  );
  s.tool('visit', {}, (_args, ctx) =>
    ctx
      .elicit({ mode: 'url', message: 'Sign in', url: 'https://example.com/login', elicitationId: 'e1' })
      .pipe(map((answer) => answer.action)),
  );
  s.tool('roots', {}, (_args, ctx) =>
    ctx.listRoots().pipe(map(({ roots }) => roots.map((root) => root.uri).join(','))),
  );
  s.tool('who', {}, (_args, ctx) => ({
    structuredContent: {
      client: ctx.client?.info.name,
      sampling: ctx.client?.capabilities.sampling !== undefined,
      version: ctx.client?.protocolVersion,
    },
  }));
  return s;
}

describe('server→client requests from a handler', () => {
  it('ctx.sample sends sampling/createMessage to the client and returns its validated result', async () => {
    const client = await initializedClient(server(), { sampling: {} });
    client.setRequestHandler('sampling/createMessage', (params: any) =>
      of({
        type: 'result' as const,
        result: {
          model: 'test-model',
          role: 'assistant',
          content: { type: 'text', text: `echo ${params.messages[0].content.text}` },
        },
      }),
    );
    expect(await call(client, 'tools/call', { name: 'ask-llm', arguments: { question: 'why?' } })).toEqual({
      content: [{ type: 'text', text: 'model test-model says {"type":"text","text":"echo why?"}' }],
    });
  });

  it('ctx.elicit sends form and url elicitations', async () => {
    const client = await initializedClient(server(), { elicitation: { form: {}, url: {} } });
    const asked: unknown[] = [];
    client.setRequestHandler('elicitation/create', (params: any) => {
      asked.push(params.mode ?? 'form');
      return params.mode === 'url' ? { action: 'decline' } : { action: 'accept', content: { name: 'Ada' } };
    });
    expect(await call(client, 'tools/call', { name: 'ask-user' })).toEqual({
      content: [{ type: 'text', text: 'hello Ada' }],
    });
    expect(await call(client, 'tools/call', { name: 'visit' })).toEqual({
      content: [{ type: 'text', text: 'decline' }],
    });
    expect(asked).toEqual(['form', 'url']);
  });

  it('ctx.listRoots asks for the client’s roots', async () => {
    const client = await initializedClient(server(), { roots: { listChanged: true } });
    client.setRequestHandler('roots/list', () => ({ roots: [{ uri: 'file:///a' }, { uri: 'file:///b', name: 'b' }] }));
    expect(await call(client, 'tools/call', { name: 'roots' })).toEqual({
      content: [{ type: 'text', text: 'file:///a,file:///b' }],
    });
  });

  it('reports a client without the capability, an error answer or an invalid answer as a tool error', async () => {
    const noSampling = await initializedClient(server());
    const refused = await call(noSampling, 'tools/call', { name: 'ask-llm', arguments: { question: 'q' } });
    expect(refused).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: expect.stringMatching(/sampling/) }],
    });

    const failing = await initializedClient(server(), { sampling: {}, roots: {} });
    failing.setRequestHandler('sampling/createMessage', () => {
      throw new Error('user rejected');
    });
    failing.setRequestHandler('roots/list', () => ({ roots: 'not a list' }));
    expect(await call(failing, 'tools/call', { name: 'ask-llm', arguments: { question: 'q' } })).toEqual({
      content: [{ type: 'text', text: 'user rejected' }],
      isError: true,
    });
    expect(await call(failing, 'tools/call', { name: 'roots' })).toMatchObject({
      isError: true,
      content: [{ text: expect.stringMatching(/Invalid roots\/list result/) }],
    });
  });

  it('ctx.client tells who is calling', async () => {
    const client = await initializedClient(server(), { sampling: {} });
    expect((await call(client, 'tools/call', { name: 'who' })).structuredContent).toEqual({
      client: 'spec-client',
      sampling: true,
      version: '2025-11-25',
    });
  });

  it('relates the request to the tool call and cancels it with the call', () => {
    marbles().run(({ cold, flush }) => {
      const s = new McpServer(info);
      s.tool('ask', {}, (_args, ctx) => ctx.sample({ messages: [], maxTokens: 1 }).pipe(concatMap(() => NEVER)));
      const { fake } = fakeClient(s, { sampling: {} });
      fake.receive(request('call-1', 'tools/call', { name: 'ask' }));
      cold('---c').subscribe(() => fake.receive(notification('notifications/cancelled', { requestId: 'call-1' })));
      flush();
      expect(fake.sent).toEqual([
        request(1, 'sampling/createMessage', { messages: [], maxTokens: 1 }),
        notification('notifications/cancelled', { requestId: 1, reason: 'Request cancelled by the caller' }),
      ]);
      expect(fake.outbound.map(relatedRequestId)).toEqual(['call-1', 'call-1']);
    });
  });

  it('times out on the server scheduler like any request', () => {
    marbles().run(({ flush }) => {
      const s = new McpServer(info, { timeout: 50 });
      s.tool('ask', {}, (_args, ctx) =>
        ctx.sample({ messages: [], maxTokens: 1 }, { timeout: 20 }).pipe(map(() => 'never')),
      );
      const { fake } = fakeClient(s, { sampling: {} });
      fake.receive(request(5, 'tools/call', { name: 'ask' }));
      flush();
      expect(fake.sent[2]).toEqual(
        result(5, {
          content: [{ type: 'text', text: 'Request sampling/createMessage timed out after 20 ms' }],
          isError: true,
        }),
      );
      expect(fake.sent[1]).toMatchObject(notification('notifications/cancelled', { requestId: 1 }));
    });
  });
});

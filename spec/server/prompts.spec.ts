import * as z from 'zod';
import { McpServer } from '../../lib/server/mcp-server.js';
import { errorResponse, request } from '../../lib/testing/index.js';
import { call, expectOfficial, fakeClient, initializedClient } from './helpers.js';

function server() {
  const s = new McpServer({ name: 'prompts', version: '1.0.0' });
  s.prompt(
    'review',
    {
      title: 'Code review',
      description: 'Reviews code',
      arguments: z.object({ code: z.string().describe('The code to review'), language: z.string().optional() }),
      complete: { language: (value) => ['python', 'perl', 'typescript'].filter((l) => l.startsWith(value)) },
    },
    ({ code, language }) => ({
      description: 'A review',
      messages: [{ role: 'user', content: { type: 'text', text: `Review this ${language ?? 'code'}:\n${code}` } }],
    }),
  );
  s.prompt('simple', {}, () => 'Say hi');
  s.prompt(
    'plain-args',
    { arguments: [{ name: 'city', required: true }, { name: 'unit' }] },
    ({ city, unit }) => `Weather in ${city} (${unit ?? 'C'})`,
  );
  return s;
}

describe('prompts', () => {
  it('lists zod arguments as PromptArguments with required flags and descriptions', async () => {
    const client = await initializedClient(server());
    const listed = await call(client, 'prompts/list');
    expectOfficial('ListPromptsResult', listed);
    expect(listed.prompts).toEqual([
      {
        name: 'review',
        title: 'Code review',
        description: 'Reviews code',
        arguments: [
          { name: 'code', description: 'The code to review', required: true },
          { name: 'language', required: false },
        ],
      },
      { name: 'simple' },
      { name: 'plain-args', arguments: [{ name: 'city', required: true }, { name: 'unit' }] },
    ]);
  });

  it('gets a prompt with validated arguments', async () => {
    const client = await initializedClient(server());
    const answer = await call(client, 'prompts/get', {
      name: 'review',
      arguments: { code: 'x = 1', language: 'python' },
    });
    expectOfficial('GetPromptResult', answer);
    expect(answer).toEqual({
      description: 'A review',
      messages: [{ role: 'user', content: { type: 'text', text: 'Review this python:\nx = 1' } }],
    });
    expect(await call(client, 'prompts/get', { name: 'simple' })).toEqual({
      messages: [{ role: 'user', content: { type: 'text', text: 'Say hi' } }],
    });
    expect(
      (await call(client, 'prompts/get', { name: 'plain-args', arguments: { city: 'Oslo' } })).messages[0].content.text,
    ).toBe('Weather in Oslo (C)');
  });

  it('answers missing arguments and unknown prompts with -32602', async () => {
    const client = await initializedClient(server());
    await expect(call(client, 'prompts/get', { name: 'review', arguments: {} })).rejects.toMatchObject({
      code: -32602,
    });
    await expect(call(client, 'prompts/get', { name: 'plain-args' })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringMatching(/city/),
    });
    await expect(call(client, 'prompts/get', { name: 'nope' })).rejects.toMatchObject({
      code: -32602,
      message: 'Unknown prompt: nope',
    });
  });

  it('words invalid zod arguments readably, as tools do (not as a JSON dump of issues)', async () => {
    const client = await initializedClient(server());
    const failure = call(client, 'prompts/get', { name: 'review', arguments: { language: 'python' } });
    await expect(failure).rejects.toMatchObject({ code: -32602 });
    const message: string = await failure.catch((error: Error) => error.message);
    expect(message).toMatch(/^Invalid arguments for prompt review: ✖ .+\n\s*→ at code$/);
    expect(message).not.toContain('"path"');
  });

  it('answers a thrown error with -32603', async () => {
    const s = new McpServer({ name: 'p', version: '1' });
    s.prompt('broken', {}, () => {
      throw new Error('no prompt today');
    });
    const client = await initializedClient(s);
    await expect(call(client, 'prompts/get', { name: 'broken' })).rejects.toMatchObject({
      code: -32603,
      message: 'no prompt today',
    });
  });
});

describe('completion/complete', () => {
  function completing() {
    const s = server();
    s.resourceTemplate(
      'test://users/{org}/{id}',
      {
        name: 'user',
        complete: {
          org: () => ['acme', 'apex'],
          id: async (value, context) =>
            (context.arguments['org'] === 'acme' ? ['1', '2', '3'] : ['9']).filter((id) => id.startsWith(value)),
        },
      },
      () => '',
    );
    s.resource('test://static', { name: 'static' }, () => '');
    s.prompt(
      'many',
      {
        arguments: z.object({ n: z.string() }),
        complete: { n: () => Array.from({ length: 150 }, (_, i) => String(i)) },
      },
      () => '',
    );
    return s;
  }

  it('completes prompt arguments', async () => {
    const client = await initializedClient(completing());
    const answer = await call(client, 'completion/complete', {
      ref: { type: 'ref/prompt', name: 'review' },
      argument: { name: 'language', value: 'p' },
    });
    expectOfficial('CompleteResult', answer);
    expect(answer).toEqual({ completion: { values: ['python', 'perl'], total: 2, hasMore: false } });
  });

  it('completes template variables with the context of resolved ones', async () => {
    const client = await initializedClient(completing());
    const ref = { type: 'ref/resource', uri: 'test://users/{org}/{id}' };
    expect(await call(client, 'completion/complete', { ref, argument: { name: 'org', value: '' } })).toEqual({
      completion: { values: ['acme', 'apex'], total: 2, hasMore: false },
    });
    const ids = await call(client, 'completion/complete', {
      ref,
      argument: { name: 'id', value: '' },
      context: { arguments: { org: 'acme' } },
    });
    expect(ids.completion.values).toEqual(['1', '2', '3']);
  });

  it('caps values at 100 with total and hasMore', async () => {
    const client = await initializedClient(completing());
    const answer = await call(client, 'completion/complete', {
      ref: { type: 'ref/prompt', name: 'many' },
      argument: { name: 'n', value: '' },
    });
    expect(answer.completion.values).toHaveLength(100);
    expect(answer.completion).toMatchObject({ total: 150, hasMore: true });
  });

  it('gives no values for an argument without completer or a static resource, and -32602 for unknown refs', async () => {
    const client = await initializedClient(completing());
    const empty = { completion: { values: [], total: 0, hasMore: false } };
    expect(
      await call(client, 'completion/complete', {
        ref: { type: 'ref/prompt', name: 'review' },
        argument: { name: 'code', value: '' },
      }),
    ).toEqual(empty);
    expect(
      await call(client, 'completion/complete', {
        ref: { type: 'ref/resource', uri: 'test://static' },
        argument: { name: 'x', value: '' },
      }),
    ).toEqual(empty);
    await expect(
      call(client, 'completion/complete', {
        ref: { type: 'ref/prompt', name: 'nope' },
        argument: { name: 'a', value: '' },
      }),
    ).rejects.toMatchObject({ code: -32602 });
    await expect(
      call(client, 'completion/complete', {
        ref: { type: 'ref/resource', uri: 'test://nope/{x}' },
        argument: { name: 'x', value: '' },
      }),
    ).rejects.toMatchObject({
      code: -32602,
    });
  });

  it('is announced with prompts or templates, and refused (-32601) by a server without them', async () => {
    expect((await initializedClient(completing())).server?.capabilities.completions).toEqual({});
    const bare = new McpServer({ name: 'bare', version: '1' });
    bare.tool('t', {}, () => '');
    const client = await initializedClient(bare);
    expect(client.server?.capabilities).toEqual({ logging: {}, tools: { listChanged: true } });
    const { fake } = fakeClient(bare);
    fake.receive(
      request(1, 'completion/complete', { ref: { type: 'ref/prompt', name: 'x' }, argument: { name: 'a', value: '' } }),
    );
    fake.receive(request(2, 'prompts/list'));
    expect(fake.sent).toEqual([
      errorResponse(1, -32601, 'Method not found: completion/complete'),
      errorResponse(2, -32601, 'Method not found: prompts/list'),
    ]);
  });
});

import { throwError } from 'rxjs';
import * as z from 'zod';
import { McpError } from '../../lib/protocol/errors.js';
import { McpServer } from '../../lib/server/mcp-server.js';
import { ajvJsonSchemaValidator } from '../../lib/schema/index.js';
import { request } from '../../lib/testing/index.js';
import { call, expectOfficial, fakeClient, initializedClient } from './helpers.js';

const info = { name: 'tools-server', version: '1.0.0' };

function server() {
  const s = new McpServer(info);
  s.tool(
    'echo',
    {
      title: 'Echo',
      description: 'Echoes the text',
      inputSchema: z.object({ text: z.string().describe('What to echo'), times: z.number().int().optional() }),
    },
    ({ text, times }) => text.repeat(times ?? 1),
  );
  return s;
}

const rawSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { point: { $ref: '#/$defs/point' } },
  required: ['point'],
  additionalProperties: false,
  $defs: {
    point: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } }, required: ['x', 'y'] },
  },
} as const;

describe('tools/list', () => {
  it('shows zod input schemas as JSON Schema 2020-12', async () => {
    const client = await initializedClient(server());
    const listed = await call(client, 'tools/list');
    expectOfficial('ListToolsResult', listed);
    expect(listed).toEqual({
      tools: [
        {
          name: 'echo',
          title: 'Echo',
          description: 'Echoes the text',
          inputSchema: {
            $schema: 'https://json-schema.org/draft/2020-12/schema',
            type: 'object',
            properties: {
              text: { type: 'string', description: 'What to echo' },
              times: { type: 'integer', minimum: expect.any(Number), maximum: expect.any(Number) },
            },
            required: ['text'],
          },
        },
      ],
    });
  });

  it('passes a raw JSON Schema through verbatim ($schema, $defs, additionalProperties)', async () => {
    const s = new McpServer(info);
    s.tool(
      'plot',
      { inputSchema: rawSchema, outputSchema: { type: 'object', properties: { ok: { type: 'boolean' } } } },
      () => ({ structuredContent: { ok: true } }),
    );
    const client = await initializedClient(s);
    const { tools } = await call(client, 'tools/list');
    expect(tools[0].inputSchema).toEqual(rawSchema);
    expect(tools[0].outputSchema).toEqual({ type: 'object', properties: { ok: { type: 'boolean' } } });
  });

  it('gives a tool without input schema an object schema without properties', async () => {
    const s = new McpServer(info);
    s.tool('now', { annotations: { readOnlyHint: true } }, () => 'now');
    const client = await initializedClient(s);
    const { tools } = await call(client, 'tools/list');
    expect(tools).toEqual([
      {
        name: 'now',
        inputSchema: { type: 'object', additionalProperties: false },
        annotations: { readOnlyHint: true },
      },
    ]);
  });

  it('refuses a non-object schema and a duplicate name at registration', () => {
    const s = new McpServer(info);
    expect(() => s.tool('bad', { inputSchema: z.string() as never }, () => '')).toThrow(/object/);
    s.tool('x', {}, () => '');
    expect(() => s.tool('x', {}, () => '')).toThrow(/already registered/);
  });
});

describe('tools/call', () => {
  it('runs the handler with parsed arguments and wraps a string result', async () => {
    const client = await initializedClient(server());
    const answer = await call(client, 'tools/call', { name: 'echo', arguments: { text: 'ab', times: 2 } });
    expectOfficial('CallToolResult', answer);
    expect(answer).toEqual({ content: [{ type: 'text', text: 'abab' }] });
  });

  it('answers invalid zod arguments with an isError result', async () => {
    const client = await initializedClient(server());
    const answer = await call(client, 'tools/call', { name: 'echo', arguments: { text: 3 } });
    expect(answer.isError).toBe(true);
    expect(answer.content[0].text).toMatch(/Invalid arguments for tool echo[\s\S]*text/);
  });

  it('validates raw JSON Schema arguments with 2020-12 semantics ($ref into $defs, additionalProperties)', async () => {
    const s = new McpServer(info);
    s.tool('plot', { inputSchema: rawSchema }, (args) => JSON.stringify(args));
    const client = await initializedClient(s);
    expect(await call(client, 'tools/call', { name: 'plot', arguments: { point: { x: 1, y: 2 } } })).toEqual({
      content: [{ type: 'text', text: '{"point":{"x":1,"y":2}}' }],
    });
    const missing = await call(client, 'tools/call', { name: 'plot', arguments: { point: { x: 1 } } });
    expect(missing).toMatchObject({ isError: true, content: [{ type: 'text', text: expect.stringMatching(/y/) }] });
    const extra = await call(client, 'tools/call', { name: 'plot', arguments: { point: { x: 1, y: 2 }, z: 0 } });
    expect(extra).toMatchObject({ isError: true, content: [{ text: expect.stringMatching(/additional properties/) }] });
  });

  it('validates raw JSON Schemas with the engine given as jsonSchemaValidator', async () => {
    const s = new McpServer(info, { jsonSchemaValidator: ajvJsonSchemaValidator() });
    s.tool('plot', { inputSchema: rawSchema }, (args) => JSON.stringify(args));
    const client = await initializedClient(s);
    const missing = await call(client, 'tools/call', { name: 'plot', arguments: { point: { x: 1 } } });
    expect(missing).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: expect.stringContaining("arguments/point must have required property 'y'") }],
    });
  });

  it('turns a thrown error, a rejection and an Observable error into isError results', async () => {
    const s = new McpServer(info);
    s.tool('throws', {}, () => {
      throw new Error('kaput');
    });
    s.tool('rejects', {}, async () => Promise.reject(new Error('later kaput')));
    s.tool('errors', {}, () => throwError(() => new Error('stream kaput')));
    const client = await initializedClient(s);
    expect(await call(client, 'tools/call', { name: 'throws' })).toEqual({
      content: [{ type: 'text', text: 'kaput' }],
      isError: true,
    });
    expect(await call(client, 'tools/call', { name: 'rejects' })).toEqual({
      content: [{ type: 'text', text: 'later kaput' }],
      isError: true,
    });
    expect(await call(client, 'tools/call', { name: 'errors' })).toEqual({
      content: [{ type: 'text', text: 'stream kaput' }],
      isError: true,
    });
  });

  it('lets a handler answer with a JSON-RPC error by throwing a protocol McpError', async () => {
    const s = new McpServer(info);
    s.tool('needs-url', {}, () => {
      throw McpError.protocol(-32042, 'URL elicitation required', { elicitations: [] });
    });
    const client = await initializedClient(s);
    await expect(call(client, 'tools/call', { name: 'needs-url' })).rejects.toMatchObject({
      kind: 'protocol',
      code: -32042,
      data: { elicitations: [] },
    });
  });

  it('answers an unknown tool with -32602', async () => {
    const client = await initializedClient(server());
    await expect(call(client, 'tools/call', { name: 'nope' })).rejects.toMatchObject({
      kind: 'protocol',
      code: -32602,
      message: 'Unknown tool: nope',
    });
  });

  it('adds a JSON text content to structuredContent and validates it against the outputSchema', async () => {
    const s = new McpServer(info);
    const outputSchema = z.object({ sum: z.number() });
    s.tool('add', { inputSchema: z.object({ a: z.number(), b: z.number() }), outputSchema }, ({ a, b }) => ({
      structuredContent: { sum: a + b },
    }));
    s.tool('wrong', { outputSchema }, () => ({ structuredContent: { sum: 'three' } as never }));
    s.tool('missing', { outputSchema }, () => ({ content: [{ type: 'text', text: 'no structure' }] }));
    s.tool('failing', { outputSchema }, () => ({ content: [{ type: 'text', text: 'it broke' }], isError: true }));
    const client = await initializedClient(s);
    const { tools } = await call(client, 'tools/list');
    expect(tools[0].outputSchema).toMatchObject({
      type: 'object',
      properties: { sum: { type: 'number' } },
      required: ['sum'],
    });
    const answer = await call(client, 'tools/call', { name: 'add', arguments: { a: 1, b: 2 } });
    expect(answer).toEqual({ structuredContent: { sum: 3 }, content: [{ type: 'text', text: '{"sum":3}' }] });
    expectOfficial('CallToolResult', answer);
    await expect(call(client, 'tools/call', { name: 'wrong' })).rejects.toMatchObject({
      code: -32603,
      message: expect.stringMatching(/invalid structuredContent/),
    });
    await expect(call(client, 'tools/call', { name: 'missing' })).rejects.toMatchObject({
      code: -32603,
      message: expect.stringMatching(/no structuredContent/),
    });
    expect(await call(client, 'tools/call', { name: 'failing' })).toEqual({
      content: [{ type: 'text', text: 'it broke' }],
      isError: true,
    });
  });

  it('validates structuredContent against a raw JSON output schema', async () => {
    const s = new McpServer(info);
    const outputSchema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } as const;
    s.tool('n', { inputSchema: { type: 'object', properties: { n: { type: 'number' } } }, outputSchema }, (args) => ({
      structuredContent: { n: args['n'] },
    }));
    const client = await initializedClient(s);
    expect(await call(client, 'tools/call', { name: 'n', arguments: { n: 2 } })).toMatchObject({
      structuredContent: { n: 2 },
    });
    await expect(call(client, 'tools/call', { name: 'n', arguments: { n: 2.5 } })).rejects.toMatchObject({
      code: -32603,
    });
  });

  it('answers a malformed handler result with -32603', async () => {
    const s = new McpServer(info);
    s.tool('bad', {}, () => ({ content: [{ type: 'nope' }] }) as never);
    const client = await initializedClient(s);
    await expect(call(client, 'tools/call', { name: 'bad' })).rejects.toMatchObject({ code: -32603 });
  });
});

describe('tool handles', () => {
  it('disable hides and refuses, enable restores, update changes in place, remove unregisters', async () => {
    const s = server();
    const other = s.tool('other', { description: 'first' }, () => 'v1');
    const client = await initializedClient(s);
    const names = async () => (await call(client, 'tools/list')).tools.map((t: { name: string }) => t.name);

    other.disable();
    expect(other.enabled).toBe(false);
    expect(await names()).toEqual(['echo']);
    await expect(call(client, 'tools/call', { name: 'other' })).rejects.toMatchObject({ code: -32602 });

    other.enable();
    other.update({ description: 'second', handler: () => 'v2' });
    expect((await call(client, 'tools/list')).tools[1]).toEqual({
      name: 'other',
      description: 'second',
      inputSchema: expect.any(Object),
    });
    expect(await call(client, 'tools/call', { name: 'other' })).toEqual({ content: [{ type: 'text', text: 'v2' }] });

    other.update({ name: 'renamed' });
    expect(await names()).toEqual(['echo', 'renamed']);

    other.remove();
    expect(other.removed).toBe(true);
    expect(await names()).toEqual(['echo']);
    expect(() => other.enable()).toThrow(/removed/);
    s.tool('renamed', {}, () => 'again');
    expect(await names()).toEqual(['echo', 'renamed']);
  });
});

describe('the handler context', () => {
  it('lets a handler destructure its methods, and gives the same function on every read', async () => {
    const s = new McpServer(info, { capabilities: { logging: {} } });
    const seen: boolean[] = [];
    s.tool('chatty', {}, (_args, ctx) => {
      seen.push(ctx.log === ctx.log, ctx.progress === ctx.progress);
      const { log, progress, sendNotification } = ctx;
      progress(1, 2, 'half');
      log('info', 'hello');
      sendNotification('notifications/tools/list_changed');
      return 'done';
    });
    const { fake } = fakeClient(s);
    fake.receive(request(1, 'tools/call', { name: 'chatty', _meta: { progressToken: 'p' } }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([true, true]);
    expect(fake.sent.map((message) => ('method' in message ? message.method : 'response'))).toEqual([
      'notifications/progress',
      'notifications/message',
      'notifications/tools/list_changed',
      'response',
    ]);
  });
});

import ajv2020Module from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import { firstValueFrom, last } from 'rxjs';
import * as z from 'zod';
import type { JSONRPCRequest } from '../../lib/protocol/jsonrpc.js';
import { MetaKey, MODERN_PROTOCOL_VERSION } from '../../lib/protocol/modern.js';
import { McpServer } from '../../lib/server/mcp-server.js';
import { legacyOutputSchema } from '../../lib/server/legacy-structured-content.js';
import { readSpecSchema } from '../fixtures/schemas/index.js';
import { call, expectOfficial, initializedClient } from './helpers.js';

/** The official 2026-07-28 schema as the oracle of what a modern request receives. */
const Ajv2020 = ajv2020Module.default;
const ajv2026 = new Ajv2020({ strict: false, allErrors: true });
ajvFormatsModule.default(ajv2026);
ajv2026.addSchema(readSpecSchema('2026-07-28') as object, 'mcp2026');
function expectOfficial2026(def: string, value: unknown): void {
  const validate = ajv2026.getSchema(`mcp2026#/$defs/${def}`)!;
  if (!validate(value))
    throw new Error(
      `${def} rejected by the 2026-07-28 schema: ${ajv2026.errorsText(validate.errors)}\n${JSON.stringify(value)}`,
    );
}

const USERS = [
  { id: '1', name: 'Alice' },
  { id: '2', name: 'Bob' },
];
const userArray = {
  type: 'array',
  items: { $ref: '#/$defs/user' },
  $defs: {
    user: {
      type: 'object',
      properties: { id: { type: 'string' }, name: { type: 'string' } },
      required: ['id', 'name'],
    },
  },
} as const;

function server() {
  const s = new McpServer({ name: 'eras', version: '1.0.0' });
  s.tool('users', { outputSchema: userArray }, () => ({ structuredContent: USERS }));
  s.tool('count', { outputSchema: z.number().int() }, () => ({ structuredContent: 3 }));
  s.tool('nothing', { outputSchema: { type: 'null' } }, () => ({ structuredContent: null }));
  s.tool('point', { outputSchema: z.object({ x: z.number() }) }, () => ({ structuredContent: { x: 1 } }));
  s.tool('free', {}, () => ({ structuredContent: 'just a string' }));
  s.tool('liar', { outputSchema: z.array(z.string()) }, () => ({ structuredContent: [1, 2] as unknown as string[] }));
  return s;
}

/** A 2026-07-28 request served statelessly; resolves with its final result (or error). */
async function modern(s: McpServer, method: string, params: Record<string, unknown> = {}): Promise<any> {
  const message: JSONRPCRequest = {
    jsonrpc: '2.0',
    id: 1,
    method,
    params: {
      ...params,
      _meta: { [MetaKey.protocolVersion]: MODERN_PROTOCOL_VERSION, [MetaKey.clientCapabilities]: {} },
    },
  };
  const { message: reply } = await firstValueFrom(s.serveModern(message, {}).pipe(last()));
  return reply;
}

describe('structuredContent of any JSON value on a 2026-07-28 request', () => {
  it('lists output schemas as declared, of arrays, numbers and null', async () => {
    const { result } = await modern(server(), 'tools/list');
    expectOfficial2026('ListToolsResult', result);
    const schemas = Object.fromEntries(
      (result.tools as Array<{ name: string; outputSchema?: unknown }>).map((tool) => [tool.name, tool.outputSchema]),
    );
    expect(schemas['users']).toEqual(userArray);
    expect(schemas['count']).toMatchObject({ type: 'integer' });
    expect(schemas['nothing']).toEqual({ type: 'null' });
    expect(schemas['point']).toMatchObject({ type: 'object' });
  });

  it.each([
    ['users', USERS],
    ['count', 3],
    ['nothing', null],
    ['free', 'just a string'],
  ])('returns %s structuredContent as the tool produced it, with its JSON as text', async (name, value) => {
    const { result } = await modern(server(), 'tools/call', { name });
    expectOfficial2026('CallToolResult', result);
    expect(result.structuredContent).toEqual(value);
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(value) }]);
  });

  it('answers -32603 when the value does not match a non-object output schema', async () => {
    const reply = await modern(server(), 'tools/call', { name: 'liar' });
    expect(reply.error).toMatchObject({ code: -32603, message: expect.stringMatching(/invalid structuredContent/) });
  });
});

describe('the same tools on a 2025 session: non-object output wrapped as { result }', () => {
  it('shows a non-object output schema inside an object with one required property, $defs at the root', async () => {
    const client = await initializedClient(server());
    const listed = await call(client, 'tools/list');
    expectOfficial('ListToolsResult', listed);
    const schemas = Object.fromEntries(
      (listed.tools as Array<{ name: string; outputSchema?: unknown }>).map((tool) => [tool.name, tool.outputSchema]),
    );
    expect(schemas['users']).toEqual({
      type: 'object',
      properties: { result: { type: 'array', items: { $ref: '#/$defs/user' } } },
      required: ['result'],
      $defs: userArray.$defs,
    });
    expect(schemas['nothing']).toEqual({
      type: 'object',
      properties: { result: { type: 'null' } },
      required: ['result'],
    });
    expect(schemas['count']).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['result'],
    });
    // An object schema is shown as it is.
    expect(schemas['point']).toMatchObject({ type: 'object', properties: { x: { type: 'number' } } });
  });

  it.each([
    ['users', USERS],
    ['count', 3],
    ['nothing', null],
    ['free', 'just a string'],
  ])('wraps %s structuredContent; the text content keeps the value itself', async (name, value) => {
    const client = await initializedClient(server());
    const result = await call(client, 'tools/call', { name });
    expectOfficial('CallToolResult', result);
    expect(result.structuredContent).toEqual({ result: value });
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(value) }]);
  });

  it('leaves an object result of an object schema alone', async () => {
    const client = await initializedClient(server());
    expect(await call(client, 'tools/call', { name: 'point' })).toEqual({
      content: [{ type: 'text', text: '{"x":1}' }],
      structuredContent: { x: 1 },
    });
  });

  it('validates the unwrapped value before wrapping (a bad value is -32603 in both eras)', async () => {
    const client = await initializedClient(server());
    await expect(call(client, 'tools/call', { name: 'liar' })).rejects.toMatchObject({ code: -32603 });
  });

  it('the wrapped schema accepts exactly the wrapped values (ajv, 2020-12)', () => {
    const { schema, wraps } = legacyOutputSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      ...userArray,
    });
    expect(wraps).toBe(true);
    const check = new Ajv2020({ strict: false }).compile(schema);
    expect(check({ result: USERS })).toBe(true);
    expect(check({ result: [{ id: 1 }] })).toBe(false);
    expect(check(USERS)).toBe(false);
  });

  it('keeps $defs inside a schema with its own $id (its refs resolve against it)', () => {
    const inner = {
      $id: 'https://example.com/users',
      type: 'array',
      items: { $ref: '#/$defs/user' },
      $defs: userArray.$defs,
    };
    const { schema } = legacyOutputSchema(inner);
    expect(schema).toEqual({ type: 'object', properties: { result: inner }, required: ['result'] });
    expect(new Ajv2020({ strict: false }).compile(schema)({ result: USERS })).toBe(true);
  });

  it('still refuses an input schema that is not an object schema at registration', () => {
    const s = new McpServer({ name: 'eras', version: '1.0.0' });
    expect(() => s.tool('bad', { inputSchema: { type: 'array' } as never }, () => 'x')).toThrow(
      /must have type "object"/,
    );
    expect(() => s.tool('bad', { inputSchema: z.array(z.string()) as never }, () => 'x')).toThrow(
      /must describe an object/,
    );
  });
});

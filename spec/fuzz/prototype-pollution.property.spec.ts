// Property: no parsed input can pollute prototypes. JSON whose objects carry `__proto__`,
// `constructor` and `prototype` keys (at any depth, in params, arguments, _meta, results) goes
// through every parse path — WebSocket/stdio frames (parseMessage, ndjson framing), HTTP bodies
// (readJsonBody, toInboundMessage), SSE data (parseMessages), and a whole McpServer session (the
// initialize handshake and a tool's zod-validated arguments) — and afterwards Object.prototype is
// unchanged, and every object handed on has a plain prototype (none was swapped by a `__proto__` key).
import * as fc from 'fast-check';
import { lastValueFrom, of, toArray } from 'rxjs';
import * as z from 'zod';
import { readJsonBody } from '../../lib/server/http/read-message.js';
import { McpServer } from '../../lib/server/mcp-server.js';
import { createFakeTransport } from '../../lib/testing/index.js';
import { ndjson } from '../../lib/transport/framing/ndjson.js';
import { parseMessages } from '../../lib/transport/http/http-messages.js';
import { parseMessage, toInboundMessage } from '../../lib/transport/parse-message.js';
import { checkAsyncProperty, checkProperty, propertyTimeout } from './support/fuzz-runs.js';

const DANGEROUS = ['__proto__', 'constructor', 'prototype'];

/** JSON text of a value whose objects use dangerous keys (written as text: a JS literal cannot hold an own `__proto__`). */
const pollutedText: fc.Arbitrary<string> = fc.letrec<{ value: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('1', '"x"', 'null', 'true', '[]', '{}'),
    tie('object'),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
  ),
  object: fc
    .array(
      fc.tuple(
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...DANGEROUS, 'polluted', 'isAdmin') },
          { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
        ),
        tie('value'),
      ),
      {
        maxLength: 4,
      },
    )
    .map((members) => `{${members.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
})).object;

/** A message text with polluted objects where peers put data. */
const pollutedMessage = fc
  .tuple(pollutedText, pollutedText, pollutedText, fc.constantFrom('request', 'initialize', 'response', 'notification'))
  .map(([a, b, c, kind]) => {
    switch (kind) {
      case 'initialize':
        return `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":${a},"clientInfo":{"name":"c","version":"1","__proto__":${b}},"__proto__":${c}}}`;
      case 'request':
        return `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"t","__proto__":${a},"constructor":${b}},"_meta":${c}}}`;
      case 'response':
        return `{"jsonrpc":"2.0","id":3,"result":${a},"__proto__":${b}}`;
      default:
        return `{"jsonrpc":"2.0","method":"notifications/message","params":${a},"constructor":${b}}`;
    }
  });

const baseline = Object.getOwnPropertyDescriptors(Object.prototype);

/** Object.prototype (and so every plain object) is as it was. */
function expectUnpolluted(): void {
  const now = Object.getOwnPropertyDescriptors(Object.prototype);
  expect(Object.keys(now).sort()).toEqual(Object.keys(baseline).sort());
  for (const key of Object.keys(baseline) as (keyof typeof baseline)[])
    expect(now[key]!.value).toBe(baseline[key]!.value);
  const probe = {} as Record<string, unknown>;
  expect(probe['polluted']).toBeUndefined();
  expect(probe['isAdmin']).toBeUndefined();
}

/** Every object reachable from `value` has a plain prototype: none was swapped by a `__proto__` key. */
function expectPlain(value: unknown, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  if (!(proto === Object.prototype || proto === Array.prototype || proto === null || value instanceof Error)) {
    throw new Error(`An object with a swapped prototype: ${JSON.stringify(value)}`);
  }
  for (const key of Reflect.ownKeys(value)) expectPlain((value as Record<PropertyKey, unknown>)[key], seen);
}

describe('property: no parsed input pollutes prototypes', () => {
  it(
    'through frames, framing, HTTP bodies and SSE data',
    async () => {
      await checkAsyncProperty(
        'prototype pollution: parse paths',
        fc.asyncProperty(pollutedMessage, async (text) => {
          const outputs: unknown[] = [parseMessage(text), toInboundMessage(JSON.parse(text)), ...parseMessages(text)];
          outputs.push(...(await lastValueFrom(of(`${text}\n`, `${text}\r\n`).pipe(ndjson(), toArray()))));
          const request = new Request('http://localhost/mcp', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: text,
          });
          const read = await readJsonBody(request, { maxBytes: 1 << 20 });
          expect(read.ok).toBe(true);
          outputs.push(read.ok ? toInboundMessage(read.value) : undefined);
          for (const output of outputs) expectPlain(output);
          expectUnpolluted();
        }),
        300,
      );
    },
    propertyTimeout(),
  );

  it(
    'through a server session: the handshake, a tool’s validated arguments, and what it answers',
    () => {
      const server = new McpServer({ name: 'pollution', version: '1.0.0' });
      const seen: unknown[] = [];
      server.tool('echo', { inputSchema: z.object({ text: z.string() }) }, (args, ctx) => {
        seen.push(args, ctx.client);
        return args.text;
      });
      checkProperty(
        'prototype pollution: server session',
        fc.property(pollutedText, pollutedText, (a, b) => {
          const fake = createFakeTransport();
          const connection = server.connect(fake.transport);
          for (const text of [
            `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":${a},"clientInfo":{"name":"c","version":"1"},"__proto__":${b}}}`,
            `{"jsonrpc":"2.0","method":"notifications/initialized","params":${a}}`,
            `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"t","__proto__":${a},"constructor":${b}},"_meta":${b}}}`,
            `{"jsonrpc":"2.0","id":3,"method":"tools/list","params":${a}}`,
          ]) {
            const message = parseMessage(text);
            fake.receive(message as never);
          }
          expect(fake.sent.find((m) => 'id' in m && m.id === 2)).toMatchObject({
            result: { content: [{ type: 'text', text: 't' }] },
          });
          for (const value of [...seen, ...fake.sent]) expectPlain(value);
          expectUnpolluted();
          seen.length = 0;
          connection.unsubscribe();
        }),
        200,
      );
    },
    propertyTimeout(),
  );
});

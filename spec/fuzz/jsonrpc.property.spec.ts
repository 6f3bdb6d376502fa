// Property: every JSON value (and every text) a peer sends gets exactly the answer the spec
// names, and the session carries on: -32700 with id null for invalid JSON, -32600 for what is not
// a JSON-RPC message, -32601 for an unknown method, a result for a known one, nothing for
// notifications and responses.
import * as fc from 'fast-check';
import {
  isJSONRPCErrorResponse,
  isJSONRPCMessage,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
} from '../../lib/protocol/jsonrpc.js';
import { createSession } from '../../lib/session/session.js';
import { createFakeTransport, request } from '../../lib/testing/index.js';
import { parseMessage, toInboundMessage } from '../../lib/transport/parse-message.js';
import { isInvalidFrame } from '../../lib/transport/transport.js';
import { anyFrameText, anyJson } from './support/arbitraries.js';
import { checkProperty, propertyTimeout } from './support/fuzz-runs.js';
import { classify, echoableId, tryParse } from './support/jsonrpc-oracle.js';

/** What the spec says the session sends back for one frame of text. */
function expectedAnswer(text: string): Array<{ id: unknown; code?: number; result?: true }> {
  const parsed = tryParse(text);
  if (!parsed.ok) return [{ id: null, code: -32700 }];
  const value = parsed.value as Record<string, unknown>;
  switch (classify(value)) {
    case 'request':
      return value['method'] === 'known' || value['method'] === 'ping'
        ? [{ id: value['id'], result: true }]
        : [{ id: value['id'], code: -32601 }];
    case 'invalid':
      return [{ id: echoableId(value), code: -32600 }];
    default:
      return [];
  }
}

/** The session's answers, reduced to what the spec fixes (an -32600 may echo the id or use null). */
function actualAnswer(sent: JSONRPCMessage[], expected: Array<{ id: unknown; code?: number }>) {
  return sent.map((message, index) => {
    expect(classify(message)).toBe('error' in message ? 'error' : 'result');
    if ('error' in message) {
      expect(typeof message.error.message).toBe('string');
      const id = message.error.code === -32600 && message.id === null ? (expected[index]?.id ?? null) : message.id;
      return { id, code: message.error.code };
    }
    return { id: (message as { id?: unknown }).id, result: true as const };
  });
}

describe('JSON-RPC classification (property)', () => {
  it('the structural guards agree with the spec on every JSON value', () => {
    checkProperty(
      'guards agree with the spec',
      fc.property(anyJson, (value) => {
        const kind = classify(value);
        expect(isJSONRPCMessage(value)).toBe(kind !== 'invalid');
        const inbound = toInboundMessage(value);
        if (kind === 'invalid') {
          expect(isInvalidFrame(inbound)).toBe(true);
          expect(inbound).toMatchObject({ kind: 'invalid-frame', reason: 'invalid' });
          expect([null, echoableId(value)]).toContainEqual((inbound as { id: unknown }).id);
          return;
        }
        const message = inbound as JSONRPCMessage;
        expect(isInvalidFrame(message)).toBe(false);
        expect(isJSONRPCRequest(message)).toBe(kind === 'request');
        expect(isJSONRPCNotification(message)).toBe(kind === 'notification');
        expect(isJSONRPCResultResponse(message)).toBe(kind === 'result');
        expect(isJSONRPCErrorResponse(message)).toBe(kind === 'error');
      }),
      1000,
    );
  });

  it('parseMessage says -32700 exactly for text that is not JSON', () => {
    checkProperty(
      'parse errors are exactly the invalid JSON',
      fc.property(anyFrameText, (text) => {
        const frame = parseMessage(text);
        const parsed = tryParse(text);
        expect(isInvalidFrame(frame) && frame.reason === 'parse').toBe(!parsed.ok);
        if (!parsed.ok) expect(frame).toMatchObject({ id: null });
      }),
      1000,
    );
  });

  it(
    'the session answers every frame as the spec says and carries on',
    () => {
      checkProperty(
        'session answers every frame',
        fc.property(fc.array(anyFrameText, { minLength: 1, maxLength: 4 }), (texts) => {
          const fake = createFakeTransport();
          const session = createSession(fake.transport);
          session.setRequestHandler('known', () => ({ ok: true }));
          const connection = session.connect();
          for (const text of texts) {
            const before = fake.sent.length;
            fake.receive(parseMessage(text) as JSONRPCMessage);
            const expected = expectedAnswer(text);
            expect(actualAnswer(fake.sent.slice(before), expected)).toEqual(expected);
          }
          fake.receive(request('still-there', 'ping'));
          expect(fake.sent[fake.sent.length - 1]).toEqual({ jsonrpc: '2.0', id: 'still-there', result: {} });
          connection.unsubscribe();
          expect(fake.closed).toBe(true);
        }),
        500,
      );
    },
    propertyTimeout(),
  );
});

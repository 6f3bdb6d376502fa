// Counterexamples the properties in spec/fuzz found, kept as plain specs so they stay fixed.
import { isJSONRPCMessage, type JSONRPCMessage } from '../../lib/protocol/jsonrpc.js';
import { createSession } from '../../lib/session/session.js';
import { createFakeTransport } from '../../lib/testing/index.js';
import { parseMessage } from '../../lib/transport/parse-message.js';

describe('counterexamples found by the properties', () => {
  // jsonrpc.property.spec.ts: an error object's code MUST be an integer (JSON-RPC 2.0 §5.1, and
  // the MCP schema's Error.code is "integer").
  it('a response whose error code is not an integer is an Invalid Request', () => {
    const text = '{"jsonrpc":"2.0","error":{"code":-5e-324,"message":""}}';
    expect(isJSONRPCMessage(JSON.parse(text))).toBe(false);
    const fake = createFakeTransport();
    createSession(fake.transport).connect();
    fake.receive(parseMessage(text) as JSONRPCMessage);
    expect(fake.sent).toEqual([{ jsonrpc: '2.0', id: null, error: { code: -32600, message: expect.any(String) } }]);
  });

  // jsonrpc.property.spec.ts: a response carries `result` or `error`, never both (JSON-RPC 2.0 §5);
  // such a value was taken for a result response and an error response at once.
  it('a response with both result and error is an Invalid Request', () => {
    const text = '{"jsonrpc":"2.0","id":0,"result":{},"error":{"code":0,"message":"x"}}';
    expect(isJSONRPCMessage(JSON.parse(text))).toBe(false);
    const fake = createFakeTransport();
    createSession(fake.transport).connect();
    fake.receive(parseMessage(text) as JSONRPCMessage);
    expect(fake.sent).toEqual([{ jsonrpc: '2.0', id: 0, error: { code: -32600, message: expect.any(String) } }]);
  });
});

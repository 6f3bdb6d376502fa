// One message-size limit for every network transport: limits.maxMessageBytes is the WebSocket
// frame and message limit (ws maxPayload: close 1009) and the HTTP body limit (413).
import { WebSocket } from 'ws';
import { serveMcp, type McpHttpServer } from '../../lib/node/http/index.js';
import { DEFAULT_LIMITS } from '../../lib/server/limits.js';
import { createTestServer } from '../node/http/helpers/test-server.js';
import { callTool, openSession, post, sessionHeaders } from '../node/http/helpers/raw-http.js';

describe('limits: message and frame sizes', () => {
  let running: McpHttpServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('defaults to 4 MiB', () => {
    expect(DEFAULT_LIMITS.maxMessageBytes).toBe(4 * 1024 * 1024);
  });

  it('closes a WebSocket with 1009 on a message over maxMessageBytes, and serves one at the limit', async () => {
    running = await serveMcp(createTestServer(), { limits: { maxMessageBytes: 200 } });
    const open = async () => {
      const socket = new WebSocket(`${running!.url.replace('http', 'ws')}/ws`, 'mcp');
      socket.on('error', () => undefined);
      await new Promise((resolve) => socket.once('open', resolve));
      return socket;
    };
    const ok = await open();
    const atLimit = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: {} });
    ok.send(atLimit + ' '.repeat(200 - atLimit.length));
    await expect(
      new Promise((resolve) => ok.once('message', (data) => resolve(JSON.parse(String(data))))),
    ).resolves.toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    ok.close();
    const tooLarge = await open();
    const closed = new Promise<number>((resolve) => tooLarge.once('close', (code) => resolve(code)));
    tooLarge.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(200) } }));
    await expect(closed).resolves.toBe(1009);
  });

  it('answers 413 to an HTTP body over maxMessageBytes; the session carries on', async () => {
    running = await serveMcp(createTestServer(), { limits: { maxMessageBytes: 1024 } });
    const mcp = `${running.url}/mcp`;
    const sessionId = await openSession(mcp);
    const refused = await post(mcp, callTool(2, 'echo', { text: 'x'.repeat(2000) }), sessionHeaders(sessionId));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({
      error: { code: -32000, message: 'Payload Too Large: the body exceeds 1024 bytes' },
    });
    const served = await post(mcp, callTool(3, 'echo', { text: 'small' }), sessionHeaders(sessionId));
    expect(await served.json()).toMatchObject({ id: 3, result: { content: [{ text: 'small' }] } });
  });
});

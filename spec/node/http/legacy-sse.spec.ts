import { streamableHost } from './helpers/streamable-host.js';
import { callTool, initializeRequest, messagesOf, openLegacySession } from './helpers/raw-http.js';

describe('legacy HTTP+SSE (raw HTTP)', () => {
  const host = streamableHost();
  afterEach(() => host.stop());
  beforeEach(() => host.start());

  const postMessage = (endpoint: string, body: string, contentType?: string) =>
    fetch(endpoint, {
      method: 'POST',
      headers: contentType === undefined ? {} : { 'content-type': contentType },
      body,
    });

  it('answers 415 with a JSON-RPC error for a POST that is not application/json, and the session carries on', async () => {
    const { stream, endpoint } = await openLegacySession(host.running!.url);
    const initialize = JSON.stringify(initializeRequest(1));
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', undefined]) {
      const refused = await postMessage(endpoint, initialize, contentType);
      expect({ contentType, status: refused.status }).toEqual({ contentType, status: 415 });
      await expect(refused.json()).resolves.toMatchObject({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32000, message: expect.stringContaining('Content-Type') },
      });
    }
    const accepted = await postMessage(endpoint, initialize, 'application/json; charset=utf-8');
    expect(accepted.status).toBe(202);
    await accepted.text();
    await postMessage(
      endpoint,
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
      'application/json',
    );
    await (
      await postMessage(endpoint, JSON.stringify(callTool(2, 'echo', { text: 'after' })), 'application/json')
    ).text();
    const events = await stream.until((seen) =>
      messagesOf(seen.filter((event) => event.event === 'message')).some((message) => message['id'] === 2),
    );
    const messages = messagesOf(events.filter((event) => event.event === 'message'));
    expect(messages.map((message) => message['id'])).toEqual([1, 2]);
    expect(messages[1]).toMatchObject({ result: { content: [{ text: 'after' }] } });
    await stream.cancel();
  });
});

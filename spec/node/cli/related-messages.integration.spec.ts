// Under `rxmcp run` the user's module is loaded through tsx with its own copy of rxmcp's modules:
// what a tool sends while it runs (progress, sampling requests) must still reach the POST stream
// of the request it belongs to, with no standalone GET stream open.
import { ACCEPT_BOTH, callTool, LATEST, messagesOf, post, readSse, sessionHeaders } from '../http/helpers/raw-http.js';
import { BUILD_TIMEOUT_MS, serveEverythingCli, type ServedCli } from '../../everything/built-cli.js';

describe('rxmcp run: request-related messages', () => {
  let host: ServedCli | undefined;
  let url = '';
  let headers: Record<string, string> = {};

  beforeAll(async () => {
    host = await serveEverythingCli();
    url = `${host.url}/mcp`;
    const init = await post(url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: LATEST,
        capabilities: { sampling: {} },
        clientInfo: { name: 'raw', version: '0.0.0' },
      },
    });
    expect(init.status).toBe(200);
    await init.json();
    headers = sessionHeaders(init.headers.get('mcp-session-id')!);
    expect((await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers)).status).toBe(202);
  }, BUILD_TIMEOUT_MS);
  afterAll(() => host?.stop());

  it('sends a tool’s progress on the POST stream of its call', async () => {
    const response = await post(url, callTool(2, 'test_tool_with_progress', {}, 7), headers);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const messages = messagesOf(await readSse(response).done);
    expect(
      messages
        .filter((message) => message.method === 'notifications/progress')
        .map((message) => (message.params as { progress: number }).progress),
    ).toEqual([0, 50, 100]);
    expect(messages.at(-1)).toMatchObject({
      id: 2,
      result: { content: [{ type: 'text', text: 'Tool with progress executed successfully' }] },
    });
  });

  it('completes a sampling round trip on the POST stream of its call', async () => {
    const response = await post(url, callTool(3, 'test_sampling', { prompt: 'Say hi' }), headers);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const sse = readSse(response);
    const [sampling] = messagesOf(
      await sse.until((events) => messagesOf(events).some((message) => message.method === 'sampling/createMessage')),
    );
    expect(sampling).toMatchObject({
      method: 'sampling/createMessage',
      params: { messages: [{ role: 'user', content: { type: 'text', text: 'Say hi' } }] },
    });
    const answer = await post(
      url,
      {
        jsonrpc: '2.0',
        id: sampling!.id,
        result: { role: 'assistant', content: { type: 'text', text: 'hi' }, model: 'raw' },
      },
      { ...headers, accept: ACCEPT_BOTH },
    );
    expect(answer.status).toBe(202);
    const messages = messagesOf(await sse.done);
    expect(messages.at(-1)).toMatchObject({ id: 3, result: { content: [{ type: 'text', text: 'LLM response: hi' }] } });
  });
});

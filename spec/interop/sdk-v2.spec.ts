/**
 * Interop with the official TypeScript SDK v2 client (`@modelcontextprotocol/client`), in its
 * 2026-07-28 mode (`versionNegotiation: { mode: { pin: '2026-07-28' } }`, and `'auto'` which
 * probes with `server/discover`) and in its default legacy mode (the 2025 `initialize`
 * handshake), against the built `rxmcp run demo/everything-server.ts` over stdio and Streamable
 * HTTP. Each cell lists and calls tools (with progress), reads resources, gets prompts, and
 * answers an elicitation and a sampling request: as server→client requests on 2025 sessions, as
 * MRTR input rounds (`input_required`, fulfilled and retried by the client) on 2026-07-28.
 */
import {
  Client,
  StreamableHTTPClientTransport,
  type Transport,
  type VersionNegotiationMode,
} from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import {
  BUILD_TIMEOUT_MS,
  ensureBuiltCli,
  everythingServer,
  root,
  serveEverythingCli,
  type ServedCli,
} from '../everything/built-cli.js';

interface Cell {
  transport: 'stdio' | 'Streamable HTTP';
  mode: VersionNegotiationMode;
  era: 'modern' | 'legacy';
}

const cells: Cell[] = [
  { transport: 'stdio', mode: { pin: '2026-07-28' }, era: 'modern' },
  { transport: 'stdio', mode: 'auto', era: 'modern' },
  { transport: 'stdio', mode: 'legacy', era: 'legacy' },
  { transport: 'Streamable HTTP', mode: { pin: '2026-07-28' }, era: 'modern' },
  { transport: 'Streamable HTTP', mode: 'auto', era: 'modern' },
  { transport: 'Streamable HTTP', mode: 'legacy', era: 'legacy' },
];

const textOf = (result: { content?: unknown }) =>
  ((result.content as Array<{ type: string; text?: string }>)[0] ?? { type: 'none' }).text;

describe.each(cells)('official SDK v2 client ($mode) → rxmcp run over $transport', ({ transport, mode, era }) => {
  let client: Client;
  let served: ServedCli | undefined;
  const asked: string[] = [];

  beforeAll(async () => {
    const bin = await ensureBuiltCli();
    client = new Client(
      { name: 'sdk-v2-interop', version: '1.0.0' },
      {
        capabilities: { elicitation: { form: {} }, sampling: {} },
        versionNegotiation: { mode, probe: { timeoutMs: 10_000 } },
      },
    );
    client.setRequestHandler('elicitation/create', async (request) => {
      asked.push(`elicitation: ${request.params.message}`);
      return { action: 'accept', content: { username: 'ada', email: 'ada@example.com' } };
    });
    client.setRequestHandler('sampling/createMessage', async () => {
      asked.push('sampling');
      return { role: 'assistant', content: { type: 'text', text: 'Paris' }, model: 'fixture-model' };
    });
    let wire: Transport;
    if (transport === 'stdio') {
      wire = new StdioClientTransport({
        command: process.execPath,
        args: [bin, 'run', everythingServer],
        cwd: root,
        stderr: 'ignore',
      });
    } else {
      served = await serveEverythingCli();
      wire = new StreamableHTTPClientTransport(new URL(`${served.url}/mcp`));
    }
    await client.connect(wire);
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await client?.close();
    await served?.stop();
  });

  it(`negotiates the ${era} era`, () => {
    if (era === 'modern') expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    else expect(client.getNegotiatedProtocolVersion()).toBe('2025-11-25');
    expect(client.getServerVersion()?.name).toBeDefined();
  });

  it('lists tools and calls one with progress', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['test_simple_text', 'test_tool_with_progress', 'test_elicitation']),
    );
    expect(textOf(await client.callTool({ name: 'test_simple_text', arguments: {} }))).toBe(
      'This is a simple text response for testing.',
    );
    const progress: number[] = [];
    const result = await client.callTool(
      { name: 'test_tool_with_progress', arguments: {} },
      { onprogress: ({ progress: value }) => void progress.push(value) },
    );
    expect(textOf(result)).toBe('Tool with progress executed successfully');
    expect(progress).toEqual([0, 50, 100]);
  });

  it('lists and reads resources, through a template too', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toContain('test://static-text');
    const read = await client.readResource({ uri: 'test://static-text' });
    expect(read.contents[0]).toMatchObject({ uri: 'test://static-text', mimeType: 'text/plain' });
    const templated = await client.readResource({ uri: 'test://template/42/data' });
    expect(JSON.parse((templated.contents[0] as { text: string }).text)).toMatchObject({
      id: '42',
      templateTest: true,
    });
  });

  it('lists and gets prompts', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toEqual(
      expect.arrayContaining(['test_simple_prompt', 'test_prompt_with_arguments']),
    );
    const got = await client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'a', arg2: 'b' } });
    expect(got.messages[0]?.content).toMatchObject({ type: 'text', text: "Prompt with arguments: arg1='a', arg2='b'" });
  });

  it(`answers an elicitation and a sampling request (${era === 'modern' ? 'MRTR input rounds' : 'server→client requests'})`, async () => {
    asked.length = 0;
    const elicited = await client.callTool({ name: 'test_elicitation', arguments: { message: 'Who are you?' } });
    expect(textOf(elicited)).toBe('User response: action=accept, content={"username":"ada","email":"ada@example.com"}');
    const sampled = await client.callTool({ name: 'test_sampling', arguments: { prompt: 'Capital of France?' } });
    expect(textOf(sampled)).toBe('LLM response: Paris');
    expect(asked).toEqual(['elicitation: Who are you?', 'sampling']);
  });
});

/**
 * The 2026-07-28 client scenarios of conformance α12 (outside auth and the extensions): one
 * McpClient with `versionNegotiation: 'auto'` over Streamable HTTP — it probes with
 * `server/discover` and speaks whichever era the scenario's server answers in.
 */
import { lastValueFrom } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import { createStreamableHttpClientTransport } from '../../lib/transport/http/index.js';
import { holdingConnection } from './hold-connection.js';
import type { ClientScenario } from './types.js';

function autoClient(url: URL): McpClient {
  return new McpClient(() => createStreamableHttpClientTransport(url), {
    clientInfo: { name: 'rxmcp-everything-client', version: '1.0.0' },
    versionNegotiation: 'auto',
    handlers: {
      elicitation: () => ({ action: 'accept', content: { confirmed: true } }),
      sampling: () => ({ role: 'assistant', content: { type: 'text', text: 'ok' }, model: 'none' }),
      roots: () => [],
    },
  });
}

const withClient = (work: (client: McpClient) => Promise<unknown>): ClientScenario =>
  holdingConnection(autoClient, work);

/** The tool calls the suite passes in `MCP_CONFORMANCE_CONTEXT`, if any. */
function contextToolCalls(): Array<{ name: string; arguments?: Record<string, unknown> }> {
  const context = JSON.parse(process.env['MCP_CONFORMANCE_CONTEXT'] ?? '{}') as {
    toolCalls?: Array<{ name: string; arguments?: Record<string, unknown> }>;
  };
  return context.toolCalls ?? [];
}

async function callEach(
  client: McpClient,
  calls: Array<{ name: string; arguments?: Record<string, unknown> }>,
): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const call of calls) results.push(await lastValueFrom(client.callTool(call)));
  return results;
}

export const modernScenarios: Record<string, ClientScenario> = {
  // The scenario's server announces no capabilities: ping (server/discover in this era) is what it serves.
  'request-metadata': withClient((client) => lastValueFrom(client.ping())),
  'sep-2322-client-request-state': withClient(async (client) =>
    callEach(
      client,
      ['test_mrtr_echo_state', 'test_mrtr_unrelated', 'test_mrtr_no_state', 'test_mrtr_no_result_type'].map((name) => ({
        name,
        arguments: {},
      })),
    ),
  ),
  'http-standard-headers': withClient(async (client) => {
    const [tool] = await lastValueFrom(client.listTools());
    const [resource] = await lastValueFrom(client.listResources());
    const [prompt] = await lastValueFrom(client.listPrompts());
    return [
      await lastValueFrom(client.callTool({ name: tool!.name, arguments: {} })),
      await lastValueFrom(client.readResource(resource!.uri)),
      await lastValueFrom(client.getPrompt(prompt!.name)),
    ];
  }),
  'http-custom-headers': withClient(async (client) => {
    await lastValueFrom(client.listTools());
    return callEach(client, contextToolCalls());
  }),
  'http-invalid-tool-headers': withClient(async (client) => {
    const tools = await lastValueFrom(client.listTools());
    return callEach(
      client,
      tools.map((tool) => ({ name: tool.name, arguments: { region: 'us-west1' } })),
    );
  }),
  'json-schema-ref-no-deref': withClient((client) => lastValueFrom(client.listTools())),
  'json-schema-2020-12-preservation': withClient(async (client) => {
    const tools = await lastValueFrom(client.listTools());
    const focal = tools.find((tool) => tool.name === 'json_schema_2020_12_tool');
    if (!focal) throw new Error('json_schema_2020_12_tool is not listed');
    return lastValueFrom(client.callTool({ name: 'json_schema_echo', arguments: { schema: focal.inputSchema } }));
  }),
};

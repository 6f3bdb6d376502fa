/**
 * The client the official conformance suite (0.1.16) drives:
 * `npx tsx demo/everything-client.ts <server-url>` with the scenario in `MCP_CONFORMANCE_SCENARIO`.
 * Each scenario is a few lines of McpClient; the process exits 0 when the scenario's work succeeded.
 */
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { McpClient } from '../lib/client/index.js';
import { createStreamableHttpClientTransport } from '../lib/transport/http/index.js';

const url = new URL(process.argv[process.argv.length - 1]!);
const scenario = process.env['MCP_CONFORMANCE_SCENARIO'] ?? 'initialize';

const client = new McpClient(() => createStreamableHttpClientTransport(url), {
  clientInfo: { name: 'rxmcp-everything-client', version: '1.0.0' },
  handlers: {
    // Accept every form with what the user left empty: the client fills in the schema's defaults (SEP-1034).
    elicitation: () => ({ action: 'accept', content: {} }),
  },
});

const scenarios: Record<string, () => Promise<unknown>> = {
  initialize: () => firstValueFrom(client.connection$),
  tools_call: () => lastValueFrom(client.callTool({ name: 'add_numbers', arguments: { a: 5, b: 3 } })),
  'elicitation-sep1034-client-defaults': () => lastValueFrom(client.callTool({ name: 'test_client_elicitation_defaults', arguments: {} })),
  'sse-retry': () => lastValueFrom(client.callTool({ name: 'test_reconnection', arguments: {} })),
};

async function run(): Promise<number> {
  const work = scenarios[scenario];
  if (!work) {
    process.stderr.write(`everything-client: unknown scenario ${scenario}\n`);
    return 1;
  }
  // Hold one connection for the whole scenario, so every call shares the session.
  const connection = client.connect();
  try {
    await firstValueFrom(client.connection$);
    const result = await work();
    process.stdout.write(`${scenario}: ${JSON.stringify(result)}\n`);
    return 0;
  } finally {
    connection.unsubscribe();
  }
}

run().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`everything-client: ${scenario} failed: ${error.message}\n`);
    process.exitCode = 1;
  },
);

/** The 2025-era client scenarios: one McpClient over Streamable HTTP, one session per scenario. */
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import { createStreamableHttpClientTransport } from '../../lib/transport/http/index.js';
import { holdingConnection } from './hold-connection.js';
import type { ClientScenario } from './types.js';

function everythingClient(url: URL): McpClient {
  return new McpClient(() => createStreamableHttpClientTransport(url), {
    clientInfo: { name: 'rxmcp-everything-client', version: '1.0.0' },
    // Whichever era the suite's server speaks (tools_call runs at 2025-11-25 and at 2026-07-28).
    versionNegotiation: 'auto',
    handlers: {
      // Accept every form with what the user left empty: the client fills in the schema's defaults (SEP-1034).
      elicitation: () => ({ action: 'accept', content: {} }),
    },
  });
}

/** Holds one connection for the whole scenario, so every call shares the session. */
export const withSession = (work: (client: McpClient) => Promise<unknown>): ClientScenario =>
  holdingConnection(everythingClient, work);

export const coreScenarios: Record<string, ClientScenario> = {
  initialize: withSession((client) => firstValueFrom(client.connection$)),
  tools_call: withSession((client) =>
    lastValueFrom(client.callTool({ name: 'add_numbers', arguments: { a: 5, b: 3 } })),
  ),
  'elicitation-sep1034-client-defaults': withSession((client) =>
    lastValueFrom(client.callTool({ name: 'test_client_elicitation_defaults', arguments: {} })),
  ),
  'sse-retry': withSession((client) => lastValueFrom(client.callTool({ name: 'test_reconnection', arguments: {} }))),
};

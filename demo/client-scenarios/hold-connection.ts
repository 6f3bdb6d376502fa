/** Runs a scenario's work on one McpClient that holds its connection for the whole scenario. */
import { firstValueFrom } from 'rxjs';
import type { McpClient } from '../../lib/client/index.js';
import type { ClientScenario } from './types.js';

export function holdingConnection(
  create: (url: URL) => McpClient,
  work: (client: McpClient) => Promise<unknown>,
): ClientScenario {
  return async (url) => {
    const client = create(url);
    const connection = client.connect();
    try {
      await firstValueFrom(client.connection$);
      return await work(client);
    } finally {
      connection.unsubscribe();
    }
  };
}
